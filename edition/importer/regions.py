"""Regions: the lines after the header in; the body's lines, the notes heading and lines, the end matter out.

Also what the web page adds to the document and must not stay in it, each a
``Leftover`` with a warning at its line:

- a run of lines the stored page prints twice (``drop_repeated_runs``): the
  second copy goes, its warning names both line ranges;
- the page's own lines ("This document was made possible with support from
  ...", "[Show full text]", which also says the copy stops short);
- a header field repeated inside the body; the page's matter after the
  document ("Author(s):", "Related Documents", "Rights", ...).

The notes begin at a notes heading (on its own line or ending the body's last
line) or, without one, at a line that opens note 1 after the body has called
note 1 with an unmistakable marker in the same style ("...home.[1]" then
"[1] It had earlier been raised ...").
"""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics, SourcePos
from .header import END_LABELS, REPEATED_AFTER_NOTES, HeaderField, field_value, line_label
from .notes import NOTES_HEADING_WORDS, is_notes_heading, line_opener
from .passage import Leftover, Line, Passage, is_hard_wrapped, words_key

_TRAILING_HEADING = re.compile(
    rf"(?P<before>.*[.!?)\]”\"’⁰¹²³⁴⁵⁶⁷⁸⁹])\s+(?P<heading>{NOTES_HEADING_WORDS})\s*:?\s*$", re.I)
_STRONG_MARKER = re.compile(r"[^\s\d(\[{]\((\d{1,3})\)|[^\s\d]\[(\d{1,3})\]|[^\W\d][⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_TERMINAL = ".!?:;)”\"’"
REPEATED_RUN_LINES = 2  # a run of this many lines printed twice is the web page's repetition
REPEATED_RUN_WORDS = 8
WEB_LINES = re.compile(r"(?:this document was made possible with support from .*|skip to content|"
                       r"\[?show full text\]?|citation share download|english html)", re.I)
CUT_SHORT = re.compile(r"\[?show full text\]?", re.I)


def page_lines(lines: list[Line]) -> bool:
    """Whether the page has no blank lines between its paragraphs (then each line stands for one).

    Three lines of text or more, no blank line between them, and not wrapped
    at a fixed width (hard-wrapped text has blank lines between its paragraphs).
    """
    text = [x for x in lines if not x.blank]
    if len(text) < 3 or is_hard_wrapped(lines):
        return False
    inner_blank = sum(1 for a, b, c in zip(lines, lines[1:], lines[2:]) if b.blank and not a.blank and not c.blank)
    return inner_blank == 0


def drop_repeated_runs(lines: list[Line], leftovers: list[Leftover], path: str, diags: Diagnostics) -> list[Line]:
    """The lines without the runs the web page printed a second time (each replaced by blank lines)."""
    text = [(i, words_key(x.text)) for i, x in enumerate(lines) if not x.blank]
    first: dict[str, int] = {}
    out = list(lines)
    k = 0
    while k < len(text):
        i, key = text[k]
        j = first.get(key)
        if key and j is not None:
            run = 0
            while (k + run < len(text) and j + run < k and text[j + run][1] == text[k + run][1]
                   and text[k + run][1]):
                run += 1
            words = sum(len(text[k + r][1].split()) for r in range(run))
            if run >= REPEATED_RUN_LINES and words >= REPEATED_RUN_WORDS:
                a, b = lines[text[j][0]].number, lines[text[j + run - 1][0]].number
                c, d = lines[text[k][0]].number, lines[text[k + run - 1][0]].number
                piece = Passage.join("\n", [Passage.of_line(lines[text[k + r][0]]) for r in range(run)])
                leftovers.append(Leftover(piece, f"lines {c}–{d} repeat lines {a}–{b} (the web page printed them "
                                                 f"twice)"))
                diags.warning(SourcePos(path, c, 1), f"lines {c}–{d} repeat lines {a}–{b}: the web page printed "
                                                     f"them twice; the repetition is kept in unparsed",
                              code="import-repeated")
                for r in range(run):
                    out[text[k + r][0]] = Line(lines[text[k + r][0]].number, "")
                k += run
                continue
        first.setdefault(key, k)
        k += 1
    return out


