"""The header: labelled fields ("Citation:", "Summary:", ...) in, ``HeaderField`` values and leftovers out.

``line_label(line)`` says whether a line is a label of the archive's page, and of
which field; ``readread_header(lines, start, ...)`` reads the labelled fields from
``start`` and returns where the body begins.  A label may stand alone on its
line with its text below, or share the line with it ("Contents: English
Translation"); labels have other wordings ("Original language", "Content",
"Document Summary").  Labels of the web page that the source format has no
field for go to the leftovers, a field given twice too (the repetition says so).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostics, SourcePos
from .dates import read_date
from .notes import is_notes_heading
from .passage import Leftover, Line, Passage, blocks, words_key

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
    "document information", "additional information", "collections", "keywords", "tags", "author(s)", "authors",
    "author", "share document", "get citation", "view document in",
}
REPEATED_AFTER_NOTES = {"citation", "summary", "original language", "contents"}
MULTI_BLOCK = {"citation", "summary", "other"}  # values that may run over several paragraphs
LOOKAHEAD_BLOCKS = 4  # how far a value may run to reach the next label
HEADER_SEARCH_WORDS = 40  # the header ends before the first paragraph this long

_LABEL_LINE = re.compile(r"\s*(?:\*\*|__)?(?P<label>[^\W\d_][^:]{0,45}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?(?P<value>.*)$")
_BARE_LABEL = re.compile(r"\s*(?:\*\*|__|#+\s*)?(?P<label>[^\W\d_][^:]{0,45}?)(?:\*\*|__)?\s*$")
# "Translation - English", "English Translation", "Original - English", "English Original", "Original Scan"
_CONTENTS_VALUE = re.compile(r"(?=.*\b(?:translation|transcript|transcription|original|scan)\b)"
                             r"[^\W\d_]+(?:\s*[-–—:,/()]?\s*[^\W\d_]+\)?){0,4}", re.I)
_LANGUAGE_VALUE = re.compile(r"[^\W\d_][^\W\d_ ,;/()&'-]{0,60}")

@dataclass(frozen=True, slots=True)
class HeaderField:
    """One labelled field of the header: the field it fills, the label as written, and its text."""

    key: str  # citation | summary | original_language | contents | title | date
    label: str
    line: int
    value: tuple[Passage, ...]  # its paragraphs (several only for a summary)


def line_label(line: Line) -> tuple[str, str, Passage, str] | None:
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



def title_text(lines: list[Line]) -> Passage:
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


def is_title_markup(block: list[Line]) -> bool:
    first = block[0].text.lstrip()
    return first.startswith(("**", "__", "#"))



def read_header(lines: list[Line], start: int, fields: list[HeaderField], leftovers: list[Leftover], path: str,
            diags: Diagnostics) -> int:
    """Read labelled fields from ``start``; returns the index of the body's first line."""
    i = start
    n = len(lines)
    while i < n:
        found = line_label(lines[i])
        if found is None:
            break
        key, label, same_line, _ = found
        label_line = lines[i]
        value, i = field_value(key, same_line, lines, i + 1)
        _add_field(key, label, label_line, value, fields, leftovers, path, diags)
        while i < n and lines[i].blank:
            i += 1
    return i


def field_value(key: str, same_line: Passage, lines: list[Line], i: int) -> tuple[list[Passage], int]:
    """The paragraphs of a field whose label is on the line before ``i``, and the index after them."""
    n = len(lines)

    def skip_blank(j: int) -> int:
        while j < n and lines[j].blank:
            j += 1
        return j

    def block_from(j: int) -> list[Line]:
        block = []
        while j < n and not lines[j].blank and line_label(lines[j]) is None and not is_notes_heading(lines[j].text):
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
        if j < n and line_label(lines[j]) is None:
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
        first = title_text(more) if key == "title" else Passage.of_lines(more)
        i += len(more)
    paragraphs = [first] if first else []
    if key not in MULTI_BLOCK:
        return paragraphs, i
    # a summary or citation runs on to the next label if it comes within a few paragraphs
    j, seen = i, 0
    while j < n and seen < LOOKAHEAD_BLOCKS:
        j = skip_blank(j)
        if j >= n or line_label(lines[j]) is not None:
            break
        block = block_from(j)
        if not block:  # a notes heading: the header is over
            break
        j += len(block)
        seen += 1
    if j < n and line_label(lines[j]) is not None:
        paragraphs.extend(Passage.of_lines(b) for b in blocks(lines[i:j]))
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


