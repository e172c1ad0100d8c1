"""Inline nodes to HTML: a tuple of inline nodes in, escaped ``Markup`` out.

All source text passes through ``markupsafe.escape``; the only markup in the
output is what this module writes.  A note call becomes a linked superscript
followed by the note itself as a ``float: footnote`` element, tied to the word
before it (no line may start with a call).  With a layout plan
(``writer.plan``), a note split across pages is written as its parts: the
first after its call, each continuation before the word of the text on whose
page it must stand; and the words of a paragraph can be marked with empty
anchors, so that the layout can tell where each fell.
"""
from __future__ import annotations

from typing import Mapping

from markupsafe import Markup, escape

from .. import anchors
from ..model import (App, CrossRef, Emphasis, Gap, Inline, Milestone, Note, NoteCall, PersonMention, Sic, Supplied,
                     Text)
from ..series import series_named
from ..words import SPACES, WordCounter, split_inlines
from .apparatus import render_apparatus_block
from .plan import BlockWords, Continuation, LineMark


def render_inlines(nodes: tuple[Inline, ...], with_notes: bool = True, words: BlockWords | None = None,
                   notes: "NoteParts | None" = None) -> Markup:
    """The nodes as HTML; ``words`` marks words and inserts continuations, ``notes`` splits notes."""
    return _Writer(with_notes, words, notes or NoteParts()).run(nodes)


class NoteParts:
    """The notes of a document as the layout plan splits them: ``parts(note)`` is the content of each part."""

    def __init__(self, notes: tuple[Note, ...] = (), splits: Mapping[str, tuple[int, ...]] | None = None,
                 apps: Mapping[str, App] | None = None):
        self.notes = {n.anchor: n for n in notes}
        self.splits = splits or {}
        self.apps = dict(apps or {})  # the document's apparatus entries, by anchor

    def parts(self, note: Note) -> list[tuple[Inline, ...]]:
        starts = self.splits.get(note.anchor, (0,))
        out, rest, done = [], note.content, starts[0]
        for start in starts[1:]:
            first, rest = split_inlines(rest, start - done)
            out.append(first)
            done = start
        out.append(rest)
        return out


def note_html(note: Note, part: int, content: Markup, last: bool = True, extra_class: str = "") -> Markup:
    """A note, or one part of a split note, as its ``float: footnote`` element: the first part numbered,
    a continuation unnumbered; every part but the last set full to its last line."""
    classes = [series_named(note.series).html_class] + (["fn-cont"] if part > 1 else []) + (
        [] if last else ["fn-split"]) + ([extra_class] if extra_class else [])
    number = (Markup('<a class="fn-num" href="#%s">%s</a>\u2002') % (anchors.call(note.anchor), note.label)
              if part == 1 else Markup(""))
    return Markup('<edition-note class="%s" id="%s" data-n="%s">%s%s</edition-note>') % (
        " ".join(classes), anchors.note_part(note.anchor, part), note.label, number, content)


def render_note_for_measure(note: Note, start: int, stop: int | None = None) -> Markup:
    """A note from its word ``start`` on (to word ``stop``, when given), every word marked (``<note>-w<n>``), as
    a block the layout can measure line by line."""
    _first, rest = split_inlines(note.content, start)
    if stop is not None:
        rest, _after = split_inlines(rest, stop - start)
    marks = BlockWords(anchors.word_prefix(note.anchor), {}, counter=WordCounter(count=start))
    return note_html(note, 1 if start == 0 else 2, _Writer(False, marks, NoteParts()).run(rest),
                     extra_class="fn-measure")


def render_continuation(continuation: Continuation, notes: NoteParts) -> Markup:
    """One continuation, for a place that has no words (after a document's end)."""
    return _Writer(False, None, notes).continuation(continuation)


