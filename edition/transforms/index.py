"""Index of names: mentions and laid-out pages in, sorted index entries out.

``collect_mentions`` walks the model (participants, guests, title, summary,
headings, speakers, paragraphs, notes) and lists every person mention with
its anchor and, for mentions inside a note, the note's number.
``build_index`` takes those mentions and the printed folio of each anchor
(read from the laid-out pages, never estimated) and gives the entries in
Chicago style: de-duplicated page locators, runs of text pages collapsed into
ranges, ``3n4`` / ``5nn3–4`` for mentions in notes only, "See" references
for variant spellings that the text uses and that readers would look up
elsewhere, and "See also" where the authority asks for it.

Sorting is word by word ("Liu Shaoqi" before "Liuba"), by the Unicode
Collation Algorithm (pyuca), ignoring diacritics at the first level, so that
Gomułka files under G and Hegedüs under H.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable


from .. import anchors
from ..model import Document, Edition, Inline, Person, PersonMention, document_runs, plain_text, walk_inlines
from ..text import fold
from .locators import Locator, abbreviate_range, format_locators  # noqa: F401  (abbreviate_range: part of the API)



@lru_cache(maxsize=1)
def _collator() -> Any:
    """The Unicode Collation Algorithm's table (pyuca): read once, and only when something is sorted."""
    import pyuca
    return pyuca.Collator()


@dataclass(frozen=True)
class Mention:
    person_id: str
    anchor: str
    document_id: str
    note: int | None  # the note number when the mention stands in a note
    form: str  # the words as the text has them


@dataclass(frozen=True)
class CrossReference:
    see: str  # "See" or "See also"
    target_id: str
    target_heading: str


@dataclass(frozen=True)
class IndexEntry:
    heading: str
    person_id: str | None  # None for a "See" entry
    locators: tuple[Locator, ...]
    see: tuple[CrossReference, ...]
    group: str


# ----------------------------------------------------------------- collation


def sort_key(heading: str) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """Word-by-word collation key: each word compared by UCA, diacritics second to letters."""
    words = heading.replace(",", " ").split()
    collator = _collator()
    return tuple(collator.sort_key(w.casefold()) for w in words), collator.sort_key(heading)


def letter_group(heading: str) -> str:
    first = fold(heading.strip())[:1].upper()
    return first if first.isalpha() else "#"

# ----------------------------------------------------------------- mentions


def collect_mentions(edition: Edition) -> tuple[Mention, ...]:
    out: list[Mention] = []
    for doc in edition.documents:
        for pid, _pos in doc.participants:
            out.append(Mention(pid, participant_anchor(doc, pid), doc.id, None, ""))
        for g in doc.guests:
            out.append(Mention(g.person_id, guest_anchor(doc, g.person_id), doc.id, None, ""))
        for nodes, note in document_runs(doc):
            out.extend(_mentions_in(nodes, doc, note.number if note is not None else None))
    return tuple(out)


def participant_anchor(doc: Document, person_id: str) -> str:
    return anchors.participant(doc.id, person_id)


def guest_anchor(doc: Document, person_id: str) -> str:
    return anchors.guest(doc.id, person_id)


def _mentions_in(nodes: tuple[Inline, ...], doc: Document, note: int | None) -> Iterable[Mention]:
    for node in walk_inlines(nodes):
        if isinstance(node, PersonMention):
            yield Mention(node.person_id, node.anchor, doc.id, note, plain_text(node.children))

# ----------------------------------------------------------------- entries


def build_index(edition: Edition, mentions: tuple[Mention, ...], folio_of: Callable[[str], int | None],
                lines: dict[str, int] | None = None) -> tuple[IndexEntry, ...]:
    """The index entries, sorted, from the mentions and the printed folio of each anchor (and, where the
    design cites lines, the line of each mention in a document whose lines are numbered)."""
    persons = {p.id: p for p in edition.persons}
    places: dict[str, list[tuple[int, int | None, str]]] = {}
    forms_used: dict[str, set[str]] = {}
    for m in mentions:
        page = folio_of(m.anchor)
        if page is None:
            raise LookupError(f"mention {m.anchor} of {m.person_id} is not on any laid-out page")
        places.setdefault(m.person_id, []).append((page, m.note, m.anchor))
        if m.form:
            forms_used.setdefault(m.person_id, set()).add(m.form)
    entries: list[IndexEntry] = []
    for pid, where in places.items():
        person = persons[pid]
        see_also = tuple(CrossReference("See also", other, persons[other].index_form)
                         for other in person.see_also if other in places)
        entries.append(IndexEntry(person.index_form, pid, format_locators(where, lines), see_also,
                                  letter_group(person.index_form)))
        for form in sorted(forms_used.get(pid, ())):
            if _needs_see_reference(person, form):
                entries.append(IndexEntry(form, None, (), (CrossReference("See", pid, person.index_form),),
                                          letter_group(form)))
    unique = {(e.heading, e.person_id): e for e in entries}
    return tuple(sorted(unique.values(), key=lambda e: (sort_key(e.heading), e.person_id is None)))


def _needs_see_reference(person: Person, form: str) -> bool:
    """A variant the text uses that is more than a diacritic away from the heading, and no misspelling."""
    variant = next((v for v in person.variants if v.form == form), None)
    if variant is None or variant.misspelling:
        return False
    own = {fold(person.surname), fold(person.display_name), fold(person.index_form)}
    return fold(form) not in own


def index_records(entries: tuple[IndexEntry, ...], persons: dict[str, Person]) -> list[dict[str, Any]]:
    """Plain records for export (JSON, CSV, Markdown): the edge where dicts are allowed."""
    records = []
    for e in entries:
        person = persons.get(e.person_id) if e.person_id else None
        records.append({
            "heading": e.heading,
            "id": e.person_id,
            "group": e.group,
            "life_dates": person.life_dates if person else "",
            "identification": person.identification if person else "",
            "locators": [{"text": loc.text, "first_page": loc.first_page, "last_page": loc.last_page,
                          "notes": list(loc.notes)} for loc in e.locators],
            "see": [{"kind": x.see, "id": x.target_id, "heading": x.target_heading} for x in e.see],
        })
    return records
