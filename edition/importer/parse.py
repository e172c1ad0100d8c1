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

Each label may stand alone on its line with its text below, or share the
line with it ("Contents: English Translation"); labels have other wordings
("Original language", "Content", "Document Summary"); any may be missing.
The notes heading may stand on its own line or end the body's last line.

``parse_page(text, path, diags)`` finds these parts and returns them as
``Passage`` objects; text it cannot place (header fields the source format
has no field for, text before the header, sections the web page repeats,
matter after the notes) becomes a ``Leftover`` with the reason, and every
irregularity a warning at its line.  Markers and notes are ``notes``' work.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass

from ..diagnostics import Diagnostics, SourcePos
from .dates import ReadDate, read_date
from .notes import NOTES_HEADING_WORDS, is_notes_heading, line_opener
from .passage import Leftover, Line, Passage, words_key

# label (lower case, straight apostrophes) -> the document field it fills
FIELD_LABELS = {
    "citation": "citation", "cite": "citation", "cite as": "citation", "how to cite": "citation",
    "citation information": "citation", "source citation": "citation", "suggested citation": "citation",
    "summary": "summary", "document summary": "summary", "abstract": "summary", "description": "summary",
    "original language": "original_language", "original languages": "original_language",
    "original language(s)": "original_language", "language": "original_language", "languages": "original_language",
    "language of original": "original_language", "language of the original": "original_language",
    "contents": "contents", "content": "contents", "document contents": "contents", "content type": "contents",
    "title": "title", "document title": "title",
    "date": "date", "document date": "date",
}
# labels of the archive's web page that the source format has no field for
OTHER_LABELS = {
    "source", "original archive", "archive", "rights", "credits", "record id", "record type", "document type",
    "subjects discussed", "subjects", "keywords", "associated people & organizations",
    "associated people and organizations", "associated people", "associated organizations", "associated places",
    "associated topics", "associated documents", "related documents", "related resources", "donors", "funders",
    "author", "authors", "author(s)", "translator", "translated by", "collection", "collections",
    "additional information", "document information", "themes", "theme", "record", "document id",
    "resource type", "identifier", "url", "permalink", "link", "tags",
}
# labels that begin the web page's matter after the document (a repeated header label also does)
END_LABELS = {
    "original archive", "rights", "credits", "record id", "subjects discussed", "associated people & organizations",
    "associated people and organizations", "associated people", "associated organizations", "associated places",
    "associated topics", "associated documents", "related documents", "related resources", "donors", "funders",
    "document information", "additional information", "collections", "keywords", "tags",
}
REPEATED_AFTER_NOTES = {"citation", "summary", "original language", "contents"}
MULTI_BLOCK = {"citation", "summary", "other"}  # values that may run over several paragraphs
LOOKAHEAD_BLOCKS = 4  # how far a value may run to reach the next label
HEADER_SEARCH_WORDS = 40  # the header ends before the first paragraph this long

_LABEL_LINE = re.compile(r"\s*(?:\*\*|__)?(?P<label>[^\W\d_][^:]{0,45}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?(?P<value>.*)$")
_BARE_LABEL = re.compile(r"\s*(?:\*\*|__|#+\s*)?(?P<label>[^\W\d_][^:]{0,45}?)(?:\*\*|__)?\s*$")
_CONTENTS_VALUE = re.compile(
    r"(?:(?:english|original|full|partial|complete)\s+)?(?:translation|transcript|transcription|original scan|scan|"
    r"summary|text|document)(?:\s*[-–—:,]\s*[^\W\d_][^\W\d_ ()/-]*(?:[ ()/-]+[^\W\d_]+)*\)?)?", re.I)
_LANGUAGE_VALUE = re.compile(r"[^\W\d_][^\W\d_ ,;/()&'-]{0,60}")
_TRAILING_HEADING = re.compile(
    rf"(?P<before>.*[.!?)\]”\"’⁰¹²³⁴⁵⁶⁷⁸⁹])\s+(?P<heading>{NOTES_HEADING_WORDS})\s*:?\s*$", re.I)
