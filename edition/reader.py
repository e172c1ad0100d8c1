"""Reader: the edition's YAML source folder in, an ``Edition`` model out.

``load_edition(root, diags)`` reads ``edition.yaml``, ``persons.yaml`` and the
documents, checks field names and types (with did-you-mean), parses inline
markup in every text field, and reports every problem into ``diags`` with its
file, line and column.  It returns ``None`` only when nothing usable was read.
Person detection, numbering and cross-checks are later stages.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import replace
import re
from pathlib import Path
from typing import Any

from . import anchors
from .citation import CITATION_FIELDS, read_citation
from .diagnostics import Diagnostics, SourcePos, did_you_mean
from .editorial import check_mapped_notes, read_document_heading, read_external_notes, read_paragraphs
from .markup import InlineContext, parse_inline
from .model import (Citation, Document, Edition, EditionMeta, Guest, Inline, Note, PageSetup, Paragraph,
                    Person, Section, Variant, plain_text)
from .review import report_review_comments
from .series import series_named
from .yamlsource import Dated, Scalar, YList, YMap, YStr, load_yaml

EDITION_FIELDS = {"title": True, "subtitle": False, "editors": True, "publisher": True, "place": True,
                  "year": True, "language": True, "licence": False, "page": False, "documents": False,
                  "series": False, "translator": False, "acknowledgement": False, "keywords": False,
                  "print": False, "note_numbering": False, "output": False, "method": False,
                  "document_heading": False}
PERSON_FIELDS = {"id": True, "surname": True, "forenames": False, "index": False, "name_order": False,
                 "born": False, "died": False, "identification": False, "variants": False, "see_also": False,
                 "match_surname": False}
DOCUMENT_FIELDS = {"title": True, "short_title": False, "date": True, "dateline": False, "citation": True,
                   "summary": False, "original_language": False, "contents": False, "language": False,
                   "participants": False, "guests": False, "body": True, "notes_heading": False,
                   "notes": False, "unparsed": False, "interventions": False}
SECTION_FIELDS = {"heading": False, "id": False, "paragraphs": True}
PARAGRAPH_FIELDS = {"text": True, "speaker": False, "kind": False}
NOTE_FIELDS = {"n": True, "text": True, "external_notes": False}

PERSON_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class _Fields:
    """Reads one YAML mapping against a field list, reporting unknown, missing and mistyped fields."""

    def __init__(self, data: Any, fields: dict[str, bool], what: str, pos: SourcePos, diags: Diagnostics):
        self.diags = diags
        self.what = what
        self.ok = isinstance(data, YMap)
        if not self.ok:
            diags.error(getattr(data, "pos", pos), f"{what} must be a mapping of fields", code="type")
            self.data = YMap()
            self.data.pos, self.data.key_pos, self.data.value_pos = pos, {}, {}
            return
        self.data = data
        for key in data:
            if key not in fields:
                diags.error(data.key_pos[key], f'unknown field "{key}" in {what}{did_you_mean(key, fields)}',
                            code="field-unknown")
        for key, required in fields.items():
            if required and key not in data:
                diags.error(data.pos, f'{what} lacks the required field "{key}"', code="field-missing")

    @property
    def pos(self) -> SourcePos:
        return self.data.pos

    def pos_of(self, key: str) -> SourcePos:
        return self.data.pos_of(key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None and not (
            isinstance(self.data[key], Scalar) and self.data[key].value is None)

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def text(self, key: str, default: str = "") -> str:
        """A string field; numbers are accepted and turned into text (years, fond numbers)."""
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, YStr):
            return value
        if isinstance(value, Scalar) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
            return YStr(str(value.raw), value.pos, value.raw)
        if isinstance(value, Dated):
            return YStr(value.raw, value.pos, value.raw)
        self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be text', code="type")
        return default

    def texts(self, key: str) -> list[str]:
        if not self.has(key):
            return []
        value = self.data[key]
        if isinstance(value, YStr):
            return [value]
        if not isinstance(value, YList):
            self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be a list of text', code="type")
            return []
        out = []
        for item in value:
            if isinstance(item, YStr):
                out.append(item)
            elif isinstance(item, Scalar) and isinstance(item.value, int) and not isinstance(item.value, bool):
                out.append(YStr(item.raw, item.pos, item.raw))
            else:
                self.diags.error(getattr(item, "pos", self.pos_of(key)),
                                 f'each item of "{key}" in {self.what} must be text', code="type")
        return out

    def items(self, key: str) -> list[Any]:
        if not self.has(key):
            return []
        value = self.data[key]
        if not isinstance(value, YList):
            self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be a list', code="type")
            return []
        return list(value)

    def boolean(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, Scalar) and isinstance(value.value, bool):
            return value.value
        self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be true or false', code="type")
        return default


def load_edition(root: Path, diags: Diagnostics) -> Edition | None:
    """Read the whole source folder; every problem goes to ``diags``."""
    root = Path(root)
    if not (root / "edition.yaml").is_file():
        diags.error(SourcePos(_shown(root / "edition.yaml", root)), "no edition.yaml in the source folder",
                    code="missing-file")
        return None
    meta, order, order_pos, method = _read_meta(root, diags)
    persons = _read_persons(root, diags)
    known = {p.id for p in persons}
    if meta is not None and method:
        meta = replace(meta, method=read_paragraphs(method, diags, InlineContext(known_person=known.__contains__)))
    documents = []
    for path, listed_at in _document_paths(root, order, order_pos, diags):
        doc = _read_document(path, root, known, diags)
        if doc is not None:
            documents.append(doc)
    if not order:
        documents.sort(key=lambda d: (d.date, d.id))
    documents = [_numbered(d, i) for i, d in enumerate(documents, 1)]
    if meta is None:
        return None
    return Edition(str(root), meta, tuple(persons), tuple(documents))


def _numbered(doc: Document, n: int) -> Document:
    return replace(doc, number=n)


def _shown(path: Path, root: Path) -> str:
    """The path as diagnostics show it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_meta(root: Path, diags: Diagnostics):
    path = root / "edition.yaml"
    shown = _shown(path, root)
    before = len(diags.errors)
    data = load_yaml(path, shown, diags)
    if data is None:
        if len(diags.errors) == before:  # empty (or only comments): say so, or check would pass
            diags.error(SourcePos(shown), "edition.yaml is empty", code="empty")
        return None, [], None, []
    f = _Fields(data, EDITION_FIELDS, "edition.yaml", SourcePos(shown), diags)
    page = PageSetup()
    if f.has("page"):
        pf = _Fields(f.raw("page"), {"size": True}, "page", f.pos_of("page"), diags)
        size = pf.text("size")
        dims = _page_size(size)
        if dims is None and size:
            diags.error(pf.pos_of("size"), f'page size "{size}" is not "WIDTH HEIGHT" with units (6in 9in, '
                                           f'156mm 234mm) nor a name (A5, B5)', code="page-size")
        elif dims:
            page = PageSetup(*dims)
    bleed = "3mm"
    if f.has("print"):
        pr = _Fields(f.raw("print"), {"bleed": False}, "print", f.pos_of("print"), diags)
        bleed = str(pr.text("bleed", "3mm"))
        if not re.fullmatch(r"\d+(\.\d+)?(mm|pt|in|cm)", bleed):
            diags.error(pr.pos_of("bleed"), f'bleed "{bleed}" is not a length such as 3mm or 0.125in', code="type")
            bleed = "3mm"
    numbering = str(f.text("note_numbering", "per-document"))
    if numbering not in ("per-document", "continuous"):
        diags.error(f.pos_of("note_numbering"), f'note_numbering must be "per-document" or "continuous", not '
                                                f'"{numbering}"', code="type")
        numbering = "per-document"
    language = f.text("language", "en")
    output = str(f.text("output", "")).removesuffix(".pdf")
    if output and not re.fullmatch(r"[^/\\.][^/\\]*", output):
        diags.error(f.pos_of("output"), f'output "{output}" is not a file name without a folder, such as '
                                        f'"malin-notes"', code="type")
        output = ""
    meta = EditionMeta(
        title=f.text("title"), subtitle=f.text("subtitle"), editors=tuple(f.texts("editors")),
        publisher=f.text("publisher"), place=f.text("place"), year=f.text("year"), language=language,
        licence=f.text("licence"), pos=f.pos, series=f.text("series"), translator=f.text("translator"),
        acknowledgement=f.text("acknowledgement"), keywords=tuple(f.texts("keywords")), page=page, bleed=bleed,
        note_numbering=numbering, output=output,
        document_heading=read_document_heading(str(f.text("document_heading")), f.pos_of("document_heading"), diags))
    order = f.texts("documents")
    return meta, order, f.pos_of("documents") if f.has("documents") else None, f.texts("method")


