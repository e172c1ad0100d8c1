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
from .design import read_design
from .editorial import check_mapped_notes, read_document_heading, read_external_notes, read_paragraphs
from .fields import Fields, is_empty
from .markup import SIGLUM, InlineContext, parse_inline
from .model import (Citation, Document, Edition, EditionMeta, Guest, Inline, Located, Note, Paragraph,
                    Person, Section, Variant, Witness, plain_text)
from .review import report_review_comments
from .series import series_named
from .values import bleed_problem, language_problem, link_problem
from .yamlsource import Dated, Scalar, YList, YMap, YStr, as_written, load_yaml

EDITION_FIELDS = {"title": True, "subtitle": False, "editors": True, "publisher": True, "place": True,
                  "year": True, "language": True, "licence": False, "page": False, "documents": False,
                  "series": False, "translator": False, "acknowledgement": False, "keywords": False,
                  "print": False, "note_numbering": False, "design": False, "font": False, "lines": False,
                  "output": False,
                  "method": False, "document_heading": False}
PERSON_FIELDS = {"id": True, "surname": True, "forenames": False, "index": False, "name_order": False,
                 "born": False, "died": False, "identification": False, "variants": False, "see_also": False,
                 "match_surname": False}
DOCUMENT_FIELDS = {"title": True, "short_title": False, "date": True, "dateline": False, "citation": True,
                   "summary": False, "original_language": False, "contents": False, "language": False,
                   "participants": False, "guests": False, "body": True, "notes_heading": False,
                   "notes": False, "unparsed": False, "witnesses": False, "interventions": False}
SECTION_FIELDS = {"heading": False, "id": False, "paragraphs": True}
PARAGRAPH_FIELDS = {"text": True, "speaker": False, "kind": False}
NOTE_FIELDS = {"n": True, "text": True, "external_notes": False}
WITNESS_FIELDS = {"siglum": True, "description": True, "citation": False}
RESERVED_SIGLA = ("lem", "note", "id", "class", "ref", "person")  # the markup's own attribute names

PERSON_ID = re.compile(r"[a-z0-9][a-z0-9-]*")




def load_edition(root: Path, diags: Diagnostics) -> Edition | None:
    """Read the whole source folder; every problem goes to ``diags``."""
    root = Path(root)
    if not (root / "edition.yaml").is_file():
        diags.error(SourcePos(_shown(root / "edition.yaml", root)), "no edition.yaml in the source folder",
                    code="missing-file")
        return None
    printed: list[Located] = []
    meta, order, order_pos, method = _read_meta(root, diags, printed)
    persons = _load_authority(root, "persons.yaml", diags, printed)
    known = {p.id for p in persons} if persons is not None else None
    if meta is not None and method:
        meta = replace(meta, method=read_paragraphs(method, diags, InlineContext(persons=known)))
    documents, unread = [], []
    for path, _listed_at in _document_paths(root, order, order_pos, diags):
        doc = _read_document(path, root, known, diags, printed)
        if doc is not None:
            documents.append(doc)
        else:
            unread.append(_shown(path, root))
    if not order:
        documents.sort(key=lambda d: (d.date, d.id))
    documents = [_numbered(d, i) for i, d in enumerate(documents, 1)]
    if meta is None:
        return None
    return Edition(str(root), meta, tuple(persons or ()), tuple(documents), tuple(printed), tuple(unread))


def _numbered(doc: Document, n: int) -> Document:
    return replace(doc, number=n)


