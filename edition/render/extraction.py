"""Replacement texts: the text runs of a laid-out part in, what extraction should read for some of them out.

A word hyphenated at a line end, a compound broken after its own hyphen and a URL broken anywhere come
out of a PDF in pieces ("recom‐" / "mended"; pdftotext even drops a line-end "-" from a URL).  ISO
32000-1 14.9.4 lets a marked-content sequence carry the text it stands for (/ActualText), so the
piece at the end of one line is given the whole word or URL (without the hyphen that hyphenation
added), and the piece that continues it at the start of the next line, on the next page perhaps,
loses it: "It is recommended" and "that Hungarians", whole words in every extractor that reads
replacement text (poppler, pdfium, Acrobat), however the line or page breaks.

``replacements(runs)`` takes every text run of the part (``Run``: its element, its text, whether
hyphenation cut it, whether it begins or ends a line) in reading order, and gives, by the run's index,
the replacement text of those that need one.  A piece is continued only by the next run of the same
element that begins a line, so nothing is taken from another element; a URL link set in pieces (the
places where it may break, ``writer.html``) and broken across lines reads whole from its first piece.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

URL_TAIL = re.compile(r"(https?://|www\.|mailto:)\S*$")
URL_HEAD = re.compile(r"^[^\s<>\"]*?(?=[.,;:!?)\]}>'\u2019\u201d]*(\s|$))")
WORD_TAIL = re.compile(r"\w[\w'\u2019-]*$")  # a word's beginning (hyphens and apostrophes inside words)
COMPOUND_TAIL = re.compile(r"\w[\w'\u2019]*[-\u2010]$")  # a compound broken after its own hyphen
WORD_HEAD = re.compile(r"^\w[\w'\u2019-]*")


@dataclass(frozen=True)
class Run:
    """A text box as laid out: its element, text (with the hyphen hyphenation added, if any), place."""

    element: Any
    text: str
    hyphenated: bool = False
    line_start: bool = False
    line_end: bool = False
    link: Any = None  # the URL link (``a.url``) the run is a piece of, set in pieces that say where it breaks


def _broken(run: Run) -> tuple[str, re.Pattern] | None:
    """The piece a run ends with that the next line continues, and how that continuation begins."""
    if not run.line_end:
        return None
    text = run.text[:-1] if run.hyphenated else run.text
    url = URL_TAIL.search(text)
    if url is not None:
        return url.group(), URL_HEAD
    if run.hyphenated:
        word = WORD_TAIL.search(text)
        return (word.group(), WORD_HEAD) if word else None
    compound = COMPOUND_TAIL.search(text)
    return (compound.group(), WORD_HEAD) if compound else None


def broken_links(runs: list[Run]) -> dict[int, str]:
    """A URL link broken across lines (set in pieces, ``writer.html``): its first run reads as the whole URL,
    the others as nothing."""
    pieces: dict[int, list[int]] = {}
    for k, run in enumerate(runs):
        if run.link is not None:
            pieces.setdefault(id(run.link), []).append(k)
    out: dict[int, str] = {}
    for indexes in pieces.values():
        if any(runs[k].line_start for k in indexes[1:]):
            out.update({k: "" for k in indexes[1:]})
            out[indexes[0]] = _source_text(runs[indexes[0]].link)
    return out


def replacements(runs: list[Run]) -> dict[int, str]:
    """The replacement text of each run (by index) that shows a piece of a broken word or URL."""
    links = broken_links(runs)
    runs = [replace(run, line_start=False, line_end=False) if k in links else run for k, run in enumerate(runs)]
    following: dict[int, int] = {}  # a run -> the next run of its element
    last: dict[int, int] = {}
    for k, run in enumerate(runs):
        if id(run.element) in last:
            following[last[id(run.element)]] = k
        last[id(run.element)] = k
    texts: dict[int, str] = {}
    cut_start: dict[int, int] = {}  # a run -> how much of its start went to the run before
    out: dict[int, str] = {}
    for k, run in enumerate(runs):
        start = cut_start.get(k, 0)
        if start and start >= len(run.text):
            out[k] = ""
            continue
        broken = _broken(run)
        if broken is not None:
            piece, head = broken
            body = run.text[:-1] if run.hyphenated else run.text
            piece = piece[max(0, start - (len(body) - len(piece))):]  # not what the run before took
            source = texts.get(id(run.element))
            if source is None:
                source = texts[id(run.element)] = _source_text(run.element)
            taken = _continuation(k, piece, head, runs, following, cut_start, source)
            if taken:
                out[k] = (body[start:len(body) - len(piece)] + piece + taken).lstrip() if start else \
                    body[:len(body) - len(piece)] + piece + taken
                continue
        if start:
            out[k] = run.text[start:].lstrip()  # the line begins after the piece the line before took
    return out | links


def _source_text(element) -> str:
    """The element's text as the source has it (no soft hyphens; white space collapsed)."""
    return " ".join("".join(element.itertext()).replace("\u00ad", "").split()) if element is not None else ""


def _continuation(k: int, piece: str, head: re.Pattern, runs: list[Run], following: dict[int, int],
                  cut_start: dict[int, int], source: str) -> str:
    """What the next lines' runs of the element begin with that continues ``piece`` (the source has the
    two together), marking it taken from them; "" when nothing does."""
    taken, cuts = "", {}
    j = following.get(k)
    while j is not None and runs[j].line_start:
        match = head.match(runs[j].text)
        if match is None or not match.group():
            break
        taken += match.group()
        body = runs[j].text[:-1] if runs[j].hyphenated else runs[j].text
        through = match.group() == body and runs[j].line_end and (head is URL_HEAD or runs[j].hyphenated)
        cuts[j] = len(runs[j].text) if through else len(match.group())
        if not through:
            break
        j = following.get(j)  # a URL over three lines or more
    if not taken or piece + taken not in source:
        return ""
    cut_start.update(cuts)
    return taken