_LIST_ITEM = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\([a-z]\)|[a-z]\)|[-•–*]\s)")
_STRONG_MARKER = re.compile(r"[^\s\d(\[{]\((\d{1,3})\)|[^\s\d]\[(\d{1,3})\]|[^\W\d][⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_TERMINAL = ".!?:;)”\"’"


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One labelled field of the header: the field it fills, the label as written, and its text."""

    key: str  # citation | summary | original_language | contents | title | date
    label: str
    line: int
    value: tuple[Passage, ...]  # its paragraphs (several only for a summary)


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

    def field(self, key: str) -> HeaderField | None:
        return next((f for f in self.fields if f.key == key), None)


# ---------------------------------------------------------------- lines


def split_lines(text: str, path: str, diags: Diagnostics) -> list[Line]:
    """The input's lines; control characters (other than tab) become spaces, with a warning."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for number, raw in enumerate(text.split("\n"), 1):
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


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _label(line: Line) -> tuple[str, str, Passage, str] | None:
    """(field key or "other", the label as written, the text after it, the label in lower case) or None."""
    for pattern in (_LABEL_LINE, _BARE_LABEL):
        m = pattern.fullmatch(line.text)
        if m is None:
            continue
        label = m["label"].strip()
        norm = " ".join(label.lower().replace("’", "'").split())
        value = Passage.of_line(line, m.start("value")) if "value" in m.groupdict() else Passage.empty()
        if norm in FIELD_LABELS:
            return FIELD_LABELS[norm], label, value, norm
        if norm in OTHER_LABELS:
            return "other", label, value, norm
    return None


# ---------------------------------------------------------------- the page


def parse_page(text: str, path: str, diags: Diagnostics) -> ArchivePage:
    lines = split_lines(text, path, diags)
    leftovers: list[Leftover] = []

    def warn(line: int, col: int, message: str, code: str) -> None:
        diags.warning(SourcePos(path, line, col), message, code=code)

    first_label = _first_label(lines)
    fields: list[HeaderField] = []
    if first_label is None:
        body_start, dateline, date, title = _preamble_without_header(lines, path, leftovers, diags)
        warn(1, 1, "no header labels (Citation:, Summary:, Original Language:, Contents:) found", "import-no-header")
    else:
        dateline, date, title = _preamble(lines[:first_label], path, leftovers, diags)
        body_start = _header(lines, first_label, fields, leftovers, path, diags)

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
    blocks = _blocks(rest)
    if title is None and blocks and _is_title_markup(blocks[0]):  # a bold title below the header
        title = _title_text(blocks[0])
        rest = lines[blocks[0][-1].number:]
    body_lines, heading, note_lines, end_lines = _regions(rest, fields, leftovers, path, diags)
    if end_lines:
        _end_matter(end_lines, fields, leftovers, path, diags)
    body = _paragraphs(_blocks(body_lines), _is_wrapped(body_lines))
    body = _drop_repeats(body, title, fields, leftovers, path, diags)
    body_line = body[0].line if body else (rest[0].number if rest else len(lines))
    return ArchivePage(path, dateline, date, title, tuple(fields), tuple(body), body_line, heading,
                       tuple(note_lines), tuple(leftovers), has_header=first_label is not None)


def _first_label(lines: list[Line]) -> int | None:
    """The index of the header's first label line, if the header comes before the body."""
    for block in _blocks(lines):
        for line in block:
            if _label(line) is not None:
                return line.number - 1
        if sum(len(line.text.split()) for line in block) >= HEADER_SEARCH_WORDS:
            return None
    return None


def _title_text(lines: list[Line]) -> Passage:
    """A title block without its markup (``**...**``, ``# ``)."""
    joined = Passage.of_lines(lines)
    start, end = 0, len(joined.text)
    m = re.match(r"(?:#+\s*|\*\*|__)", joined.text)
    if m:
        start = m.end()
    m = re.search(r"(?:\*\*|__)$", joined.text)
    if m and m.start() >= start:
        end = m.start()
    return joined[start:end].strip()


def _is_title_markup(block: list[Line]) -> bool:
    first = block[0].text.lstrip()
    return first.startswith(("**", "__", "#"))


