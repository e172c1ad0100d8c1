"""Text folding: the one place where strings are normalised for comparison.

Takes strings; gives ``fold`` (case- and diacritic-free, for matching names in
print and sorting keys: "Gomułka" and "GOMULKA" fold alike) and ``nfc``
(canonical composition only, length-preserving for NFC input, for finding
names in source text where offsets must stay valid).
"""
from __future__ import annotations

import unicodedata

# letters that are not a base letter plus a combining mark, folded by hand
_UNDECOMPOSED = str.maketrans("łŁøØđĐıß", "lLoOdDis")


def nfc(text: str) -> str:
    """Composed and decomposed diacritics alike (NFC); offsets of NFC input are kept."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case- and diacritic-free form for comparisons (ł and ø fold to l and o too)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_UNDECOMPOSED).casefold()


def fold_spaces(text: str) -> str:
    """``fold`` with every run of whitespace made one space."""
    return " ".join(fold(text).split())
