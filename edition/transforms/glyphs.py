"""Glyph coverage: the resolved ``Edition`` and the fonts' coverage in, diagnostics out.

A character that none of the edition's fonts has would be printed in a
machine font (or as a blank box); the preflight would then refuse the PDF.
This check says so earlier, at the character's place in the source.
"""
from __future__ import annotations

import unicodedata

from ..diagnostics import Diagnostics
from ..model import Edition, Text, document_texts, walk_inlines


def check_glyphs(edition: Edition, covered: frozenset[int], diags: Diagnostics) -> None:
    if not covered:
        return
    for doc in edition.documents:
        for nodes in document_texts(doc):
            for node in walk_inlines(nodes):
                if not isinstance(node, Text):
                    continue
                for ch in sorted(set(node.value)):
                    if ord(ch) not in covered and not ch.isspace() and unicodedata.category(ch)[0] != "C":
                        name = unicodedata.name(ch, "unnamed character")
                        diags.warning(node.pos, f"the edition's fonts (EB Garamond) have no glyph for '{ch}' "
                                                f"(U+{ord(ch):04X} {name}): it would print in another font, and "
                                                f"the build's preflight would refuse the PDF", code="glyph")
