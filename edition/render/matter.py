"""Front matter and index: the laid-out body's folios in, both written as PDF parts out.

Takes the ``BodyLayout`` (the folio of every anchor) and a ``Renderer``; gives
``Matter``: the index entries, the index and the front matter (half-title,
title, imprint, contents with folios, persons list) each laid out on its own
and written as a PDF part, with their page counts and HTML.  Both print the
text's folios, so they come after the body; they are laid out side by side in
worker processes when there are workers (so their layouts never burden this
one), and a warm process keeps them while what they print is unchanged.
Links from them to the text go out as ``edition-part:`` URIs for the assembly
to resolve.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from ..model import Edition
from ..profiles import Profile
from ..transforms.index import IndexEntry, build_index, collect_mentions
from ..writer.front import FrontMatter, front_matter
from ..writer.html import point_links_elsewhere, render_front_part, render_index_part
from .assemble import LINK_ELSEWHERE
from .body import BodyLayout, page_html
from .documents import side_by_side
from .finish import write_pdf
from .layout import Renderer, layout_failure
from ..cache import reusing


@dataclass(frozen=True)
class Matter:
    entries: tuple[IndexEntry, ...]
    front_pdf: bytes
    front_pages: int
    front_html: str
    index_pdf: bytes | None  # None when nobody is named
    index_pages: int
    index_html: str


def index_entries(body: BodyLayout) -> tuple[IndexEntry, ...]:
    """The index of names, with the printed folio of every mention."""
    return build_index(body.edition, collect_mentions(body.edition), body.folio, body.lines)


def lay_out_matter(body: BodyLayout, renderer: Renderer, profile: Profile, where: str, jobs: int) -> Matter:
    edition = body.edition
    entries = index_entries(body)
    index_part = render_index_part(edition, entries) if entries else None
    index_first = body.pages + 1 if entries else None
    front = front_matter(edition, body.folio, index_first)

    def write_index() -> tuple[bytes, int]:
        assert index_part is not None
        index, problems = renderer.render(page_html(edition, [point_links_elsewhere(index_part, LINK_ELSEWHERE)],
                                                    profile, first_page=index_first))
        _fail_on(problems, where, "index")
        return write_pdf(index, profile), len(index.pages)

    def write_front() -> tuple[bytes, int, str]:
        laid, html = _lay_out_front(edition, front, renderer, profile, where)
        if len(laid.pages) % 2:  # the text must begin on a recto
            laid, html = _lay_out_front(edition, replace(front, pad_pages=1), renderer, profile, where)
        return write_pdf(laid, profile), len(laid.pages), str(html)

    jobs_to_run = [write_front] + ([write_index] if entries else [])
    keys: list | None = None
    if renderer.layout_cache is not None:  # what the parts are made from
        digest = renderer.styles_digest
        keys = [("front", profile.name, digest, page_html(edition, [render_front_part(edition, front)], profile))]
        if entries:
            keys.append(("index", profile.name, digest, page_html(edition, [index_part], profile,
                                                                  first_page=index_first)))
    written = reusing(renderer.layout_cache, keys, jobs_to_run, lambda todo: side_by_side(todo, jobs))
    front_pdf, front_pages, front_html = written[0]
    index_pdf, index_pages = written[1] if entries else (None, 0)
    return Matter(entries, front_pdf, front_pages, front_html, index_pdf, index_pages,
                  str(index_part) if index_part else "")


def _fail_on(problems: list[str], where: str, part: str) -> None:
    if problems:
        raise layout_failure(where, f"layout of the {part} failed: " + "; ".join(problems))


def _lay_out_front(edition: Edition, info: FrontMatter, renderer: Renderer, profile: Profile, where: str):
    front_part = render_front_part(edition, info)
    laid, problems = renderer.render(page_html(edition, [point_links_elsewhere(front_part, LINK_ELSEWHERE)],
                                               profile))
    _fail_on(problems, where, "front matter")
    return laid, Markup(front_part)
