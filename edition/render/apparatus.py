"""The critical apparatus in layout: a document laid out in, its numbered lines and its apparatus blocks out.

Takes a layout attempt of a document that has apparatus entries, its lines
numbered by ``render.line_numbers``; gives
- ``lemma_lines``: for each entry, the page where its lemma begins and the
  numbers of the lines where it begins and ends (a lemma across a page break is
  an entry of the page where it begins);
- ``next_plan``: the layout plan whose apparatus blocks list, at the foot of
  each page, the entries whose lemmas begin there, or None when the attempt
  already carries them (and the marks that number its lines in the margin,
  ``render.line_numbers``).  A block takes room from its page, which may send the
  page's last lines (and the lemmas on them) to the next page: the placement
  lays out again until the blocks and the pages agree;
- ``verify_apparatus``: after the last layout, every entry in the block of its
  lemma's page with its lemma's line numbers, and every numbered line with its
  number, else the build fails at the entry (or the document).
"""
from __future__ import annotations

from dataclasses import replace

from .. import adapter, anchors
from ..design import Design
from ..diagnostics import Diagnostic, EditionError
from ..model import App, Document
from ..writer.html import paragraph_anchors
from ..writer.plan import ApparatusBlock, LayoutPlan
from .line_numbers import NumberedLine, line_at, line_marks, misplaced_numbers, numbered_lines


def entries_of(doc: Document) -> list[App]:
    from ..transforms.apparatus import apparatus_entries
    return [app for app, _outer, _place in apparatus_entries(doc)]


def lemma_lines(places: dict, apps: list[App], lines: list[NumberedLine]) -> dict[str, tuple[int, int, int]]:
    """For each entry found in the layout: (page of its lemma's start, first line, last line)."""
    out = {}
    for app in apps:
        start, end = places.get(app.anchor), places.get(anchors.lemma_end(app.anchor))
        if not start:
            continue
        first = line_at(lines, start[0].page_index, start[0].y)
        last = line_at(lines, end[0].page_index, end[0].y) if end else first
        if first is not None:
            out[app.anchor] = (start[0].page_index, first.number, (last or first).number)
    return out


def next_plan(attempt, doc: Document, design: Design) -> LayoutPlan | None:
    """The plan whose blocks list each page's entries, set with the page's first word, and whose marks number
    the lines; None when the attempt's plan has them already (the pages, the blocks and the numbers agree)."""
    apps = entries_of(doc)
    lines = numbered_lines(attempt.document, doc, design.line_count)
    where = lemma_lines(attempt.places, apps, lines)
    pages: dict[int, list[tuple[str, int, int]]] = {}
    for app in apps:  # in reading order: an entry's lines follow its predecessor's
        if app.anchor in where:
            page, first, last = where[app.anchor]
            pages.setdefault(page, []).append((app.anchor, first, last))
    blocks = []
    padded = {(b.block, b.word, b.entries): b.pad for b in attempt.plan.apparatus}
    for page, entries in sorted(pages.items()):
        host = _first_word(attempt, doc, page)
        if host is None:
            return None  # no word of the text on the page to set its block with: verification says so
        pad = padded.get((host[0], host[1], tuple(entries)), 0.0)  # a block that keeps its page keeps its pad
        blocks.append(ApparatusBlock(host[0], host[1], tuple(entries), pad))
    mine = frozenset(paragraph_anchors(doc))
    others = tuple(b for b in attempt.plan.apparatus if b.block not in mine)
    marks = line_marks(attempt, doc, design.line_every, design.line_count)
    other_marks = tuple(m for m in attempt.plan.line_marks if m.block not in mine)
    if (tuple(b for b in attempt.plan.apparatus if b.block in mine) == tuple(blocks)
            and tuple(m for m in attempt.plan.line_marks if m.block in mine) == marks):
        return None
    return replace(attempt.plan, apparatus=others + tuple(blocks), line_marks=other_marks + marks,
                   marked=attempt.plan.marked | mine)


