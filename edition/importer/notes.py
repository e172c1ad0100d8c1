"""Notes: the notes region's lines in, numbered notes out (markers in the body are ``markers``' work).

``split_notes`` cuts the lines after the notes heading into numbered notes:
a note opens at the start of a line ("9 Text", "9. Text", "[9] Text",
"(9) Text", "⁹ Text") or, when notes are run together, at a superscript
numeral inside a line ("...Hungary.)¹⁰ Bulganin ...").  A line that opens no
note continues the note before it, across stray blank lines (with a
warning); on a page whose lines are its paragraphs, a line after a finished
note that opens none is no note's, and goes to the leftovers.  Notes given
twice, empty or out of sequence are reported at their line.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import AbstractSet, Sequence, TypeVar

from ..diagnostics import Diagnostics, SourcePos
from .passage import Leftover, Line, Passage, words_key

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_SUP = f"[{SUPERSCRIPT_DIGITS}]"

# headings of the notes: "Translator's Notes", "Notes", "Footnotes", "Editor's notes:", "ENDNOTES"
NOTES_HEADING_WORDS = (r"(?:(?:translator|translators|editor|editors|editorial|author|authors|document)"
                       r"['’]?s?['’]?\s+)?(?:foot|end)?notes?(?:\s+and\s+references)?")
NOTES_HEADING = re.compile(NOTES_HEADING_WORDS, re.I)

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# a note's number alone on its line, its text on the lines below
BARE_NUMBER = re.compile(rf"\s*(?:\[(?P<bracket>\d{{1,3}})\]|\((?P<paren>\d{{1,3}})\)|(?P<plain>\d{{1,3}})\.?"
                         rf"|(?P<sup>{_SUP}{{1,3}}))\s*")
# a note's number at the start of a line; the text must follow on the line
LINE_OPENER = re.compile(
    rf"\s*(?:\[(?P<bracket>\d{{1,3}})\]\s*|\((?P<paren>\d{{1,3}})\)\s*|(?P<plain>\d{{1,3}})(?P<punct>[.)])?\s+"
    rf"|(?P<sup>{_SUP}{{1,3}})\s*)(?=[^\s\d{SUPERSCRIPT_DIGITS}])")
_NOT_A_NOTE_AFTER_NUMBER = re.compile(rf"(?:{_MONTHS})\b\.?|[ap]\.\s?m\b|%|per\s?cent\b", re.I)
_INLINE_SUP = re.compile(rf"(?<![\d{SUPERSCRIPT_DIGITS}]){_SUP}{{1,3}}(?![\d{SUPERSCRIPT_DIGITS}])")
_INLINE_NUMBERED = re.compile(r"(?<=[.!?)”\"’])\s*(?P<open>\[(?P<bracket>\d{1,3})\]|\((?P<paren>\d{1,3})\))\s+"
                              r"(?=[A-Z\"“‘'\[(])")
_TERMINAL = ".!?)]”\"’'"
_UNIT_BEFORE_SUPERSCRIPT = re.compile(r"(?:\b(?:k|c|m)?m|\bft|\bin)$")
T = TypeVar("T")

def superscript_value(text: str) -> int:
    return int(text.translate(_FROM_SUPERSCRIPT))


@dataclass(frozen=True, slots=True)
class SourceNote:
    """A note as the input numbers it; ``written`` is its number as written ("9", "[9]", "¹⁰")."""

    number: int
    written: str
    text: Passage
    line: int
    col: int


@dataclass
class _Opening:
    """A note being gathered: its number as the input writes it, where, and its text so far."""

    number: int
    written: str
    line: int
    col: int
    pieces: list[Passage] = field(default_factory=list)


def is_notes_heading(text: str) -> bool:
    """Whether a whole line is a notes heading ("Translator's Notes", "Notes:", "**Footnotes**")."""
    bare = text.strip().strip("*_#[]").strip().rstrip(":").strip()
    return bool(bare) and NOTES_HEADING.fullmatch(bare) is not None


def line_opener(text: str) -> tuple[int, str, int] | None:
    """(number, as written, end of the opener) when a line starts with a note number, else None."""
    m = LINE_OPENER.match(text)
    if m is None:
        return None
    if m["plain"] is not None:
        if _NOT_A_NOTE_AFTER_NUMBER.match(text, m.end()):
            return None
        return int(m["plain"]), m["plain"] + (m["punct"] or ""), m.end()
    if m["sup"] is not None:
        return superscript_value(m["sup"]), m["sup"], m.end()
    value = m["bracket"] or m["paren"]
    written = f"[{value}]" if m["bracket"] else f"({value})"
    return int(value), written, m.end()


# ---------------------------------------------------------------- the notes


def split_notes(lines: Sequence[Line], path: str, diags: Diagnostics, called: frozenset[int] = frozenset(),
                lines_are_paragraphs: bool = False) -> tuple[tuple[SourceNote, ...], tuple[Leftover, ...]]:
    """The notes in the notes region, and the text there that belongs to no note.

    ``called`` holds the numbers the body's markers call: a line opening with
    one of them opens a note even out of sequence.
    """
    drafts: list[_Opening] = []
    before_first: list[Passage] = []
    leftovers: list[Leftover] = []
    after_blank = True
    previous_text = ""

    def warn(line: int, col: int, message: str, code: str) -> None:
        diags.warning(SourcePos(path, line, col), message, code=code)

    def current_number() -> int:
        return drafts[-1].number if drafts else 0

    for line in lines:
        if line.blank:
            after_blank = True
            continue
        if is_notes_heading(line.text):
            leftovers.append(Leftover(Passage.of_line(line), "the notes heading is repeated here"))
            warn(line.number, 1, "the notes heading is repeated: kept in unparsed", "import-repeated")
            after_blank = True
            continue
        opened = line_opener(line.text)
        awaited = called - {d.number for d in drafts}
        indent = len(line.text) - len(line.text.lstrip()) + 1
        bare = BARE_NUMBER.fullmatch(line.text)
        if bare is not None:  # "12" alone on a line: note 12 if it is the next, or one the body calls
            value = int(bare["plain"] or bare["bracket"] or bare["paren"] or superscript_value(bare["sup"]))
            if value == current_number() + 1 or value in awaited:
                drafts.append(_Opening(value, line.text.strip(), line.number, indent))
                after_blank, previous_text = False, ""
                continue
        start = 0
        if opened is not None and _accept_line_opener(opened, current_number(), after_blank, previous_text,
                                                      awaited):
            number, written, start = opened
            drafts.append(_Opening(number, written, line.number, indent))
        elif lines_are_paragraphs and drafts and drafts[-1].pieces and _finished(drafts[-1].pieces[-1].text):
            stray = Passage.of_line(line)
            leftovers.append(Leftover(stray, f"a line after note {current_number()} that opens no note"))
            warn(line.number, 1, f"this line follows note {current_number()} but opens no note: kept in unparsed",
                 "import-unparsed")
            previous_text = line.text.rstrip()
            continue
        elif drafts and after_blank and drafts[-1].pieces:
            warn(line.number, 1, f"note {current_number()} is broken by a blank line: the text from here is "
                                 f"joined to it", "import-note-broken")
        rest = Passage.of_line(line, start)
        for piece, opener in _split_inline(rest, current_number()):
            if opener is not None:
                number, written, (ln, col) = opener
                before = drafts[-1].number if drafts else None
                warn(ln, col, f"note {number} is run together with "
                              f"{f'note {before}' if before is not None else 'the text before it'}: "
                              f"separated at {written}", "import-notes-run-together")
                drafts.append(_Opening(number, written, ln, col))
            if not piece:
                continue
            if drafts:
                drafts[-1].pieces.append(piece)
            else:
                before_first.append(piece)
        after_blank = False
        previous_text = line.text.rstrip()

    if before_first:
        text = Passage.join(" ", before_first)
        leftovers.insert(0, Leftover(text, "text after the notes heading that opens no numbered note"))
        warn(text.line, text.where(0)[1], "text after the notes heading opens no numbered note: kept in unparsed",
             "import-unparsed")

    notes: list[SourceNote] = []
    seen: dict[int, SourceNote] = {}
    for d in drafts:
        number, written, ln, col = d.number, d.written, d.line, d.col
        note = SourceNote(number, written, Passage.join(" ", d.pieces), ln, col)
        first = seen.get(number)
        if first is not None:
            repeated = words_key(first.text.text) == words_key(note.text.text)
            if repeated:
                reason = f"note {number} repeated (first at line {first.line})"
                warn(ln, col, f"note {number} is repeated (first at line {first.line}): the repetition is kept "
                              f"in unparsed", "import-repeated")
            else:
                reason = f"a second note numbered {number} (the first is at line {first.line})"
                warn(ln, col, f"note {number} is given twice (first at line {first.line}): the second is kept "
                              f"in unparsed", "import-note-duplicate")
            leftovers.append(Leftover(Passage.join(" ", [label_passage(written, ln, col), note.text]), reason))
            continue
        seen[number] = note
        if not note.text:
            warn(ln, col, f"note {number} has no text", "import-note-empty")
        notes.append(note)
    for note, after in out_of_sequence([(n.number, n) for n in notes]):
        warn(note.line, note.col, f"note {note.number} out of sequence after {after}", "import-note-sequence")
    return tuple(notes), tuple(leftovers)


def _finished(text: str) -> bool:
    return text.rstrip()[-1:] in _TERMINAL


def label_passage(written: str, line: int, col: int) -> Passage:
    return Passage(written, tuple((line, col + i) for i in range(len(written))))


def _accept_line_opener(opened: tuple[int, str, int], current: int, after_blank: bool, previous: str,
                        awaited: AbstractSet[int]) -> bool:
    """Whether a number at the start of a line opens a note (rather than continuing the one before)."""
    number, written = opened[0], opened[1]
    if written[0] in SUPERSCRIPT_DIGITS:
        return number >= 1
    if number == current + 1 or (current == 0 and number >= 1):
        return True
    ended = not previous or previous[-1] in _TERMINAL or previous[-1] in SUPERSCRIPT_DIGITS
    return (after_blank or ended) and (1 <= number <= current + 10 or number in awaited)


def _split_inline(rest: Passage, number: int) -> list[tuple[Passage, tuple[int, str, tuple[int, int]] | None]]:
    """The line's text cut where notes run together: [(text, the opener before it or None), ...]."""
    out: list = []
    opener = None
    start = 0
    while True:
        found = _next_inline_opener(rest.text, start, number)
        if found is None:
            out.append((rest[start:].strip(), opener))
            return out
        cut, end, value, written, at = found
        out.append((rest[start:cut].strip(), opener))
        opener = (value, written, rest.where(at))
        number = value
        start = end


