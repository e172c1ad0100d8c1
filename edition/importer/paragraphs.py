"""Paragraphs: the body's lines in, its paragraphs out (and what of them repeats the header).

Blank lines separate paragraphs; the lines of a paragraph are joined with a
space (hard-wrapped text, or a break in mid-sentence: "What are we losing?
The" / "Hungarians themselves ...").  A paragraph of short lines (a list of
names, a heading over two lines, "Top secret" / "Making Copies Prohibited")
keeps its line breaks, as "\\n" in the text, which the emitted source writes as
explicit line breaks; a short line continued by one that opens in lower case
is joined all the same.  A page without blank lines gives each line a
paragraph (lines that continue one joined).  A paragraph that plainly goes
on after a blank line ("From the diary of" / "P.F. Yudin") is joined, with a
warning.

``drop_repeats`` takes from the body what the web page repeats: the date line
and the title opening it (a note marker glued to the repeated title is kept
as the title's, ``TitleMarker``), a paragraph given before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostics, SourcePos
from .header import HeaderField
from .passage import Leftover, Line, Passage, blocks, is_hard_wrapped, words_key

SHORT_LINE = 60  # a paragraph whose lines are all this short keeps its line breaks
RUN_ON_LINE_WORDS = 80  # a body that is one line this long was run together by the web copy
_LIST_ITEM = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\([a-z]\)|[a-z]\)|[-•–*]\s)")
_TERMINAL = ".!?:;)”\"’"
_GOES_ON = re.compile(r"(?:\b(?:of|the|a|an|and|or|with|to|by|for|in|on|from|at|as)|[,\-–—])$", re.I)
_MARKER_AFTER = re.compile(r"\s?(?:\((\d{1,3})\)|\[(\d{1,3})\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True, slots=True)
class TitleMarker:
    """A note marker that followed the title where the body repeats it: "...Session(1)"."""

    number: int
    written: str
    line: int
    col: int


def paragraphs(lines: list[Line], compact: bool, leftovers: list[Leftover], path: str,
               diags: Diagnostics) -> list[Passage]:
    """The body's paragraphs, by the rules in the module's docstring."""
    found = blocks(lines)
    if compact or is_hard_wrapped(lines):
        out = _split_lines([x for b in found for x in b], wrapped=not compact)
    else:
        out = [_joined(b) for b in found]
    return [p for p in _join_across_blanks(out, path, diags) if p]


def _split_lines(lines: list[Line], wrapped: bool) -> list[Passage]:
    """Paragraphs of a page without blank lines (a line each) or of wrapped text (cut at short final lines)."""
    width = max((len(x.text) for x in lines), default=0)
    out: list[list[Line]] = []
    for line in lines:
        previous = out[-1][-1] if out else None
        continues = previous is not None and previous.number == line.number - 1 and (
            _continues(previous.text, line.text) if not wrapped else not (
                _LIST_ITEM.match(line.text) or (previous.text.rstrip()[-1:] in _TERMINAL
                                                and len(previous.text) < 0.75 * width)))
        if continues:
            out[-1].append(line)
        else:
            out.append([line])
    return [Passage.of_lines(b) for b in out]


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on with the sentence ``previous`` left unfinished."""
    text = line.lstrip()
    return previous.rstrip()[-1:] not in _TERMINAL and text[:1].islower()


def _joined(block: list[Line]) -> Passage:
    """A paragraph of one block: lines joined by spaces, or by line breaks when all are short."""
    if len(block) < 2 or any(len(x.text.strip()) > SHORT_LINE for x in block):
        return Passage.of_lines(block)
    pieces: list[Passage] = []
    current: list[Line] = []
    table = any("|" in x.text for x in block)
    for line in block:
        if current and (table or not (_continues(current[-1].text, line.text)
                                      or _GOES_ON.search(current[-1].text.rstrip()))):
            pieces.append(Passage.of_lines(current))
            current = []
        current.append(line)
    pieces.append(Passage.of_lines(current))
    return Passage.join("\n", pieces)


def _join_across_blanks(found: list[Passage], path: str, diags: Diagnostics) -> list[Passage]:
    out: list[Passage] = []
    for p in found:
        if out and out[-1] and p and "\n" not in out[-1].text and (
                _GOES_ON.search(out[-1].text) or _continues(out[-1].text, p.text)) and len(out[-1].text.split()) < 12:
            diags.warning(SourcePos(path, p.line, 1), f"the paragraph at line {out[-1].line} goes on after a blank "
                                                      f"line: joined", code="import-paragraph-joined")
            out[-1] = Passage.join(" ", [out[-1], p])
        else:
            out.append(p)
    return out


