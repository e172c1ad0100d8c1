"""Comparing two loaded editions as models: every field but source positions and where the files lie.

``model_values(x)`` turns a model object into nested tuples without its
``SourcePos`` values, ``path`` and ``root`` fields; ``model_differences(a, b)``
names the first places where two editions differ (empty when they are the
same model).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt

from edition.diagnostics import SourcePos

IGNORED = {"root", "path", "origin"}


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
            label = x[0] if isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str) else i
            _diff(x, y, f"{where}.{label}", out, limit)
        return
    out.append(f"{where}: {str(a)[:300]!r} != {str(b)[:300]!r}")