def drop_web_lines(lines: list[Line], leftovers: list[Leftover], path: str, diags: Diagnostics
                   ) -> tuple[list[Line], int]:
    """The lines without the web page's own lines; the line of a "[Show full text]" link (0 if none)."""
    out, cut = [], 0
    for line in lines:
        if not line.blank and WEB_LINES.fullmatch(line.text.strip()):
            short = CUT_SHORT.fullmatch(line.text.strip()) is not None
            cut = line.number if short else cut
            why = ("the web page's link to the full text: its copy stops here" if short
                   else "a line of the web page, not of the document")
            leftovers.append(Leftover(Passage.of_line(line), why))
            diags.warning(SourcePos(path, line.number, 1), f"{why}: kept in unparsed", code="import-web-page")
            line = Line(line.number, "")
        out.append(line)
    return out, cut


def regions(rest: list[Line], fields: list[HeaderField], leftovers: list[Leftover], compact: bool, path: str,
            diags: Diagnostics):
    """(body lines, notes heading, notes lines, end-matter lines) of what follows the header."""
    end = next((i for i, line in enumerate(rest) if _starts_paragraph(rest, i, compact) and _is_end_label(line)),
               len(rest))
    main, end_lines = rest[:end], rest[end:]
    body, heading, notes = _find_notes(main, path, diags)
    if notes:
        cut = next((i for i, line in enumerate(notes) if _starts_paragraph(notes, i, compact) and _ends_notes(line)),
                   len(notes))
        notes, end_lines = notes[:cut], notes[cut:] + end_lines
    body = _cut_repeated_fields(body, fields, leftovers, path, diags)
    return body, heading, notes, end_lines


def _starts_paragraph(lines: list[Line], i: int, compact: bool = False) -> bool:
    return compact or i == 0 or lines[i - 1].blank


def _ends_notes(line: Line) -> bool:
    """A label of the web page's matter after the notes, or one of the header's repeated there."""
    found = line_label(line)
    return found is not None and (found[3] in END_LABELS or found[3] in REPEATED_AFTER_NOTES)


def _is_end_label(line: Line) -> bool:
    found = line_label(line)
    return found is not None and found[3] in END_LABELS


def _find_notes(main: list[Line], path: str, diags: Diagnostics):
    """(body lines, notes heading, notes lines): where the notes begin, with or without a heading."""
    for i, line in enumerate(main):
        if is_notes_heading(line.text) and any(not x.blank for x in main[i + 1:]):
            return main[:i], _heading(Passage.of_line(line)), main[i + 1:]
    # the heading at the end of the body's last line ("... deferred.(15) Translator's Notes")
    for i, line in enumerate(main):
        m = _TRAILING_HEADING.fullmatch(line.text)
        if m is None:
            continue
        following = [x for x in main[i + 1:] if not x.blank]
        if following and line_opener(following[0].text):
            body = main[:i] + [Line(line.number, line.text[:m.end("before")])]
            return body, _heading(Passage.of_line(line, m.start("heading"))), main[i + 1:]
    at = _unheaded_notes(main)
    if at:
        diags.warning(SourcePos(path, main[at].number, 1), "no notes heading: the notes are taken to begin here",
                      code="import-notes-heading")
        return main[:at], None, main[at:]
    return main, None, []


