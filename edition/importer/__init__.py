"""Import: documents in the digital archive's plain-text layout in, source documents (YAML) out.

The stages, one module each::

    reading    reading.read_input          bytes -> text (encoding found, limits kept, non-text refused)
    parse      parse.parse_page            text -> ArchivePage: header (header), regions (regions: body,
                                           notes, the web page's additions), paragraphs (paragraphs)
    notes      notes.split_notes           notes region -> numbered notes
    markers    markers.find_markers        body paragraphs -> note markers (numbers that are text left alone)
               markers.pair_notes          markers + notes -> calls, literal markers, uncalled notes
    truncation truncation.find_truncations parts -> where the text breaks off
    citation   citation.read_citation      "Citation:" -> as_given and its fields
    names      names.find_names            texts + authority -> persons found, names to review
    emit       emit.emit_document          Draft -> YAML text with "# REVIEW:" comments
    drafts     drafts.draft_entries        names of all inputs -> draft persons.yaml entries

``import_text`` runs them on one text and returns an ``Imported`` (the file
name, the YAML, the names report); every irregularity is a warning in
``diags`` with the input's line and column.  ``import_files`` is the
command: it reads files (or standard input), writes one document per input,
never over an existing file unless forced, and prints the warnings and a
report.  Nothing of the input is lost: what finds no field goes to the
document's ``unparsed`` field, which ``edition check`` reports.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostics, SourcePos
from ..model import Person
from .citation import read_citation
from .dates import MONTH_NAMES, date_phrase, find_date
from .emit import Draft, DraftLeftover, DraftNote, DraftParagraph, emit_document
from .markers import Segment, find_markers, pair_notes
from .names import NamesReport, find_names, slug
from .notes import split_notes
from .parse import ArchivePage, parse_page
from .passage import Leftover, Passage, fix_missing_spaces
from .truncation import find_truncations

PLACEHOLDER_DATE = _dt.date(1, 1, 1)
UNTITLED = "Untitled document"
RUN_ON_WORDS = 250  # a paragraph this long is run on: the editor must give it its structure
SHORT_TITLE_LENGTH = 60


@dataclass(frozen=True, slots=True)
class Imported:
    """One imported document: its file name, its YAML, and the names found in it."""

    source: str
    file_name: str
    yaml: str
    draft: Draft
    names: NamesReport


class _Reviews:
    """Warnings for the editor: each goes to ``diags`` and, when it concerns a field, next to it in the YAML."""

    def __init__(self, source: str, diags: Diagnostics):
        self.source, self.diags = source, diags
        self.fields: list[tuple[str, str]] = []  # (field, message)
        self.paragraphs: dict[int, list[str]] = {}
        self.notes: dict[int, list[str]] = {}

    def warn(self, pos: tuple[int, int], message: str, code: str, field: str | None = None) -> None:
        self.diags.warning(SourcePos(self.source, *pos), message, code=code)
        if field:
            self.fields.append((field, f"line {pos[0]}: {message}"))

    def spaced(self, p: Passage, at: dict[int, list[str]] | None = None, key: int = 0,
               field: str | None = None) -> Passage:
        """The passage with the spaces missing after full stops inserted, each reported."""
        p, fixed = fix_missing_spaces(p)
        for line, col in fixed:
            self.warn((line, col), "a space is missing after a full stop: inserted", "import-missing-space", field)
            if at is not None:
                at.setdefault(key, []).append(f"line {line}: a space was missing after a full stop (column {col}): "
                                              f"inserted")
        return p


def import_text(text: str, source: str, persons: tuple[Person, ...], diags: Diagnostics) -> Imported:
    """Import one text in the archive's layout; ``source`` is how warnings name it."""
    page = parse_page(text, source, diags)
    reviews = _Reviews(source, diags)

    # notes and their calls; the body's unmistakable markers say which numbers open notes
    first = page.title_marker.number if page.title_marker else 0
    hinted = frozenset(m.number for m in find_markers(page.body, set(), first, hint=True)) | (
        {first} if first else set())
    notes, note_leftovers = split_notes(page.notes, source, diags, hinted, page.lines_are_paragraphs)
    notes = tuple(replace(n, text=reviews.spaced(n.text, reviews.notes, n.number)) for n in notes)
    body = [reviews.spaced(p, reviews.paragraphs, i) for i, p in enumerate(page.body)]
    markers = find_markers(body, {n.number for n in notes}, first)
    paired = pair_notes(body, markers, notes, source, diags, page.title_marker)
    for index, message in paired.reviews:
        reviews.paragraphs.setdefault(index, []).append(message)
    _review_body(body, page, reviews)

    # the header
    summary = page.field("summary")
    summary_texts = tuple(reviews.spaced(p, field="summary") for p in summary.value) if summary else ()
    title = page.title.normalised() if page.title else ""
    if not title:
        reviews.warn((1, 1), f'no title: "{UNTITLED}" put in its place', "import-no-title", "title")
        title = UNTITLED
    date, dateline = _date(page, title, reviews.warn)
    citation = read_citation(page, reviews.warn)
    for key, label in (("summary", "Summary"), ("original_language", "Original Language"), ("contents", "Contents")):
        if page.field(key) is None and page.has_header:  # with no header at all, parse said so once
            reviews.warn((1, 1), f'no "{label}:" in the header', "import-header-missing")
    short = _short_title(title, date if date != PLACEHOLDER_DATE else None)
    if short:
        reviews.fields.append(("short_title", "the short title (for running heads) is a guess"))

    # what finds no field
    leftovers = list(page.leftovers) + list(note_leftovers) + list(paired.leftovers)
    if page.notes_heading and not paired.notes:
        leftovers.append(Leftover(page.notes_heading, "a notes heading with no note called under it"))
        reviews.warn(page.notes_heading.where(0), "a notes heading with no note called under it: kept in unparsed",
                     "import-unparsed")
    leftovers.sort(key=lambda lo: lo.passage.where(0))
    if leftovers:
        reviews.fields.append(("unparsed", "text the importer could not place: move what belongs to the document "
                                           "where it belongs, then delete this field"))

    # where the stored copy breaks off
    kept_body = [p for p, segments in zip(body, paired.paragraphs) if segments]
    cuts = find_truncations(kept_body, summary_texts, paired.notes, leftovers, page.last_line, page.cut_short,
                            reviews.warn)
    places = {(c.place, c.number) for c in cuts}

    texts = ([page.title] if page.title else []) + list(summary_texts) + body + [n.text for n in notes]
    names = find_names(texts, persons)
    paragraphs = [DraftParagraph(_normalised(segments), tuple(reviews.paragraphs.get(i, ())))
                  for i, segments in enumerate(paired.paragraphs) if segments]
    if ("body", 0) in places and paragraphs:
        paragraphs[-1] = replace(paragraphs[-1], segments=paragraphs[-1].segments + (Segment("gap", ""),))
    draft = Draft(
        source=source, title=title, date=date, short_title=short, dateline=dateline,
        original_language=_field_text(page, "original_language"), contents=_field_text(page, "contents"),
        citation=citation, summary=tuple(p.normalised() for p in summary_texts if p), body=tuple(paragraphs),
        notes_heading=page.notes_heading.normalised() if page.notes_heading else "",
        notes=tuple(DraftNote(n.number, n.text.normalised(), tuple(reviews.notes.get(n.number, ())),
                              ("note", n.number) in places) for n in paired.notes),
        unparsed=tuple(_leftover(lo) for lo in leftovers),
        reviews=tuple(reviews.fields), preamble=_preamble(source, names), title_call=paired.title_call,
        summary_truncated=("summary", 0) in places)
    return Imported(source, _file_name(title, date, source), emit_document(draft), draft, names)


