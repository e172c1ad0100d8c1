"""Glyph coverage: the resolved ``Edition`` and the fonts' coverage in, diagnostics out.

A character that none of the edition's fonts has would be printed in a
machine font (or as a blank box); the preflight would then refuse the PDF.
This check says so earlier, at the character's place in the source.
"""
from __future__ import annotations

import unicodedata
from typing import Container

from ..diagnostics import Diagnostics
from ..model import Edition, Text, document_texts, walk_inlines


def check_glyphs(edition: Edition, covered: Container[int], diags: Diagnostics, families: tuple[str, ...] = (),
                 missing: tuple[str, ...] = ()) -> None:
    """Every character of the texts is in a font of the design's chain (``families``: the body font, then the
    fallbacks; ``missing``: those not found on this machine, named as the remedy)."""
    if not covered:
        return
    fonts = ", ".join(families) or "the edition's fonts"
    remedy = (f"; {', '.join(missing)} of the fallback fonts {'is' if len(missing) == 1 else 'are'} not installed"
              if missing else "; add a font that has it to font: fallback in edition.yaml")
    for doc in edition.documents:
        for nodes in document_texts(doc):
            for node in walk_inlines(nodes):
                if not isinstance(node, Text):
                    continue
                for ch in sorted(set(node.value)):
                    if ord(ch) not in covered and not ch.isspace() and unicodedata.category(ch)[0] != "C":
                        name = unicodedata.name(ch, "unnamed character")
                        diags.warning(node.pos, f"no font of the design ({fonts}) has a glyph for '{ch}' "
                                                f"(U+{ord(ch):04X} {name}): it would print in a font the machine "
                                                f"picks, and the build's preflight would refuse the PDF{remedy}",
                                      code="glyph")
