"""Layout: the digital archive's plain text in, an ``ArchivePage`` (every piece with its line numbers) out.

The layout, as the Wilson Center Digital Archive gives it::

    October 26, 1956                      the date line
    **Working Notes from the Session ...  the title (bold, over one or more lines)
    Citation:      "...", October 26, 1956, Wilson Center Digital Archive, TsKhSD, F. 3, ...
    Summary:       ...
    Original Language:   Russian
    Contents:      Translation - English
    the body (here one run-on line, often repeating the title) ... Translator's Notes
    1 The first note ...                  the notes, one a line, or run together: ...¹⁰ ...

Stored web copies vary: the header labels may be missing (``header``), the
page may have no blank lines at all (then each line is a paragraph), the web
page may print part of the text twice, add its own lines ("This document was
made possible with support from ...") and its matter after the document
(``regions``).  ``parse_page(text, path, diags)`` finds the parts and returns
them as ``Passage`` objects; text it cannot place becomes a ``Leftover`` with
the reason, and every irregularity a warning at its line.  Paragraphs are
``paragraphs``' work, markers and notes ``notes``'.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..diagnostics import Diagnostics, SourcePos
from .dates import ReadDate, read_date
from .header import END_LABELS, FIELD_LABELS, HeaderField, is_title_markup, line_label, read_header, title_text
from .paragraphs import TitleMarker, drop_repeats, paragraphs, run_on_body
from .passage import Leftover, Line, Passage, blocks
from .regions import drop_repeated_runs, drop_web_lines, end_matter, page_lines, regions

HEADER_SEARCH_WORDS = 40  # the header ends before the first paragraph this long


@dataclass(frozen=True, slots=True)
class ArchivePage:
    """The archive's text cut into its parts; ``leftovers`` is what belongs to none of them."""

    path: str
    dateline: Passage | None
    date: ReadDate | None
    title: Passage | None
    fields: tuple[HeaderField, ...]
    body: tuple[Passage, ...]
    body_line: int  # where the body starts (for warnings about it as a whole)
    notes_heading: Passage | None
    notes: tuple[Line, ...]  # the lines of the notes region, blank lines included
    leftovers: tuple[Leftover, ...]
    has_header: bool = True  # whether any label (Citation:, Summary:, ...) was found
    lines_are_paragraphs: bool = False  # a page without blank lines: each line is a paragraph (or a note)
    title_marker: TitleMarker | None = None  # a note marker glued to the title the body repeats
    run_on: bool = False  # the body is one line that the web copy ran together
    last_line: int = 0  # the input's last line with text
    cut_short: int = 0  # the line of the web page's "[Show full text]": its copy stops short

    def field(self, key: str) -> HeaderField | None:
        return next((f for f in self.fields if f.key == key), None)


