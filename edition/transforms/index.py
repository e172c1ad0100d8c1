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

import unicodedata
from dataclasses import dataclass
from itertools import groupby
from typing import Callable, Iterable

import pyuca

from ..model import CONTAINERS, Document, Edition, Inline, Person, PersonMention, plain_text

EN_DASH = "\u2013"
_COLLATOR = pyuca.Collator()


@dataclass(frozen=True)
class Mention:
    person_id: str
    anchor: str
    document_id: str
    note: int | None  # the note number when the mention stands in a note
    form: str  # the words as the text has them


@dataclass(frozen=True)
class Locator:
    """One printed locator: a page or range, perhaps with notes, linked to an anchor on its first page."""

    text: str
    first_page: int
    last_page: int
    notes: tuple[int, ...]
    anchor: str


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


def fold(text: str) -> str:
    """Case- and diacritic-free form for comparisons (ł and ø fold to l and o too)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(str.maketrans("łŁøØđĐıß", "lLoOdDis")).casefold()


def sort_key(heading: str):
    """Word-by-word collation key: each word compared by UCA, diacritics second to letters."""
    words = heading.replace(",", " ").split()
    return tuple(_COLLATOR.sort_key(w.casefold()) for w in words), _COLLATOR.sort_key(heading)


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
        texts: list[tuple[tuple[Inline, ...], int | None]] = [(doc.title, None)]
        texts += [(p.content, None) for p in doc.summary]
        for s in doc.sections:
            texts.append((s.heading, None))
            for b in s.blocks:
                texts += [(b.speaker, None), (b.content, None)]
        texts += [(n.content, n.number) for n in doc.notes]
        for nodes, note in texts:
            out.extend(_mentions_in(nodes, doc, note))
    return tuple(out)


def participant_anchor(doc: Document, person_id: str) -> str:
    return f"{doc.id}-part-{person_id}"


def guest_anchor(doc: Document, person_id: str) -> str:
    return f"{doc.id}-guest-{person_id}"


def _mentions_in(nodes: tuple[Inline, ...], doc: Document, note: int | None) -> Iterable[Mention]:
    for node in nodes:
        if isinstance(node, PersonMention):
            yield Mention(node.person_id, node.anchor, doc.id, note, plain_text(node.children))
        if isinstance(node, CONTAINERS):
            yield from _mentions_in(node.children, doc, note)

# ----------------------------------------------------------------- locators


def abbreviate_range(first: int, last: int) -> str:
    """Inclusive numbers as the Chicago Manual of Style abbreviates them (9.64): 3–10, 101–8, 321–28."""
    if first == last:
        return str(first)
    a, b = str(first), str(last)
    if first < 100 or first % 100 == 0 or len(a) != len(b):
        return f"{a}{EN_DASH}{b}"
    if first % 100 < 10:  # 101 through 109: the changed part only
        i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
        return f"{a}{EN_DASH}{b[i:]}"
    # 110 through 199: two digits, or more as needed
    i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
    return f"{a}{EN_DASH}{b[min(i, len(b) - 2):]}"


def _note_runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def format_locators(places: Iterable[tuple[int, int | None, str]]) -> tuple[Locator, ...]:
    """Locators from (page, note or None, anchor) triples.

    A page where the person is named in the text is cited alone; a page where
    they appear only in notes is cited with the note numbers ("3n4",
    "5nn3–4"; separate runs as "5n2, 5n7").  Consecutive text pages form a range.
    """
    text_pages: dict[int, str] = {}
    note_pages: dict[int, dict[int, str]] = {}
    for page, note, anchor in places:
        if note is None:
            text_pages.setdefault(page, anchor)
        else:
            note_pages.setdefault(page, {}).setdefault(note, anchor)
    items: list[Locator] = []
    for _, run in groupby(enumerate(sorted(text_pages)), key=lambda t: t[1] - t[0]):
        pages = [p for _, p in run]
        items.append(Locator(abbreviate_range(pages[0], pages[-1]), pages[0], pages[-1], (), text_pages[pages[0]]))
    for page, notes in note_pages.items():
        if page in text_pages:
            continue  # the page is cited for the text already
        for run in _note_runs(list(notes)):
            text = f"{page}n{run[0]}" if len(run) == 1 else f"{page}nn{run[0]}{EN_DASH}{run[-1]}"
            items.append(Locator(text, page, page, tuple(run), notes[run[0]]))
    return tuple(sorted(items, key=lambda loc: (loc.first_page, loc.notes)))

# ----------------------------------------------------------------- entries


def build_index(edition: Edition, mentions: tuple[Mention, ...], folio_of: Callable[[str], int | None]
                ) -> tuple[IndexEntry, ...]:
    """The index entries, sorted, from the mentions and the printed folio of each anchor."""
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
        entries.append(IndexEntry(person.index_form, pid, format_locators(where), see_also,
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


def index_records(entries: tuple[IndexEntry, ...], persons: dict[str, Person]) -> list[dict]:
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
