"""Cross-references: an ``Edition`` in, the same edition with every ``CrossRef`` resolved; problems to diagnostics.

A reference names a note (``note:33``, ``note:DOC/33`` by the note's source
number), a document (``doc:DOC``) or a section (``section:ID``,
``section:DOC/ID``), in any direction.  Resolution fills in the target's
anchor and its printed label ("note 33" as numbered in the edition,
"Document 3", the section's heading); the page is printed by the layout
(``target-counter``).  A reference to nothing is an error at its position.
"""
from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Diagnostics, did_you_mean
from ..model import (CrossRef, Document, Edition, Inline, document_texts, map_document_texts, plain_text,
                     rewrite_inlines, walk_inlines)


def resolve_references(edition: Edition, diags: Diagnostics) -> Edition:
    docs = {d.id: d for d in edition.documents}
    return replace(edition, documents=tuple(_resolve_document(d, docs, diags) for d in edition.documents))


def _resolve_document(doc: Document, docs: dict[str, Document], diags: Diagnostics) -> Document:
    if not any(isinstance(node, CrossRef) for nodes in document_texts(doc) for node in walk_inlines(nodes)):
        return doc  # nothing to resolve: the document stays as it is
    def visit(node: Inline) -> Inline | None:
        if isinstance(node, CrossRef):
            return _resolve(replace(node, document=node.document or doc.id, children=run(node.children)), docs,
                            diags)
        return None

    def run(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return rewrite_inlines(nodes, visit)

    return map_document_texts(doc, run)


def _resolve(ref: CrossRef, docs: dict[str, Document], diags: Diagnostics) -> CrossRef:
    target_doc = docs.get(ref.document)
    if target_doc is None:
        diags.error(ref.pos, f'cross-reference to unknown document "{ref.document}"{did_you_mean(ref.document, docs)}',
                    code="ref-dangling")
        return ref
    if ref.kind == "doc":
        return replace(ref, anchor=target_doc.id, label=f"Document {target_doc.number}")
    if ref.kind == "note":
        for note in target_doc.notes:
            if str(note.number) == ref.target:
                return replace(ref, anchor=note.anchor, label=f"note {note.label}")
        diags.error(ref.pos, f'cross-reference to note {ref.target} of "{target_doc.id}", which has no such note',
                    code="ref-dangling")
        return ref
    for section in target_doc.sections:
        if section.anchor == f"{target_doc.id}-{ref.target}":
            heading = plain_text(section.heading).strip() or f"section {ref.target}"
            return replace(ref, anchor=section.anchor, label=f"\u201c{heading}\u201d")
    ids = [s.anchor.removeprefix(f"{target_doc.id}-") for s in target_doc.sections]
    diags.error(ref.pos, f'cross-reference to section "{ref.target}" of "{target_doc.id}", which has no such '
                         f'section{did_you_mean(ref.target, ids)}', code="ref-dangling")
    return ref
