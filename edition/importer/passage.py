"""Passages: text gathered from input lines that remembers where each character came from.

Takes the input's lines; gives ``Passage``, an immutable string whose every
character carries its (line, column) in the input, so that any later stage
(marker detection, note splitting, warnings) can say exactly where it looked.
Joining lines inserts one space, which takes the position of the line end.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the input: its 1-based number and its text (without the line end)."""

    number: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Passage:
    """A text and, for each of its characters, the (line, column) it comes from."""

    text: str
    origins: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        assert len(self.text) == len(self.origins), "a passage needs one origin per character"

    @classmethod
    def of_line(cls, line: Line, start: int = 0, end: int | None = None) -> "Passage":
        """Part of one line (from ``start`` to ``end``), stripped of surrounding spaces."""
        end = len(line.text) if end is None else end
        piece = line.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        first = start + lead
        return cls(body, tuple((line.number, first + 1 + i) for i in range(len(body))))

    @classmethod
    def of_lines(cls, lines: Iterable[Line]) -> "Passage":
        """Non-blank lines joined by single spaces."""
        return cls.join(" ", [cls.of_line(ln) for ln in lines if not ln.blank])

    @classmethod
    def join(cls, sep: str, passages: Iterable["Passage"]) -> "Passage":
        text: list[str] = []
        origins: list[tuple[int, int]] = []
        for p in passages:
            if not p.text:
                continue
            if text:
                at = origins[-1]
                text.append(sep)
                origins.extend([(at[0], at[1] + 1)] * len(sep))
            text.append(p.text)
            origins.extend(p.origins)
        return cls("".join(text), tuple(origins))

    @classmethod
    def empty(cls) -> "Passage":
        return cls("", ())

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    def __getitem__(self, key: slice) -> "Passage":
        return Passage(self.text[key], self.origins[key])

    def where(self, offset: int = 0) -> tuple[int, int]:
        """(line, column) of the character at ``offset`` (the last one when past the end)."""
        if not self.origins:
            return (1, 1)
        return self.origins[min(max(offset, 0), len(self.origins) - 1)]

    @property
    def line(self) -> int:
        return self.where(0)[0]

    @property
    def last_line(self) -> int:
        return self.where(len(self.text) - 1)[0]

    def strip(self) -> "Passage":
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self[start:end] if end > start else Passage.empty()

    def starts_line(self, offset: int) -> bool:
        """Whether the character at ``offset`` is the first non-space one of its input line."""
        line = self.where(offset)[0]
        for i in range(offset - 1, -1, -1):
            if not self.text[i].isspace():
                return self.origins[i][0] != line
        return True

    def insert(self, offset: int, text: str) -> "Passage":
        """The passage with ``text`` inserted before ``offset``; it takes that character's place."""
        at = self.where(offset)
        return Passage(self.text[:offset] + text + self.text[offset:],
                       self.origins[:offset] + (at,) * len(text) + self.origins[offset:])

    def sub(self, start: int, end: int, text: str) -> "Passage":
        """The passage with ``[start:end]`` replaced by ``text`` (placed where ``start`` was)."""
        at = self.where(start)
        return Passage(self.text[:start] + text + self.text[end:],
                       self.origins[:start] + (at,) * len(text) + self.origins[end:])

    def normalised(self) -> str:
        """The text with runs of white space as single spaces: what the output holds."""
        return " ".join(self.text.split())


def words_key(text: str) -> str:
    """A comparison key: the words only, case-folded (for finding repeated text)."""
    return " ".join(re.findall(r"\w+", text.casefold()))


@dataclass(frozen=True, slots=True)
class Leftover:
    """Text the importer could not place: it goes to the document's ``unparsed`` field, with the reason."""

    passage: Passage
    reason: str


_RUN_ON = re.compile(r"([^\W\d_]{2})([.!?])([^\W\d_]{2})")


def fix_missing_spaces(p: Passage) -> tuple[Passage, tuple[tuple[int, int], ...]]:
    """Insert the space missing after a sentence end ("forces.We"); returns the places (line, col) fixed.

    Only a lower-case letter, the full stop, then a capital and a lower-case
    letter count, so that "U.S.", "p.389" and "e.g." are left alone.
    """
    fixed: list[tuple[int, int]] = []
    offset = 0
    while True:
        m = _RUN_ON.search(p.text, offset)
        if m is None:
            return p, tuple(fixed)
        after = m.group(3)
        if m.group(1)[-1].islower() and after[0].isupper() and after[1].islower():
            fixed.append(p.where(m.start(3)))
            p = p.insert(m.start(3), " ")
            offset = m.start(3) + 1
        else:
            offset = m.start(2) + 1


def blocks(lines: list[Line], compact: bool = False) -> list[list[Line]]:
    """Runs of non-blank lines (single lines when the page has no blank lines)."""
    if compact:
        return [[x] for x in lines if not x.blank]
    found: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                found.append(current)
                current = []
        else:
            current.append(line)
    if current:
        found.append(current)
    return found


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Whether the text is wrapped at a fixed width (then a line end inside a paragraph is only a space)."""
    inner = [len(a.text) for a, b in zip(lines, lines[1:]) if not a.blank and not b.blank]
    if len(inner) < 2:
        return False
    width = max(len(x.text) for x in lines if not x.blank)
    return width <= 100 and statistics.median(inner) >= 0.6 * width
