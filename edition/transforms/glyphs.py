"""Glyph coverage: the resolved ``Edition`` and the fonts' coverage in, diagnostics out.

A character that none of the edition's fonts has would be printed in a
machine font (or as a blank box); the preflight would then refuse the PDF.
This check says so earlier, at the character's place in the source, for
every printed field: the documents' texts (and the words of editorial
signs), and the plain fields of edition.yaml, persons.yaml, the citations
and the guests (``Edition.printed``).
"""
from __future__ import annotations

import unicodedata
from typing import Container, Iterator

from ..diagnostics import Diagnostics, SourcePos
from ..model import Edition, Gap, Milestone, RawText, Text, document_texts, walk_inlines


def check_glyphs(edition: Edition, covered: Container[int], diags: Diagnostics, families: tuple[str, ...] = (),
                 missing: tuple[str, ...] = ()) -> None:
    """Every character of the texts is in a font of the design's chain (``families``: the body font, then the
    fallbacks; ``missing``: those not found on this machine, named as the remedy)."""
    if not covered:
        return
    fonts = ", ".join(families) or "the edition's fonts"
    remedy = (f"; {', '.join(missing)} of the fallback fonts {'is' if len(missing) == 1 else 'are'} not installed"
              if missing else "; add a font that has it to font: fallback in edition.yaml")
    printable: set[str] = set()  # characters found in a font already (most of a text's: asked once each)
    for text, pos, origin in _printed_texts(edition):
        start = origin.offset(pos) if origin is not None else 0
        for ch in dict.fromkeys(text):  # each character once, in the order of the text
            if ch in printable:
                continue
            if ord(ch) in covered or ch.isspace() or unicodedata.category(ch)[0] == "C":
                printable.add(ch)
                continue
            found = origin.raw.find(ch, start) if origin is not None and not pos.anchor_line else -1
            at = origin.position(found) if origin is not None and found >= 0 else pos
            name = unicodedata.name(ch, "unnamed character")
            diags.warning(at, f"no font of the design ({fonts}) has a glyph for '{ch}' (U+{ord(ch):04X} {name}): it "
                              f"would print in a font the machine picks, and the build's preflight would refuse the "
                              f"PDF{remedy}", code="glyph")


def _printed_texts(edition: Edition) -> Iterator[tuple[str, SourcePos, RawText | None]]:
    """(text, where it starts, the raw scalar it comes from) for everything the edition prints."""
    for field in edition.printed:
        yield field.text, field.pos, RawText(field.pos, field.raw) if field.raw else None
    for doc in edition.documents:
        for nodes in document_texts(doc):
            for node in walk_inlines(nodes):
                if isinstance(node, Text):
                    yield node.value, node.pos, node.origin
                elif isinstance(node, Gap):
                    yield f"{node.reason} {node.extent}", node.pos, None
                elif isinstance(node, Milestone):
                    yield node.n, node.pos, None