def _preamble(lines: list[Line], path: str, leftovers: list[Leftover], diags: Diagnostics):
    """The date line and the title above the header; anything else there is left over."""
    blocks = []
    for block in _blocks(lines):  # a date line with no blank line between it and the title
        if len(block) > 1 and read_date(block[0].text) is not None:
            blocks += [block[:1], block[1:]]
        elif len(block) > 1 and read_date(block[-1].text) is not None:
            blocks += [block[:-1], block[-1:]]
        else:
            blocks.append(block)
    dateline = date = title = None
    dated = [b for b in blocks if read_date(Passage.of_lines(b).text) is not None]
    if dated:
        dateline = Passage.of_lines(dated[0])
        date = read_date(dateline.text)
    candidates = [b for b in blocks if not dated or b is not dated[0]]
    marked = [b for b in candidates if _is_title_markup(b)]
    chosen = marked[0] if marked else None
    if chosen is None:
        after_date = [b for b in candidates if dated and b[0].number > dated[0][0].number]
        chosen = (after_date or candidates or [None])[0]
    if chosen is not None:
        title = _title_text(chosen)
    for block in blocks:
        if block is chosen or (dated and block is dated[0]):
            continue
        text = Passage.of_lines(block)
        leftovers.append(Leftover(text, "text above the header that is neither the date line nor the title"))
        diags.warning(SourcePos(path, text.line, 1), "text above the header is neither the date line nor the "
                                                     "title: kept in unparsed", code="import-unparsed")
    return dateline, date, title


def _preamble_without_header(lines: list[Line], path: str, leftovers: list[Leftover], diags: Diagnostics):
    """With no header: a date line and a title among the first two paragraphs, if they look like them."""
    blocks = _blocks(lines)
    dateline = date = title = None
    used = 0
    for block in blocks[:2]:
        text = Passage.of_lines(block)
        if dateline is None and read_date(text.text) is not None:
            dateline, date = text, read_date(text.text)
            used += 1
        elif title is None and (_is_title_markup(block) or len(text.text.split()) <= 25) and not (
                text.text.rstrip()[-1:] in ".!?" and not _is_title_markup(block)):
            title = _title_text(block)
            used += 1
        else:
            break
    start = blocks[used - 1][-1].number if used else 0
    return start, dateline, date, title


def _header(lines: list[Line], start: int, fields: list[HeaderField], leftovers: list[Leftover], path: str,
            diags: Diagnostics) -> int:
    """Read labelled fields from ``start``; returns the index of the body's first line."""
    i = start
    n = len(lines)
    while i < n:
        found = _label(lines[i])
        if found is None:
            break
        key, label, same_line, _ = found
        label_line = lines[i]
        value, i = _value(key, same_line, lines, i + 1)
        _add_field(key, label, label_line, value, fields, leftovers, path, diags)
        while i < n and lines[i].blank:
            i += 1
    return i


def _value(key: str, same_line: Passage, lines: list[Line], i: int) -> tuple[list[Passage], int]:
    """The paragraphs of a field whose label is on the line before ``i``, and the index after them."""
    n = len(lines)

    def skip_blank(j: int) -> int:
        while j < n and lines[j].blank:
            j += 1
        return j

    def block_from(j: int) -> list[Line]:
        block = []
        while j < n and not lines[j].blank and _label(lines[j]) is None and not is_notes_heading(lines[j].text):
            block.append(lines[j])
            j += 1
        return block

    if key == "contents":  # "Translation - English", "Original Scan", one a line
        parts = [same_line] if same_line else []
        j = skip_blank(i)
        while j < n and _CONTENTS_VALUE.fullmatch(lines[j].text.strip()):
            parts.append(Passage.of_line(lines[j]))
            i = j + 1
            j = skip_blank(i)
        return ([Passage.join(", ", parts)] if parts else []), i
    if key in ("original_language", "date"):  # one short line
        if same_line:
            return [same_line], i
        j = skip_blank(i)
        if j < n and _label(lines[j]) is None:
            text = lines[j].text.strip()
            if key == "date":
                fits = read_date(text) is not None
            else:
                fits = _LANGUAGE_VALUE.fullmatch(text) is not None and len(text.split()) <= 5
            if fits:
                return [Passage.of_line(lines[j])], j + 1
        return [], i
    if same_line:  # the rest of the label's own paragraph continues the text on its line
        more = block_from(i)
        first = Passage.join(" ", [same_line, Passage.of_lines(more)])
        i += len(more)
    else:
        i = skip_blank(i)
        more = block_from(i)
        first = _title_text(more) if key == "title" else Passage.of_lines(more)
        i += len(more)
    paragraphs = [first] if first else []
    if key not in MULTI_BLOCK:
        return paragraphs, i
    # a summary or citation runs on to the next label if it comes within a few paragraphs
    j, seen = i, 0
    while j < n and seen < LOOKAHEAD_BLOCKS:
        j = skip_blank(j)
        if j >= n or _label(lines[j]) is not None:
            break
        block = block_from(j)
        if not block:  # a notes heading: the header is over
            break
        j += len(block)
        seen += 1
    if j < n and _label(lines[j]) is not None:
        paragraphs.extend(Passage.of_lines(b) for b in _blocks(lines[i:j]))
        i = j
    return paragraphs, i