class _Writer:
    def __init__(self, with_notes: bool, words: BlockWords | None, notes: NoteParts):
        self.with_notes, self.words, self.notes = with_notes, words, notes

    def run(self, nodes: tuple[Inline, ...]) -> Markup:
        out: list[Markup] = []
        held: Markup | None = None  # what a following note call is tied to
        for i, node in enumerate(nodes):
            tie = self.with_notes and i + 1 < len(nodes) and isinstance(nodes[i + 1], NoteCall)
            if tie and isinstance(node, Text):
                head, tail = _split_last_word(node.value)
                out.append(self.text(head))
                held = self.text(tail)
                continue
            html = self.node(node)
            if isinstance(node, NoteCall) and held is not None:
                html = Markup('<span class="nobreak">%s%s</span>') % (held, html)
                held = None
            if tie:
                held = html
            else:
                out.append(html)
        if held is not None:
            out.append(held)
        return Markup("").join(out)

    def text(self, value: str) -> Markup:
        """Text, with continuations before their words and, when asked, each word's beginning (up to the end
        of this text) wrapped in a marked span (an empty marker would stop WeasyPrint breaking the lines)."""
        words = self.words
        if words is None:
            return escape(value)
        starts = words.counter.starts(value)
        first = words.counter.count - len(starts)
        pieces: list[Markup] = []
        last = 0
        for j, offset in enumerate(starts):
            end = _word_end(value, offset)
            pieces.extend((escape(value[last:offset]), self.before_word(words, first + j)))
            if words.prefix:
                word = Markup('<span class="w" id="%s%d">%s</span>') % (words.prefix, first + j, value[offset:end])
            elif words.spans:
                word = Markup('<span class="w">%s</span>') % value[offset:end]
            else:
                word = escape(value[offset:end])
            mark = words.numbers.get(first + j)
            pieces.append(word if mark is None else line_number_html(mark, word))
            last = end
        pieces.append(escape(value[last:]))
        return Markup("").join(pieces)

    def before_word(self, words: BlockWords, n: int) -> Markup:
        return Markup("").join(self.continuation(c) if isinstance(c, Continuation)
                               else render_apparatus_block(c, self.notes.apps) for c in words.before.get(n, ()))

    def continuation(self, c: Continuation) -> Markup:
        note = self.notes.notes[c.note]
        parts = self.notes.parts(note)
        return note_html(note, c.part, render_inlines(parts[c.part - 1], with_notes=False),
                         last=c.part == len(parts))

    def children(self, nodes: tuple[Inline, ...]) -> Markup:
        return self.run(nodes)

    def node(self, node: Inline) -> Markup:
        if isinstance(node, Text):
            return self.text(node.value)
        if isinstance(node, Emphasis):
            return Markup("<em>%s</em>") % self.children(node.children)
        if isinstance(node, PersonMention):
            anchor = Markup(' id="%s"') % node.anchor if node.anchor else Markup("")
            return Markup('<span class="person"%s data-person="%s">%s</span>') % (
                anchor, node.person_id, self.children(node.children))
        if isinstance(node, Supplied):
            return Markup('<span class="supplied">[%s]</span>') % self.children(node.children)
        if isinstance(node, App):  # the lemma, as text; its anchors tell the layout where it begins and ends
            if not node.anchor:
                return Markup('<span class="lemma">%s</span>') % self.children(node.children)
            return Markup('<span class="lemma" id="%s">%s<span class="lemma-end" id="%s"></span></span>') % (
                node.anchor, self.children(node.children), anchors.lemma_end(node.anchor))
        if isinstance(node, Sic):
            title = Markup(' title="%s"') % node.correction if node.correction else Markup("")
            correction = Markup(":\u00a0%s") % node.correction if node.correction else Markup("")
            return Markup('<span class="sic-text"%s>%s</span>\u00a0<span class="sic">[<i>sic</i>%s]</span>') % (
                title, self.children(node.children), correction)
        if isinstance(node, Gap):
            words = f"{node.extent} {node.reason}" if node.extent else node.reason
            return Markup('<span class="gap">[<i>%s</i>]</span>') % words
        if isinstance(node, Milestone):
            unit = "l." if node.unit == "folio" else "p."
            return Markup('<span class="milestone" data-unit="%s">[<i>%s</i>\u00a0%s]</span>') % (
                node.unit, unit, node.n)
        if isinstance(node, CrossRef):
            label = self.children(node.children) if node.children else escape(node.label)
            if not node.anchor:
                return label
            if not node.page:  # an editorial gloss: "[= n. 9]"
                return Markup('<a class="xref" href="#%s">%s</a>') % (node.anchor, label)
            return Markup('<a class="xref" href="#%s">%s, p.\u00a0<span class="xref-page" data-href="#%s"></span>'
                          '</a>') % (node.anchor, label, node.anchor)
        if isinstance(node, NoteCall):
            if not self.with_notes:
                return Markup("")
            note = node.note
            parts = self.notes.parts(note)
            call = anchors.call(note.anchor)
            return Markup('<a class="call" id="%s" href="#%s"><sup>%s</sup></a>%s') % (
                call, note.anchor, note.label,
                note_html(note, 1, render_inlines(parts[0], with_notes=False), last=len(parts) == 1))
        raise TypeError(f"unknown inline node {type(node).__name__}")


def line_number_html(mark: LineMark, word: Markup) -> Markup:
    """A line number in the margin, set with the word it goes with: a box of no width before the word (so
    the lines break as without it), tied to the word (no break between them), moved by ``dx`` into the
    margin."""
    anchor = anchors.line_number(mark.block, mark.word)
    return Markup('<span class="ln-at"><span class="line-number ln-%s" id="%s" style="left: %.2fpx">'
                  '<span class="ln-n">%d</span></span>%s</span>') % (mark.side, anchor, mark.dx, mark.number, word)


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in SPACES:
        end += 1
    return end


def _split_last_word(text: str) -> tuple[str, str]:
    """'to fly off.' -> ('to fly ', 'off.'): the call goes with the last word; words tied by a no-break space
    ("8:00 p.m.") are one word, as ``words.WordCounter`` counts them."""
    stripped = text.rstrip()
    cut = stripped.rfind(" ") + 1
    return text[:cut], text[cut:]