def split_lines(text: str, path: str, diags: Diagnostics) -> list[Line]:
    """The input's lines; control characters (other than tab) become spaces, with a warning."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for number, raw in enumerate(text.split("\n"), 1):
        if raw.isprintable():
            lines.append(Line(number, raw.rstrip()))
            continue
        clean = []
        for col, ch in enumerate(raw, 1):
            if ch == "\t":
                clean.append(" ")
            elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
                diags.warning(SourcePos(path, number, col), f"control character U+{ord(ch):04X} replaced by a space",
                              code="import-control-character")
                clean.append(" ")
            else:
                clean.append(ch)
        lines.append(Line(number, "".join(clean).rstrip()))
    return lines


def parse_page(text: str, path: str, diags: Diagnostics) -> ArchivePage:
    lines = split_lines(text, path, diags)
    leftovers: list[Leftover] = []
    warn = _warner(path, diags)
    compact = page_lines(lines)  # no blank lines in the page: a line is a block

    first_label = _first_label(lines, compact)
    fields: list[HeaderField] = []
    if first_label is None:
        body_start, dateline, date, title = _preamble_without_header(lines, compact)
        warn(1, 1, "no header labels (Citation:, Summary:, Original Language:, Contents:) found", "import-no-header")
    else:
        dateline, date, title = _preamble(lines[:first_label], compact, leftovers, warn)
        body_start = read_header(lines, first_label, fields, leftovers, path, diags)

    title_field = next((f for f in fields if f.key == "title"), None)
    if title_field is not None:
        if title is not None:
            leftovers.append(Leftover(title, "a title before the header, which labels another one"))
            warn(title.line, 1, "the header labels a title and another stands above it: the first is kept "
                                "in unparsed", "import-unparsed")
        title = Passage.join(" ", title_field.value)
    date_field = next((f for f in fields if f.key == "date"), None)
    if date_field is not None and date_field.value:
        if dateline is not None:
            leftovers.append(Leftover(dateline, "a date line above the header, which labels another one"))
        dateline = Passage.join(" ", date_field.value)
        date = read_date(dateline.text)
    fields = [f for f in fields if f.key not in ("title", "date")]

    rest = lines[body_start:]
    first = blocks(rest, compact)
    if title is None and first and is_title_markup(first[0]):  # a bold title below the header
        title = title_text(first[0])
        rest = lines[first[0][-1].number:]
    compact = compact or page_lines(rest)
    rest, cut_short = drop_web_lines(rest, leftovers, path, diags)
    rest = drop_repeated_runs(rest, leftovers, path, diags)
    body_lines, heading, note_lines, end_lines = regions(rest, fields, leftovers, compact, path, diags)
    if end_lines:
        end_matter(end_lines, fields, leftovers, compact, path, diags)
    body = paragraphs(body_lines, compact, leftovers, path, diags)
    body, title_marker = drop_repeats(body, title, dateline, fields, leftovers, path, diags)
    body_line = body[0].line if body else (rest[0].number if rest else len(lines))
    last = next((x.number for x in reversed(lines) if not x.blank), 0)
    return ArchivePage(path, dateline, date, title, tuple(fields), tuple(body), body_line, heading,
                       tuple(note_lines), tuple(leftovers), has_header=first_label is not None,
                       lines_are_paragraphs=compact, title_marker=title_marker, run_on=run_on_body(body),
                       last_line=last, cut_short=cut_short)


def _warner(path: str, diags: Diagnostics):
    def warn(line: int, col: int, message: str, code: str) -> None:
        diags.warning(SourcePos(path, line, col), message, code=code)
    return warn


def _first_label(lines: list[Line], compact: bool) -> int | None:
    """The index of the header's first label line, if the header comes before the body.

    Only the labels of the document's fields count: a label of the web page's
    matter after the document ("Author(s):", "Related Documents") is no header.
    """
    words = 0
    for line in lines:
        found = line_label(line)
        if found is not None and found[3] not in END_LABELS and (found[3] in FIELD_LABELS or not compact):
            return line.number - 1
        words += len(line.text.split())
        if words >= HEADER_SEARCH_WORDS and not found:
            return None
    return None


def _preamble(lines: list[Line], compact: bool, leftovers: list[Leftover], warn):
    """The date line and the title above the header; anything else there is left over."""
    found = []
    for block in blocks(lines, compact):  # a date line with no blank line between it and the title
        if len(block) > 1 and read_date(block[0].text) is not None:
            found += [block[:1], block[1:]]
        elif len(block) > 1 and read_date(block[-1].text) is not None:
            found += [block[:-1], block[-1:]]
        else:
            found.append(block)
    dateline = date = title = None
    dated = [b for b in found if read_date(Passage.of_lines(b).text) is not None]
    if dated:
        dateline = Passage.of_lines(dated[0])
        date = read_date(dateline.text)
    candidates = [b for b in found if not dated or b is not dated[0]]
    marked = [b for b in candidates if is_title_markup(b)]
    chosen = marked[0] if marked else None
    if chosen is None:
        after_date = [b for b in candidates if dated and b[0].number > dated[0][0].number]
        pool = after_date or candidates
        chosen = pool[0] if pool else None
    if chosen is not None:
        title = title_text(chosen)
    for block in found:
        if block is chosen or (dated and block is dated[0]):
            continue
        text = Passage.of_lines(block)
        leftovers.append(Leftover(text, "text above the header that is neither the date line nor the title"))
        warn(text.line, 1, "text above the header is neither the date line nor the title: kept in unparsed",
             "import-unparsed")
    return dateline, date, title


def _preamble_without_header(lines: list[Line], compact: bool):
    """With no header: a date line and a title among the first two paragraphs, if they look like them."""
    found = blocks(lines, compact)
    dateline = date = title = None
    used = 0
    for block in found[:2]:
        text = Passage.of_lines(block)
        if dateline is None and read_date(text.text) is not None:
            dateline, date = text, read_date(text.text)
            used += 1
        elif title is None and (is_title_markup(block) or len(text.text.split()) <= 25) and not (
                text.text.rstrip()[-1:] in ".!?:" and not is_title_markup(block)):
            title = title_text(block)
            used += 1
        else:
            break
    start = found[used - 1][-1].number if used else 0
    return start, dateline, date, title
