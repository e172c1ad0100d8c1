"""Markers: the body's paragraphs in, note markers and the body as runs of text and calls out.

``find_markers`` finds the note markers in the body: "(3)", "[3]" or a
superscript, glued to a word or placed after punctuation.  Numbers that are
text are left alone: list items at the start of a line ("(1) ..."),
enumerations in a sentence ("(1) ... (2) ..."), numbers after a word and a
space ("parentheses (126)"), and parenthesised numbers with more than a
number in them ("(126 cdes.)").  A number that is not glued ("Poland (1)",
"comrades. (6)", "An assessment.( 2)", or "(3)" opening a line) is a marker
when its note exists, or when it fits the sequence: the markers before it end
at the number before, the next glued marker bears the number after.

``pair_notes`` pairs each marker with the note of its number and reports,
as warnings with the input's line and column, markers with no note, notes
never called, repeated and out-of-sequence numbers, and markers missing from
the sequence ("no marker (1): the markers begin at (2)").  It returns the
body as ``Segment`` runs (text, call, or a marker kept literally) and the
notes that are called; an uncalled note becomes a ``Leftover``.  A marker
glued to the title the body repeated (``TitleMarker``) calls its note from
the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..diagnostics import Diagnostics, SourcePos
from .notes import SUPERSCRIPT_DIGITS, SourceNote, label_passage, longest_increasing, out_of_sequence, \
    superscript_value
from .paragraphs import TitleMarker
from .passage import Leftover, Passage

_SUP = f"[{SUPERSCRIPT_DIGITS}]"
_CANDIDATE = re.compile(rf"\((?P<inner> ?)(?P<paren>\d{{1,3}})\)|\[(?P<bracket>\d{{1,3}})\]|(?P<sup>{_SUP}{{1,3}})")
_WEAK_AFTER = ".,!?)”\"’'"  # a marker may stand after these and a space
_UNIT_BEFORE_SUPERSCRIPT = re.compile(r"(?:\b(?:k|c|m)?m|\bft|\bin)$")


@dataclass(frozen=True, slots=True)
class Marker:
    """A note marker in a body paragraph (paragraph -1: after the title): its number, as written, where."""

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
    title_call: int = 0  # the note the title calls (its marker followed the repeated title)


@dataclass(frozen=True, slots=True)
class _Candidate:
    paragraph: int
    match: re.Match
    strong: bool  # glued to the text before it, or superscript
    number: int
    kind: str  # paren | bracket | sup
    place: str  # glued | spaced | inner (a space inside the brackets) | line (opening a line)


def find_markers(paragraphs: Sequence[Passage], note_numbers: set[int], first: int = 0, hint: bool = False
                 ) -> tuple[Marker, ...]:
    """The note markers of the body, in reading order (numbers that are text are left out).

    With no ``note_numbers`` only the unmistakable markers are found (glued to
    the word or punctuation before them, or superscript): that is the hint
    ``split_notes`` takes for where notes may begin (``hint``).  ``first`` is
    the number of a marker that comes before the body (after the title).
    """
    candidates = []
    for index, p in enumerate(paragraphs):
        for m in _CANDIDATE.finditer(p.text):
            kind = "sup" if m["sup"] else "bracket" if m["bracket"] else "paren"
            number = superscript_value(m["sup"]) if m["sup"] else int(m["bracket"] or m["paren"])
            before = p.text[m.start() - 1] if m.start() else ""
            place = ("line" if p.starts_line(m.start()) else "inner" if m["inner"] else
                     "spaced" if not before or before.isspace() else "glued")
            strong = kind == "sup" or place == "glued"
            candidates.append(_Candidate(index, m, strong, number, kind, place))
    markers: list[Marker] = []
    last = first
    for k, c in enumerate(candidates):
        p = paragraphs[c.paragraph]
        spaced = {x.number for x in candidates if x.paragraph == c.paragraph and x.kind == c.kind and not x.strong}
        marker = _marker(p, c, note_numbers, last, spaced)
        if marker is None and not c.strong and not hint and _in_sequence(c, candidates[k + 1:], last):
            marker = _at(p, c)
        if marker is not None:
            markers.append(marker)
            last = marker.number
    return tuple(markers)


def _in_sequence(c: _Candidate, after: list[_Candidate], last: int) -> bool:
    """A marker that is not glued, but stands where the markers around it leave its number out.

    The next number of its kind must follow, glued or placed otherwise than
    this one: numbers placed alike one after the other ("(1) ..." opening
    line after line) are an enumeration.
    """
    if c.kind == "sup" or c.number != last + 1 or c.number == 0:
        return False
    following = next((x for x in after if x.kind == c.kind), None)
    return following is not None and following.number == c.number + 1 and (
        following.strong or following.place != c.place)


def _at(p: Passage, c: _Candidate) -> Marker:
    m = c.match
    line, col = p.where(m.start())
    return Marker(c.number, m.group(), c.paragraph, m.start(), m.end(), line, col)


def _marker(p: Passage, c: _Candidate, note_numbers: set[int], last: int, spaced: set[int]) -> Marker | None:
    text, m, number = p.text, c.match, c.number
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if c.kind == "sup":
        if before.isdigit() or before in SUPERSCRIPT_DIGITS or not before or p.starts_line(m.start()):
            return None
        if number not in note_numbers and _UNIT_BEFORE_SUPERSCRIPT.search(text[:m.start()]):
            return None  # m², km³
    else:
        if m["inner"] or after.isdigit() or before.isdigit() or before in "([{" or p.starts_line(m.start()):
            return None
        if before.isspace() or not before:
            # "... order. (3)" or "... the command (5)": a marker only if its note exists and it fits
            previous = text[:m.start()].rstrip()[-1:]
            enumeration = (number - 1 in spaced or number + 1 in spaced) or previous in ":;"
            if enumeration or not previous or number not in note_numbers:
                return None
            if previous not in _WEAK_AFTER and number != last + 1:
                return None
    if number == 0:
        return None
    return _at(p, c)


def pair_notes(paragraphs: Sequence[Passage], markers: Sequence[Marker], notes: Sequence[SourceNote], path: str,
               diags: Diagnostics, title_marker: TitleMarker | None = None) -> PairedBody:
    """Calls for the markers that have a note; everything else kept as text or unparsed, with a warning."""
    by_number = {n.number: n for n in notes}
    if title_marker is not None:
        markers = [Marker(title_marker.number, title_marker.written, -1, 0, 0, title_marker.line,
                          title_marker.col)] + list(markers)
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
            where = " (after the repeated title, kept with it in unparsed)" if marker.paragraph < 0 else ""
            warn(marker, f"marker {marker.written} has no note{where}: kept as text", "import-marker-no-note")
            literal.add((marker.paragraph, marker.start))
        elif first is not marker:
            warn(marker, f"marker {marker.written} repeats the call at line {first.line}:{first.col}: kept as text",
                 "import-marker-repeated")
            literal.add((marker.paragraph, marker.start))
        else:
            calls[marker.number] = marker

    in_order = list(first_seen.values())
    for marker, _ in out_of_sequence([(m.number, m) for m in in_order]):
        i = in_order.index(marker)
        if i:
            where = f"after {in_order[i - 1].written}"
        else:
            where = f"before {in_order[1].written}" if len(in_order) > 1 else "at the start"
        warn(marker, f"marker {marker.written} out of sequence {where}", "import-marker-sequence")
    _missing(in_order, warn)

    leftovers = []
    called = []
    for note in notes:
        if note.number in calls:
            called.append(note)
            continue
        diags.warning(SourcePos(path, note.line, note.col), f"note {note.number} is never called: kept in unparsed",
                      code="import-note-uncalled")
        leftovers.append(Leftover(Passage.join(" ", [label_passage(note.written, note.line, note.col), note.text]),
                                  f"note {note.number} is never called"))
    title_call = title_marker.number if title_marker is not None and title_marker.number in calls and \
        calls[title_marker.number].paragraph < 0 else 0
    if title_marker is not None and not title_call:
        at = (title_marker.line, title_marker.col)
        leftovers.append(Leftover(Passage(title_marker.written, tuple(at for _ in title_marker.written)),
                                  "a marker after the title the web page repeats, with no note"))
    return PairedBody(tuple(_segments(paragraphs, markers, literal)), tuple(called), tuple(leftovers),
                      tuple(r for r in reviews if r[0] >= 0), title_call)


def _missing(in_order: list[Marker], warn) -> None:
    """Markers missing from the sequence, each gap reported at the marker after it."""
    if not in_order:
        return
    kept = [in_order[i] for i in longest_increasing([m.number for m in in_order])]
    present = {m.number for m in in_order}

    def named(numbers: list[int], like: Marker) -> str:
        shape = "({})" if like.written.startswith("(") else "[{}]" if like.written.startswith("[") else "{}"
        first, last = shape.format(numbers[0]), shape.format(numbers[-1])
        return f"marker {first}" if len(numbers) == 1 else f"markers {first}–{last}"

    gap = [n for n in range(1, kept[0].number) if n not in present]
    if gap:
        warn(kept[0], f"no {named(gap, kept[0])}: the markers begin at {kept[0].written}", "import-marker-gap")
    for a, b in zip(kept, kept[1:]):
        gap = [n for n in range(a.number + 1, b.number) if n not in present]
        if gap:
            warn(b, f"no {named(gap, b)}: the markers skip from {a.written} to {b.written}", "import-marker-gap")


def _segments(paragraphs: Sequence[Passage], markers: Sequence[Marker], literal: set[tuple[int, int]]):
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
        yield tuple(s for s in segments if s.kind != "text" or s.text)
