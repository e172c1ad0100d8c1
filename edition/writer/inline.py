"""Inline nodes to HTML: a tuple of inline nodes in, escaped ``Markup`` out.

All source text passes through ``markupsafe.escape``; the only markup in the
output is what this module writes.  A note call becomes a linked superscript
followed by the note itself as a ``float: footnote`` element.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .. import anchors
from ..series import series_named
from ..model import CrossRef, Emphasis, Gap, Inline, Milestone, NoteCall, PersonMention, Sic, Supplied, Text


def render_inlines(nodes: tuple[Inline, ...], with_notes: bool = True) -> Markup:
    """The nodes as HTML.  A note call is tied to the word before it (no line may start with a call)."""
    out: list[Markup] = []
    for i, node in enumerate(nodes):
        html = _render(node, with_notes)
        if isinstance(node, NoteCall) and with_notes and i > 0 and out:
            previous = nodes[i - 1]
            if isinstance(previous, Text):
                head, tail = _split_last_word(previous.value)
                out[-1] = escape(head)
                html = Markup('<span class="nobreak">%s%s</span>') % (tail, html)
            else:
                html = Markup('<span class="nobreak">%s%s</span>') % (out.pop(), html)
        out.append(html)
    return Markup("").join(out)


def _split_last_word(text: str) -> tuple[str, str]:
    """'to fly off.' -> ('to fly ', 'off.'): the call goes with the last word."""
    stripped = text.rstrip()
    cut = max(stripped.rfind(" "), stripped.rfind("\u00a0")) + 1
    return text[:cut], text[cut:]


def _render(node: Inline, with_notes: bool) -> Markup:
    if isinstance(node, Text):
        return escape(node.value)
    if isinstance(node, Emphasis):
        return Markup("<em>%s</em>") % render_inlines(node.children, with_notes)
    if isinstance(node, PersonMention):
        anchor = Markup(' id="%s"') % node.anchor if node.anchor else Markup("")
        return Markup('<span class="person"%s data-person="%s">%s</span>') % (
            anchor, node.person_id, render_inlines(node.children, with_notes))
    if isinstance(node, Supplied):
        return Markup('<span class="supplied">[%s]</span>') % render_inlines(node.children, with_notes)
    if isinstance(node, Sic):
        title = Markup(' title="%s"') % node.correction if node.correction else Markup("")
        return Markup('<span class="sic-text"%s>%s</span>\u00a0<span class="sic">[<i>sic</i>]</span>') % (
            title, render_inlines(node.children, with_notes))
    if isinstance(node, Gap):
        words = f"{node.extent} {node.reason}" if node.extent else node.reason
        return Markup('<span class="gap">[<i>%s</i>]</span>') % words
    if isinstance(node, Milestone):
        unit = "l." if node.unit == "folio" else "p."
        return Markup('<span class="milestone" data-unit="%s">[<i>%s</i>\u00a0%s]</span>') % (node.unit, unit, node.n)
    if isinstance(node, CrossRef):
        label = render_inlines(node.children, with_notes) if node.children else escape(node.label)
        if not node.anchor:
            return label
        return Markup('<a class="xref" href="#%s">%s, p.\u00a0<span class="xref-page" data-href="#%s"></span></a>') % (
            node.anchor, label, node.anchor)
    if isinstance(node, NoteCall):
        if not with_notes:
            return Markup("")
        note = node.note
        call = anchors.call(note.anchor)
        return Markup(
            '<a class="call" id="%s" href="#%s"><sup>%s</sup></a>'
            '<edition-note class="%s" id="%s" data-n="%s"><a class="fn-num" href="#%s">%s</a>\u2002%s</edition-note>'
        ) % (call, note.anchor, note.label, series_named(note.series).html_class, note.anchor, note.label, call,
             note.label, render_inlines(note.content, with_notes=False))
    raise TypeError(f"unknown inline node {type(node).__name__}")
