"""Layout: paged HTML in, laid-out WeasyPrint documents out, with the page of every anchor.

``Renderer`` lays out one part (a document, the front matter, the index) with
the shared font configuration and the sandboxed fetcher, through the adapter
(which keeps WeasyPrint's layout context, so that ``renumber_pages`` can give
the pages other folios without laying the text out again).  ``page_map``
reads the page of every anchor.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import adapter
from ..diagnostics import Diagnostic, EditionError, SourcePos
from ..styles import hash_files, own_styles
from ..profiles import Profile
from .fetcher import SandboxFetcher


@dataclass(frozen=True)
class AnchorPlace:
    page_index: int  # 0-based, within its part
    x: float
    y: float


class Renderer:
    """Lays out HTML parts with one font configuration, loading only the edition's own files."""

    def __init__(self, styles_dir: Path, source_dir: Path, profile: Profile | None = None):
        """With a ``profile``, its stylesheets are parsed once and given to every layout (the pages of HTML
        then link none: ``render_html(..., linked=False)``); without, each page links its own."""
        self.profile = profile
        self._sheets: list | None = None
        self._sheets_stamp: str = ""  # the styles folder's state when they were parsed (a warm process's check)
        self.styles_dir = Path(styles_dir).resolve()
        # the stylesheets and fonts, the source (images), and the edition's own styles/ beside the source
        self.fetcher = SandboxFetcher(self.styles_dir, Path(source_dir).resolve(), own_styles(Path(source_dir)))
        self.font_config = adapter.font_configuration()
        # kept between builds by a warm process (``edition watch``), or None: written parts, and what
        # preflight read on each page
        self.layout_cache: dict | None = None
        self.page_cache: dict | None = None
        # the note placement's plans found by earlier builds (``plans.json`` beside the outputs), by
        # ``plan_key``; ``plan_context`` is what, besides a part's HTML, its layout depends on ("": none kept)
        self.plans: dict[str, dict] = {}
        self.plan_context = ""

    def stylesheets(self) -> list:
        """The profile's base stylesheet (edition.css: most rules, the fonts), parsed once, its fonts registered
        once, for every layout; the others (print.css, whose colour profile must be read anew for each PDF) are
        linked by the page."""
        if self._sheets is None:
            from weasyprint import CSS
            self._sheets = [CSS(url=(self.styles_dir / name).as_uri(), url_fetcher=self.fetcher,
                                font_config=self.font_config)
                            for name in (self.profile.stylesheets[:1] if self.profile is not None else ())]
        return self._sheets

    def plan_key(self, html: str) -> str:
        """The plan cache's key of a part: its HTML, the styles, the tool's code and profile ("" if none kept)."""
        if not self.plan_context:
            return ""
        return hashlib.sha256(f"{self.plan_context}\0{html}".encode()).hexdigest()

    def forget_stylesheets(self) -> None:
        self._sheets = None

    def forget_changed_stylesheets(self) -> None:
        """Forget the parsed stylesheets only when a file of the styles folder changed (a warm process, before
        each build): the stylesheets' bytes, the other files' (fonts, colour profiles) sizes and times."""
        stamp = _styles_stamp(self.styles_dir)
        if stamp != self._sheets_stamp:
            self._sheets, self._sheets_stamp = None, stamp

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
        """Lay out one part, keeping its layout context for ``renumber_pages``: (document, context, problems)."""
        from weasyprint import HTML
        self.fetcher.refused.clear()
        with adapter.weasyprint_messages() as records:
            source = HTML(string=html, base_url=self.styles_dir.as_uri() + "/", url_fetcher=self.fetcher)
            document, context = adapter.lay_out(source, self.font_config, self.stylesheets())
        problems = [r.getMessage() for r in records if not adapter.is_ignored_declaration(r)]
        problems.extend(f"refused to load {u}" for u in self.fetcher.refused)
        return document, context, problems


renumber_pages = adapter.renumber_pages


def _styles_stamp(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".css":
            h.update(f"{path}\0".encode() + path.read_bytes())
        else:
            info = path.stat()
            h.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return h.hexdigest()


def page_map(document) -> dict[str, list[AnchorPlace]]:
    """Every anchor of a laid-out document and the pages it stands on."""
    places: dict[str, list[AnchorPlace]] = {}
    for i, page in enumerate(document.pages):
        for name, box in page.anchors.items():  # (x, y[, x2, y2]) in CSS px
            places.setdefault(name, []).append(AnchorPlace(i, box[0], box[1]))
    return places


def layout_failure(path: str, message: str) -> EditionError:
    return EditionError([Diagnostic(SourcePos(path), "error", message, "layout")])