NAMED_SIZES = {"a4": ("210mm", "297mm"), "a5": ("148mm", "210mm"), "b5": ("176mm", "250mm"),
               "letter": ("8.5in", "11in"), "royal": ("156mm", "234mm"), "demy": ("138mm", "216mm")}


def _page_size(size: str) -> tuple[str, str] | None:
    if not size:
        return None
    if size.strip().lower() in NAMED_SIZES:
        return NAMED_SIZES[size.strip().lower()]
    parts = size.split()
    if len(parts) == 2 and all(re.fullmatch(r"\d+(\.\d+)?(in|mm|cm|pt)", p) for p in parts):
        return parts[0], parts[1]
    return None


def _document_paths(root: Path, order: list[str], order_pos, diags: Diagnostics):
    folder = root / "documents"
    if order:
        seen = set()
        for name in order:
            path = folder / name
            if name in seen:
                diags.error(name.pos, f'document "{name}" is listed twice', code="duplicate-id")
                continue
            seen.add(name)
            if not path.is_file() or Path(name).name != name:
                known = [p.name for p in folder.glob("*.yaml")] if folder.is_dir() else []
                diags.error(name.pos, f'no document "{name}" in {_shown(folder, root)}{did_you_mean(name, known)}',
                            code="missing-file")
                continue
            yield path, name.pos
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                if path.name not in seen:
                    diags.warning(order_pos, f'document "{path.name}" is in documents/ but not listed in '
                                             f'edition.yaml, so it is left out', code="unlisted")
        return
    if not folder.is_dir():
        diags.error(SourcePos(_shown(root / "edition.yaml", root)), "no documents/ folder", code="missing-file")
        return
    for path in sorted(folder.glob("*.yaml")):
        yield path, None