def _after_line(passage: Passage, number: int) -> Passage:
    """What of ``passage`` comes from lines after line ``number`` (a value begun on its label's line
    may run on: "Summary: The ..." continued below)."""
    later = next((k for k, (line, _col) in enumerate(passage.origins) if line > number), len(passage))
    return passage[later:].strip()


def _add_field(key: str, label: str, label_line: Line, value: list[Passage], fields: list[HeaderField],
               leftovers: list[Leftover], path: str, diags: Diagnostics) -> None:
    def warn(message: str, code: str) -> None:
        diags.warning(SourcePos(path, label_line.number, 1), message, code=code)

    verbatim = Passage.join("\n", [Passage.of_line(label_line)] + [_after_line(v, label_line.number) for v in value])
    if key == "other":
        leftovers.append(Leftover(verbatim, f'the header field "{label}" has no place in the source format'))
        warn(f'header "{label}:" has no field in the source format: kept in unparsed', "import-header-other")
        return
    if not value:
        warn(f'header "{label}:" has no text', "import-header-empty")
    earlier = next((f for f in fields if f.key == key), None)
    if earlier is not None:
        same = words_key(" ".join(p.text for p in earlier.value)) == words_key(" ".join(p.text for p in value))
        reason = (f'"{label}:" repeated by the web page (first at line {earlier.line})' if same else
                  f'a second "{label}:" (the first is at line {earlier.line})')
        leftovers.append(Leftover(verbatim, reason))
        warn(f'header "{label}:" is {"repeated" if same else "given twice"} (first at line {earlier.line}): '
             f'kept in unparsed', "import-repeated")
        return
    fields.append(HeaderField(key, label, label_line.number, tuple(value)))


# ---------------------------------------------------------------- body, notes, end matter


def _regions(rest: list[Line], fields: list[HeaderField], leftovers: list[Leftover], path: str,
             diags: Diagnostics):
    """(body lines, notes heading, notes lines, end-matter lines) of what follows the header."""
    end = next((i for i, line in enumerate(rest) if _starts_paragraph(rest, i) and _is_end_label(line)), len(rest))
    main, end_lines = rest[:end], rest[end:]
    body, heading, notes = _find_notes(main, path, diags)
    if notes:
        cut = next((i for i, line in enumerate(notes) if _starts_paragraph(notes, i) and _ends_notes(line)),
                   len(notes))
        notes, end_lines = notes[:cut], notes[cut:] + end_lines
    body = _cut_repeated_fields(body, fields, leftovers, path, diags)
    return body, heading, notes, end_lines


def _starts_paragraph(lines: list[Line], i: int) -> bool:
    return i == 0 or lines[i - 1].blank


def _ends_notes(line: Line) -> bool:
    """A label of the web page's matter after the notes, or one of the header's repeated there."""
    found = _label(line)
    return found is not None and (found[3] in END_LABELS or found[3] in REPEATED_AFTER_NOTES)


def _is_end_label(line: Line) -> bool:
    found = _label(line)
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
    # no heading: the last line that opens note 1 at the start of a paragraph or after a sentence, when the
    # body before it calls note 1 with an unmistakable marker
    for at in range(len(main) - 1, 0, -1):
        opened = line_opener(main[at].text)
        previous = main[at - 1].text.rstrip()
        if opened and opened[0] == 1 and (not previous or previous[-1] in _TERMINAL) and any(
                m.group().endswith(("(1)", "[1]", "¹")) for line in main[:at]
                for m in _STRONG_MARKER.finditer(line.text)):
            diags.warning(SourcePos(path, main[at].number, 1), "no notes heading: the notes are taken to begin "
                                                               "here", code="import-notes-heading")
            return main[:at], None, main[at:]
    return main, None, []


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
        found = _label(body[i]) if _starts_paragraph(body, i) else None
        earlier = next((f for f in fields if found and f.key == found[0]), None)
        if earlier is not None:
            value, j = _value(found[0], found[2], body, i + 1)
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


