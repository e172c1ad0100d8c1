"""Numbering: an ``Edition`` in, the same edition with an anchor on every person mention.

Anchors are ``<document id>-m<k>``, k counting mentions in reading order
(title, summary, headings, speakers, paragraphs, then notes), so that the
HTML writer can place them and the index can find their pages after layout.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import count

from ..model import CONTAINERS, Document, Edition, Inline, PersonMention, map_document_texts


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
    counter = count(1)

    def run(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out = []
        for node in nodes:
            if isinstance(node, PersonMention):
                node = replace(node, anchor=f"{doc.id}-m{next(counter)}", children=run(node.children))
            elif isinstance(node, CONTAINERS):
                node = replace(node, children=run(node.children))
            out.append(node)
        return tuple(out)

    return map_document_texts(doc, run)
