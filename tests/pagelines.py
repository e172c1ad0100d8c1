"""Lines of a finished PDF as a typographer measures them (imported as ``from pagelines import ...``).

Takes a tagged PDF (the screen profile's PDF/A-2a: every character carries
the marked-content id of its structure element); gives ``read_lines``: every
line of text, with the block it belongs to (the paragraph, heading, list item
or note of the structure tree), its baseline, its text size (the block's most
common size: a superscript call does not make a line), its left and right
edges, its words and the gaps between them (the word spaces: a no-break space
is a glyph, inside a word).  Read with pdfplumber; positions in points from the
page's top.  Characters outside the structure (running heads, folios) have no
block and are left out.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

INLINE_TYPES = {"Span", "Link", "NonStruct", "Reference", "Quote", "Em", "Strong", "Code", "Annot",
                "Lbl"}  # a note's number (its label) is a line of the note; a list item's, of the item
WORD_GAP = 0.12  # a gap wider than this share of the text size is a word space (kerning is far narrower)


@dataclass
class Line:
    page: int  # the page's index in the file
    block: int  # the structure element (paragraph, heading, note) the line belongs to
    kind: str  # its type: P, H1, Note, LBody, ...
    base: float
    size: float
    x0: float
    x1: float
    words: list[str] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)  # the word spaces, left to right

    @property
    def text(self) -> str:
        return " ".join(self.words)


def read_lines(pdf: Path | str) -> list[Line]:
    """Every line of every page, in reading order within each block, blocks in order of first appearance."""
    out: list[Line] = []
    with pdfplumber.open(str(pdf)) as document:
        blocks = _blocks(pdf)
        for index, page in enumerate(document.pages):
            out.extend(_page_lines(index, page, blocks))
    return out


def _blocks(pdf: Path | str) -> dict[tuple[int, int], tuple[int, str]]:
    """(page index, marked-content id) -> (block number, block type), from the document's structure tree read
    with pikepdf (an element's content on another page than the element's own is a marked-content reference
    with its page, ISO 32000-1 14.7.4.3; pdfplumber's tree of a page leaves such content out)."""
    import pikepdf
    found: dict[tuple[int, int], tuple[int, str]] = {}
    counter = iter(range(10**9))
    with pikepdf.open(pdf) as document:
        pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return found

        def walk(element, block, page) -> None:
            if isinstance(element, pikepdf.Dictionary):
                if element.get("/Type") == "/MCR":
                    found[(pages[element.Pg.objgen], int(element.MCID))] = block
                    return
                if "/Obj" in element or "/S" not in element:  # an annotation's reference
                    return
                kind = str(element.S)[1:]
                if kind not in INLINE_TYPES or block is None:
                    block = (next(counter), kind)
                if element.get("/Pg") is not None:
                    page = pages[element.Pg.objgen]
                kids = element.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    walk(kid, block, page)
            elif page is not None:
                found[(page, int(element))] = block

        kids = root.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            walk(kid, None, None)
    return found


def _page_lines(index: int, page, blocks: dict[tuple[int, int], tuple[int, str]]) -> list[Line]:
    by_block: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for char in page.chars:
        block = blocks.get((index, char.get("mcid")))
        if block is not None and char["text"].strip(" "):
            by_block[block].append(char)
    lines: list[Line] = []
    for (number, kind), chars in sorted(by_block.items(), key=lambda item: min(c["top"] for c in item[1])):
        size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
        rows: dict[float, list[dict]] = defaultdict(list)
        for char in chars:
            if round(char["size"], 1) == size:
                rows[round(page.height - char["matrix"][5], 2)].append(char)
        bases = sorted(rows)
        for char in chars:  # a superscript or a smaller word joins the line it stands in
            if round(char["size"], 1) != size and bases:
                rows[min(bases, key=lambda b: abs(b - (char["bottom"])))].append(char)
        for base in bases:
            lines.append(_line(index, number, kind, base, size, sorted(rows[base], key=lambda c: c["x0"])))
    return lines


def _line(page: int, block: int, kind: str, base: float, size: float, chars: list[dict]) -> Line:
    words, gaps = [chars[0]["text"]], []
    for before, char in zip(chars, chars[1:]):
        gap = char["x0"] - before["x1"]
        if gap > WORD_GAP * size:
            words.append(char["text"])
            gaps.append(gap)
        else:
            words[-1] += char["text"]
    return Line(page, block, kind, base, size, chars[0]["x0"], chars[-1]["x1"], words, gaps)


def blocks_of(lines: list[Line]) -> dict[tuple[int, int], list[Line]]:
    """The lines of each block on each page: (page, block) -> lines, top to bottom."""
    out: dict[tuple[int, int], list[Line]] = defaultdict(list)
    for line in lines:
        out[(line.page, line.block)].append(line)
    return out


# ---------------------------------------------------------------- what a press sends back

LEADING_TOLERANCE = 0.05  # pt
LOOSE = 1.8  # a word space wider than this many normal ones is loose
INITIAL = re.compile(r"(?:[^\W\d_]|Yu|Ya|Ye|Yo|Zh|Kh|Ts|Ch|Sh|Shch)\.")
NUMBERED = re.compile(r"(?:p|pp|P|D|F|Op|L|Ll|l|ll|No|Nos|vol|vols|n|nn|f|ff|fol|fols)\.")
MONTH = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
NUMBER_OF_A_NOTE = re.compile(r"\d+\.")


def uneven_blocks(lines: list[Line]) -> list[str]:
    """Blocks (on one page) whose lines are not equally spaced, each with its spacings."""
    out = []
    for (page, _block), block in blocks_of(lines).items():
        steps = [round(b.base - a.base, 2) for a, b in zip(block, block[1:])]
        if steps and max(steps) - min(steps) > LEADING_TOLERANCE:
            out.append(f"p. {page + 1}, {block[0].kind} {block[0].text[:40]!r}: lines {steps} pt apart")
    return out


def bad_line_ends(lines: list[Line]) -> list[str]:
    """Lines that end in an initial ("N." before "M. Shvernik"), in an abbreviation that takes a number ("D." before
    "484"), or in a day whose month begins the next line of the block."""
    out = []
    for block in blocks_of(lines).values():
        for line, after in zip(block, block[1:] + [None]):
            last = line.words[-1].rsplit("\u00a0", 1)[-1]
            following = after.words[0] if after and after.words else ""
            if after is not None and (INITIAL.fullmatch(last) and following[:1].isupper()
                                      or NUMBERED.fullmatch(last) and following[:1].isdigit()
                                      or last.isdigit() and len(last) <= 2 and MONTH.match(following)):
                out.append(f"p. {line.page + 1}: {line.text[-40:]!r} / {following!r}")
    return out


def word_spaces(line: Line) -> list[float]:
    """A line's word spaces, without the space after a note's number ("9." and an en space)."""
    if line.kind == "Note" and line.words and NUMBER_OF_A_NOTE.fullmatch(line.words[0]):
        return line.gaps[1:]
    return line.gaps


def loose_lines(lines: list[Line]) -> list[str]:
    """Justified lines (those that reach their column's right edge: a paragraph's last line does not) with a word
    space more than ``LOOSE`` times the normal one (the median of all justified lines of that size)."""
    out = []
    for size in {line.size for line in lines}:
        sized = [line for line in lines if line.size == size]
        right = {page: max(line.x1 for line in sized if line.page == page) for page in {ln.page for ln in sized}}
        justified = [line for line in sized if abs(line.x1 - right[line.page]) < 0.7 and word_spaces(line)]
        spaces = sorted(g for line in justified for g in word_spaces(line))
        if len(spaces) < 20:
            continue  # too few lines of this size to know a normal space
        normal = spaces[len(spaces) // 2]
        for line in justified:
            widest = max(word_spaces(line))
            if widest > LOOSE * normal:
                out.append(f"p. {line.page + 1}: word space {widest / normal:.2f} times the normal: {line.text!r}")
    return out
