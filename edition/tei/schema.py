"""TEI P5 validation: an lxml tree (or the bytes of a TEI file) in, the schema's complaints out.

The schema is ``tei_all.rng`` of TEI P5 4.3.0, vendored in ``schema/`` with
its licence (see ``schema/README.md``): nothing is fetched at build or test
time.  Compiling it takes libxml2 several seconds, so it is compiled once per
process and only when asked for.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .ids import safe_parser

SCHEMA = Path(__file__).parent / "schema" / "tei_all.rng"


@dataclass(frozen=True, slots=True)
class Invalid:
    """One complaint of the schema: where in the TEI file, and what."""

    line: int
    col: int
    message: str


@functools.cache
def tei_all() -> etree.RelaxNG:
    """The compiled tei_all schema (compiled once per process)."""
    return etree.RelaxNG(etree.parse(str(SCHEMA), safe_parser()))


def validate(tree: etree._Element | etree._ElementTree | bytes) -> list[Invalid]:
    """Every complaint of tei_all about ``tree``; empty when it is valid TEI P5."""
    if isinstance(tree, bytes):
        tree = etree.fromstring(tree, safe_parser())
    schema = tei_all()
    if schema.validate(tree):
        return []
    return [Invalid(e.line or 1, max(e.column, 1), e.message) for e in schema.error_log]
