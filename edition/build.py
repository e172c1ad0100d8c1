"""Build: a source folder in, ``edition.pdf`` and ``edition.html`` out.

Runs the pipeline's stages in order (see ``pipeline``): prepare the model,
write the body's HTML and lay it out once, verify every note against its
call, read the page of every anchor, then write and lay out only the parts
that need those page numbers (the index, then the front matter with contents
and persons list), combine the laid-out pages without laying out the body
again, and finish the PDF.  Nothing is written unless every stage succeeded.
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
from .progress import SILENT, Progress
from .preflight import Report, preflight
from .render.finish import LabelRange, edition_date, finish_pdf, write_atomically, write_pdf
from .render.layout import (Renderer, layout_failure, note_placements, page_map, paragraphs_to_relax,
                            verify_notes)
from .transforms.checks import mentioned_person_ids
from .transforms.index import IndexEntry, build_index, collect_mentions, sort_key
from .writer.html import (ContentsEntry, FrontMatter, paragraph_anchors, render_body_part, render_front_part,
                          render_html, render_index_part)



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


@dataclass
class BodyLayout:
    """The documents laid out once, with the printed folio of every anchor."""

    edition: Edition
    document: object  # weasyprint.Document
    part: str
    places: dict
    relaxed: frozenset
    profile: str = "screen"

    def folio(self, anchor: str) -> int | None:
        where = self.places.get(anchor)
        return where[0].page_index + 1 if where else None


def persons_in_edition(edition: Edition) -> tuple[Person, ...]:
    mentioned = mentioned_person_ids(edition)
    return tuple(sorted((p for p in edition.persons if p.id in mentioned), key=lambda p: sort_key(p.index_form)))


def page_html(edition: Edition, parts, profile: str, **options) -> str:
    """A part's HTML for layout, dated from ``SOURCE_DATE_EPOCH`` (or the edition's year)."""
    created = edition_date(edition.meta).strftime("%Y-%m-%dT%H:%M:%SZ")
    return render_html(edition, parts, profile=profile, created=created, **options)


def lay_out_body(edition: Edition, renderer: Renderer, where: str, profile: str = "screen",
                 passes: int = 4) -> BodyLayout:
    """Lay out the documents and verify every note against its call.

    Each document is laid out on its own, starting on the recto after the one
    before (its folios continue), and the pages are combined without being laid
    out again: so a note pulled back to its page costs a second layout of that
    document only, and a warm process (``edition watch``) lays out again only
    the documents whose text or first page changed.  A volume with
    cross-references between documents is laid out in one piece, so that the
    page numbers they print come from the same layout.
    """
    if len(edition.documents) > 1 and not _references_across_documents(edition):
        return _lay_out_each_document(edition, renderer, where, profile, passes)
    body, body_part, places, relaxed = _lay_out_with_notes_verified(
        edition, renderer, where, profile, passes, first_page=None, blank_first=False)
    return BodyLayout(edition, body, body_part, places, relaxed, profile)


def _references_across_documents(edition: Edition) -> bool:
    return any(isinstance(node, CrossRef) and node.document != doc.id
               for doc in edition.documents for nodes in document_texts(doc) for node in walk_inlines(nodes))


def _lay_out_with_notes_verified(edition: Edition, renderer: Renderer, where: str, profile: str, passes: int,
                                 first_page: int | None, blank_first: bool):
    """Lay out; where a note left its call's page, relax widow and orphan control of the paragraphs
    involved and lay out again (a few passes at most); then verify every note."""
    paragraphs = {doc.id: paragraph_anchors(doc) for doc in edition.documents}
    relaxed: frozenset[str] = frozenset()
    for _ in range(passes):
        body_part = render_body_part(edition, relaxed, blank_first=blank_first)
        body, problems = renderer.render(page_html(edition, [body_part], profile, first_page=first_page,
                                                   starts_left=blank_first))
        if problems:
            raise layout_failure(where, "layout of the text failed: " + "; ".join(problems))
        places = page_map(body)
        placements = note_placements(edition, places)
        more = paragraphs_to_relax(placements, places, paragraphs) - relaxed
        if all(p.ok for p in placements) or not more:
            break
        relaxed = relaxed | more
        body = None  # free this pass's pages before the next one is laid out
    offset = (first_page or 1) - 1
    verify_notes(placements, folio=lambda i: str(i + 1 + offset))
    return body, body_part, places, relaxed


def _lay_out_each_document(edition: Edition, renderer: Renderer, where: str, profile: str,
                           passes: int) -> BodyLayout:
    rendered, places, relaxed = [], {}, frozenset()
    pages_before = 0
    cache = renderer.layout_cache
    styles = renderer.styles_digest if cache is not None else ""
    fresh = {}
    for doc in edition.documents:
        alone = replace(edition, documents=(doc,))
        blank_first = pages_before % 2 == 1  # every document opens on a recto
        key = None
        if cache is not None:  # the document's own HTML and first page decide its layout
            key = (profile, pages_before, styles,
                   page_html(alone, [render_body_part(alone, frozenset(), blank_first=blank_first)], profile,
                             first_page=pages_before + 1, starts_left=blank_first))
        if key is not None and key in cache:
            document, local, doc_relaxed = cache[key]
        else:
            document, _part, local, doc_relaxed = _lay_out_with_notes_verified(
                alone, renderer, where, profile, passes, first_page=pages_before + 1, blank_first=blank_first)
        if key is not None:
            fresh[key] = (document, local, doc_relaxed)
        for anchor, where_list in local.items():
            places.setdefault(anchor, []).extend(replace(w, page_index=w.page_index + pages_before)
                                                 for w in where_list)
        rendered.append(document)
        relaxed = relaxed | doc_relaxed
        pages_before += len(document.pages)
    if cache is not None:  # keep this build's layouts, and only them, for the next build
        cache.clear()
        cache.update(fresh)
    combined = rendered[0].copy([page for document in rendered for page in document.pages])
    return BodyLayout(edition, combined, render_body_part(edition, relaxed), places, relaxed, profile)


def prepare_layout(source: Path, diags: Diagnostics, strict: bool = False, profile: str = "screen",
                   progress: Progress = SILENT, renderer: Renderer | None = None
                   ) -> tuple[BodyLayout, Renderer, Path]:
    """Load and check the source, then lay out the documents once (stages load, check, layout)."""
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
        body = lay_out_body(edition, renderer, str(source), profile)
    return body, renderer, styles


def index_entries(body: BodyLayout) -> tuple[IndexEntry, ...]:
    return build_index(body.edition, collect_mentions(body.edition), body.folio)


OUTPUT_NAMES = {"screen": "edition", "print": "edition-print"}


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
                  incremental: bool = False) -> BuildResult:
    with fewer_collections():
        return _build_edition(source, output, diags, strict, profile, progress, renderer, incremental)


def _build_edition(source: Path, output: Path, diags: Diagnostics, strict: bool, profile: str,
                   progress: Progress, renderer: Renderer | None, incremental: bool) -> BuildResult:
    """Build one profile: ``screen`` writes edition.pdf, ``print`` edition-print.pdf (and the HTML beside it).

    With ``incremental``, a build whose inputs have not changed since the last one
    (same fingerprint, outputs untouched) writes nothing and says so.
    """
    source, output = Path(source), Path(output)
    name = OUTPUT_NAMES[profile]
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

    body, renderer, styles = prepare_layout(source, diags, strict, profile, progress, renderer)
    edition = body.edition
    body_pages = len(body.document.pages)

    # the index: laid out alone, starting on the first recto after the text (none when nobody is named)
    with progress.stage("index"):
        entries = index_entries(body)
        blank_first = body_pages % 2 == 1
        index_part, index, index_first = Markup(""), None, None
        if entries:
            index_part = render_index_part(edition, entries, blank_first)
            index, problems = renderer.render(page_html(edition, [index_part], profile, first_page=body_pages + 1,
                                                        starts_left=blank_first))
            _fail_on(problems, source, "index")
            index_first = body_pages + 1 + (1 if blank_first else 0)

    with progress.stage("front"):
        persons = persons_in_edition(edition)
        front_info = FrontMatter(contents=_contents(body, index_first, bool(persons)), persons=persons)
        front_part = render_front_part(edition, front_info)
        front, problems = renderer.render(page_html(edition, [front_part], profile))
        if len(front.pages) % 2:  # the text must begin on a recto
            front_info = FrontMatter(front_info.contents, front_info.persons, pad_pages=1)
            front_part = render_front_part(edition, front_info)
            front, problems = renderer.render(page_html(edition, [front_part], profile))
        _fail_on(problems, source, "front matter")

    with progress.stage("write"):
        front_pages, index_pages = len(front.pages), len(index.pages) if index is not None else 0
        labels = [LabelRange(0, "roman"), LabelRange(front_pages, "arabic")]
        raw = write_pdf([front, body.document] + ([index] if index is not None else []), profile)
        front = index = body.document = None  # the laid-out pages are in the PDF now: free them
        data = finish_pdf(raw, edition.meta, labels, profile)
        del raw
        html = page_html(edition, [front_part, body.part] + ([index_part] if index_pages else []), profile,
                         base_href=styles.as_uri() + "/")

    with progress.stage("preflight"):
        report = preflight(pdf_path, edition=edition, profile=profile, data=data)
    if not report.ok:
        raise EditionError([Diagnostic(SourcePos(str(pdf_path)), "error", f"preflight {f.rule}: {f.message}",
                                       "preflight") for f in report.failures])
    write_atomically(html.encode("utf-8"), html_path)
    write_atomically(data, pdf_path)
    result = BuildResult(pdf_path, html_path, report.pages, front_pages, body_pages, index_pages,
                         len(body.relaxed), report)
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


def _fail_on(problems: list[str], source: Path, part: str) -> None:
    # links into another part resolve only once the parts are combined
    real = [p for p in problems if not p.startswith("No anchor #")]
    if real:
        raise layout_failure(str(source), f"layout of the {part} failed: " + "; ".join(real))


def _contents(body: BodyLayout, index_first: int | None, with_persons: bool) -> tuple[ContentsEntry, ...]:
    entries = [ContentsEntry("Persons", "", "#persons")] if with_persons else []
    for doc in body.edition.documents:
        entries.append(ContentsEntry(f"{doc.number}. {doc.title_text}", str(body.folio(doc.id)), f"#{doc.id}"))
    if index_first is not None:
        entries.append(ContentsEntry("Index", str(index_first), "#index"))
    return tuple(entries)
