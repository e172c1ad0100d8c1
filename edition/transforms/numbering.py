"""Numbering: an ``Edition`` in, the same edition with an anchor on every person mention and apparatus entry.

Anchors are ``<document id>-m<k>`` for mentions and ``<document id>-a<k>`` for
the entries of the critical apparatus, k counting each in reading order
(title, summary, headings, speakers, paragraphs, then notes), so that the
HTML writer can place them and the index and the apparatus can find their
pages after layout.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import count

from .. import anchors
from ..model import App, Document, Edition, Inline, PersonMention, map_document_texts, rewrite_inlines


def number_mentions(edition: Edition) -> Edition:
    return replace(edition, documents=tuple(_number_document(d) for d in edition.documents))


def number_notes(edition: Edition) -> Edition:
    """Printed note numbers: as the source numbers them (restarting with each document), or, when
    edition.yaml asks for ``note_numbering: continuous``, 1, 2, 3 ... across the volume."""
    if edition.meta.note_numbering != "continuous":
        return edition
    counter = count(1)
    return replace(edition, documents=tuple(
        map_document_texts(doc, _same, note=lambda n: replace(n, label=str(next(counter))))
        for doc in edition.documents))


def _same(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return nodes


def _number_document(doc: Document) -> Document:
    mentions, entries = count(1), count(1)

    def visit(node: Inline) -> Inline | None:
        if isinstance(node, PersonMention):
            return replace(node, anchor=anchors.mention(doc.id, next(mentions)), children=run(node.children))
        if isinstance(node, App):
            return replace(node, anchor=anchors.apparatus_entry(doc.id, next(entries)), children=run(node.children))
        return None

    def run(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return rewrite_inlines(nodes, visit)

    return map_document_texts(doc, run)
