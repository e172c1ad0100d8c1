"""Note placement: the layout policy that keeps every note on the page of its call.

Takes an edition (one document, or a volume laid out whole) and a ``Renderer``;
gives it laid out (``LaidOut``) with every note's and call's page known, after
as few layouts as it takes: where WeasyPrint moved a note off its call's page
(it does so when widow and orphan control cannot give it room), the paragraphs
involved give up that control and the part is laid out again, a few passes at
most.  ``verify_notes`` then checks, before anything is written, that every
note is present once and on its call's page, and raises naming the document,
the note and the pages when not.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import anchors
from ..diagnostics import Diagnostic, EditionError
from ..model import Document, Edition, Note
from ..writer.html import paragraph_anchors, render_body_part
from .layout import AnchorPlace, Renderer, layout_failure, page_map

PASSES = 4  # layouts of a part at most: the first, then one for each round of relaxed paragraphs


@dataclass
class LaidOut:
    """A part laid out with its notes placed, not yet written."""

    edition: Edition
    document: Any  # weasyprint.Document
    context: Any  # its layout context, for renumber_pages
    places: dict[str, list[AnchorPlace]]
    placements: list["NotePlacement"]
    relaxed: frozenset[str]
    passes: int
    first_folio: int  # of its first page as laid out
    part: str = ""  # its HTML


def lay_out_placing_notes(edition: Edition, renderer: Renderer, where: str, page_html, first_page: int | None,
                          passes: int = PASSES) -> LaidOut:
    """Lay out; where a note left its call's page, relax widow and orphan control of the paragraphs involved
    and lay out again.  ``page_html(edition, parts, first_page=...)`` makes the part's page of HTML.  The
    notes are verified when the part is written."""
    paragraphs = {doc.id: paragraph_anchors(doc) for doc in edition.documents}
    relaxed: frozenset[str] = frozenset()
    count = 0
    for count in range(1, passes + 1):
        body_part = render_body_part(edition, relaxed)
        body, context, problems = renderer.render_keeping_context(
            page_html(edition, [body_part], first_page=first_page))
        if problems:
            raise layout_failure(where, "layout of the text failed: " + "; ".join(problems))
        places = page_map(body)
        placements = note_placements(edition, places)
        more = paragraphs_to_relax(placements, places, paragraphs) - relaxed
        if all(p.ok for p in placements) or not more or count == passes:
            break  # placed, or nothing more to relax, or no passes left: verification reports what is wrong
        relaxed = relaxed | more
        body = context = None  # free this pass's pages before the next one is laid out
    return LaidOut(edition, body, context, places, placements, relaxed, count, first_page or 1, body_part)


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
    return [NotePlacement(doc, note, tuple(p.page_index for p in places.get(anchors.call(note.anchor), [])),
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


