"""Numbering: an ``Edition`` in, the same edition with an anchor on every person mention.

Anchors are ``<document id>-m<k>``, k counting mentions in reading order
(title, summary, headings, speakers, paragraphs, then notes), so that the
HTML writer can place them and the index can find their pages after layout.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import count

from ..model import CONTAINERS, Document, Edition, Inline, NoteCall, Paragraph, PersonMention


def number_mentions(edition: Edition) -> Edition:
    return replace(edition, documents=tuple(_number_document(d) for d in edition.documents))


def number_notes(edition: Edition) -> Edition:
    """Printed note numbers: as the source numbers them (restarting with each document), or, when
    edition.yaml asks for ``note_numbering: continuous``, 1, 2, 3 ... across the volume."""
    if edition.meta.note_numbering != "continuous":
        return edition
    counter = count(1)
    documents = []
    for doc in edition.documents:
        notes = {n.label: replace(n, label=str(next(counter))) for n in doc.notes}
        documents.append(replace(doc, title=_recall(doc.title, notes),
                                 sections=tuple(replace(s, heading=_recall(s.heading, notes),
                                                        blocks=tuple(replace(b, speaker=_recall(b.speaker, notes),
                                                                             content=_recall(b.content, notes))
                                                                     for b in s.blocks)) for s in doc.sections),
                                 notes=tuple(notes[n.label] for n in doc.notes)))
    return replace(edition, documents=tuple(documents))


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

    def para(p: Paragraph) -> Paragraph:
        return replace(p, speaker=run(p.speaker), content=run(p.content))

    title = run(doc.title)
    summary = tuple(para(p) for p in doc.summary)
    sections = tuple(replace(s, heading=run(s.heading), blocks=tuple(para(b) for b in s.blocks))
                     for s in doc.sections)
    notes = {n.label: replace(n, content=run(n.content)) for n in doc.notes}
    sections = tuple(replace(s, heading=_recall(s.heading, notes),
                             blocks=tuple(replace(b, speaker=_recall(b.speaker, notes),
                                                  content=_recall(b.content, notes)) for b in s.blocks))
                     for s in sections)
    return replace(doc, title=_recall(title, notes), summary=summary, sections=sections,
                   notes=tuple(notes[n.label] for n in doc.notes))


def _recall(nodes: tuple[Inline, ...], notes) -> tuple[Inline, ...]:
    """Point every note call at the numbered copy of its note."""
    out = []
    for node in nodes:
        if isinstance(node, NoteCall):
            node = replace(node, note=notes[node.note.label])
        elif isinstance(node, CONTAINERS):
            node = replace(node, children=_recall(node.children, notes))
        out.append(node)
    return tuple(out)