def _review_body(body: list[Passage], page: ArchivePage, reviews: _Reviews) -> None:
    """The body as a whole: structure to give it, run-on paragraphs, no text at all."""
    for index, p in enumerate(body):
        words = len(p.text.split())
        if words >= RUN_ON_WORDS:
            message = f"a run-on paragraph of {words} words: give it its structure"
            reviews.warn(p.where(0), message, "import-run-on")
            reviews.paragraphs.setdefault(index, []).insert(0, f"line {p.line}: {message} (sections, headings, "
                                                               f"speakers' turns)")
    if page.run_on and body and len(body[0].text.split()) < RUN_ON_WORDS:
        words = len(body[0].text.split())
        message = f"the body is one line of {words} words (the web copy ran its lines together): give it its structure"
        reviews.warn(body[0].where(0), message, "import-run-on")
        reviews.paragraphs.setdefault(0, []).insert(0, f"line {body[0].line}: {message}")
    reviews.fields.append(("body", "the body is as the input gives it: one section, a paragraph for each of the "
                                   "input's; give it its sections, headings and speakers' turns"))
    if not body:
        reviews.warn((page.body_line, 1), "the document has no body text", "import-no-body", "body")


def _normalised(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Runs of text with white space as single spaces (a space at either end kept as one; line breaks kept)."""
    out: list[Segment] = []
    for s in segments:
        if s.kind == "text":
            text = "\n".join(" ".join(line.split()) for line in s.text.split("\n"))
            if s.text[:1].isspace() and s.text[:1] != "\n" and out:
                text = " " + text
            if s.text[-1:].isspace() and s.text[-1:] != "\n":
                text += " "
            out.append(Segment("text", text))
        else:
            out.append(s)
    return tuple(out)


def _field_text(page: ArchivePage, key: str) -> str:
    f = page.field(key)
    return " ".join(p.normalised() for p in f.value) if f else ""


def _leftover(lo: Leftover) -> DraftLeftover:
    lines = [" ".join(line.split()) for line in lo.passage.text.split("\n")]
    return DraftLeftover(lo.passage.line, lo.reason, "\n".join(x for x in lines if x))


def _date(page: ArchivePage, title: str, warn) -> tuple[_dt.date, str]:
    dateline = page.dateline.normalised() if page.dateline else ""
    at = page.dateline.where(0) if page.dateline else (1, 1)
    if page.date is not None:
        if page.date.doubt:
            warn(at, f"{page.date.doubt}: date set to {page.date.date.isoformat()}", "import-date", "date")
        return page.date.date, dateline
    missing = f'the date line "{dateline}" does not read as a date' if dateline else "no date line"
    in_title = find_date(title)
    if in_title is not None:
        warn(at, f"{missing}: the date {in_title.date.isoformat()} is taken from the title", "import-date", "date")
        return in_title.date, dateline
    warn(at, f"{missing}: the placeholder {PLACEHOLDER_DATE.isoformat()} stands in for the date", "import-no-date",
         "date")
    return PLACEHOLDER_DATE, dateline


_GENRE_OPENING = re.compile(r"(?:working\s+)?(?:notes|minutes|transcript|record|protocol)\s+(?:from|of)\s+(?:the\s+)?",
                            re.I)


def _short_title(title: str, date: _dt.date | None) -> str:
    """A short title for running heads, or "" when the title is short enough.

    The title's date moves to the end in one form ("..., 26 October 1956");
    when that is still long, genre words ("Working Notes from the") go, and
    then the rest is cut at a word.
    """
    core, suffix = title, ""
    if date is not None:
        for phrase in _date_phrases(date):
            m = re.search(rf"(?:,?\s+(?:on|of|dated)\s+|,\s*|\s*\(\s*|\s+){re.escape(phrase)}\)?", core, re.I)
            if m:
                core = (core[:m.start()] + core[m.end():]).strip(" ,")
                suffix = f", {date_phrase(date)}"
                break
    m = _GENRE_OPENING.match(core)
    if len(core + suffix) > SHORT_TITLE_LENGTH and m and len(core[m.end():].split()) >= 3:
        core = core[m.end():]
        core = core[:1].upper() + core[1:]
    room = SHORT_TITLE_LENGTH - len(suffix)
    if len(core) > room:
        core = core[:room - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"
    short = core + suffix
    return "" if short == title else short


def _date_phrases(date: _dt.date) -> list[str]:
    month = MONTH_NAMES[date.month - 1]
    return [f"{date.day} {month} {date.year}", f"{month} {date.day}, {date.year}", f"{month} {date.day} {date.year}",
            date.isoformat()]


def _file_name(title: str, date: _dt.date, source: str) -> str:
    words = title
    for phrase in _date_phrases(date):
        words = re.sub(rf"(?:\s+(?:on|of|dated))?\s*,?\s*{re.escape(phrase)}", "", words, flags=re.I)
    name = slug(words) or slug(Path(source).stem) or "untitled"
    prefix = date.isoformat() if date != PLACEHOLDER_DATE else "undated"
    return f"{prefix}-{name}.yaml"


def _preamble(source: str, names: NamesReport) -> tuple[str, ...]:
    lines = [f"Imported by `edition import` from {source} (the digital archive's plain-text layout).",
             'Review it: each "# REVIEW:" comment, and the "unparsed" field if there is one (edition check '
             "reports it until it is gone); then delete them."]
    if names.known:
        lines.append("Persons of the authority named here (candidates for participants): "
                     + ", ".join(p.person_id for p in names.known) + ".")
    if names.unknown:
        lines.append("Names not in the authority: " + "; ".join(f"{c.name} (line {c.line})" for c in names.unknown)
                     + ".")
    return tuple(lines)


from .command import import_files  # noqa: E402,F401  (the command imports import_text from here)
