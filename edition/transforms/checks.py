"""Cross-checks over the resolved edition: an ``Edition`` in, diagnostics out.

What one field cannot tell alone: duplicate ids (and document ids that the
edition's own pages use for their anchors), a variant spelling claimed by
two persons, ``see_also`` naming nobody, authority entries the edition never
mentions, note texts that cite a note the edition lacks ("see Note 28 supra").
"""
from __future__ import annotations

import re

from .. import anchors
from ..diagnostics import Diagnostics, did_you_mean
from ..model import Person, Document, Edition, PersonMention, document_texts, plain_text, walk_inlines

NOTE_REFERENCE = re.compile(r"\b[Nn]otes?\s+(\d+)(?:\s+(supra|infra|above|below))?")
RESERVED_IDS = anchors.RESERVED  # anchors of the edition's own pages: a document's anchors begin with its id


def check_edition(edition: Edition, diags: Diagnostics) -> None:
    _check_persons(edition, diags)
    ids: dict[str, Document] = {}
    for doc in edition.documents:
        if doc.id in ids:
            diags.error(doc.pos, f'duplicate document id "{doc.id}"', code="duplicate-id")
        if doc.id in RESERVED_IDS:
            diags.error(doc.pos, f'the document id "{doc.id}" (its file name) names a part of the edition\'s own '
                                 f'pages, so links to it would be ambiguous: rename the file', code="reserved-id")
        ids[doc.id] = doc
        _check_note_references(doc, diags, edition)


def mentioned_person_ids(edition: Edition) -> set[str]:
    found: set[str] = set()
    for doc in edition.documents:
        found.update(pid for pid, _ in doc.participants)
        found.update(g.person_id for g in doc.guests)
        for nodes in document_texts(doc):
            found.update(n.person_id for n in walk_inlines(nodes) if isinstance(n, PersonMention))
    return found


def _check_persons(edition: Edition, diags: Diagnostics) -> None:
    by_id: dict[str, Person] = {}
    claimed: dict[str, str] = {}
    for person in edition.persons:
        if person.id in by_id:
            diags.error(person.pos, f'duplicate person id "{person.id}" (first at line {by_id[person.id].pos.line})',
                        code="duplicate-id")
            continue
        by_id[person.id] = person
    for person in by_id.values():
        for form in person.name_forms:
            owner = claimed.setdefault(form, person.id)
            if owner != person.id:
                at = next((v.pos for v in person.variants if v.form == form), person.pos)
                diags.error(at, f'the name form "{form}" is claimed by both "{owner}" and "{person.id}"',
                            code="variant-claimed")
        for other in person.see_also:
            if other not in by_id:
                diags.error(person.pos, f'see_also names unknown person "{other}"{did_you_mean(other, by_id)}',
                            code="person-unknown")
    if edition.unread:  # a document that could not be read may mention them: its error is the one to fix
        return
    mentioned = mentioned_person_ids(edition)
    for person in by_id.values():
        if person.id not in mentioned:
            diags.warning(person.pos, f'person "{person.id}" is never mentioned in the edition', code="unmentioned")


def _check_note_references(doc: Document, diags: Diagnostics, edition: Edition) -> None:
    """Note texts citing "Note 28 supra": the number must be one this edition prints, or be declared as
    another numbering's (``external_notes``: one the edition lacks, or mapped to a note of this document)."""
    if edition.meta.note_numbering == "continuous":
        numbers = {int(n.label) for d in edition.documents for n in d.notes}
    else:
        numbers = {int(n.label) for n in doc.notes}
    for note in doc.notes:
        text = plain_text(note.content)
        for m in NOTE_REFERENCE.finditer(text):
            cited = int(m.group(1))
            if cited in dict(note.mapped_notes):
                continue  # another numbering's note, mapped to this document's own (printed with a gloss)
            if cited not in numbers and cited not in note.external_notes:
                where = f" {m.group(2)}" if m.group(2) else ""
                diags.warning(note.pos, f'note {note.label} refers to "Note {m.group(1)}{where}", which this '
                                        f'edition does not contain', code="note-reference")
        cited_numbers = {int(m.group(1)) for m in NOTE_REFERENCE.finditer(text)}
        for theirs, own in note.mapped_notes:
            if theirs not in cited_numbers:
                diags.warning(note.pos, f'note {note.label} maps note {theirs} of another numbering to note {own}, '
                                        f'but its text cites no "Note {theirs}": no gloss is printed',
                              code="note-reference")
