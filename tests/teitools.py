"""Helpers of the TEI tests (imported as ``from teitools import ...``): the fixtures' paths, loading an
edition, parsing exported TEI, and comparing two loaded editions as models.

``tei(body)`` wraps a body in a minimal TEI file; ``model_values(x)`` turns a model object into nested tuples without its
``SourcePos`` values and its ``path``, ``root`` and ``origin`` fields;
``model_differences(a, b)`` names the first places where two editions differ
(empty when they are the same model).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostics, SourcePos
from edition.tei.export import load_for_export

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "source"
FIXTURES = REPO / "tests" / "tei" / "fixtures"
AWKWARD = FIXTURES / "awkward"
FRUS = FIXTURES / "frus1955-57v25-hungary.xml"
GETTYSBURG = REPO / "examples" / "gettysburg"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
IGNORED = {"root", "path", "origin", "printed", "unread"}  # where the source stood, not what it says


def load(source: Path):
    return load_for_export(source, Diagnostics())


def tree(data: bytes) -> etree._Element:
    return etree.fromstring(data)


HEAD = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>'
        '<profileDesc><creation><date when="1956-10-23"/></creation></profileDesc></teiHeader>\n')


def tei(body: str, before: str = "") -> str:
    return f"{before}{HEAD}<text><body>\n{body}\n</body></text></TEI>\n"


def model_values(value):
    if isinstance(value, SourcePos):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            (f.name, model_values(getattr(value, f.name))) for f in dataclasses.fields(value)
            if f.name not in IGNORED and not isinstance(getattr(value, f.name), SourcePos))
    if isinstance(value, (tuple, list)):
        return tuple(model_values(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, model_values(v)) for k, v in value.items()))
    if isinstance(value, (str, int, float, bool, type(None), _dt.date)):
        return value
    raise TypeError(f"unexpected value in the model: {type(value).__name__}")


def model_differences(a, b, where: str = "edition", limit: int = 5) -> list[str]:
    """Where ``a`` and ``b`` differ as models (at most ``limit`` places), as readable paths."""
    out: list[str] = []
    _diff(model_values(a), model_values(b), where, out, limit)
    return out


def _diff(a, b, where: str, out: list[str], limit: int) -> None:
    if len(out) >= limit or a == b:
        return
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if _field(x) and _field(y) and x[0] == y[0]:  # (name, value) of a dataclass field
                _diff(x[1], y[1], f"{where}.{x[0]}", out, limit)
            else:
                _diff(x, y, f"{where}[{i}]", out, limit)
        return
    out.append(f"{where}: {str(a)[:300]!r} != {str(b)[:300]!r}")


def _field(x) -> bool:
    return isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str)
