"""Locators: the one model of an index locator, made by the index and read back by export and preflight.

Takes (page, note, anchor) places; gives ``Locator`` values with their printed
text in the Chicago Manual of Style's forms ("5", "5–7", "101–8", "3n4",
"5nn3–4"; "12.4", page 12, line 4, where the lines are numbered), and
``parse_locator`` which reads such a text back into the same model (the
preflight checks printed locators against the pages they name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import Iterable

EN_DASH = "\u2013"
_PRINTED = re.compile(r"^(\d+)(?:-(\d+))?(?:(nn?)(\d+)(?:-(\d+))?|\.(\d+))?$")


@dataclass(frozen=True)
class Locator:
    """One printed locator: a page or range, perhaps with notes, linked to an anchor on its first page."""

    text: str
    first_page: int
    last_page: int
    notes: tuple[int, ...]
    anchor: str
    line: int | None = None  # "12.4": line 4 of page 12, in a document whose lines are numbered


def abbreviate_range(first: int, last: int) -> str:
    """Inclusive numbers as the Chicago Manual of Style abbreviates them (9.64): 3–10, 101–8, 321–28."""
    if first == last:
        return str(first)
    a, b = str(first), str(last)
    if first < 100 or first % 100 == 0 or len(a) != len(b):
        return f"{a}{EN_DASH}{b}"
    if first % 100 < 10:  # 101 through 109: the changed part only
        i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
        return f"{a}{EN_DASH}{b[i:]}"
    # 110 through 199: two digits, or more as needed
    i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
    return f"{a}{EN_DASH}{b[min(i, len(b) - 2):]}"


def _note_runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def format_locators(places: Iterable[tuple[int, int | None, str]],
                    lines: dict[str, int] | None = None) -> tuple[Locator, ...]:
    """Locators from (page, note or None, anchor) triples; ``lines`` gives the line of an anchor in the text
    of a document whose lines are numbered, cited as "12.4" (page 12, line 4) where the design asks.

    A page where the person is named in the text is cited alone; a page where
    they appear only in notes is cited with the note numbers ("3n4",
    "5nn3–4"; separate runs as "5n2, 5n7").  Consecutive text pages form a range.
    """
    text_pages: dict[int, str] = {}
    note_pages: dict[int, dict[int, str]] = {}
    line_places: dict[tuple[int, int], str] = {}
    for page, note, anchor in places:
        if note is None and lines and anchor in lines:
            line_places.setdefault((page, lines[anchor]), anchor)
        elif note is None:
            text_pages.setdefault(page, anchor)
        else:
            note_pages.setdefault(page, {}).setdefault(note, anchor)
    items: list[Locator] = []
    for _, consecutive in groupby(enumerate(sorted(text_pages)), key=lambda t: t[1] - t[0]):
        pages = [p for _, p in consecutive]
        items.append(Locator(abbreviate_range(pages[0], pages[-1]), pages[0], pages[-1], (), text_pages[pages[0]]))
    for (page, line), anchor in line_places.items():
        items.append(Locator(f"{page}.{line}", page, page, (), anchor, line))
    cited = set(text_pages) | {page for page, _line in line_places}
    for page, notes in note_pages.items():
        if page in cited:
            continue  # the page is cited for the text already
        for run in _note_runs(list(notes)):
            text = f"{page}n{run[0]}" if len(run) == 1 else f"{page}nn{run[0]}{EN_DASH}{run[-1]}"
            items.append(Locator(text, page, page, tuple(run), notes[run[0]]))
    return tuple(sorted(items, key=lambda loc: (loc.first_page, loc.line or 0, loc.notes)))


def parse_locator(text: str) -> Locator | None:
    """A printed locator read back ("101–8" is pages 101 to 108; "5nn3–4" notes 3 and 4 of page 5; "12.4" line
    4 of page 12), or None."""
    m = _PRINTED.match(text.strip(" .").replace(EN_DASH, "-"))
    if not m:
        return None
    first, last = m.group(1), m.group(2) or m.group(1)
    if len(last) < len(first):  # 101–8: the abbreviated range
        last = first[:len(first) - len(last)] + last
    notes: tuple[int, ...] = ()
    if m.group(3):
        low = int(m.group(4))
        high = int(m.group(5)) if m.group(5) else low
        notes = tuple(range(low, high + 1))
    return Locator(text, int(first), int(last), notes, "", int(m.group(6)) if m.group(6) else None)
