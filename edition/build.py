"""Build: a source folder in, ``edition.pdf`` and ``edition.html`` out.

Runs the pipeline's stages in order (see ``pipeline``): prepare the model; lay
out each document on its own (on every core, ``render.documents``), verify every
note against its call and write each document as a PDF part; read the page of
every anchor; then write and lay out only the parts that need those page numbers
(the index, then the front matter with contents and persons list); merge the
parts into one PDF without laying anything out again, finish it and preflight it.
Nothing is written unless every stage succeeded.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from .diagnostics import Diagnostic, Diagnostics, EditionError, SourcePos
from .model import CrossRef, Edition, Person, document_texts, walk_inlines
from .pipeline import check, load
from .styles import find_styles, hash_files
from .progress import SILENT, Progress, document_done
from .preflight import Report, preflight
from .render.assemble import LINK_ELSEWHERE, Assembler, AssemblyError
from .render.finish import LabelRange, edition_date, write_atomically, write_pdf
from .render.documents import lay_out_documents, side_by_side, usable_cores
from .render.layout import (Renderer, layout_failure, note_placements, page_map, paragraphs_to_relax,
                            renumber_pages, verify_notes)
from .transforms.checks import mentioned_person_ids
from .transforms.index import IndexEntry, build_index, collect_mentions, sort_key
from .writer.html import (ContentsEntry, FrontMatter, paragraph_anchors, point_links_elsewhere, render_body_part,
                          render_front_part, render_html, render_index_part)



@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    html: Path
    pages: int
    front_pages: int
    body_pages: int
    index_pages: int
    relaxed_paragraphs: int
    preflight: Report | None
    up_to_date: bool = False  # an incremental build found nothing changed and wrote nothing
    layout_passes: int = 0  # layouts of the documents' text (a relaxed paragraph costs its document a second)


@dataclass
class BodyLayout:
    """The documents laid out and written as PDF parts, with the printed folio of every anchor."""

    edition: Edition
    parts: list  # the documents' parts in the assembler (one per document, or one for a volume laid out whole)
    pages: int  # even: the last document ends on a verso
    part: str  # the documents' HTML, for edition.html
    places: dict
    relaxed: frozenset
    profile: str = "screen"
    passes: int = 0  # layouts of the text, counting those a relaxed paragraph needed

    def folio(self, anchor: str) -> int | None:
        where = self.places.get(anchor)
        return where[0].page_index + 1 if where else None


@dataclass(frozen=True)
class DocumentPart:
    """One document written as a PDF part: its padded page count, anchors (pages within the part)."""

    pdf: bytes
    pages: int
    places: dict
    relaxed: frozenset
    passes: int


@dataclass
class _LaidOut:
    """A part laid out with its notes placed, not yet written."""

    edition: Edition
    document: object  # weasyprint.Document
    context: object  # its layout context, for renumber_pages
    places: dict
    placements: list
    relaxed: frozenset
    passes: int
    first_folio: int  # of its first page as laid out
    part: str = ""


def persons_in_edition(edition: Edition) -> tuple[Person, ...]:
    mentioned = mentioned_person_ids(edition)
    return tuple(sorted((p for p in edition.persons if p.id in mentioned), key=lambda p: sort_key(p.index_form)))


def page_html(edition: Edition, parts, profile: str, **options) -> str:
    """A part's HTML for layout, dated from ``SOURCE_DATE_EPOCH`` (or the edition's year)."""
    created = edition_date(edition.meta).strftime("%Y-%m-%dT%H:%M:%SZ")
    return render_html(edition, parts, profile=profile, created=created, **options)


def lay_out_body(edition: Edition, renderer: Renderer, where: str, assembler: Assembler, profile: str = "screen",
                 passes: int = 4, jobs: int = 1) -> BodyLayout:
    """Lay out the documents, verify every note against its call, and write them as PDF parts
    into ``assembler`` (as they come, while later documents are being laid out).

    Each document is laid out on its own (on ``jobs`` cores), opens on a recto and
    ends on a verso, so a note pulled back to its page costs a second layout of that
    document only, and a warm process (``edition watch``) lays out again only the
    documents whose text or first folio changed.  A volume with cross-references
    between documents is laid out in one piece, so that the page numbers they print
    come from the same layout.
    """
    if not _references_across_documents(edition):
        return _lay_out_each_document(edition, renderer, where, assembler, profile, passes, jobs)
    laid = _lay_out_placing_notes(edition, renderer, where, profile, passes, first_page=None)
    part = _write_part(laid, 1, renderer, profile)
    return BodyLayout(edition, [assembler.add(part.pdf)], part.pages, laid.part, laid.places, laid.relaxed, profile,
                      laid.passes)


def _cross_references(edition: Edition):
    """(document, reference) for every cross-reference of the edition."""
    return ((doc, node) for doc in edition.documents for nodes in document_texts(doc) for node in walk_inlines(nodes)
            if isinstance(node, CrossRef))


def _references_across_documents(edition: Edition) -> bool:
    return any(ref.document != doc.id for doc, ref in _cross_references(edition))


def _prints_page_numbers(edition: Edition) -> bool:
    return any(True for _ in _cross_references(edition))


def _lay_out_placing_notes(edition: Edition, renderer: Renderer, where: str, profile: str, passes: int,
                           first_page: int | None) -> _LaidOut:
    """Lay out; where a note left its call's page, relax widow and orphan control of the paragraphs
    involved and lay out again (a few passes at most).  The notes are verified when the part is written."""
    paragraphs = {doc.id: paragraph_anchors(doc) for doc in edition.documents}
    relaxed: frozenset[str] = frozenset()
    for count in range(1, passes + 1):
        body_part = render_body_part(edition, relaxed)
        body, context, problems = renderer.render_keeping_context(
            page_html(edition, [body_part], profile, first_page=first_page))
        if problems:
            raise layout_failure(where, "layout of the text failed: " + "; ".join(problems))
        places = page_map(body)
        placements = note_placements(edition, places)
        more = paragraphs_to_relax(placements, places, paragraphs) - relaxed
        if all(p.ok for p in placements) or not more:
            break
        relaxed = relaxed | more
        body = context = None  # free this pass's pages before the next one is laid out
    return _LaidOut(edition, body, context, places, placements, relaxed, count, first_page or 1, body_part)


def _write_part(laid: _LaidOut, first_folio: int, renderer: Renderer, profile: str) -> DocumentPart:
    """Give the pages their folios, verify every note, pad to an even count and write the PDF part."""
    renumber_pages(laid.document, laid.context, first_folio - laid.first_folio)
    verify_notes(laid.placements, folio=lambda i: str(i + first_folio))
    pages = list(laid.document.pages)
    if len(pages) % 2:  # the next document opens on a recto
        pages += _blank_verso(laid.edition, renderer, profile).pages
    pdf = write_pdf(laid.document.copy(pages), profile)
    return DocumentPart(pdf, len(pages), laid.places, laid.relaxed, laid.passes)


def _blank_verso(edition: Edition, renderer: Renderer, profile: str):
    """A blank verso, laid out anew for each use (WeasyPrint's pages keep state from being drawn)."""
    blank, _problems = renderer.render(page_html(edition, [Markup('<div class="blank-verso"></div>')], profile))
    return blank


def _lay_out_each_document(edition: Edition, renderer: Renderer, where: str, assembler: Assembler, profile: str,
                           passes: int, jobs: int) -> BodyLayout:
    alone = [replace(edition, documents=(doc,)) for doc in edition.documents]
    needs_folio = [_prints_page_numbers(e) for e in alone]

    def lay_out(i: int, first_folio: int | None) -> _LaidOut:
        return _lay_out_placing_notes(alone[i], renderer, where, profile, passes, first_page=first_folio)

    def write(laid: _LaidOut, first_folio: int) -> DocumentPart:
        return _write_part(laid, first_folio, renderer, profile)

    def pages_of(laid: _LaidOut) -> int:
        return len(laid.document.pages) + len(laid.document.pages) % 2

    handles = []

    def deliver(_i: int, part: DocumentPart) -> DocumentPart:
        handles.append(assembler.add(part.pdf))
        document_done(_i, len(alone), part.pages)
        return replace(part, pdf=b"")  # the PDF is in the assembler now

    cache = renderer.layout_cache
    if cache is None:
        parts = lay_out_documents(len(alone), lay_out, write, pages_of, needs_folio.__getitem__, jobs,
                                  deliver=deliver)
    else:  # a warm process: a document whose HTML, styles and first folio are unchanged is not laid out again
        styles, fresh, parts, folio = renderer.styles_digest, {}, [], 1
        for i, one in enumerate(alone):
            key = ("document", profile, folio, styles, page_html(one, [render_body_part(one)], profile))
            part = cache.get(key) or write(lay_out(i, folio if needs_folio[i] else None), folio)
            fresh[key] = part
            parts.append(deliver(i, part))
            folio += part.pages
        for key in [key for key in cache if key[0] == "document" and key not in fresh]:
            del cache[key]  # keep this build's documents, and only them, for the next build
        cache.update(fresh)
    places, relaxed, before = {}, frozenset(), 0
    for part in parts:
        for anchor, where_list in part.places.items():
            places.setdefault(anchor, []).extend(replace(w, page_index=w.page_index + before) for w in where_list)
        relaxed = relaxed | part.relaxed
        before += part.pages
    return BodyLayout(edition, handles, before, render_body_part(edition, relaxed), places, relaxed, profile,
                      sum(part.passes for part in parts))


def prepare_layout(source: Path, diags: Diagnostics, strict: bool = False, profile: str = "screen",
                   progress: Progress = SILENT, renderer: Renderer | None = None, jobs: int | None = None,
                   assembler: Assembler | None = None) -> tuple[BodyLayout, Renderer, Path]:
    """Load and check the source, then lay out the documents once (stages load, check, layout).

    ``jobs`` is how many documents are laid out at once (worker processes); by default
    one per usable core."""
    source = Path(source)
    with progress.stage("load"):
        edition = load(source, diags)
    with progress.stage("check"):
        if edition is not None:
            check(source, edition, diags)
        if edition is None or diags.errors or (strict and diags.warnings):
            raise EditionError(diags)
    styles = find_styles(source)
    renderer = renderer or Renderer(styles, source)
    with progress.stage("layout"):
        body = lay_out_body(edition, renderer, str(source), assembler or Assembler(profile), profile,
                            jobs=jobs or usable_cores())
    return body, renderer, styles


def index_entries(body: BodyLayout) -> tuple[IndexEntry, ...]:
    return build_index(body.edition, collect_mentions(body.edition), body.folio)


OUTPUT_NAMES = {"screen": "edition", "print": "edition-print"}
LARGE_BODY_PAGES = 100


def input_fingerprint(source: Path, profile: str, output: Path | None = None) -> str:
    """A hash of everything a build reads: the source, the styles, the tool's own code and templates,
    the profile and SOURCE_DATE_EPOCH (never the output folder, even inside the source).
    The same fingerprint means the same output bytes."""
    source = Path(source).resolve()
    skip = Path(output).resolve() if output is not None else None
    h = hashlib.sha256(f"{profile}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    package = Path(__file__).resolve().parent
    for root in (source, find_styles(source), package):
        hash_files(h, root, skip)
    return h.hexdigest()


@contextmanager
def fewer_collections():
    """A layout allocates millions of small objects that live until the PDF is written; collecting them
    again and again cost a quarter to a third of a large build.  Collect less often while building,
    then restore the process's settings."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def build_edition(source: Path, output: Path, diags: Diagnostics, strict: bool = False,
                  profile: str = "screen", progress: Progress = SILENT, renderer: Renderer | None = None,
                  incremental: bool = False, jobs: int | None = None, name: str | None = None) -> BuildResult:
    with fewer_collections():
        try:
            return _build_edition(source, output, diags, strict, profile, progress, renderer, incremental, jobs,
                                  name)
        except AssemblyError as exc:  # e.g. two parts giving one anchor: nothing is written
            raise layout_failure(str(source), f"the parts of the PDF cannot be joined: {exc}") from None


def _build_edition(source: Path, output: Path, diags: Diagnostics, strict: bool, profile: str,
                   progress: Progress, renderer: Renderer | None, incremental: bool, jobs: int | None,
                   name: str | None = None) -> BuildResult:
    """Build one profile: ``screen`` writes edition.pdf, ``print`` edition-print.pdf (and the HTML beside it).

    With ``incremental``, a build whose inputs have not changed since the last one
    (same fingerprint, outputs untouched) writes nothing and says so.
    """
    source, output = Path(source), Path(output)
    name = name or OUTPUT_NAMES[profile]  # the file stem: edition.pdf, edition-print.pdf unless named
    pdf_path, html_path = output / f"{name}.pdf", output / f"{name}.html"
    stamp_path = output / f".{name}.build.json"
    fingerprint = input_fingerprint(source, profile, output) if incremental else ""
    if incremental:
        previous = _read_stamp(stamp_path)
        if (previous.get("inputs") == fingerprint and pdf_path.is_file() and html_path.is_file()
                and previous.get("pdf") == _sha(pdf_path.read_bytes())
                and previous.get("html") == _sha(html_path.read_bytes())):
            return BuildResult(pdf_path, html_path, previous.get("pages", 0), previous.get("front_pages", 0),
                               previous.get("body_pages", 0), previous.get("index_pages", 0), 0, None,
                               up_to_date=True)

    assembler = Assembler(profile)
    jobs_wanted = jobs or usable_cores()
    body, renderer, styles = prepare_layout(source, diags, strict, profile, progress, renderer, jobs, assembler)
    edition = body.edition
    body_pages = body.pages

    # the index and the front matter print the text's folios: each is laid out and written on its own,
    # side by side in worker processes when there are workers (so their layouts never burden this one)
    with progress.stage("index"):
        entries = index_entries(body)
        index_part = render_index_part(edition, entries) if entries else None  # none when nobody is named
        index_first = body_pages + 1 if entries else None
        persons = persons_in_edition(edition)
        front_info = FrontMatter(contents=_contents(body, index_first, bool(persons)), persons=persons)

        def write_index() -> tuple[bytes, int]:
            index, problems = renderer.render(page_html(edition, [point_links_elsewhere(index_part, LINK_ELSEWHERE)],
                                                        profile, first_page=index_first))
            _fail_on(problems, source, "index")
            return write_pdf(index, profile), len(index.pages)

        def write_front() -> tuple[bytes, int, str]:
            front, front_part = _lay_out_front(edition, front_info, renderer, profile, source)
            if len(front.pages) % 2:  # the text must begin on a recto
                front, front_part = _lay_out_front(edition, replace(front_info, pad_pages=1), renderer, profile,
                                                   source)
            return write_pdf(front, profile), len(front.pages), str(front_part)

        jobs = [write_front] + ([write_index] if entries else [])
        keys = None
        if renderer.layout_cache is not None:  # what the parts are made from
            styles_digest = renderer.styles_digest
            keys = [("front", profile, styles_digest, page_html(edition, [render_front_part(edition, front_info)],
                                                                profile))]
            if entries:
                keys.append(("index", profile, styles_digest, page_html(edition, [index_part], profile,
                                                                        first_page=index_first)))
        written = _reusing(renderer.layout_cache, keys, jobs, lambda todo: side_by_side(todo, jobs_wanted))
        (front_pdf, front_pages, front_part), (index_pdf, index_pages) = written[0], (written[1:] or [(None, 0)])[0]

    with progress.stage("write"):
        labels = [LabelRange(0, "roman"), LabelRange(front_pages, "arabic")]
        order = [assembler.add(front_pdf)] + body.parts
        if index_pdf is not None:
            order.append(assembler.add(index_pdf))
        del front_pdf, index_pdf, written
        data = assembler.finish(order, edition.meta, labels)
        del assembler
        if body_pages >= LARGE_BODY_PAGES:  # free the cyclic garbage of layout and assembly before preflight
            gc.collect()  # needs its memory (for a small edition the collection costs more than it frees)
        front_part = Markup(front_part)
        html = page_html(edition, [front_part, body.part] + ([index_part] if index_part else []), profile,
                         base_href=styles.as_uri() + "/")

    with progress.stage("preflight"):
        report = preflight(pdf_path, edition=edition, profile=profile, data=data, page_cache=renderer.page_cache)
    if not report.ok:
        raise EditionError([Diagnostic(SourcePos(str(pdf_path)), "error", f"preflight {f.rule}: {f.message}",
                                       "preflight") for f in report.failures])
    write_atomically(html.encode("utf-8"), html_path)
    write_atomically(data, pdf_path)
    result = BuildResult(pdf_path, html_path, report.pages, front_pages, body_pages, index_pages,
                         len(body.relaxed), report, layout_passes=body.passes)
    if incremental:
        stamp = {"inputs": fingerprint, "pdf": _sha(data), "html": _sha(html.encode("utf-8")),
                 "pages": result.pages, "front_pages": result.front_pages, "body_pages": result.body_pages,
                 "index_pages": result.index_pages}
        write_atomically(json.dumps(stamp, indent=1).encode(), stamp_path)
    return result


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _reusing(cache: dict | None, keys: list, jobs: list, run) -> list:
    """The jobs' results, ``run`` doing those not in ``cache`` (a warm process keeps the front matter and
    index it wrote last, under keys that hold everything they are made from)."""
    if cache is None:
        return run(jobs)
    todo = [k for k, key in enumerate(keys) if key not in cache]
    for k, result in zip(todo, run([jobs[k] for k in todo]) if todo else []):
        for stale in [old for old in cache if old[0] == keys[k][0]]:
            del cache[stale]
        cache[keys[k]] = result
    return [cache[key] for key in keys]


def _fail_on(problems: list[str], source: Path, part: str) -> None:
    if problems:
        raise layout_failure(str(source), f"layout of the {part} failed: " + "; ".join(problems))


def _lay_out_front(edition: Edition, info: FrontMatter, renderer: Renderer, profile: str, source: Path):
    front_part = render_front_part(edition, info)
    front, problems = renderer.render(page_html(edition, [point_links_elsewhere(front_part, LINK_ELSEWHERE)],
                                                profile))
    _fail_on(problems, source, "front matter")
    return front, front_part


def _contents(body: BodyLayout, index_first: int | None, with_persons: bool) -> tuple[ContentsEntry, ...]:
    entries = [ContentsEntry("Persons", "", "#persons")] if with_persons else []
    for doc in body.edition.documents:
        entries.append(ContentsEntry(f"{doc.number}. {doc.title_text}", str(body.folio(doc.id)), f"#{doc.id}"))
    if index_first is not None:
        entries.append(ContentsEntry("Index", str(index_first), "#index"))
    return tuple(entries)
