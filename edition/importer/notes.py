"""Notes and their markers: the notes region's lines and the body's paragraphs in, calls paired with notes out.

``split_notes`` cuts the lines after the notes heading into numbered notes:
a note opens at the start of a line ("9 Text", "9. Text", "[9] Text",
"(9) Text", "⁹ Text") or, when notes are run together, at a superscript
numeral inside a line ("...Hungary.)¹⁰ Bulganin ...").  A line that opens no
note continues the note before it, across stray blank lines.

``find_markers`` finds the note markers in the body: "(3)", "[3]" or a
superscript, glued to a word or placed after punctuation.  Numbers that are
text are left alone: list items at the start of a line ("(1) ..."),
enumerations in a sentence ("(1) ... (2) ..."), numbers after a word and a
space ("parentheses (126)"), and parenthesised numbers with more than a
number in them ("(126 cdes.)").

``pair_notes`` pairs each marker with the note of its number and reports,
as warnings with the input's line and column, markers with no note, notes
never called, repeated and out-of-sequence numbers.  It returns the body as
``Segment`` runs (text, call, or a marker kept literally) and the notes that
are called; an uncalled or repeated note becomes a ``Leftover``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Sequence

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

# markers in the body
_CANDIDATE = re.compile(rf"\((?P<paren>\d{{1,3}})\)|\[(?P<bracket>\d{{1,3}})\]|(?P<sup>{_SUP}{{1,3}})")
_WEAK_AFTER = ".,!?)”\"’'"  # a marker may stand after these and a space
_UNIT_BEFORE_SUPERSCRIPT = re.compile(r"(?:\b(?:k|c|m)?m|\bft|\bin)$")


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


@dataclass(frozen=True, slots=True)
class Marker:
    """A note marker in a body paragraph: its number, as written, and where it stands."""

    number: int
    written: str
    paragraph: int
    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a body paragraph: ``text``, a ``call`` of note ``number``, or a ``literal`` marker kept as text."""

    kind: str  # text | call | literal
    text: str
    number: int = 0


@dataclass(frozen=True, slots=True)
class PairedBody:
    """The body with its calls, the notes that are called, and what could not be placed."""

    paragraphs: tuple[tuple[Segment, ...], ...]
    notes: tuple[SourceNote, ...]
    leftovers: tuple[Leftover, ...]
    reviews: tuple[tuple[int, str], ...]  # (paragraph index, what an editor must look at)


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


def split_notes(lines: Sequence[Line], path: str, diags: Diagnostics, called: frozenset[int] = frozenset()
                ) -> tuple[tuple[SourceNote, ...], tuple[Leftover, ...]]:
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
            leftovers.append(Leftover(Passage.join(" ", [_label_passage(written, ln, col), note.text]), reason))
            continue
        seen[number] = note
        if not note.text:
            warn(ln, col, f"note {number} has no text", "import-note-empty")
        notes.append(note)
    for note, after in _out_of_sequence([(n.number, n) for n in notes]):
        warn(note.line, note.col, f"note {note.number} out of sequence after {after}", "import-note-sequence")
    return tuple(notes), tuple(leftovers)


def _label_passage(written: str, line: int, col: int) -> Passage:
    return Passage(written, tuple((line, col + i) for i in range(len(written))))


def _accept_line_opener(opened: tuple[int, str, int], current: int, after_blank: bool, previous: str,
                        awaited: set[int]) -> bool:
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


def _out_of_sequence(numbered: list[tuple[int, object]]) -> list[tuple[object, str]]:
    """Items whose numbers are not in the longest increasing run, each with the number before it."""
    numbers = [n for n, _ in numbered]
    keep = set(_longest_increasing(numbers))
    out = []
    for i, (n, item) in enumerate(numbered):
        if i not in keep:
            out.append((item, str(numbers[i - 1]) if i else "the start"))
    return out


def _longest_increasing(values: list[int]) -> list[int]:
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


# ---------------------------------------------------------------- the markers


def find_markers(paragraphs: Sequence[Passage], note_numbers: set[int]) -> tuple[Marker, ...]:
    """The note markers of the body, in reading order (numbers that are text are left out).

    With no ``note_numbers`` only the unmistakable markers are found (glued to
    the word or punctuation before them, or superscript): that is the hint
    ``split_notes`` takes for where notes may begin.
    """
    markers: list[Marker] = []
    for index, p in enumerate(paragraphs):
        text = p.text
        candidates = list(_CANDIDATE.finditer(text))
        spaced: dict[str, set[int]] = {"paren": set(), "bracket": set()}
        for m in candidates:
            if m["sup"] is None and (m.start() == 0 or text[m.start() - 1].isspace()):
                spaced["bracket" if m["bracket"] else "paren"].add(int(m["bracket"] or m["paren"]))
        for m in candidates:
            last = markers[-1].number if markers else 0
            marker = _marker(p, index, m, note_numbers, last, spaced)
            if marker is not None:
                markers.append(marker)
    return tuple(markers)