def read_persons(path: Path, diags: Diagnostics) -> list[Person]:
    """A names authority: an edition folder (its persons.yaml) or a YAML file of that form."""
    path = Path(path)
    if path.is_dir():
        return _read_persons(path, diags)
    return _read_persons(path.parent, diags, path.name)


def _read_persons(root: Path, diags: Diagnostics, name: str = "persons.yaml") -> list[Person]:
    path = root / name
    shown = _shown(path, root)
    if not path.is_file():
        return []
    data = load_yaml(path, shown, diags)
    if data is None:
        return []
    top = _Fields(data, {"persons": True}, "persons.yaml", SourcePos(shown), diags)
    persons: list[Person] = []
    for item in top.items("persons"):
        f = _Fields(item, PERSON_FIELDS, "a person", getattr(item, "pos", top.pos), diags)
        if not f.ok:
            continue
        pid = f.text("id")
        if pid and not PERSON_ID.fullmatch(pid):
            diags.error(f.pos_of("id"), f'person id "{pid}" must be lower-case letters, digits and hyphens',
                        code="person-id")
        surname, forenames = f.text("surname"), f.text("forenames")
        order = f.text("name_order", "western")
        if order not in ("western", "surname-first"):
            diags.error(f.pos_of("name_order"), f'name_order must be "western" or "surname-first", not "{order}"',
                        code="type")
        surname_first = order == "surname-first"
        display = f"{surname} {forenames}".strip() if surname_first else f"{forenames} {surname}".strip()
        index_form = f.text("index") or (display if surname_first else
                                         (f"{surname}, {forenames}" if forenames else surname))
        variants = []
        for v in f.items("variants"):
            if isinstance(v, YStr):
                variants.append(Variant(str(v), v.pos))
            else:
                vf = _Fields(v, {"form": True, "misspelling": False}, "a variant", getattr(v, "pos", f.pos), diags)
                if vf.text("form"):
                    variants.append(Variant(str(vf.text("form")), vf.pos, vf.boolean("misspelling", False)))
        persons.append(Person(
            id=str(pid), surname=str(surname), forenames=str(forenames), pos=f.pos, index_form=str(index_form),
            display_name=display, surname_first=surname_first, born=str(f.text("born")), died=str(f.text("died")),
            identification=str(f.text("identification")), variants=tuple(variants),
            see_also=tuple(str(s) for s in f.texts("see_also")), match_surname=f.boolean("match_surname", True)))
    return persons


