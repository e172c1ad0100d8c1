"""Long notes: a note too long for the rest of its call's page starts there and continues on the next pages.

Takes a layout attempt in which one part of a note is not where it belongs;
gives the layout plan that splits that part so that it fills the room left on
its page, the rest continuing at the foot of the next page, above that page's
own notes, unnumbered (as the Chicago Manual of Style advises, and as TeX and
Typst set long notes).  WeasyPrint never splits a footnote, so the split is
made in the text, between words, and measured in three steps:

1. the part's lines: the part laid out alone at the width of the note area,
   every word marked, gives where each line begins (``measure``);
2. its page: the document laid out with the part cut to its first two lines
   (the least a note may begin with), and the words of the text after the host
   marked, gives the page and the line of the part's host (the call, or for a
   continuation the word of the text it is set with) and the room below it;
3. the cut: as many lines as the room holds (never fewer than two), cut before
   the word that begins the next line, or before a word hyphenated across the
   line end (a split never breaks a word); the rest is set with the first word
   of the text on the next line, which the longer part pushes to the next page.

Each part costs a probe and a layout; the caller bounds the passes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Callable

from markupsafe import Markup

from .. import adapter, anchors
from ..model import Document, Edition, Note, NoteCall, walk_inlines
from ..writer.html import paragraph_anchors
from ..writer.inline import render_note_for_measure
from ..words import count_words
from ..writer.plan import Continuation, LayoutPlan
from .verify import NotePlacement

MIN_LINES = 2  # a note begins on its call's page with at least this many lines
MEASURED_WORDS = 900  # a part's lines are measured on this many words at first (more than a page of a note)


@dataclass(frozen=True)
class Lines:
    """The lines of a part as laid out alone: the words on each line (absolute word numbers), and the
    line height."""

    words: tuple[tuple[int, ...], ...]  # the words that begin on each line
    fragment_first: tuple[bool, ...]  # the line begins with the end of a word hyphenated on the line before
    height: float
    complete: bool = True  # the lines run to the note's end (else they are the lines of its first words only)

    def line_count_before(self, word: int) -> int:
        """How many of the lines end before ``word`` (the lines of a part that stops before it)."""
        return sum(1 for line in self.words if line and line[-1] < word)

    def cut_after(self, k: int) -> int | None:
        """The first word of what follows the part's first ``k`` lines, or None when it has no more."""
        if k >= len(self.words):
            return None
        before = [w for line in self.words[:k] for w in line]
        if not before:
            return None
        if self.fragment_first[k]:  # the last word of line k runs on: it goes to the next part
            return before[-1] if len(before) > 1 else None
        return before[-1] + 1


@dataclass
class Attempt:
    """One layout of a part: the document, its context, the page of every anchor, the placements."""

    plan: LayoutPlan
    document: Any  # a laid-out WeasyPrint document (read through the adapter)
    context: object
    places: dict
    placements: list[NotePlacement]
    html: Markup

    def page_of(self, anchor: str) -> int | None:
        spots = self.places.get(anchor, [])
        return spots[0].page_index if len(spots) == 1 else None