def padded_plan(attempt, doc: Document, design: Design) -> LayoutPlan | None:
    """For a page that swings (with its block of ``n`` lines' entries it takes ``n + 1`` lines; with the
    ``n + 1`` lines' entries, only ``n``): the attempt's plan with the block of the first page that holds a
    lemma its block lacks given room enough above it to keep that page at the lines its block lists (the
    room left below the page's last line, and a pixel).  None when no page of the attempt is such."""
    apps = entries_of(doc)
    where = lemma_lines(attempt.places, apps, numbered_lines(attempt.document, doc, design.line_count))
    for block in attempt.plan.apparatus:
        spots = attempt.places.get(anchors.apparatus_block(block.block, block.word), [])
        if len(spots) != 1 or block.block not in paragraph_anchors(doc):
            continue
        page = spots[0].page_index
        listed = {anchor for anchor, _first, _last in block.entries}
        if any(place[0] == page and anchor not in listed for anchor, place in where.items()):
            boxes = adapter.page_boxes(attempt.document.pages[page])
            bottom = max((line.bottom for line in boxes.lines), default=boxes.content_top)
            room = (boxes.notes_top if boxes.notes_top is not None else boxes.content_bottom) - bottom
            pad = round(block.pad + (max(room, 0.0) + 1.0) * 0.75, 2)  # CSS px to pt
            apparatus = tuple(replace(b, pad=pad) if b == block else b for b in attempt.plan.apparatus)
            return replace(attempt.plan, apparatus=apparatus)
    return None


def _first_word(attempt, doc: Document, page: int) -> tuple[str, int] | None:
    """The first marked word of the document's body on ``page``."""
    for block in paragraph_anchors(doc):
        prefix = anchors.word_prefix(block)
        word = 0
        while (spots := attempt.places.get(f"{prefix}{word}")) is not None:
            if spots[0].page_index == page:
                return block, word
            if spots[0].page_index > page:
                return None
            word += 1
    return None


def _printed_and_found(laid, doc: Document, count: str) -> tuple[list[App], dict, dict]:
    """The document's entries; where its blocks print each (page, lines); where each lemma stands."""
    apps = entries_of(doc)
    where = lemma_lines(laid.places, apps, numbered_lines(laid.document, doc, count)) if apps else {}
    printed = {}
    for block in laid.plan.apparatus:
        spots = laid.places.get(anchors.apparatus_block(block.block, block.word), [])
        for anchor, first, last in block.entries:
            printed[anchor] = (spots[0].page_index if len(spots) == 1 else None, first, last)
    return apps, printed, where


def settled(laid, doc: Document, design: Design) -> bool:
    """Every entry of the document printed in the block of its lemma's page, with its lemma's lines, and
    every numbered line with its number in the margin."""
    apps, printed, where = _printed_and_found(laid, doc, design.line_count)
    return (all(printed.get(app.anchor) == where.get(app.anchor) for app in apps)
            and not misplaced_numbers(laid, doc, design.line_every, design.line_count))


def verify_apparatus(laid, doc: Document, design: Design, folio) -> None:
    """Every entry in the block of its lemma's page, with its lemma's lines, and every numbered line with its
    number in the margin; raise naming each entry that is not, and the line numbers that are wrong."""
    apps, printed, where = _printed_and_found(laid, doc, design.line_count)
    if not apps:
        return  # no apparatus: no line numbers either
    problems = []
    for app in apps:
        got, want = printed.get(app.anchor), where.get(app.anchor)
        if got != want:
            said = (f"printed at the foot of p. {folio(got[0])} as line {got[1]}" if got and got[0] is not None
                    else "not printed")
            lemma = f"lemma on p. {folio(want[0])}, line {want[1]}" if want else "its lemma not found in the text"
            problems.append(Diagnostic(app.pos, "error", f"document {doc.number}: the apparatus entry is {said}, "
                                                         f"but its {lemma}", "layout-apparatus"))
    numbering = misplaced_numbers(laid, doc, design.line_every, design.line_count)
    if numbering:
        problems.append(Diagnostic(doc.pos, "error", f"document {doc.number}: line numbers: "
                                   + "; ".join(numbering), "layout-apparatus"))
    if problems:
        raise EditionError(problems)