def _read_document(path: Path, root: Path, known_persons: set[str], diags: Diagnostics) -> Document | None:
    shown = _shown(path, root)
    before = len(diags.errors)
    data = load_yaml(path, shown, diags)
    if data is None:
        if len(diags.errors) == before:  # not when this file's own error was reported
            diags.error(SourcePos(shown), "empty document", code="empty")
        return None
    report_review_comments(path.read_text(encoding="utf-8", errors="replace"), shown, diags)
    f = _Fields(data, DOCUMENT_FIELDS, "a document", SourcePos(shown), diags)
    if not f.ok:
        return None
    known = known_persons.__contains__

    # notes first, so that calls in the body can carry them
    notes: dict[str, Note] = {}
    mapped_at: dict[str, tuple[SourcePos, ...]] = {}
    for item in f.items("notes"):
        nf = _Fields(item, NOTE_FIELDS, "a note", getattr(item, "pos", f.pos), diags)
        if not nf.ok:
            continue
        n = nf.raw("n")
        if not (isinstance(n, Scalar) and isinstance(n.value, int) and not isinstance(n.value, bool)):
            if n is not None:
                diags.error(nf.pos_of("n"), "a note number must be a whole number", code="type")
            continue
        label = str(n.value)
        if label in notes:
            diags.error(nf.pos_of("n"), f"duplicate note number {label} (first at line {notes[label].pos.line})",
                        code="duplicate-id")
            continue
        text = nf.text("text")
        content = parse_inline(text, text.pos if text else nf.pos, diags,
                               InlineContext(notes=None, known_person=known)) if text else ()
        external = read_external_notes(nf.raw("external_notes"), nf.pos_of("external_notes"), diags)
        notes[label] = Note(n.value, label, content, nf.pos, anchor="", external_notes=external.lacking,
                            mapped_notes=external.mapped)
        mapped_at[label] = external.positions
    check_mapped_notes(notes, mapped_at, diags)
    doc_id = path.stem
    notes = {k: replace(v, anchor=anchors.note(doc_id, series_named(v.series).anchor_prefix, v.label))
             for k, v in notes.items()}

    called: list[tuple[str, SourcePos]] = []
    body_ctx = InlineContext(notes=notes, known_person=known, called=called)
    plain_ctx = InlineContext(notes=None, known_person=known)

    def inline(field: _Fields, key: str, ctx: InlineContext = plain_ctx) -> tuple[Inline, ...]:
        text = field.text(key)
        return parse_inline(text, text.pos, diags, ctx) if text else ()

    title = inline(f, "title", body_ctx)
    title_text = plain_text(title)
    date = _read_date(f, diags)
    citation = _read_citation(f, diags)
    summary = read_paragraphs(f.texts("summary"), diags, plain_ctx)
    participants = []
    for pid in f.texts("participants"):
        if not known(pid):
            diags.error(pid.pos, f'participant "{pid}" is not in persons.yaml', code="person-unknown")
        participants.append((str(pid), pid.pos))
    guests = []
    for g in f.items("guests"):
        gf = _Fields(g, {"person": True, "affiliation": False}, "a guest", getattr(g, "pos", f.pos), diags)
        pid = gf.text("person")
        if pid and not known(pid):
            diags.error(gf.pos_of("person"), f'guest "{pid}" is not in persons.yaml', code="person-unknown")
        if pid:
            guests.append(Guest(str(pid), str(gf.text("affiliation")), gf.pos))
    sections = _read_body(f, doc_id, body_ctx, diags)
    unparsed = f.raw("unparsed")  # left by `edition import` for the editor to place
    if f.has("unparsed") and (unparsed.strip() if isinstance(unparsed, str) else unparsed):
        diags.warning(f.pos_of("unparsed"), "document has unparsed text from import: review it", code="unparsed")

    # each note is called exactly once
    seen_calls: dict[str, SourcePos] = {}
    for label, at in called:
        if label in seen_calls and label in notes:
            diags.error(at, f"note {label} is called twice (first at line {seen_calls[label].line}); "
                            f"a note is printed once, at its call", code="note-twice")
        seen_calls.setdefault(label, at)
    for label, note in notes.items():
        if label not in seen_calls:
            diags.error(note.pos, f"note {label} is defined but never called", code="note-uncalled")
    return Document(
        id=doc_id, path=shown, pos=f.pos, title=title, title_text=title_text,
        short_title=str(f.text("short_title")) or title_text, date=date, dateline=str(f.text("dateline")),
        citation=citation, summary=summary, original_language=str(f.text("original_language")),
        contents=str(f.text("contents")), language=str(f.text("language", "en")),
        participants=tuple(participants), guests=tuple(guests), sections=sections,
        notes=tuple(sorted(notes.values(), key=lambda n: n.number)),
        notes_heading=str(f.text("notes_heading", "Notes")),
        interventions=read_paragraphs(f.texts("interventions"), diags, plain_ctx))