def _shown(path: Path, root: Path) -> str:
    """The path as diagnostics show it: relative to the working directory when possible."""
    try:
        return str(path.absolute().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load_source(path: Path, root: Path, diags: Diagnostics):
    """A source file's YAML, refused (at the file) when it is a link to a file outside the source folder.

    A symbolic link that stays inside the folder is read (an editor may keep a document under two
    names); one that leaves it could make the edition print any file of the machine."""
    shown = _shown(path, root)
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        diags.error(SourcePos(shown), f"a symbolic link to {target}, which is outside the source folder: a source "
                                      f"file must lie inside it", code="outside")
        return shown, None
    return shown, load_yaml(path, shown, diags)


def _read_meta(root: Path, diags: Diagnostics, printed: list[Located] | None = None):
    before = len(diags.errors)
    shown, data = _load_source(root / "edition.yaml", root, diags)
    if data is None:
        if len(diags.errors) == before:  # empty (or only comments): say so, or check would pass
            diags.error(SourcePos(shown), "edition.yaml is empty", code="empty")
        return None, [], None, []
    f = Fields(data, EDITION_FIELDS, "edition.yaml", SourcePos(shown), diags)
    design = read_design(f, diags)
    bleed = "3mm"
    if f.has("print"):
        pr = Fields(f.raw("print"), {"bleed": False}, "print", f.pos_of("print"), diags)
        bleed = str(pr.text("bleed", "3mm"))
        if problem := bleed_problem(bleed):
            diags.error(pr.pos_of("bleed"), problem, code="type")
            bleed = "3mm"
    numbering = str(f.text("note_numbering", "per-document"))
    if numbering not in ("per-document", "continuous"):
        diags.error(f.pos_of("note_numbering"), f'note_numbering must be "per-document" or "continuous", not '
                                                f'"{numbering}"', code="type")
        numbering = "per-document"
    language = _language(f, "en", diags)
    output = str(f.text("output", "")).removesuffix(".pdf")
    if output and not re.fullmatch(r"[^/\\.][^/\\]*", output):
        diags.error(f.pos_of("output"), f'output "{output}" is not a file name without a folder, such as '
                                        f'"malin-notes"', code="type")
        output = ""
    if printed is not None:
        printed.extend(f.located("title", "subtitle", "editors", "publisher", "place", "year", "licence", "series",
                                 "translator", "acknowledgement", "keywords"))
    meta = EditionMeta(
        title=str(f.text("title")), subtitle=str(f.text("subtitle")), editors=tuple(map(str, f.texts("editors"))),
        publisher=str(f.text("publisher")), place=str(f.text("place")), year=str(f.text("year")),
        language=language, licence=str(f.text("licence")), pos=f.pos, series=str(f.text("series")),
        translator=str(f.text("translator")), acknowledgement=str(f.text("acknowledgement")),
        keywords=tuple(map(str, f.texts("keywords"))), design=design, bleed=bleed, note_numbering=numbering,
        output=output,
        document_heading=read_document_heading(str(f.text("document_heading")), f.pos_of("document_heading"), diags))
    order = f.texts("documents")
    if f.has("documents") and not order and isinstance(f.raw("documents"), YList) and not f.raw("documents"):
        diags.error(f.pos_of("documents"), "documents lists no document: list the documents to print, or leave "
                                           "the field out to print every document in documents/ in date order",
                    code="field-empty")
    return meta, order, f.pos_of("documents") if f.has("documents") else None, _paragraph_texts(f, "method", diags)


def _language(f: Fields, default: str, diags: Diagnostics) -> str:
    """The field "language": a BCP 47 tag (the default when it is left out or wrong)."""
    tag = f.text("language", default)
    if not tag.strip():  # reported as empty, if required
        return default
    if tag != default and (problem := language_problem(str(tag))):
        diags.error(f.pos_of("language"), problem, code="language")
        return default
    return str(tag)


def _document_paths(root: Path, order: list[YStr], order_pos, diags: Diagnostics):
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
    return _load_authority(root, name, diags, []) or []


def _load_authority(root: Path, name: str, diags: Diagnostics, printed: list[Located]) -> list[Person] | None:
    """The persons of the authority; None when the file exists but could not be read (so that the names
    it should have known are not reported as unknown: that would bury the cause under its effects)."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        return []
    shown, data = _load_source(path, root, diags)
    if data is None:
        return None
    top = Fields(data, {"persons": True}, "persons.yaml", SourcePos(shown), diags)
    if not top.ok:
        return None
    persons: list[Person] = []
    for item in top.items("persons"):
        f = Fields(item, PERSON_FIELDS, "a person", getattr(item, "pos", top.pos), diags)
        if not f.ok:
            continue
        pid = f.text("id")
        if pid and not PERSON_ID.fullmatch(pid):
            diags.error(f.pos_of("id"), f'person id "{pid}" must be lower-case letters, digits and hyphens',
                        code="person-id")
        surname, forenames = f.text("surname"), f.text("forenames")
        order = f.text("name_order", "western")
        if order not in ("western", "surname-first"):
            diags.error(f.pos_of("name_order"), f'name_order must be "western" or "surname-first", not "{order}"'
                                                f'{did_you_mean(order, ("western", "surname-first"))}', code="type")
        surname_first = order == "surname-first"
        display = f"{surname} {forenames}".strip() if surname_first else f"{forenames} {surname}".strip()
        index_form = f.text("index") or (display if surname_first else
                                         (f"{surname}, {forenames}" if forenames else surname))
        variants = []
        for v in f.items("variants"):
            vf = Fields(YMap.of({"form": v}) if isinstance(v, YStr) else v, {"form": True, "misspelling": False},
                        "a variant", getattr(v, "pos", f.pos), diags)
            if vf.text("form").strip():
                variants.append(Variant(str(vf.text("form")), vf.pos, vf.boolean("misspelling", False)))
                printed.extend(vf.located("form"))
        printed.extend(f.located("surname", "forenames", "index", "born", "died", "identification"))
        persons.append(Person(
            id=str(pid), surname=str(surname), forenames=str(forenames), pos=f.pos, index_form=str(index_form),
            display_name=display, surname_first=surname_first, born=str(f.text("born")), died=str(f.text("died")),
            identification=str(f.text("identification")), variants=tuple(variants),
            see_also=tuple(str(s) for s in f.texts("see_also")), match_surname=f.boolean("match_surname", True)))
    return persons


def _read_document(path: Path, root: Path, known: set[str] | None, diags: Diagnostics,
                   printed: list[Located]) -> Document | None:
    """One document; ``known`` is the authority's ids (None: it could not be read, so no name is unknown)."""
    before = len(diags.errors)
    shown, data = _load_source(path, root, diags)
    if data is None:
        if len(diags.errors) == before:  # not when this file's own error was reported
            diags.error(SourcePos(shown), "empty document", code="empty")
        return None
    report_review_comments(path.read_text(encoding="utf-8", errors="replace"), shown, diags)
    f = Fields(data, DOCUMENT_FIELDS, "a document", SourcePos(shown), diags)
    if not f.ok:
        return None

    # notes first, so that calls in the body can carry them
    notes: dict[str, Note] = {}
    mapped_at: dict[str, tuple[SourcePos, ...]] = {}
    for item in f.items("notes"):
        nf = Fields(item, NOTE_FIELDS, "a note", getattr(item, "pos", f.pos), diags)
        if not nf.ok:
            continue
        n = nf.raw("n")
        if not (isinstance(n, Scalar) and isinstance(n.value, int) and not isinstance(n.value, bool)):
            if n is not None and not is_empty(n):  # else reported as missing or empty
                diags.error(nf.pos_of("n"), f'a note number must be a whole number, not "{as_written(n)}"',
                            code="type")
            continue
        label = str(n.value)
        if label in notes:
            diags.error(nf.pos_of("n"), f"duplicate note number {label} (first at line {notes[label].pos.line})",
                        code="duplicate-id")
            continue
        text = nf.text("text")
        content = parse_inline(text, text.pos if text else nf.pos, diags,
                               InlineContext(notes=None, persons=known)) if text else ()
        external = read_external_notes(nf.raw("external_notes"), nf.pos_of("external_notes"), diags)
        notes[label] = Note(n.value, label, content, nf.pos, anchor="", external_notes=external.lacking,
                            mapped_notes=external.mapped)
        mapped_at[label] = external.positions
    check_mapped_notes(notes, mapped_at, diags)
    doc_id = path.stem
    notes = {k: replace(v, anchor=anchors.note(doc_id, series_named(v.series).anchor_prefix, v.label))
             for k, v in notes.items()}

    called: list[tuple[str, SourcePos]] = []
    body_ctx = InlineContext(notes=notes, persons=known, called=called)
    plain_ctx = InlineContext(notes=None, persons=known)

    def inline(field: Fields, key: str, ctx: InlineContext = plain_ctx) -> tuple[Inline, ...]:
        text = field.text(key)
        return parse_inline(text, text.pos, diags, ctx) if text else ()

    title = inline(f, "title", body_ctx)
    title_text = plain_text(title)
    date = _read_date(f, diags)
    citation = _read_citation(f, diags)
    summary = tuple(Paragraph(parse_inline(t, t.pos, diags, plain_ctx), t.pos) for t in
                    _paragraph_texts(f, "summary", diags))
    participants = []
    for pid in f.texts("participants"):
        _check_person(pid, "participant", known, diags)
        participants.append((str(pid), pid.pos))
    guests = []
    for g in f.items("guests"):
        gf = Fields(g, {"person": True, "affiliation": False}, "a guest", getattr(g, "pos", f.pos), diags)
        pid = gf.text("person")
        if pid.strip():
            _check_person(pid, "guest", known, diags)
            guests.append(Guest(str(pid), str(gf.text("affiliation")), gf.pos))
            printed.extend(gf.located("affiliation"))
    witnesses = _read_witnesses(f, diags)
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
    printed.extend(f.located("short_title", "dateline", "original_language", "contents", "notes_heading"))
    if f.has("citation") and isinstance(f.raw("citation"), YMap):
        printed.extend(Fields(f.raw("citation"), {}, "", f.pos, Diagnostics()).located(*CITATION_FIELDS))
    return Document(
        id=doc_id, path=shown, pos=f.pos, title=title, title_text=title_text,
        short_title=str(f.text("short_title")) or title_text, date=date, dateline=str(f.text("dateline")),
        citation=citation, summary=summary, original_language=str(f.text("original_language")),
        contents=str(f.text("contents")), language=_language(f, "en", diags),
        participants=tuple(participants), guests=tuple(guests), sections=sections,
        notes=tuple(sorted(notes.values(), key=lambda n: n.number)),
        notes_heading=str(f.text("notes_heading", "Notes")), witnesses=witnesses,
        interventions=read_paragraphs(_paragraph_texts(f, "interventions", diags), diags, plain_ctx))


def _check_person(pid: YStr, role: str, known: set[str] | None, diags: Diagnostics) -> None:
    if known is not None and pid not in known:
        diags.error(pid.pos, f'{role} "{pid}" is not in persons.yaml{did_you_mean(pid, known)}',
                    code="person-unknown")


def _read_date(f: Fields, diags: Diagnostics) -> _dt.date:
    value = f.raw("date")
    if isinstance(value, Dated):
        return value.value if isinstance(value.value, _dt.date) else value.value.date()
    if value is not None:
        diags.error(f.pos_of("date"), "date must be an ISO date such as 1956-10-26", code="type")
    return _dt.date(1, 1, 1)


def _paragraph_texts(f: Fields, key: str, diags: Diagnostics) -> list[YStr]:
    """A text field that may hold several paragraphs, as a list or separated by blank lines."""
    texts = f.texts(key)
    out = []
    for t in texts:
        if "\n\n" in t:
            # a block scalar with blank lines: one paragraph each, positions per paragraph
            offset = 0
            for chunk in t.split("\n\n"):
                if chunk.strip():
                    line = t.pos.line + t[:offset].count("\n") + (1 if t.style in ("|", ">") else 0)
                    at = t.pos if t.pos.anchor_line else SourcePos(t.pos.path, line, t.pos.col)
                    out.append(YStr(chunk.strip(), at, "" if t.pos.anchor_line else chunk))
                offset += len(chunk) + 2
        else:
            out.append(t)
    return out


def _read_citation(f: Fields, diags: Diagnostics) -> Citation:
    if not f.has("citation"):
        return Citation("", f.pos)
    cf = Fields(f.raw("citation"), CITATION_FIELDS, "the citation", f.pos_of("citation"), diags)
    if not cf.ok:
        return Citation("", f.pos)
    citation = read_citation(cf, diags)
    if citation.url and (problem := link_problem(citation.url)):  # it becomes a live link: web addresses only
        diags.error(cf.pos_of("url"), problem, code="url")
        citation = replace(citation, url="")
    return citation


def _read_witnesses(f: Fields, diags: Diagnostics) -> tuple[Witness, ...]:
    """The document's witnesses (for the critical apparatus): siglum, description, optional citation."""
    witnesses: dict[str, Witness] = {}
    for item in f.items("witnesses"):
        wf = Fields(item, WITNESS_FIELDS, "a witness", getattr(item, "pos", f.pos_of("witnesses")), diags)
        siglum = str(wf.text("siglum"))
        if not wf.ok or not siglum:
            continue
        if not SIGLUM.fullmatch(siglum) or siglum in RESERVED_SIGLA:
            diags.error(wf.pos_of("siglum"), f'siglum "{siglum}" must be letters and digits (A-Z, a-z, 0-9), and not '
                                             f'{", ".join(RESERVED_SIGLA)}', code="siglum")
            continue
        if siglum in witnesses:
            first = witnesses[siglum].pos.line
            diags.error(wf.pos_of("siglum"), f'duplicate siglum "{siglum}" (first at line {first})',
                        code="duplicate-id")
            continue
        citation = None
        if wf.has("citation"):
            cf = Fields(wf.raw("citation"), CITATION_FIELDS, "the witness's citation", wf.pos_of("citation"), diags)
            citation = read_citation(cf, diags) if cf.ok else None
        witnesses[siglum] = Witness(siglum, str(wf.text("description")), citation, wf.pos)
    return tuple(witnesses.values())


def _read_body(f: Fields, doc_id: str, ctx: InlineContext, diags: Diagnostics) -> tuple[Section, ...]:
    sections = []
    section_ids: dict[str, SourcePos] = {}
    nothing: list[SourcePos] = []
    given = False  # any paragraph given (read or not: one that could not be read is reported already)
    for i, item in enumerate(f.items("body"), 1):
        sf = Fields(item, SECTION_FIELDS, "a section", getattr(item, "pos", f.pos), diags, may_be_empty=("paragraphs",))
        if not sf.ok:
            continue
        heading_text = sf.text("heading")
        heading = parse_inline(heading_text, heading_text.pos, diags, ctx) if heading_text else ()
        sid = sf.text("id") or f"s{i}"
        if sid in section_ids:
            diags.error(sf.pos_of("id"), f'duplicate section id "{sid}"', code="duplicate-id")
        section_ids[sid] = sf.pos
        items = sf.items("paragraphs")
        given = given or bool(items)
        blocks = [b for b in (_read_paragraph(p, sf, ctx, diags) for p in items) if b is not None]
        if not (items or heading_text or sf.has("id") or not sf.has("paragraphs")):
            nothing.append(sf.pos_of("paragraphs"))
        sections.append(Section(heading, tuple(blocks), sf.pos, anchor=anchors.section(doc_id, sid)))
    if sections and not given:
        diags.error(f.pos_of("body"), "the document has no text: its body holds no paragraph", code="field-empty")
    else:
        for at in nothing:
            diags.error(at, "a section with no heading, no id and no paragraphs prints nothing: give its "
                            "paragraphs, or delete it", code="field-empty")
    return tuple(sections)


def _read_paragraph(p: Any, sf: Fields, ctx: InlineContext, diags: Diagnostics) -> Paragraph | None:
    """A paragraph: text, or a mapping with text (and a speaker, or the kind annotation)."""
    if isinstance(p, YStr):
        if not p.strip():
            diags.error(p.pos, "an empty paragraph: write its text, or delete the line", code="field-empty")
        return Paragraph(parse_inline(p, p.pos, diags, ctx), p.pos)
    pf = Fields(p, PARAGRAPH_FIELDS, "a paragraph", getattr(p, "pos", sf.pos), diags, or_text=True)
    if not pf.ok:
        return None
    kind = pf.text("kind", "paragraph")
    if kind not in ("paragraph", "annotation"):
        diags.error(pf.pos_of("kind"), f'paragraph kind must be "paragraph" or "annotation", not "{kind}"'
                                       f'{did_you_mean(kind, ("paragraph", "annotation"))}', code="type")
    speaker = pf.text("speaker")
    text = pf.text("text")
    return Paragraph(parse_inline(text, text.pos, diags, ctx) if text else (), pf.pos,
                     speaker=parse_inline(speaker, speaker.pos, diags, ctx) if speaker else (), kind=str(kind))
