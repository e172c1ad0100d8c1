"""Preflight of a critical apparatus: the line numbers in the margin and every entry against its lemma.

Takes the PDF's bytes, its named destinations (with their places), its pages'
text (``reading``) and the edition model; adds the ``apparatus`` finding to
the ``Report``.  Read from the file alone, as a reader checks a page:

- the lines of a page are its text's baselines (pdfium: each character's
  origin and size), the body's lines those in the size of the numbered lines'
  text, leaving out headings (bold), notes and the apparatus (smaller),
  running heads and folios (a line of digits alone);
- a number in the margin stands where its destination (``<paragraph>-w<n>-ln``)
  was placed, on the first baseline at or below it: the printed digits there
  are its value, and two numbers on a page are as many lines apart as their
  values say;
- an entry's lemma begins where its destination (``<doc>-a<k>``) was placed
  and ends at ``<doc>-a<k>-end``: its page, and its lines counted from the
  nearest number on that page (or, on a page without one, from the last one
  before it);
- the entry is printed at the foot of its lemma's page as ``12 lemma]`` (or
  ``12–13``), the lemma as the edition's apparatus prints it.

A lemma on a page without a number, in a document too short to print one,
is counted from the document's first line (where its first paragraph's
destination stands, the edition's model naming it) on the same page.  Any
other lemma that no number counts (checked without the edition, or a short
document's text run over to a second page) is named as not checked, never
passed.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

from ..model import Edition
from . import Report
from .reading import Page

BASELINE_TOLERANCE = 0.6  # pt: characters of one line share a baseline
MARGIN_GAP = 4.0  # pt: a margin number stands further than this from its line's text (a note call nearer)
ABOVE_BASELINE = 0.5  # pt: a destination this far below a baseline still marks that line
_ENTRY = re.compile(r"^(?P<doc>.+)-a(?P<k>\d+)$")
_NUMBER = re.compile(r"-w\d+-ln$")


@dataclass(frozen=True)
class TextLine:
    baseline: float  # PDF units from the page's bottom
    size: float
    bold: bool
    text: str  # its characters, spaces left out
    number_at: tuple[float, str] | None = None  # a number printed apart at its side: (x, digits)


def check_apparatus(report: Report, data: bytes, reader, pages: list[Page], labels: list[str],
                    edition: Edition | None) -> None:
    """Every margin number agrees with the lines it counts; every entry is printed on its lemma's page with
    its lemma's lines."""
    places = _destination_places(reader)
    numbers = {name: spot for name, spot in places.items() if _NUMBER.search(name)}
    entries = {name: spot for name, spot in places.items() if _ENTRY.match(name)}
    if not numbers and not entries:
        return
    apps, starts = _entries(edition)
    page_indexes = sorted({spot[0] for spot in (*numbers.values(), *entries.values())})
    lines = _read_lines(data, page_indexes)
    problems: list[str] = []
    through = edition is None or edition.meta.design.line_count == "document"
    counted = _count_lines(lines, numbers, labels, problems, through)
    checked = unchecked = 0
    for name, (page, _x, y) in sorted(entries.items(), key=lambda item: (item[1][0], -item[1][2])):
        m = _ENTRY.match(name)
        end = places.get(f"{name}-end", (page, 0.0, y))
        first, last = counted(page, y), counted(end[0], end[2])
        if (first is None or last is None) and name in starts:  # a text too short to print a number
            start = places.get(starts[name])
            first, last = _from_start(lines, start, page, y), _from_start(lines, start, end[0], end[2])
        if first is None or last is None:
            unchecked += 1
            continue
        lemma = apps.get(name)
        if lemma is None:
            continue  # not an entry of this edition's model (a file checked alone): the numbers were checked
        want = str(first) if first == last else f"{first}\u2013{last}"
        printed = _printed_numbers(pages[page].text, lemma)
        checked += 1
        if want not in printed:
            said = f"printed as line {', '.join(printed)}" if printed else "not printed at its foot"
            problems.append(f"p. {_label(labels, page)}: the apparatus entry {m['k'] if m else name} "
                            f"({lemma!r}) is {said}, but its lemma stands on line {want}")
    if unchecked:
        problems.append(f"{unchecked} apparatus entries could not be counted (no line number before them)")
    report.add("apparatus", problems, f"{len(numbers)} line numbers agree with their lines; {checked} apparatus "
                                      f"entries printed on their lemma's page with its lines")


def _label(labels: list[str], page: int) -> str:
    return labels[page] if 0 <= page < len(labels) else str(page + 1)


def _entries(edition: Edition | None) -> tuple[dict[str, str], dict[str, str]]:
    """Each entry's anchor with its lemma as the apparatus prints it, and with the destination of its
    document's first paragraph (its first numbered line)."""
    lemmas: dict[str, str] = {}
    starts: dict[str, str] = {}
    if edition is None:
        return lemmas, starts
    from ..transforms.apparatus import apparatus_entries
    from ..writer.apparatus import lemma_text
    from ..writer.html import paragraph_anchors
    for doc in edition.documents:
        paragraphs = paragraph_anchors(doc)
        for app, _outer, _place in apparatus_entries(doc):
            lemmas[app.anchor] = " ".join(lemma_text(app).split())
            if paragraphs:
                starts[app.anchor] = paragraphs[0]
    return lemmas, starts


def _from_start(lines: dict[int, list[TextLine]], start: tuple[int, float, float] | None, page: int,
                y: float) -> int | None:
    """The number of the line a destination at ``y`` marks, counted from the document's first line (where
    its first paragraph's destination stands) when that is on the same page: a document too short to print
    a number (its lines are counted as the build counts them, from 1)."""
    if start is None or start[0] != page or page not in lines:
        return None
    top = _line_at(lines[page], start[2])
    if top is None:
        return None
    body = [line for line in lines[page] if line.size == top.size and not line.bold and not line.text.isdigit()
            and line.baseline <= top.baseline]
    line = _line_at(body, y)
    return body.index(line) + 1 if line is not None else None