def run_on_body(body: list[Passage]) -> bool:
    """Whether the whole body is one long line (the web copy ran the document's lines together)."""
    return (len(body) == 1 and body[0].line == body[0].last_line
            and len(body[0].text.split()) >= RUN_ON_LINE_WORDS)


def drop_repeats(body: list[Passage], title: Passage | None, dateline: Passage | None, fields: list[HeaderField],
                 leftovers: list[Leftover], path: str, diags: Diagnostics
                 ) -> tuple[list[Passage], TitleMarker | None]:
    """The body without what the web page repeats: the date line and title opening it, a paragraph given before."""
    def warn(p: Passage, message: str) -> None:
        line, col = p.where(0)
        diags.warning(SourcePos(path, line, col), message, code="import-repeated")

    marker = None
    if body and dateline is not None:
        first = body[0]
        end = next((i for i, (ln, _) in enumerate(first.origins) if ln != first.line), len(first.text))
        if words_key(first.text[:end]) == words_key(dateline.text):
            leftovers.append(Leftover(first[:end].strip(), f"the web page repeats the date line (line "
                                                           f"{dateline.line}) at the start of the body"))
            warn(first, "the body opens by repeating the date line: the repetition is kept in unparsed")
            body = [p for p in [first[end:].strip()] + body[1:] if p]
    if body and title:
        body, marker = _drop_title(body, title, leftovers, warn)
    seen: dict[str, str] = {}
    if title:
        seen[words_key(title.text)] = f"the title (line {title.line})"
    for f in fields:
        for p in f.value:
            seen.setdefault(words_key(p.text), f'"{f.label}:" (line {f.line})')
    out = []
    for p in body:
        key = words_key(p.text)
        if len(key.split()) >= 5 and key in seen:
            leftovers.append(Leftover(p, f"repeats {seen[key]}"))
            warn(p, f"this paragraph repeats {seen[key]}: kept in unparsed")
            continue
        seen.setdefault(key, f"the paragraph at line {p.line}")
        out.append(p)
    return out, marker


def _drop_title(body: list[Passage], title: Passage, leftovers: list[Leftover], warn
                ) -> tuple[list[Passage], TitleMarker | None]:
    first = body[0]
    want = re.findall(r"\w+", title.text.casefold())
    got = re.findall(r"\w+", first.text.casefold())
    if 5 <= len(got) < len(want) and want[:len(got)] == got:  # the title's first words fill the paragraph
        leftovers.append(Leftover(first, f"the web page repeats the title (line {title.line}), in part, at the start "
                                         f"of the body"))
        warn(first, "the body opens by repeating the title in part: the repetition is kept in unparsed")
        return body[1:], None
    cut = _prefix_end(first.text, title.text)
    if cut is None:
        return body, None
    rest = first.text[cut:].lstrip()
    # a short title ("Memorandum") is a repetition only when it fills its line
    if len(want) < 4 and rest and not first.starts_line(len(first.text) - len(rest)):
        return body, None
    marker = None
    m = _MARKER_AFTER.match(first.text, cut)
    if m:
        value = int((m[1] or m[2] or (m[3] or "").translate(_SUPERSCRIPTS)))
        line, col = first.where(m.start() + len(m.group()) - len(m.group().lstrip()))
        marker = TitleMarker(value, m.group().strip(), line, col)
        cut = m.end()
        rest = first.text[cut:].lstrip()
    same_line = rest and first.where(len(first.text) - len(rest))[0] == first.where(cut - 1)[0]
    if same_line and (rest[:1] in (",", ";") or rest[:1].islower()):  # a fuller form: the document's own heading
        warn(first, "the body opens with a fuller form of the title: kept as its first paragraph")
        return body, None
    repeated = first[:m.start() if m else cut].strip()
    leftovers.append(Leftover(repeated, f"the web page repeats the title (line {title.line}) at the start of the "
                                        f"body"))
    warn(repeated, "the body opens by repeating the title: the repetition is kept in unparsed")
    return [p for p in [first[cut:].strip()] + body[1:] if p], marker


def _prefix_end(text: str, prefix: str) -> int | None:
    """The offset in ``text`` after its opening words when they are ``prefix``'s words (case and spacing aside)."""
    want = [w.casefold() for w in re.findall(r"\w+", prefix)]
    got = list(re.finditer(r"\w+", text))
    if not want or len(got) < len(want) or [m.group().casefold() for m in got[:len(want)]] != want:
        return None
    end = got[len(want) - 1].end()
    while end < len(text) and not text[end].isspace() and not text[end].isalnum() and text[end] not in "([⁰¹²³⁴⁵⁶⁷⁸⁹":
        end += 1  # closing punctuation of the title ("...1956." or "**")
    return end
