"""Line numbers in the margin: a layout attempt of a document in, its numbered lines and their marks out.

Takes a layout attempt of a document that has a critical apparatus (its words
marked, so that the layout tells where each stands) and the design's numbering
(``lines: every``, ``count``); gives

- ``numbered_lines``: the lines of its body text (paragraphs, not headings or
  notes), numbered through the document or from 1 on each page;
- ``line_marks``: for every ``every``-th line, the number to print in the
  outer margin (the right on a recto, the left on a verso: a document opens on
  a recto, so a part's even pages are rectos), set with a word that begins on
  that line and moved from there into the margin (``writer.plan.LineMark``);
- ``misplaced_numbers``: after a layout, the numbers that are not on their
  line at their place in the margin, or lines that lack theirs (the
  verification after layout, and the test of whether a plan holds).

The mark has no width and is tied to its word, so the lines break exactly as
without it; the test after layout proves it for every build.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import adapter, anchors
from ..model import Document
from ..writer.html import paragraph_anchors
from ..writer.plan import LineMark

PT = 4 / 3  # CSS px per point
GAP_PX = 10 * PT  # between the text and the numbers
NUMBER_BOX_PX = 24 * PT  # the width of a number's box (styles: .line-number .ln-n)
TOLERANCE_PX = 0.5


@dataclass(frozen=True)
class NumberedLine:
    page: int  # 0-based, within the part
    number: int
    top: float
    bottom: float
    baseline: float
    left: float
    block: str


def numbered_lines(document, doc: Document, count: str = "document") -> list[NumberedLine]:
    """The lines of the document's body paragraphs, numbered (through the document, or from 1 on each page)."""
    paragraphs = set(paragraph_anchors(doc))
    out: list[NumberedLine] = []
    number = 0
    for index, page in enumerate(document.pages):
        if count == "page":
            number = 0
        for line in adapter.page_boxes(page).lines:
            if line.block in paragraphs:
                number += 1
                out.append(NumberedLine(index, number, line.top, line.bottom, line.baseline, line.left, line.block))
    return out


def line_at(lines: list[NumberedLine], page: int, y: float) -> NumberedLine | None:
    return next((line for line in lines if line.page == page and line.top - 0.01 <= y < line.bottom), None)


def number_x(document, page: int) -> tuple[str, float]:
    """The outer margin of a part's page and where a number's box begins there (CSS px from the left)."""
    boxes = adapter.page_boxes(document.pages[page])
    if page % 2 == 0:  # a recto: the number set flush left, right of the text
        return "right", boxes.content_right + GAP_PX
    return "left", boxes.content_left - GAP_PX - NUMBER_BOX_PX  # a verso: flush right, left of the text


def line_marks(attempt, doc: Document, every: int, count: str) -> tuple[LineMark, ...]:
    """The numbers of every ``every``-th line, each set with the first word that begins on its line."""
    if every <= 0:
        return ()
    lines = [line for line in numbered_lines(attempt.document, doc, count) if line.number % every == 0]
    starts: dict[tuple[int, int], list[tuple[str, int, float]]] = {}  # (page, line number) -> words
    for block in paragraph_anchors(doc):
        prefix, word = anchors.word_prefix(block), 0
        while (spots := attempt.places.get(f"{prefix}{word}")) is not None:
            line = line_at(lines, spots[0].page_index, spots[0].y)
            if line is not None and line.block == block:
                starts.setdefault((line.page, line.number), []).append((block, word, spots[0].x))
            word += 1
    marks = []
    sides = {}
    for line in lines:
        words = starts.get((line.page, line.number))
        if not words:
            continue  # no word begins on it: the verification names the line
        block, word, x = words[0]  # the line's first word: another follows it on the line, but on a line
        # where no other word begins, and a hyphen may break it at the end: the verification tells if it moved
        if line.page not in sides:
            sides[line.page] = number_x(attempt.document, line.page)
        side, at = sides[line.page]
        marks.append(LineMark(block, word, line.number, round(at - x, 2), side))
    return tuple(marks)


def misplaced_numbers(laid, doc: Document, every: int, count: str) -> list[str]:
    """What is wrong with the line numbers of the document's pages as laid out: a numbered line without its
    number, a number on another line than its own or out of its place in the margin."""
    if every <= 0:
        return []
    lines = numbered_lines(laid.document, doc, count)
    want = {(line.page, line.number) for line in lines if line.number % every == 0}
    problems = []
    found = set()
    mine = set(paragraph_anchors(doc))
    sides: dict[int, tuple[str, float]] = {}
    for mark in laid.plan.line_marks:
        if mark.block not in mine:
            continue
        spots = laid.places.get(anchors.line_number(mark.block, mark.word), [])
        if len(spots) != 1:
            problems.append(f"the number {mark.number} is not printed")
            continue
        spot = spots[0]
        line = line_at(lines, spot.page_index, spot.y)
        if spot.page_index not in sides:
            sides[spot.page_index] = number_x(laid.document, spot.page_index)
        side, at = sides[spot.page_index]
        if line is None or line.number != mark.number:
            problems.append(f"the number {mark.number} stands beside line {line.number if line else '?'}")
        elif side != mark.side or abs(spot.x - at) > TOLERANCE_PX:
            problems.append(f"the number {mark.number} is not in the outer margin")
        else:
            found.add((spot.page_index, mark.number))
    problems += [f"line {number} has no number in the margin" for page, number in sorted(want - found)]
    return problems