class Continuer:
    """Finds the next plan for a note whose part is misplaced (``step``), laying out what it must measure."""

    def __init__(self, edition: Edition, lay_out: Callable[[LayoutPlan], Attempt],
                 measure_layout: Callable[[Markup], Any]):
        self.edition, self.lay_out, self.measure_layout = edition, lay_out, measure_layout

    def step(self, attempt: Attempt, placement: NotePlacement) -> LayoutPlan | None:
        """The plan that places ``placement``'s first misplaced part, or None when no split can."""
        note, doc, plan = placement.note, placement.document, attempt.plan
        j = placement.wrong_part
        if j is None or len(placement.call_pages) != 1:
            return None
        starts = list(plan.splits.get(note.anchor, (0,)))
        continuations = sorted((c for c in plan.continuations if c.note == note.anchor), key=lambda c: c.part)
        if j < len(starts):  # part j was cut to the room measured, and still does not keep to its page
            lines = self.measure(note, starts[j - 1], starts[j] - starts[j - 1] + MIN_LINES * 20)
            return self._shorten(plan, note.anchor, lines, starts, j)
        lines = self.measure(note, starts[j - 1], MEASURED_WORDS)
        two = lines.cut_after(MIN_LINES)
        if two is None:
            return None  # two lines at most: nothing to split
        host_block, in_heading = _call_block(doc, note) if j == 1 else (continuations[j - 2].block, False)
        following = _blocks_from(doc, host_block)
        # the paragraph of the host gives up widow and orphan control: the lines after the host may then all
        # go to the next page, and the room below the host line is what the part can take
        plan = plan.relaxing(frozenset(following[:1]))
        probe_plan = _with(plan, note.anchor, starts[:j] + [two], continuations[:j - 1], frozenset(following))
        probe = self.lay_out(probe_plan)
        call_page = probe.page_of(anchors.call(note.anchor))
        page = probe.page_of(anchors.note_part(note.anchor, j))
        if call_page is None or page is None:
            return None
        if page != call_page + j - 1:
            return self._move_host(probe, note, j, starts, continuations, following, call_page + j - 1)
        boxes = adapter.page_boxes(probe.document.pages[page])
        host_y = self._host_y(probe, note, j, continuations)
        host = boxes.line_at(host_y) if host_y is not None else None
        if host is None:
            return None
        kept = host.bottom  # the text that stays on the page above the note: down to the host line ...
        next_line = boxes.lines.index(host) + 1
        if in_heading and next_line < len(boxes.lines):  # ... or the line after a heading, which keeps it company
            kept = boxes.lines[next_line].bottom
        room = boxes.content_bottom - kept - _notes_overhead(boxes) - self._staying(
            probe, boxes, note, j, host, kept, lines.height)
        k = max(MIN_LINES, math.floor((room + 0.01) / lines.height))
        words = MEASURED_WORDS
        while not lines.complete and k >= len(lines.words):  # the room holds more than was measured
            words *= 2
            lines = self.measure(note, starts[j - 1], words)
        cut = lines.cut_after(k)
        if cut is None:  # the rest fits: this part is the last
            new = _with(plan, note.anchor, starts[:j], continuations[:j - 1], frozenset())
        else:
            after = _first_word_after(probe, page, kept, following)
            # no text follows: the part is set on a page of its own after the document's end
            block, word = after if after is not None else (anchors.document_end(doc.id), j + 1)
            new = _with(plan, note.anchor, starts[:j] + [cut],
                        continuations[:j - 1] + [Continuation(note.anchor, j + 1, block, word)], frozenset(following),
                        call_page)
        return None if new == plan else new

    def _shorten(self, plan: LayoutPlan, note: str, lines: Lines, starts: list[int], j: int) -> LayoutPlan | None:
        """Part ``j`` one line shorter (its room was measured too generously: a line the text needed)."""
        k = lines.line_count_before(starts[j])
        cut = lines.cut_after(k - 1) if k - 1 >= MIN_LINES else None
        if cut is None or cut >= starts[j]:
            return None
        splits = dict(plan.splits)
        splits[note] = tuple(starts[:j] + [cut] + starts[j + 1:])
        return replace(plan, splits=splits)

    def measure(self, note: Note, start: int, words: int) -> Lines:
        """The part of ``note`` from word ``start`` on, laid out alone: its lines (of its first ``words`` words,
        less the last line, which the words after would change, unless they are all the note has)."""
        total = count_words(note.content)
        stop = start + words if start + words < total else None
        document = self.measure_layout(render_note_for_measure(note, start, stop))
        prefix = anchors.word_prefix(note.anchor)
        placed: dict[tuple[int, int], list[int]] = {}
        fragments: dict[tuple[int, int], bool] = {}
        heights = []
        for index, page in enumerate(document.pages):
            boxes = adapter.page_boxes(page)
            for number, line in enumerate(boxes.lines):
                placed[(index, number)] = []
                fragments[(index, number)] = True
                heights.append(line.bottom - line.top)
            for name, spot in page.anchors.items():
                if name.startswith(prefix) and name[len(prefix):].isdigit():
                    at = boxes.line_at(spot[1])
                    if at is not None:
                        key = (index, boxes.lines.index(at))
                        placed[key].append(int(name[len(prefix):]))
                        if abs(spot[0] - at.left) < 0.5:
                            fragments[key] = False
        order = sorted(placed)
        if stop is not None:
            order = order[:-1]
        lines = tuple(tuple(sorted(placed[key])) for key in order)
        first = tuple(fragments[key] and bool(n) for n, key in enumerate(order))  # the first line is no fragment
        height = sorted(heights)[len(heights) // 2] if heights else 14.0
        return Lines(lines, first, height, complete=stop is None)

    def _host_y(self, probe: Attempt, note: Note, j: int, continuations: list[Continuation]) -> float | None:
        if j == 1:
            spots = probe.places.get(anchors.call(note.anchor), [])
        else:
            c = continuations[j - 2]
            spots = probe.places.get(f"{anchors.word_prefix(c.block)}{c.word}", []) if c.block else []
        return spots[0].y if spots else None

    def _staying(self, probe: Attempt, boxes: adapter.PageBoxes, note: Note, j: int, host: adapter.Line,
                 kept: float, line_height: float) -> float:
        """The height of the page's other notes that stay with the text kept on the page: those called above
        the host line or on the lines kept with it (whole), and those called on the host line after it (at
        least their first lines); continuations stay whole."""
        own = anchors.note_part(note.anchor, j)
        total = 0.0
        for element, box in boxes.notes.items():
            if element == own:
                continue
            spots = probe.places.get(anchors.call(element), [])
            y = spots[0].y if spots else None
            if y is None or y < host.top - 0.01 or host.bottom <= y < kept:
                total += box.bottom - box.top
            elif y < host.bottom:
                total += min(box.bottom - box.top, MIN_LINES * line_height + 1)
        return total

    def _move_host(self, probe: Attempt, note: Note, j: int, starts: list[int], continuations: list[Continuation],
                   following: list[str], wanted: int) -> LayoutPlan | None:
        """A continuation set on the wrong page: set it with the first word of the page it belongs on."""
        if j == 1:
            return None
        found = next(((block, word) for block, word, spot in _marked_words(probe, following)
                      if spot.page_index >= wanted), None)
        if found is None or Continuation(note.anchor, j, *found) == continuations[j - 2]:
            return None
        moved = continuations[:j - 2] + [Continuation(note.anchor, j, *found)]
        return _with(probe.plan, note.anchor, starts[:j], moved, frozenset(following))


def _with(plan: LayoutPlan, note: str, starts: list[int], continuations: list[Continuation],
          marked: frozenset[str], call_page: int | None = None) -> LayoutPlan:
    splits, calls = dict(plan.splits), dict(plan.calls)
    if len(starts) > 1:
        splits[note] = tuple(starts)
    else:
        splits.pop(note, None)
    if call_page is not None:
        calls[note] = call_page
    others = tuple(c for c in plan.continuations if c.note != note)
    return replace(plan, splits=splits, continuations=others + tuple(continuations), marked=plan.marked | marked,
                   calls=calls)


def _notes_overhead(boxes: adapter.PageBoxes) -> float:
    """The room the note area takes besides its notes: the rule and the space above it."""
    if boxes.notes_top is None or not boxes.notes:
        return 0.0
    return min(b.top for b in boxes.notes.values()) - boxes.notes_top


def _call_block(doc: Document, note: Note) -> tuple[str, bool]:
    """The paragraph that calls ``note``, or for a call in a title or a heading the first paragraph after it
    (and True: a heading)."""
    blocks = paragraph_anchors(doc)

    def calls(nodes: tuple) -> bool:
        return any(isinstance(n, NoteCall) and n.note.anchor == note.anchor for n in walk_inlines(nodes))
    index = 0
    for section in doc.sections:
        if calls(section.heading):
            return (blocks[index] if index < len(blocks) else ""), True
        for block in section.blocks:
            if calls(block.speaker + block.content):
                return blocks[index], False
            index += 1
    return (blocks[0] if blocks else ""), True


def _blocks_from(doc: Document, block: str) -> list[str]:
    """The paragraphs of ``doc`` from ``block`` on, in reading order."""
    blocks = paragraph_anchors(doc)
    return blocks[blocks.index(block):] if block in blocks else blocks


def _marked_words(probe: Attempt, blocks: list[str]):
    """(block, word, where it fell) for every marked word of ``blocks``, in reading order."""
    for block in blocks:
        prefix = anchors.word_prefix(block)
        word = 0
        while (spots := probe.places.get(f"{prefix}{word}")) is not None:
            yield block, word, spots[0]
            word += 1


def _first_word_after(probe: Attempt, page: int, below: float, blocks: list[str]) -> tuple[str, int] | None:
    """The first marked word of the text on a line below ``below`` (the text that stays with the host line)
    on the host's page, or on a later page."""
    return next(((block, word) for block, word, spot in _marked_words(probe, blocks)
                 if spot.page_index > page or (spot.page_index == page and spot.y >= below - 0.01)), None)