def _end_matter(lines: list[Line], fields: list[HeaderField], leftovers: list[Leftover], path: str,
                diags: Diagnostics) -> None:
    """The matter after the document: each labelled section kept in unparsed (a repeat says so)."""
    sections: list[list[Line]] = []
    for i, line in enumerate(lines):
        if not sections or (_starts_paragraph(lines, i) and _label(line) is not None):
            sections.append([line])
        else:
            sections[-1].append(line)
    for section in sections:
        content = [x for x in section if not x.blank]
        if not content:
            continue
        found = _label(content[0])
        verbatim = Passage.join("\n", [Passage.of_line(x) for x in content])
        label = found[1] if found else content[0].text.strip()
        at = SourcePos(path, content[0].number, 1)
        earlier = next((f for f in fields if found and f.key == found[0]), None)
        if earlier is not None:
            value = " ".join([found[2].text] + [x.text for x in content[1:]])
            if words_key(" ".join(p.text for p in earlier.value)) == words_key(value):
                leftovers.append(Leftover(verbatim, f'"{label}:" repeated by the web page after the document '
                                                    f'(first at line {earlier.line})'))
                diags.warning(at, f'header "{label}:" is repeated after the document (first at line '
                                  f'{earlier.line}): kept in unparsed', code="import-repeated")
                continue
        leftovers.append(Leftover(verbatim, f'"{label}" after the document: the web page\'s matter, not the '
                                            f'document\'s'))
        diags.warning(at, f'"{label}" after the document is not part of it: kept in unparsed',
                      code="import-end-matter")


def _is_wrapped(lines: list[Line]) -> bool:
    """Whether the text is wrapped at a fixed width (then a line end inside a paragraph is only a space)."""
    inner = [len(a.text) for a, b in zip(lines, lines[1:]) if not a.blank and not b.blank]
    if len(inner) < 2:
        return False
    width = max(len(x.text) for x in lines if not x.blank)
    return width <= 100 and statistics.median(inner) >= 0.6 * width


def _paragraphs(blocks: list[list[Line]], wrapped: bool) -> list[Passage]:
    """Paragraphs as the input gives them: one per block, or per line when lines are not wrapped."""
    width = max((len(x.text) for b in blocks for x in b), default=0)
    out = []
    for block in blocks:
        current: list[Line] = []
        for line in block:
            if current and (not wrapped or _LIST_ITEM.match(line.text) or (
                    current[-1].text.rstrip()[-1:] in _TERMINAL and len(current[-1].text) < 0.75 * width)):
                out.append(Passage.of_lines(current))
                current = []
            current.append(line)
        out.append(Passage.of_lines(current))
    return [p for p in out if p]


def _drop_repeats(body: list[Passage], title: Passage | None, fields: list[HeaderField],
                  leftovers: list[Leftover], path: str, diags: Diagnostics) -> list[Passage]:
    """The body without what the web page repeats: the title opening it, a paragraph given before."""
    def warn(p: Passage, message: str) -> None:
        line, col = p.where(0)
        diags.warning(SourcePos(path, line, col), message, code="import-repeated")

    if body and title:
        first = body[0]
        cut = _prefix_end(first.text, title.text)
        # a short title ("Memorandum") is a repetition only when it fills its line
        if cut is not None and len(title.text.split()) < 4 and first.text[cut:].strip() and not first.starts_line(
                len(first.text) - len(first.text[cut:].lstrip())):
            cut = None
        if cut is not None:
            repeated = first[:cut].strip()
            leftovers.append(Leftover(repeated, f"the web page repeats the title (line {title.line}) at the start "
                                                f"of the body"))
            warn(repeated, "the body opens by repeating the title: the repetition is kept in unparsed")
            body = [first[cut:].strip()] + body[1:]
            body = [p for p in body if p]
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
    return out


def _prefix_end(text: str, prefix: str) -> int | None:
    """The offset in ``text`` after its opening words when they are ``prefix``'s words (case and spacing aside)."""
    want = [w.casefold() for w in re.findall(r"\w+", prefix)]
    got = list(re.finditer(r"\w+", text))
    if not want or len(got) < len(want) or [m.group().casefold() for m in got[:len(want)]] != want:
        return None
    end = got[len(want) - 1].end()
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1  # closing punctuation of the title ("...1956." or "**")
    return end
