"""Editorial glosses on another numbering's notes: an ``Edition`` in, the same edition with the glosses printed.

A translation taken from a journal cites the journal's note numbers: Malin's
notes in the CWIHP Bulletin run on from the previous documents, so its "Note
33 infra" is this document's note 9.  A note that maps such numbers
(``external_notes: {33: 9}``) gets, after each citation of one of them, the
editor's gloss in square brackets, linked to the note it stands for::

    Note 33 infra   ->   Note 33 [= n. 9] infra

The gloss is ``Supplied`` (the editor's words, in brackets) holding a
``CrossRef`` to the note that prints no page.  The source text is not changed;
the gloss is for print only (``pipeline.load`` applies it with the typography).
"""
from __future__ import annotations

from dataclasses import replace

from ..model import CrossRef, Document, Edition, Inline, Note, Supplied, Text, rewrite_inlines
from .checks import NOTE_REFERENCE

NBSP = "\u00a0"


def gloss_edition(edition: Edition) -> Edition:
    return replace(edition, documents=tuple(_document(d) for d in edition.documents))


def _document(doc: Document) -> Document:
    if not any(note.mapped_notes for note in doc.notes):
        return doc
    by_number = {note.number: note for note in doc.notes}
    notes = tuple(_note(note, doc, by_number) for note in doc.notes)
    return replace(doc, notes=notes)


def _note(note: Note, doc: Document, by_number: dict[int, Note]) -> Note:
    if not note.mapped_notes:
        return note
    targets = {theirs: by_number[own] for theirs, own in note.mapped_notes if own in by_number}

    def visit(node: Inline) -> Inline | list[Inline] | None:
        if isinstance(node, Text):
            return _glossed(node, targets, doc) or None
        return None

    return replace(note, content=rewrite_inlines(note.content, visit))


def _glossed(text: Text, targets: dict[int, Note], doc: Document) -> list[Inline]:
    """The text cut after each cited number that ``targets`` maps, with the gloss between; [] when none."""
    out: list[Inline] = []
    last = 0
    for m in NOTE_REFERENCE.finditer(text.value):
        target = targets.get(int(m.group(1)))
        if target is None:
            continue
        end = m.end(1)
        out.append(replace(text, value=text.value[last:end] + " "))
        out.append(gloss(target, doc, text))
        last = end
    if not out:
        return []
    out.append(replace(text, value=text.value[last:]))
    return out


def gloss(target: Note, doc: Document, at: Text) -> Supplied:
    """"[= n. 9]", linked to note 9 (positioned at the text it glosses)."""
    label = f"n.{NBSP}{target.label}"
    link = CrossRef("note", doc.id, str(target.number), (Text(label, at.pos),), at.pos, anchor=target.anchor,
                    label=f"note {target.label}", page=False)
    return Supplied((Text(f"={NBSP}", at.pos), link), at.pos)
