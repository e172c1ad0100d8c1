"""Emit: a ``Draft`` (the imported document, plain text and calls) in, the source document's YAML text out.

The YAML is written field by field with PyYAML (long texts as folded block
scalars ``>-``, text with line breaks as literal ``|``) so that review
comments (``# REVIEW: ...``) can stand next to the field, paragraph or note
they concern.  Text that the reader parses as inline markup (title, summary,
paragraphs, notes) is escaped first: ``\\ [ ] { } * _`` get a backslash, so
that the loaded text reads exactly as the archive's words.  The result is
loaded back and compared with what was meant before it is returned.
"""
from __future__ import annotations

import datetime as _dt
import re
import textwrap
from dataclasses import dataclass

import yaml

from .markers import Segment
from .truncation import GAP_SIGN

WIDTH = 92
_MARKUP_SPECIAL = re.compile(r"([\\\[\]{}*_`])")


@dataclass(frozen=True, slots=True)
class DraftParagraph:
    segments: tuple[Segment, ...]
    reviews: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftNote:
    number: int
    text: str
    reviews: tuple[str, ...] = ()
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class DraftLeftover:
    line: int
    why: str
    text: str


@dataclass(frozen=True, slots=True)
class Draft:
    """The imported document, field by field, with what an editor must review next to each field."""

    source: str
    title: str
    date: _dt.date
    short_title: str = ""
    dateline: str = ""
    original_language: str = ""
    contents: str = ""
    citation: tuple[tuple[str, object], ...] = ()  # (field, value) in the order written
    summary: tuple[str, ...] = ()
    body: tuple[DraftParagraph, ...] = ()
    notes_heading: str = ""
    notes: tuple[DraftNote, ...] = ()
    unparsed: tuple[DraftLeftover, ...] = ()
    reviews: tuple[tuple[str, str], ...] = ()  # (field, message)
    preamble: tuple[str, ...] = ()  # comment lines at the top of the file
    title_call: int = 0  # the note the title calls
    summary_truncated: bool = False


def escape_markup(text: str) -> str:
    """Text that the inline markup parser reads back as exactly ``text`` (quotes aside, which it curls)."""
    return _MARKUP_SPECIAL.sub(r"\\\1", text)


def paragraph_markup(segments: tuple[Segment, ...]) -> str:
    """A paragraph's source text: escaped runs, ``[^n]`` calls, literal markers escaped, the gap sign.

    A call glued to the next word ("question.(2)(Cde. Liu") is given the space
    the marker took: "question.[^2] (Cde. Liu".  A line break kept in the text
    (a paragraph of short lines) becomes an explicit line break (a backslash
    at the end of the line).
    """
    out = []
    after_call = False
    for s in segments:
        if s.kind == "call":
            out.append(f"[^{s.number}]")
        elif s.kind == "gap":
            out.append(" " + GAP_SIGN)
        else:
            text = escape_markup(s.text)
            if after_call and text[:1].isalnum() or after_call and text[:1] in "([\"“‘":
                text = " " + text
            out.append(text)
        after_call = s.kind == "call"
    return "\\\n".join(" ".join(line.split()) for line in "".join(out).split("\n") if line.strip())


def _with_gap(text: str, truncated: bool) -> str:
    return f"{text} {GAP_SIGN}" if truncated else text


def archival_number(value: str) -> object:
    """Archival numbers as YAML numbers when they read back the same (3, 12), else as text (059a)."""
    return int(value) if re.fullmatch(r"[1-9]\d{0,8}", value) else value


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = None
    if "\n" in value:
        style = "|"
    elif len(value) > WIDTH - 30 and " " in value.strip():
        style = ">"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class FlowList(list):
    """A short list written on one line: ``listy: [53-53ob, 62-62ob]``."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: FlowList):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(FlowList, _represent_flow_list)


def _dump(value, indent: int = 0) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH - indent,
                     default_flow_style=False, indent=2)
    if text.endswith("...\n"):
        text = text[:-4]
    return textwrap.indent(text, " " * indent) if indent else text


def _comment(message: str, indent: int = 0, tag: str = "REVIEW: ") -> str:
    pad = " " * indent
    wrapped = textwrap.wrap(message, WIDTH - indent - 2 - len(tag), break_long_words=False,
                            break_on_hyphens=False) or [""]
    lines = [f"{pad}# {tag}{wrapped[0]}"] + [f"{pad}# {' ' * len(tag)}{w}" for w in wrapped[1:]]
    return "\n".join(lines) + "\n"


def document_data(draft: Draft) -> dict:
    """The document as the YAML holds it (what a loader gives back)."""
    data: dict = {"title": escape_markup(draft.title) + (f"[^{draft.title_call}]" if draft.title_call else "")}
    if draft.short_title:
        data["short_title"] = draft.short_title
    data["date"] = draft.date
    for key in ("dateline", "original_language", "contents"):
        if getattr(draft, key):
            data[key] = getattr(draft, key)
    data["citation"] = {k: (FlowList(v) if isinstance(v, tuple) else v) for k, v in draft.citation}
    if draft.summary:
        summary = [escape_markup(p) for p in draft.summary]
        summary[-1] = _with_gap(summary[-1], draft.summary_truncated)
        data["summary"] = summary[0] if len(summary) == 1 else summary
    data["body"] = [{"paragraphs": [paragraph_markup(p.segments) for p in draft.body]}]
    if draft.notes:
        data["notes_heading"] = draft.notes_heading or "Notes"
        data["notes"] = [{"n": n.number, "text": _with_gap(escape_markup(n.text), n.truncated)} for n in draft.notes]
    if draft.unparsed:
        data["unparsed"] = [{"line": u.line, "why": u.why, "text": u.text} for u in draft.unparsed]
    return data


def emit_document(draft: Draft) -> str:
    """The YAML text of the document, with its review comments."""
    data = document_data(draft)
    reviews: dict[str, list[str]] = {}
    for key, message in draft.reviews:
        reviews.setdefault(key, []).append(message)
    out = ["".join(_comment(line, tag="") for line in draft.preamble)]
    for key, value in data.items():
        for message in reviews.get(key, ()):
            out.append(_comment(message))
        if key == "body":
            out.append("body:\n  - paragraphs:\n" if draft.body else "body:\n  - paragraphs: []\n")
            for p, text in zip(draft.body, value[0]["paragraphs"]):
                out.extend(_comment(m, 6) for m in p.reviews)
                out.append(_dump([text], 6))
        elif key == "notes":
            out.append("notes:\n")
            for note, item in zip(draft.notes, value):
                out.extend(_comment(m, 2) for m in note.reviews)
                out.append(_dump([item], 2))
        elif key in ("citation", "unparsed"):
            out.append(f"{key}:\n")
            out.append(_dump(value, 2))
        else:
            out.append(_dump({key: value}))
    text = "".join(out)
    loaded = yaml.safe_load(text)
    if loaded != data:  # a bug here, never the input's fault: do not write a file that says otherwise
        raise AssertionError(f"the emitted YAML does not read back as the imported document ({draft.source})")
    return text