def _printed_numbers(text: str, lemma: str) -> list[str]:
    """The line numbers the page prints before ``lemma]`` (its witnesses may stand between)."""
    flat = " ".join(text.replace("\u00a0", " ").split())
    pattern = rf"(\d+(?:\u2013\d+)?) {re.escape(lemma)}(?: [^\]]{{0,40}})?\]"
    return re.findall(pattern, flat)


def _destination_places(reader) -> dict[str, tuple[int, float, float]]:
    """Named destinations with their page index and their point (left, top) in PDF units."""
    out = {}
    for name, dest in reader.named_destinations.items():
        try:
            out[str(name)] = (reader.get_destination_page_number(dest), float(dest.left or 0),
                              float(dest.top or 0))
        except Exception:  # noqa: BLE001 - a destination to nothing: the rules that need it report it
            continue
    return out


def _read_lines(data: bytes, indexes: list[int]) -> dict[int, list[TextLine]]:
    """The text lines of the pages, top to bottom, each with its characters' size, weight and text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    out: dict[int, list[TextLine]] = {}
    pdf = pdfium.PdfDocument(data)
    x, y = ctypes.c_double(), ctypes.c_double()
    try:
        for index in indexes:
            page = pdf[index]
            textpage = page.get_textpage()
            chars: list[tuple[float, float, float, bool, str, float]] = []
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    continue
                raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
                size = round(raw.FPDFText_GetFontSize(textpage.raw, i), 1)
                right = textpage.get_charbox(i)[2]
                chars.append((y.value, x.value, size, raw.FPDFText_GetFontWeight(textpage.raw, i) >= 600, char,
                              right))
            textpage.close()
            page.close()
            out[index] = _lines_of(chars)
    finally:
        pdf.close()
    return out


def _lines_of(chars: list[tuple[float, float, float, bool, str, float]]) -> list[TextLine]:
    """Characters (baseline, left, size, bold, text, right) grouped in lines; a number set apart from a
    line's text (more than ``MARGIN_GAP`` from it, in smaller digits) is its margin number."""
    rows: list[list[tuple[float, float, float, bool, str, float]]] = []
    for char in sorted(chars, key=lambda c: -c[0]):
        if rows and abs(rows[-1][0][0] - char[0]) <= BASELINE_TOLERANCE:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        sizes = [c[2] for c in row]
        size = max(set(sizes), key=sizes.count)
        text = [c for c in row if c[2] == size]
        left, right = min(c[1] for c in text), max(c[5] for c in text)
        apart = [c for c in row if c[2] != size and c[4].isdigit()
                 and (c[1] > right + MARGIN_GAP or c[5] < left - MARGIN_GAP)]
        main = [c for c in row if c not in apart]
        bold = sum(c[3] for c in main) > len(main) / 2
        number = (apart[0][1], "".join(c[4] for c in apart)) if apart else None
        lines.append(TextLine(row[0][0], size, bold, "".join(c[4] for c in main), number))
    return lines


def _count_lines(lines: dict[int, list[TextLine]], numbers: dict[str, tuple[int, float, float]],
                 labels: list[str], problems: list[str], through: bool = True):
    """Check the margin numbers against the lines they count; give ``counted(page, y)``: the number of the
    body line a destination at height ``y`` of page ``page`` marks (None when no number counts it)."""
    body_size: set[float] = set()
    marks: dict[int, list[tuple[int, int]]] = {}  # page -> (index among its body lines, number)
    body: dict[int, list[TextLine]] = {}
    for page, page_lines in lines.items():
        for _name, (on, _x, y) in numbers.items():
            if on == page:
                line = _line_at(page_lines, y)
                if line is not None:
                    body_size.add(line.size)
    for page, page_lines in lines.items():
        body[page] = [line for line in page_lines if line.size in body_size and not line.bold
                      and not line.text.isdigit()]
    for name, (page, _x, y) in sorted(numbers.items(), key=lambda item: (item[1][0], -item[1][2])):
        line = _line_at(body.get(page, []), y)
        if line is None or line.number_at is None:
            problems.append(f"p. {_label(labels, page)}: a line number ({name}) is not printed beside a line")
            continue
        marks.setdefault(page, []).append((body[page].index(line), int(line.number_at[1])))
    for page, found in marks.items():
        for (i, n), (j, m) in zip(found, found[1:]):
            if m - n != j - i:
                problems.append(f"p. {_label(labels, page)}: the margin numbers {n} and {m} stand {j - i} lines "
                                f"apart")

    def counted(page: int, y: float) -> int | None:
        line = _line_at(body.get(page, []), y)
        if line is None:
            return None
        i = body[page].index(line)
        if marks.get(page):
            j, n = min(marks[page], key=lambda mark: abs(mark[0] - i))
            return n + i - j
        earlier = [p for p in marks if p < page]
        if not earlier or not through:  # numbered from 1 on each page: a page without a number is not counted
            return None
        before = max(earlier)  # numbered through the document: on from the last number before the page
        j, n = marks[before][-1]
        between = sum(len(body.get(p, [])) for p in range(before + 1, page))
        if any(p not in body for p in range(before + 1, page)):
            return None
        return n + (len(body[before]) - 1 - j) + between + i + 1

    return counted


def _line_at(lines: list[TextLine], y: float) -> TextLine | None:
    """The first line whose baseline is at or below the point ``y`` (a destination marks a box's top)."""
    below = [line for line in lines if line.baseline <= y + ABOVE_BASELINE]
    return max(below, key=lambda line: line.baseline) if below else None
