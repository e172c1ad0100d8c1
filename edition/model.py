"""The document model: typed, immutable classes with a source position on every node.

Takes nothing; gives the classes the reader builds and every later stage reads.
Dicts appear only at the edges (YAML in, JSON out); inside, the edition is
these frozen dataclasses.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace as _replace
from typing import Callable, Iterator, Literal, Sequence, Union

from .design import Design
from .diagnostics import SourcePos

# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True, slots=True)
class RawText:
    """The raw source text of a YAML scalar and where it starts: maps offsets to positions and back."""

    pos: SourcePos
    raw: str
    line_ends: tuple[int, ...] = field(default=(), compare=False, repr=False)  # offsets of "\n": lookups bisect

    def __post_init__(self) -> None:
        if not self.line_ends and "\n" in self.raw:
            object.__setattr__(self, "line_ends", tuple(m.start() for m in re.finditer("\n", self.raw)))

    def position(self, offset: int) -> SourcePos:
        newlines = bisect_right(self.line_ends, offset - 1)
        if newlines == 0:
            return SourcePos(self.pos.path, self.pos.line, self.pos.col + offset)
        return SourcePos(self.pos.path, self.pos.line + newlines, offset - self.line_ends[newlines - 1])

    def offset(self, pos: SourcePos) -> int:
        if pos.line == self.pos.line:
            return max(0, pos.col - self.pos.col)
        if pos.line - self.pos.line > len(self.line_ends):
            return len(self.raw)
        return self.line_ends[pos.line - self.pos.line - 1] + pos.col


@dataclass(frozen=True, slots=True)
class Text:
    value: str
    pos: SourcePos
    origin: RawText | None = field(default=None, compare=False, repr=False)  # for positions inside the text


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple["Inline", ...]
    pos: SourcePos


@dataclass(frozen=True, slots=True)
class NoteCall:
    """A note's call in the text; it carries the note it calls."""

    note: "Note"
    pos: SourcePos


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A stretch of text naming a person of the authority.

    ``explicit`` is true when the editor marked it (``[text]{person=id}``),
    false when the authority's names and variants found it.
    """

    person_id: str
    children: tuple["Inline", ...]
    pos: SourcePos
    explicit: bool = False
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Supplied:
    """Text the editor supplies, printed in square brackets."""

    children: tuple["Inline", ...]
    pos: SourcePos


@dataclass(frozen=True, slots=True)
class Sic:
    """Text kept as the source has it although it errs; ``correction`` is what it should read."""

    children: tuple["Inline", ...]
    pos: SourcePos
    correction: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """Illegible or missing text in the original."""

    pos: SourcePos
    reason: str = "illegible"
    extent: str = ""


@dataclass(frozen=True, slots=True)
class Milestone:
    """A break of the original's folio or page, e.g. ``l. 53ob``."""

    unit: str
    n: str
    pos: SourcePos


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A reference by id to a note, a document or a section, printed with its number and page.

    ``kind`` is note | doc | section; ``document`` the target's document id
    (empty: the document it stands in, until the reference transform fills it
    in); ``target`` the note number or section id.  The transform sets
    ``anchor`` and ``label`` ("note 33", "Document 3", the section's heading).
    """

    kind: str
    document: str
    target: str
    children: tuple["Inline", ...]
    pos: SourcePos
    anchor: str = ""
    label: str = ""
    page: bool = True  # print the target's page after the label ("note 9, p. 3"); an editorial gloss does not


ReadingKind = Literal["rdg", "om", "add"]


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of an apparatus entry and the witnesses that have it (their sigla, in the source's order).

    ``kind`` is "rdg" (``text`` replaces the lemma), "om" (the witnesses omit the
    lemma; ``text`` is empty) or "add" (the witnesses read the lemma and then
    ``text``).  ``witness_pos`` gives where each siglum stands in the source.
    """

    text: str
    witnesses: tuple[str, ...]
    kind: ReadingKind
    pos: SourcePos
    witness_pos: tuple[SourcePos, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class App:
    """An entry of the critical apparatus: the lemma (its inlines, the base text) and the witnesses' readings.

    ``lemma_witnesses`` are the sigla given for the lemma (``lem="N E"``; empty: not
    stated), ``note`` the editor's note in the entry; the numbering transform sets
    ``anchor`` (``<document id>-a<k>``).
    """

    children: tuple["Inline", ...]
    readings: tuple[Reading, ...]
    lemma_witnesses: tuple[str, ...]
    note: str
    pos: SourcePos
    anchor: str = ""
    lemma_pos: SourcePos | None = field(default=None, compare=False, repr=False)  # where lem="..." stands


Inline = Union[Text, Emphasis, NoteCall, PersonMention, Supplied, Sic, Gap, Milestone, CrossRef, App]
CONTAINERS = (Emphasis, PersonMention, Supplied, Sic, CrossRef, App)

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Note:
    """A note (here: the translator's notes), numbered as in the source."""

    number: int
    label: str
    content: tuple[Inline, ...]
    pos: SourcePos
    anchor: str = ""
    external_notes: tuple[int, ...] = ()  # note numbers it cites from another numbering that this edition lacks
    series: str = "notes"  # its series in ``series.SERIES``
    # note numbers it cites from another numbering, each with the number of this document's note it stands for
    # (``external_notes: {33: 9}``: the CWIHP Bulletin's note 33 is this document's note 9)
    mapped_notes: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; a speaker's turn names the speaker, an annotation is a note in the original's margin."""

    content: tuple[Inline, ...]
    pos: SourcePos
    speaker: tuple[Inline, ...] = ()
    kind: str = "paragraph"  # paragraph | annotation


@dataclass(frozen=True, slots=True)
class Section:
    heading: tuple[Inline, ...]
    blocks: tuple[Paragraph, ...]
    pos: SourcePos
    anchor: str = ""
    level: int = 1


CitationForm = Literal["", "russian", "british", "us", "hungarian", "chinese"]


@dataclass(frozen=True, slots=True)
class Citation:
    """The archival source note, as structured fields and exactly as the source gives it.

    The fields are generic, for any archive (``edition/citation.py`` reads them and
    prints them): ``repository`` (the archive), ``collection`` (fond, record group,
    fonds), ``series`` (opis, series), ``file`` (delo, file, piece), ``item``, ``box``,
    ``folder`` and ``folios`` (listy, folio or page ranges).  ``form`` names the
    national convention the shelfmark is printed in ("" for none).
    """

    as_given: str
    pos: SourcePos
    repository: str = ""
    collection: str = ""
    series: str = ""
    file: str = ""
    item: str = ""
    box: str = ""
    folder: str = ""
    folios: tuple[str, ...] = ()
    compiler: str = ""
    published: str = ""
    digital_archive: str = ""
    url: str = ""
    form: CitationForm = ""


@dataclass(frozen=True, slots=True)
class Witness:
    """A witness of a document's text (a manuscript copy, a draft, a translation) for the critical apparatus:
    its siglum (letters and digits), a description, and where it is kept (optional)."""

    siglum: str
    description: str
    citation: Citation | None
    pos: SourcePos


@dataclass(frozen=True, slots=True)
class Guest:
    person_id: str
    affiliation: str
    pos: SourcePos


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    path: str
    pos: SourcePos
    title: tuple[Inline, ...]
    title_text: str
    short_title: str
    date: _dt.date
    dateline: str
    citation: Citation
    summary: tuple[Paragraph, ...]
    original_language: str
    contents: str
    language: str
    participants: tuple[tuple[str, SourcePos], ...]
    guests: tuple[Guest, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    notes_heading: str = "Notes"
    number: int = 0
    witnesses: tuple[Witness, ...] = ()
    interventions: tuple[Paragraph, ...] = ()  # the editor's interventions in this document, each a paragraph

# ---------------------------------------------------------------- persons


@dataclass(frozen=True, slots=True)
class Variant:
    form: str
    pos: SourcePos
    misspelling: bool = False


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    surname: str
    forenames: str
    pos: SourcePos
    index_form: str
    display_name: str
    surname_first: bool = False
    born: str = ""
    died: str = ""
    identification: str = ""
    variants: tuple[Variant, ...] = ()
    see_also: tuple[str, ...] = ()
    match_surname: bool = True

    @property
    def life_dates(self) -> str:
        if not (self.born or self.died):
            return ""
        return f"{self.born or '?'}\u2013{self.died}" if self.died else f"b. {self.born}"

    @property
    def name_forms(self) -> tuple[str, ...]:
        """The forms by which the text may name the person, longest first."""
        forms = [self.display_name]
        if self.match_surname and not self.surname_first:
            forms.append(self.surname)
        forms.extend(v.form for v in self.variants)
        return tuple(sorted(set(f for f in forms if f), key=lambda f: (-len(f), f)))

# ---------------------------------------------------------------- the edition


@dataclass(frozen=True, slots=True)
class PageSetup:
    """The page's size (the design's, as the templates and TEI read it)."""

    width: str = "6in"
    height: str = "9in"


@dataclass(frozen=True, slots=True)
class EditionMeta:
    title: str
    subtitle: str
    editors: tuple[str, ...]
    publisher: str
    place: str
    year: str
    language: str
    licence: str
    pos: SourcePos
    series: str = ""
    translator: str = ""
    acknowledgement: str = ""
    keywords: tuple[str, ...] = ()
    design: Design = field(default_factory=Design)
    bleed: str = "3mm"
    note_numbering: str = "per-document"  # or "continuous" across the volume
    output: str = ""  # the stem of the output files (edition.yaml's output:), else a slug of the title
    method: tuple[Paragraph, ...] = ()  # the statement of editorial method (edition.yaml's method:)
    document_heading: str = "citation"  # "citation" (title, dateline, citation block) or "frus" (see README)

    @property
    def page(self) -> PageSetup:
        return PageSetup(self.design.width, self.design.height)


@dataclass(frozen=True, slots=True)
class Located:
    """A printed field of plain text (not inline markup) as read, with its position and raw source text."""

    text: str
    pos: SourcePos
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Edition:
    root: str
    meta: EditionMeta
    persons: tuple[Person, ...]
    documents: tuple[Document, ...]
    printed: tuple[Located, ...] = ()  # every printed plain-text field, for the check of its characters
    unread: tuple[str, ...] = ()  # documents that could not be read (checks of the whole edition hold back)

    def person(self, person_id: str) -> Person:
        for p in self.persons:
            if p.id == person_id:
                return p
        raise KeyError(person_id)


def walk_inlines(nodes: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every inline node, depth first, containers before their children."""
    for node in nodes:
        yield node
        if isinstance(node, CONTAINERS):
            yield from walk_inlines(node.children)


Visit = Callable[[Inline], Union[Inline, Sequence[Inline], None]]


def rewrite_inlines(nodes: tuple[Inline, ...], visit: Visit) -> tuple[Inline, ...]:
    """The one tree walk of the transforms (Pandoc's ``walk``): the nodes in order, each given to ``visit``,
    which returns None to keep the node and walk into its children, or what replaces it: a node or a
    sequence of nodes (not walked into: a visitor that wants the children rewritten does it itself)."""
    out: list[Inline] = []
    changed = False  # an unchanged run is given back as it is (no copies of nodes that did not change)
    for node in nodes:
        new = visit(node)
        if new is None:
            if isinstance(node, CONTAINERS):
                children = rewrite_inlines(node.children, visit)
                if children is not node.children:
                    node, changed = _replace(node, children=children), True
            out.append(node)
        elif isinstance(new, (tuple, list)):
            out.extend(new)
            changed = True
        else:
            out.append(new)  # type: ignore[arg-type]  # a node (Sequence covers the lists above)
            changed = changed or new is not node
    return tuple(out) if changed else nodes


def document_runs(doc: "Document") -> Iterator[tuple[tuple[Inline, ...], Note | None]]:
    """Every run of inlines in a document, in reading order, with the note it stands in (or None)."""
    yield doc.title, None
    for p in doc.summary:
        yield p.content, None
    for s in doc.sections:
        yield s.heading, None
        for b in s.blocks:
            yield b.speaker, None
            yield b.content, None
    for n in doc.notes:
        yield n.content, n


def document_texts(doc: "Document") -> Iterator[tuple[Inline, ...]]:
    """Every run of inlines in a document, in reading order."""
    for nodes, _note in document_runs(doc):
        yield nodes


def plain_text(nodes: tuple[Inline, ...], with_signs: bool = False) -> str:
    """The words of a run of inlines, without note calls (and, unless asked, without editorial signs)."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Sic):
            out.append(plain_text(node.children, with_signs))
            if with_signs:
                out.append(" [sic]")
        elif isinstance(node, Supplied):
            inner = plain_text(node.children, with_signs)
            out.append(f"[{inner}]" if with_signs else inner)
        elif isinstance(node, CONTAINERS):
            out.append(plain_text(node.children, with_signs))
        elif isinstance(node, Gap) and with_signs:
            out.append(f"[{node.reason}]")
    return "".join(out)


def repoint_note_calls(nodes: tuple[Inline, ...], notes: dict[str, Note]) -> tuple[Inline, ...]:
    """The same inlines, each note call pointing at the note of its label in ``notes``."""
    return rewrite_inlines(nodes, lambda node: _replace(node, note=notes.get(node.note.label, node.note))
                           if isinstance(node, NoteCall) else None)


Rewrite = Callable[[tuple[Inline, ...]], tuple[Inline, ...]]


def map_document_texts(doc: Document, body: Rewrite, notes_content: Rewrite | None = None,
                       note: Callable[[Note], Note] | None = None) -> Document:
    """A copy of ``doc`` with every run of inlines rewritten, in reading order.

    ``body`` rewrites the title, summary, headings, speakers and paragraphs;
    ``notes_content`` (default: ``body``) each note's text; ``note`` may replace
    a whole note (renumbering).  Note calls are then pointed at the new notes.
    """
    notes_content = notes_content or body

    def para(p: Paragraph) -> Paragraph:
        return _replace(p, speaker=body(p.speaker), content=body(p.content))

    title = body(doc.title)
    summary = tuple(para(p) for p in doc.summary)
    sections = [(s, body(s.heading), [para(b) for b in s.blocks]) for s in doc.sections]
    notes = {}
    for n in doc.notes:
        new = _replace(n, content=notes_content(n.content))
        notes[n.label] = note(new) if note else new

    def calls(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return repoint_note_calls(nodes, notes)
    return _replace(
        doc, title=calls(title), summary=summary,
        sections=tuple(_replace(s, heading=calls(h), blocks=tuple(_replace(b, speaker=calls(b.speaker),
                                                                           content=calls(b.content))
                                                                  for b in blocks))
                       for s, h, blocks in sections),
        notes=tuple(notes[n.label] for n in doc.notes))
