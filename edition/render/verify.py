"""Verification of the notes after layout: where every note (and every part of a split note) fell.

Takes the laid-out anchors of a part (``page_map``) and the layout plan; gives
a ``NotePlacement`` per note (the pages of its call and of each of its parts,
and the parts whose box begins above the page's text area, which WeasyPrint
lets a note too tall for the page do), and ``verify_notes``, which raises,
before anything is written, naming the document, the note and the pages of
every note that is not printed once, starting on its call's page, its
continuations on the pages that follow in turn.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import anchors
from ..diagnostics import Diagnostic, EditionError
from ..model import Document, Edition, Note
from ..writer.plan import LayoutPlan
from .layout import AnchorPlace

REMEDY = ("shorten the note or split it, move its call earlier in the paragraph, or break the paragraph "
          "before the call")


@dataclass(frozen=True)
class NotePlacement:
    """Where layout put one note and its call (0-based page indexes within the part)."""

    document: Document
    note: Note
    call_pages: tuple[int, ...]
    part_pages: tuple[tuple[int, ...], ...]  # for each part (one unless the note is split), its pages
    overflowing: tuple[int, ...] = ()  # parts (1-based) whose box begins above the page's text area
    call_wanted: int | None = None  # for a split note, the page its call must keep (where its room was measured)

    @property
    def note_pages(self) -> tuple[int, ...]:
        return self.part_pages[0]

    @property
    def wrong_part(self) -> int | None:
        """The first part (1-based) not where it belongs, or None."""
        if len(self.call_pages) != 1 or self.call_wanted not in (None, self.call_pages[0]):
            return 1
        for j, pages in enumerate(self.part_pages, 1):
            if pages != (self.call_pages[0] + j - 1,) or j in self.overflowing:
                return j
        return None

    @property
    def ok(self) -> bool:
        return self.wrong_part is None


def note_placements(edition: Edition, places: dict[str, list[AnchorPlace]], plan: LayoutPlan | None = None,
                    content_tops: Callable[[int], float] | None = None) -> list[NotePlacement]:
    """Each note's placement; ``content_tops(page)`` (the top of the page's text area) finds overflowing
    parts."""
    plan = plan or LayoutPlan()
    out = []
    for doc in edition.documents:
        for note in doc.notes:
            parts = len(plan.splits.get(note.anchor, (0,)))
            where = [places.get(anchors.note_part(note.anchor, j), []) for j in range(1, parts + 1)]
            over = tuple(j for j, spots in enumerate(where, 1) if content_tops is not None
                         and any(s.y < content_tops(s.page_index) - 0.5 for s in spots))
            out.append(NotePlacement(doc, note, tuple(p.page_index for p in places.get(anchors.call(note.anchor), [])),
                                     tuple(tuple(s.page_index for s in spots) for spots in where), over,
                                     plan.calls.get(note.anchor)))
    return out


def verify_notes(placements: list[NotePlacement], folio: Callable[[int], str]) -> None:
    """Every note present once, starting on its call's page, its continuations on the pages that follow;
    raise ``EditionError`` naming each failure."""
    problems = [Diagnostic(pl.note.pos, "error", _message(pl, folio), "layout-note") for pl in placements if not pl.ok]
    if problems:
        raise EditionError(problems)


def _message(pl: NotePlacement, folio: Callable[[int], str]) -> str:
    doc, note = pl.document, pl.note
    where = f'document {doc.number} ("{doc.short_title}"), note {note.label}'
    if len(pl.call_pages) != 1:
        return f"{where}: its call appears {len(pl.call_pages)} times in the laid-out pages"
    call = pl.call_pages[0]
    j = pl.wrong_part or 1
    pages = pl.part_pages[j - 1]
    what = "the note" if j == 1 else f"its continuation (part {j})"
    if not pages:
        return f"{where}: {what} was dropped by layout (its call is on p. {folio(call)})"
    if len(pages) > 1:
        return f"{where}: {what} is printed {len(pages)} times"
    if j == 1 and pl.call_wanted not in (None, call):
        return (f"{where}: its call moved from p. {folio(pl.call_wanted)} to p. {folio(call)} when the note was "
                f"continued, leaving the page short; {REMEDY}")
    if j in pl.overflowing:
        return (f"{where}: {what} is too long for p. {folio(pages[0])} and runs off the page even when continued "
                f"on the following pages; {REMEDY}")
    wanted = "its call is" if j == 1 else f"it belongs on p. {folio(call + j - 1)}, after part {j - 1}; the call is"
    return f"{where}: {what} fell on p. {folio(pages[0])}, {wanted} on p. {folio(call)}; {REMEDY}"
