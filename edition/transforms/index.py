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

import re
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable, Iterable


from .. import anchors
from ..model import Document, Edition, Inline, Person, PersonMention, document_runs, plain_text, walk_inlines
from ..text import fold
from .locators import Locator, abbreviate_range, format_locators  # noqa: F401  (abbreviate_range: part of the API)



class _Collation:
    """The Unicode Collation Algorithm (pyuca), its table read only for the characters it is asked to sort.

    pyuca reads its whole table (some 30,000 lines of ``allkeys.txt``) into a trie, 0.2 s of every build
    with an index.  A key is made from the code points of the string (decomposed) alone, so a table of
    the lines whose code points all occur in the strings gives the very same keys: the table is read
    for the characters of the headings to sort (``cover``), and read again, for more characters, when a
    string brings new ones."""

    def __init__(self) -> None:
        self.chars: frozenset[str] = frozenset()
        self.collator: Any = None

    def cover(self, texts: Iterable[str]) -> Any:
        needed = frozenset(c for text in texts for form in (text, text.casefold())
                           for c in unicodedata.normalize("NFD", form))
        if self.collator is None or not needed <= self.chars:
            self.chars |= needed
            self.collator = _table_for(self.chars)
        return self.collator


def _table_for(chars: frozenset[str]) -> Any:
    """pyuca's collator (the class and table pyuca picks for this Python) read from the lines of its table
    that the characters ``chars`` can use (and the implicit weights)."""
    import pyuca
    wanted = {f"{ord(c):04X}" for c in chars}
    table = (files("pyuca") / f"allkeys-{pyuca.Collator.UCA_VERSION}.txt").read_text(encoding="utf-8")
    # the lines whose first code point is wanted (a regular expression finds them at C speed), then those
    # whose every code point is
    starts = "|".join(["@implicitweights", *(f"{cp}[ ;]" for cp in sorted(wanted))])
    found = re.findall(rf"^(?:{starts})[^\n]*\n", table, re.M)
    lines = [line for line in found
             if line.startswith("@") or all(cp in wanted for cp in line.partition(";")[0].split())]
    try:
        with tempfile.TemporaryDirectory(prefix="edition-uca-") as folder:  # pyuca reads its table from a file
            path = Path(folder) / "allkeys.txt"
            path.write_text("".join(lines), encoding="utf-8")
            return pyuca.Collator(str(path))
    except OSError:  # no temporary folder to write in: the whole table, slower, the same keys
        return pyuca.Collator()


_COLLATION = _Collation()


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


SortKey = tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]


def sort_key(heading: str) -> SortKey:
    """Word-by-word collation key: each word compared by UCA, diacritics second to letters."""
    words = heading.replace(",", " ").split()
    collator = _COLLATION.cover((heading,))
    return tuple(collator.sort_key(w.casefold()) for w in words), collator.sort_key(heading)


def sort_keys(headings: Iterable[str]) -> dict[str, SortKey]:
    """The key of each heading, the collation table read once for all of them."""
    headings = list(headings)
    _COLLATION.cover(headings)
    return {heading: sort_key(heading) for heading in headings}


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
    keys = sort_keys(e.heading for e in unique.values())
    return tuple(sorted(unique.values(), key=lambda e: (keys[e.heading], e.person_id is None)))


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
