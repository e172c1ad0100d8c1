"""Layout: paged HTML in, laid-out WeasyPrint documents out, notes verified.

``Renderer`` lays out one part (body, front matter, index) with the shared
font configuration and the sandboxed fetcher.  ``page_map`` reads the page
of every anchor.  ``verify_notes`` checks, after layout, that every note is
present exactly once and on the page of its call; it raises with the
document, note and page when not, so a wrong PDF is never written.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, EditionError, SourcePos
from ..model import Document, Edition, Note
from ..styles import hash_files
from .fetcher import SandboxFetcher


@dataclass(frozen=True)
class AnchorPlace:
    page_index: int  # 0-based, within its part
    x: float
    y: float


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Renderer:
    """Lays out HTML parts with one font configuration, loading only the edition's own files."""

    def __init__(self, styles_dir: Path, source_dir: Path):
        from weasyprint.text.fonts import FontConfiguration
        self.styles_dir = Path(styles_dir).resolve()
        self.fetcher = SandboxFetcher(self.styles_dir, Path(source_dir).resolve())
        self.font_config = FontConfiguration()
        # kept between builds by a warm process (``edition watch``), or None: written parts, and what
        # preflight read on each page
        self.layout_cache: dict | None = None
        self.page_cache: dict | None = None

    @property
    def styles_digest(self) -> str:
        """A hash of the styles folder, so that a changed stylesheet or font lays everything out again."""
        h = hashlib.sha256()
        hash_files(h, self.styles_dir)
        return h.hexdigest()

    def render(self, html: str):
        """Lay out one part: the WeasyPrint document and the problems WeasyPrint reported."""
        document, _context, problems = self.render_keeping_context(html)
        return document, problems

    def render_keeping_context(self, html: str):
        """Lay out one part as ``weasyprint.HTML.render`` does, keeping its layout context, so that
        ``renumber_pages`` can later give the pages other folios without laying them out again."""
        from weasyprint import DEFAULT_OPTIONS, HTML
        from weasyprint.css.counters import CounterStyle
        from weasyprint.document import Document as WeasyDocument, DocumentMetadata, Page
        from weasyprint.formatting_structure.build import build_formatting_structure
        from weasyprint.html import get_html_metadata
        from weasyprint.layout import layout_document
        handler = _Collect()
        self.fetcher.refused.clear()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(handler)
        try:
            source = HTML(string=html, base_url=self.styles_dir.as_uri() + "/", url_fetcher=self.fetcher)
            options, counter_style, color_profiles = DEFAULT_OPTIONS.copy(), CounterStyle(), {}
            context = WeasyDocument._build_layout_context(source, self.font_config, counter_style, color_profiles,
                                                          options)
            root = build_formatting_structure(source.etree_element, context.style_for, context.get_image_from_uri,
                                              source.base_url, context.target_collector, counter_style,
                                              context.footnotes)
            pages = [Page(box) for box in layout_document(source, root, context)]
            document = WeasyDocument(pages, DocumentMetadata(**get_html_metadata(source)), source.url_fetcher,
                                     self.font_config, color_profiles, options["output_intent"])
            document._html = source
        finally:
            logger.removeHandler(handler)
        problems = [m for m in handler.messages if not m.startswith("Ignored")]
        if self.fetcher.refused:
            problems.extend(f"refused to load {u}" for u in self.fetcher.refused)
        return document, context, problems


def renumber_pages(document, context, offset: int) -> None:
    """Add ``offset`` to the page counter of every page and make its margin boxes (running heads,
    folios) again: the text is not laid out again.  Only for parts whose text prints no page number
    (no ``target-counter``), since those were set during layout."""
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.layout.page import make_margin_boxes
    if not offset:
        return
    seen: set[int] = set()
    for entry in context.page_maker:
        counters = entry[3][1]
        if id(counters) not in seen and "page" in counters:
            seen.add(id(counters))
            counters["page"] = [value + offset for value in counters["page"]]
    for i, page in enumerate(document.pages):
        box = page._page_box
        context.current_page = i + 1
        kept = tuple(child for child in box.children if not isinstance(child, MarginBox))
        box.children = kept + tuple(make_margin_boxes(context, box, context.page_maker[i + 1][3]))
        layout_backgrounds(box, context.get_image_from_uri)


def page_map(document) -> dict[str, list[AnchorPlace]]:
    """Every anchor of a laid-out document and the pages it stands on."""
    places: dict[str, list[AnchorPlace]] = {}
    for i, page in enumerate(document.pages):
        for name, box in page.anchors.items():  # (x, y[, x2, y2]) in CSS px
            places.setdefault(name, []).append(AnchorPlace(i, box[0], box[1]))
    return places


@dataclass(frozen=True)
class NotePlacement:
    """Where layout put one note and its call (0-based page indexes within the part)."""

    document: Document
    note: Note
    call_pages: tuple[int, ...]
    note_pages: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return len(self.call_pages) == 1 and self.note_pages == self.call_pages


def note_placements(edition: Edition, places: dict[str, list[AnchorPlace]]) -> list[NotePlacement]:
    return [NotePlacement(doc, note, tuple(p.page_index for p in places.get(f"call-{note.anchor}", [])),
                          tuple(p.page_index for p in places.get(note.anchor, [])))
            for doc in edition.documents for note in doc.notes]


def verify_notes(placements: list[NotePlacement], folio) -> None:
    """Every note present once, on its call's page; raise ``EditionError`` naming each failure."""
    problems: list[Diagnostic] = []
    for pl in placements:
        if pl.ok:
            continue
        doc, note = pl.document, pl.note
        where = f'document {doc.number} ("{doc.short_title}"), note {note.label}'
        if len(pl.call_pages) != 1:
            message = f"{where}: its call appears {len(pl.call_pages)} times in the laid-out pages"
        elif not pl.note_pages:
            message = f"{where}: the note was dropped by layout (its call is on p. {folio(pl.call_pages[0])})"
        elif len(pl.note_pages) > 1:
            message = f"{where}: the note is printed {len(pl.note_pages)} times"
        else:
            message = (f"{where}: the note fell on p. {folio(pl.note_pages[0])}, "
                       f"its call is on p. {folio(pl.call_pages[0])}")
        problems.append(Diagnostic(note.pos, "error", message, "layout-note"))
    if problems:
        raise EditionError(problems)


def paragraphs_to_relax(placements: list[NotePlacement], places: dict[str, list[AnchorPlace]],
                        paragraphs: dict[str, list[str]]) -> set[str]:
    """The paragraphs whose widow and orphan control may have pushed a note off its call's page.

    WeasyPrint, when a line cannot break before it for orphans' or widows' sake,
    moves the page's last notes away to make room.  The candidates are the
    paragraph running at the top of the call's page and those that begin on it.
    """
    relax: set[str] = set()
    for pl in placements:
        if pl.ok or len(pl.call_pages) != 1:
            continue
        page = pl.call_pages[0]
        running = None
        for anchor in paragraphs.get(pl.document.id, []):
            where = places.get(anchor)
            if not where:
                continue
            start = where[0].page_index
            if start < page:
                running = anchor
            elif start == page:
                relax.add(anchor)
        if running:
            relax.add(running)
    return relax


def layout_failure(path: str, message: str) -> EditionError:
    return EditionError([Diagnostic(SourcePos(path), "error", message, "layout")])