def _read_date(f: _Fields, diags: Diagnostics) -> _dt.date:
    value = f.raw("date")
    if isinstance(value, Dated):
        return value.value if isinstance(value.value, _dt.date) else value.value.date()
    if value is not None:
        diags.error(f.pos_of("date"), "date must be an ISO date such as 1956-10-26", code="type")
    return _dt.date(1, 1, 1)


def _read_citation(f: _Fields, diags: Diagnostics) -> Citation:
    if not f.has("citation"):
        return Citation("", f.pos)
    cf = _Fields(f.raw("citation"), CITATION_FIELDS, "the citation", f.pos_of("citation"), diags)
    return read_citation(cf, diags) if cf.ok else Citation("", f.pos)


def _read_body(f: _Fields, doc_id: str, ctx: InlineContext, diags: Diagnostics) -> tuple[Section, ...]:
    sections = []
    section_ids: dict[str, SourcePos] = {}
    for i, item in enumerate(f.items("body"), 1):
        sf = _Fields(item, SECTION_FIELDS, "a section", getattr(item, "pos", f.pos), diags)
        if not sf.ok:
            continue
        heading_text = sf.text("heading")
        heading = parse_inline(heading_text, heading_text.pos, diags, ctx) if heading_text else ()
        sid = sf.text("id") or f"s{i}"
        if sid in section_ids:
            diags.error(sf.pos_of("id"), f'duplicate section id "{sid}"', code="duplicate-id")
        section_ids[sid] = sf.pos
        blocks = []
        for p in sf.items("paragraphs"):
            if isinstance(p, YStr):
                blocks.append(Paragraph(parse_inline(p, p.pos, diags, ctx), p.pos))
                continue
            pf = _Fields(p, PARAGRAPH_FIELDS, "a paragraph", getattr(p, "pos", sf.pos), diags)
            if not pf.ok:
                continue
            kind = pf.text("kind", "paragraph")
            if kind not in ("paragraph", "annotation"):
                diags.error(pf.pos_of("kind"), f'paragraph kind must be "paragraph" or "annotation", not "{kind}"'
                                               f'{did_you_mean(kind, ("paragraph", "annotation"))}', code="type")
            speaker = pf.text("speaker")
            text = pf.text("text")
            blocks.append(Paragraph(
                parse_inline(text, text.pos, diags, ctx) if text else (), pf.pos,
                speaker=parse_inline(speaker, speaker.pos, diags, ctx) if speaker else (), kind=str(kind)))
        sections.append(Section(heading, tuple(blocks), sf.pos, anchor=anchors.section(doc_id, sid)))
    return tuple(sections)
