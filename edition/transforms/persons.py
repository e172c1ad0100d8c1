"""Person resolution: an ``Edition`` in, the same edition with ``PersonMention`` nodes out.

Every text node of every document (title, summary, headings, speakers, body,
notes) is searched for the authority's name forms: the full name, the surname
(unless the person opts out, as Chinese names do) and the recorded variants.
Matches are whole words only; a possessive ("Mikoyan's") counts.  Explicit
mentions in the source are left as they are: the editor's markup wins.
"""
from __future__ import annotations

import re
from typing import Iterator
from dataclasses import replace
from functools import lru_cache

from ..diagnostics import SourcePos
from ..model import Document, Edition, Inline, Person, PersonMention, Text, map_document_texts, rewrite_inlines
from ..text import nfc


class NameMatcher:
    """Finds the authority's name forms in plain text."""

    def __init__(self, persons: tuple[Person, ...]):
        self.by_form: dict[str, str] = {}
        for person in persons:
            for form in person.name_forms:
                self.by_form.setdefault(nfc(form), person.id)
        forms = sorted(self.by_form, key=lambda f: (-len(f), f))
        alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
        # whole words: no letter or digit on either side (an apostrophe may follow: possessive)
        self.pattern = re.compile(rf"(?<![\w])({alternation})(?![\w])") if forms else None

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, person_id) of each name in ``text``."""
        if self.pattern is None:
            return
        folded = nfc(text)
        for m in self.pattern.finditer(folded):
            key = re.sub(r"\s+", " ", m.group(1))
            yield m.start(), m.end(), self.by_form[key]


@lru_cache(maxsize=8)
def _raw_nfc(raw: str) -> str:
    """A scalar's raw text in NFC, once for all the text nodes that come from it."""
    return nfc(raw)


def resolve_persons(edition: Edition) -> Edition:
    matcher = NameMatcher(edition.persons)
    return replace(edition, documents=tuple(_resolve_document(d, matcher) for d in edition.documents))


def _resolve_document(doc: Document, matcher: NameMatcher) -> Document:
    return map_document_texts(doc, lambda nodes: _resolve(nodes, matcher))


def _resolve(nodes: tuple[Inline, ...], matcher: NameMatcher) -> tuple[Inline, ...]:
    def visit(node: Inline) -> Inline | list[Inline] | None:
        if isinstance(node, Text):
            return _split(node, matcher)
        if isinstance(node, PersonMention):
            return node  # explicit: the editor's markup wins
        return None
    return rewrite_inlines(nodes, visit)


def _single_spaced(raw: str, start: int, end: int) -> bool:
    """No whitespace but single spaces in raw[start:end]: no earlier, line-broken match can hide there."""
    between = raw[start:end]
    return "  " not in between and not any(c in between for c in "\n\r\t")


def _split(node: Text, matcher: NameMatcher) -> list[Inline]:
    value = nfc(node.value)  # the offsets found in the folded text must be used on the folded text
    origin = node.origin
    cursor = origin.offset(node.pos) if origin is not None else 0
    raw = _raw_nfc(origin.raw) if origin is not None else ""
    found_at = 0  # the offset in value of the words last found in raw (at cursor)

    def at(offset: int) -> SourcePos:
        """Where value[offset:] stands in the file: found in the scalar's raw text when it is known."""
        nonlocal cursor, found_at
        if origin is not None:
            words = value[offset:offset + 40].split()[:3]
            # searched no further than the words can stand (escapes and line breaks make raw longer than
            # value, never twice as long): a long text is then read in linear time
            limit = cursor + 2 * (offset - found_at) + 200
            if words:
                start = raw.find(" ".join(words), cursor, limit)  # the words as written, on one line: the usual case
                if start < 0 or not _single_spaced(raw, cursor, start):  # else they may stand across a line break
                    found = re.compile(r"\s+".join(re.escape(w) for w in words)).search(raw, cursor, limit)
                    start = found.start() if found else -1
                if start >= 0:
                    cursor, found_at = start, offset
                    return origin.position(start)
        pos = node.pos
        return SourcePos(pos.path, pos.line, pos.col + offset) if "\n" not in value[:offset] else pos

    pieces: list[Inline] = []
    last = 0
    for start, end, pid in matcher.find(value):
        if start > last:
            pieces.append(Text(value[last:start], at(last)))
        pieces.append(PersonMention(pid, (Text(value[start:end], at(start)),), at(start)))
        last = end
    if last == 0:
        return [node]
    if last < len(value):
        pieces.append(Text(value[last:], at(last)))
    return pieces