def _unheaded_notes(main: list[Line]) -> int:
    """The index of the line that opens note 1 of notes without a heading, or 0.

    The line must open note 1 after every unmistakable marker of the body,
    one of which calls note 1 in the same style ("[1]" opens what ".[1]"
    called; a plain "1" opens what any marker called) and, for a plain or
    parenthesised number, stand after a sentence's end or a blank line.
    """
    strong = [(i, m.group()) for i, line in enumerate(main) for m in _STRONG_MARKER.finditer(line.text)]
    if not strong:
        return 0
    last_marker = strong[-1][0]
    for at in range(len(main) - 1, last_marker, -1):
        opened = line_opener(main[at].text)
        if not opened or opened[0] != 1:
            continue
        written = opened[1]
        if written.startswith("["):
            style = "[1]"
        elif written.startswith("("):
            style = "(1)"
        else:
            style = ""
        called = any(w.endswith(style) if style else w.endswith(("(1)", "[1]", "¹")) for _, w in strong)
        if not called:
            continue
        previous = main[at - 1].text.rstrip()
        if style != "[1]" and previous and previous[-1] not in _TERMINAL:
            continue
        return at
    return 0


def _heading(p: Passage) -> Passage:
    """A notes heading without its markup and colon: "**Endnotes:**" -> "Endnotes"."""
    start = len(p.text) - len(p.text.lstrip("*_#[ "))
    end = len(p.text.rstrip("*_#]: "))
    return p[start:end] if end > start else p


def _cut_repeated_fields(body: list[Line], fields: list[HeaderField], leftovers: list[Leftover], path: str,
                         diags: Diagnostics) -> list[Line]:
    """The body without a header field the web page repeats inside it (label and text alike)."""
    i = 0
    while i < len(body):
        found = line_label(body[i]) if _starts_paragraph(body, i) else None
        earlier = next((f for f in fields if found and f.key == found[0]), None)
        if earlier is not None and found is not None:
            value, j = field_value(found[0], found[2], body, i + 1)
            if value and words_key(" ".join(p.text for p in value)) == words_key(
                    " ".join(p.text for p in earlier.value)):
                verbatim = Passage.join("\n", [Passage.of_line(body[i])] + value)
                leftovers.append(Leftover(verbatim, f'"{found[1]}:" repeated by the web page (first at line '
                                                    f'{earlier.line})'))
                diags.warning(SourcePos(path, body[i].number, 1), f'header "{found[1]}:" is repeated (first at '
                                                                  f'line {earlier.line}): kept in unparsed',
                              code="import-repeated")
                body = body[:i] + [Line(x.number, "") for x in body[i:j]] + body[j:]
        i += 1
    return body


def end_matter(lines: list[Line], fields: list[HeaderField], leftovers: list[Leftover], compact: bool, path: str,
               diags: Diagnostics) -> None:
    """The matter after the document: each labelled section kept in unparsed (a repeat says so)."""
    sections: list[list[Line]] = []
    for i, line in enumerate(lines):
        if not sections or (_starts_paragraph(lines, i) and line_label(line) is not None) or (
                compact and _is_end_label(line)):
            sections.append([line])
        else:
            sections[-1].append(line)
    for section in sections:
        content = [x for x in section if not x.blank]
        if not content:
            continue
        found = line_label(content[0])
        verbatim = Passage.join("\n", [Passage.of_line(x) for x in content])
        name = found[1] if found else content[0].text.strip()
        at = SourcePos(path, content[0].number, 1)
        earlier = next((f for f in fields if found and f.key == found[0]), None)
        if earlier is not None and found is not None:
            value = " ".join([found[2].text] + [x.text for x in content[1:]])
            if words_key(" ".join(p.text for p in earlier.value)) == words_key(value):
                leftovers.append(Leftover(verbatim, f'"{name}:" repeated by the web page after the document '
                                                    f'(first at line {earlier.line})'))
                diags.warning(at, f'header "{name}:" is repeated after the document (first at line '
                                  f'{earlier.line}): kept in unparsed', code="import-repeated")
                continue
        leftovers.append(Leftover(verbatim, f'"{name}" after the document: the web page\'s matter, not the '
                                            f'document\'s'))
        diags.warning(at, f'"{name}" after the document is not part of it: kept in unparsed',
                      code="import-end-matter")