def _marker(p: Passage, index: int, m: re.Match, note_numbers: set[int], last: int,
            spaced: dict[str, set[int]]) -> Marker | None:
    text = p.text
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if m["sup"] is not None:
        number = superscript_value(m["sup"])
        if before.isdigit() or before in SUPERSCRIPT_DIGITS or not before or p.starts_line(m.start()):
            return None
        if number not in note_numbers and _UNIT_BEFORE_SUPERSCRIPT.search(text[:m.start()]):
            return None  # m², km³
    else:
        kind = "bracket" if m["bracket"] else "paren"
        number = int(m[kind])
        if after.isdigit() or before.isdigit() or before in "([{" or p.starts_line(m.start()):
            return None
        if before.isspace() or not before:
            # "... order. (3)" or "... the command (5)": a marker only if its note exists and it fits
            previous = text[:m.start()].rstrip()[-1:]
            enumeration = (number - 1 in spaced[kind] or number + 1 in spaced[kind]) or previous in ":;"
            if enumeration or not previous or number not in note_numbers:
                return None
            if previous not in _WEAK_AFTER and number != last + 1:
                return None
    if number == 0:
        return None
    line, col = p.where(m.start())
    return Marker(number, m.group(), index, m.start(), m.end(), line, col)


def pair_notes(paragraphs: Sequence[Passage], markers: Sequence[Marker], notes: Sequence[SourceNote], path: str,
               diags: Diagnostics) -> PairedBody:
    """Calls for the markers that have a note; everything else kept as text or unparsed, with a warning."""
    by_number = {n.number: n for n in notes}
    calls: dict[int, Marker] = {}  # note number -> the marker that calls it
    first_seen: dict[int, Marker] = {}  # each number's first marker, with or without a note
    literal: set[tuple[int, int]] = set()
    reviews: list[tuple[int, str]] = []

    def warn(m: Marker, message: str, code: str) -> None:
        diags.warning(SourcePos(path, m.line, m.col), message, code=code)
        reviews.append((m.paragraph, f"line {m.line}: {message}"))

    for marker in markers:
        first = first_seen.setdefault(marker.number, marker)
        if marker.number not in by_number:
            warn(marker, f"marker {marker.written} has no note: kept as text", "import-marker-no-note")
            literal.add((marker.paragraph, marker.start))
        elif first is not marker:
            warn(marker, f"marker {marker.written} repeats the call at line {first.line}:{first.col}: kept as text",
                 "import-marker-repeated")
            literal.add((marker.paragraph, marker.start))
        else:
            calls[marker.number] = marker

    in_order = list(first_seen.values())
    for marker, _ in _out_of_sequence([(m.number, m) for m in in_order]):
        i = in_order.index(marker)
        if i:
            where = f"after {in_order[i - 1].written}"
        else:
            where = f"before {in_order[1].written}" if len(in_order) > 1 else "at the start"
        warn(marker, f"marker {marker.written} out of sequence {where}", "import-marker-sequence")
    kept = [in_order[i] for i in _longest_increasing([m.number for m in in_order])]
    for a, b in zip(kept, kept[1:]):
        if any(n not in by_number and n not in first_seen for n in range(a.number + 1, b.number)):
            warn(b, f"markers skip from {a.written} to {b.written}", "import-marker-gap")

    leftovers = []
    called = []
    for note in notes:
        if note.number in calls:
            called.append(note)
            continue
        diags.warning(SourcePos(path, note.line, note.col), f"note {note.number} is never called: kept in unparsed",
                      code="import-note-uncalled")
        leftovers.append(Leftover(Passage.join(" ", [_label_passage(note.written, note.line, note.col), note.text]),
                                  f"note {note.number} is never called"))

    out = []
    for index, p in enumerate(paragraphs):
        segments: list[Segment] = []
        cursor = 0
        for m in (m for m in markers if m.paragraph == index):
            run = p.text[cursor:m.start]
            if (index, m.start) in literal:
                segments.append(Segment("text", run))
                segments.append(Segment("literal", m.written))
            else:
                segments.append(Segment("text", run.rstrip()))
                segments.append(Segment("call", m.written, m.number))
            cursor = m.end
        segments.append(Segment("text", p.text[cursor:]))
        out.append(tuple(s for s in segments if s.kind != "text" or s.text))
    return PairedBody(tuple(out), tuple(called), tuple(leftovers), tuple(reviews))
