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

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from markupsafe import Markup

from ..model import Edition
from ..profiles import Profile
from ..transforms.index import IndexEntry, build_index, collect_mentions
from ..writer.front import front_matter
from ..writer.html import point_links_elsewhere, render_front_part, render_index_part
from .body import BodyLayout, page_html
from .documents import side_by_side
from .finish import LINK_ELSEWHERE, write_pdf
from .layout import Renderer, layout_failure
from .speculation import Speculation
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
    pages: dict[str, list[str]] = field(default_factory=dict)  # the page HTML each part was laid out from


def index_entries(body: BodyLayout) -> tuple[IndexEntry, ...]:
    """The index of names, with the printed folio of every mention."""
    return build_index(body.edition, collect_mentions(body.edition), body.folio, body.lines)


def lay_out_matter(body: BodyLayout, renderer: Renderer, profile: Profile, where: str, jobs: int,
                   speculation: Speculation | None = None, meanwhile: Callable[[], object] | None = None,
                   beside: "Callable[[str, list[str]], Any] | None" = None) -> Matter:
    """The index and the front matter laid out and written (side by side with ``jobs`` above 1; taken from
    ``speculation`` where it laid out the very same HTML, or from a warm renderer's cache).  ``meanwhile``
    is called while workers lay them out (the build takes in the text's PDF, written by a worker).
    ``beside(kind, pages)``: the worker that laid the text out, whose fonts and dictionaries are loaded,
    takes the front matter (a waiting result, or None)."""
    edition = body.edition
    entries = index_entries(body)
    index_part = render_index_part(edition, entries) if entries else None
    index_first = body.pages + 1 if entries else None
    front = front_matter(edition, body.folio, index_first)
    front_parts = (render_front_part(edition, front), render_front_part(edition, replace(front, pad_pages=1)))
    pages: dict[str, list[str]] = {"front": [_linked_page(edition, part, profile) for part in front_parts]}
    if index_part is not None:
        pages["index"] = [_linked_page(edition, index_part, profile, index_first)]
    kinds = list(pages)
    jobs_for = [lambda kind=kind: lay_out_part(renderer, profile, where, kind, pages[kind]) for kind in kinds]
    if speculation is not None or beside is not None:
        done = {kind: result for kind in kinds
                if speculation is not None and (result := speculation.take(kind, pages[kind])) is not None}
        waiting = beside("front", pages["front"]) if beside is not None and "front" not in done else None
        todo = [k for k, kind in enumerate(kinds) if kind not in done and not (kind == "front" and waiting)]
        done.update(zip((kinds[k] for k in todo), side_by_side([jobs_for[k] for k in todo], jobs, meanwhile)))
        if waiting is not None:
            done["front"] = waiting.result()
        written = [done[kind] for kind in kinds]
    else:
        keys = None
        if renderer.layout_cache is not None:  # what the parts are made from
            keys = [(kind, profile.name, renderer.styles_digest, tuple(pages[kind])) for kind in kinds]
        written = reusing(renderer.layout_cache, keys, jobs_for, lambda todo: side_by_side(todo, jobs, meanwhile))
    front_pdf, front_pages, padded = written[0]
    index_pdf, index_pages, _ = written[1] if index_part is not None else (None, 0, 0)
    return Matter(entries, front_pdf, front_pages, str(front_parts[padded]), index_pdf, index_pages,
                  str(index_part) if index_part else "", pages)


def lay_out_part(renderer: Renderer, profile: Profile, where: str, kind: str, pages: list[str]
                 ) -> tuple[bytes, int, int]:
    """The part ``kind`` laid out and written from the first of its page HTMLs; the front matter from the
    second (a blank page added) when the first has an odd number of pages, since the text must begin on a
    recto.  (PDF bytes, pages, which HTML it was.)"""
    for k, html in enumerate(pages):
        laid, problems = renderer.render(html)
        _fail_on(problems, where, "front matter" if kind == "front" else "index")
        if kind != "front" or len(laid.pages) % 2 == 0 or k == len(pages) - 1:
            return write_pdf(laid, profile), len(laid.pages), k
    raise ValueError("no page HTML to lay out")


def _linked_page(edition: Edition, part: Markup, profile: Profile, first_page: int | None = None) -> str:
    """A part's page HTML, its links to the text sent out for the assembly to resolve."""
    return page_html(edition, [point_links_elsewhere(part, LINK_ELSEWHERE)], profile, first_page=first_page)


def _fail_on(problems: list[str], where: str, part: str) -> None:
    if problems:
        raise layout_failure(where, f"layout of the {part} failed: " + "; ".join(problems))