def _next_inline_opener(text: str, pos: int, current: int) -> tuple[int, int, int, str, int] | None:
    """(cut, end, number, as written, where it is written) of the next note opening inside a line."""
    found = []
    for m in _INLINE_SUP.finditer(text, pos):
        value = superscript_value(m.group())
        before = text[:m.start()].rstrip()[-1:]
        if value >= 1 and ((value > current and not _UNIT_BEFORE_SUPERSCRIPT.search(text[:m.start()]))
                           or (before and before in _TERMINAL)):
            found.append((m.start(), m.end(), value, m.group(), m.start()))
            break
    for m in _INLINE_NUMBERED.finditer(text, pos):
        value = int(m["bracket"] or m["paren"])
        if value == current + 1:
            found.append((m.start(), m.end(), value, m["open"], m.start("open")))
            break
    return min(found) if found else None


def out_of_sequence(numbered: list[tuple[int, T]]) -> list[tuple[T, str]]:
    """Items whose numbers are not in the longest increasing run, each with the number before it."""
    numbers = [n for n, _ in numbered]
    keep = set(longest_increasing(numbers))
    out = []
    for i, (_n, item) in enumerate(numbered):
        if i not in keep:
            out.append((item, str(numbers[i - 1]) if i else "the start"))
    return out


def longest_increasing(values: list[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence (the one with the smallest values)."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_index.append(i)
        else:
            tails[k] = v
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    out = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        out.append(i)
        i = parent[i]
    return out[::-1]


