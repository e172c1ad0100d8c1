"""Diagnostics: positions in source files and the problems found there.

Takes nothing; gives ``SourcePos`` (file, line, column; 1-based), ``Diagnostic``
and ``Diagnostics``, the collector every stage reports into so that all
problems are gathered before the program exits.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class SourcePos:
    """A place in a source file: path as shown to the user, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    pos: SourcePos
    severity: Severity
    message: str
    code: str = ""

    def __str__(self) -> str:
        return f"{self.pos}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.pos.path,
            "line": self.pos.line,
            "col": self.pos.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Diagnostics:
    """Collects diagnostics from every stage; nothing is printed here."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pos: SourcePos, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(pos, "error", message, code))

    def warning(self, pos: SourcePos, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(pos, "warning", message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        seen: set[Diagnostic] = set()
        unique = []
        for d in self.items:
            if d not in seen:
                seen.add(d)
                unique.append(d)
        return sorted(unique, key=lambda d: (d.pos.path, d.pos.line, d.pos.col, d.message))

    def format_text(self) -> str:
        return "".join(f"{d}\n" for d in self.sorted())

    def format_json(self) -> str:
        return json.dumps([d.as_dict() for d in self.sorted()], ensure_ascii=False, indent=2) + "\n"


class EditionError(Exception):
    """Raised by a stage that cannot go on; carries the diagnostics gathered so far."""

    def __init__(self, diagnostics: Diagnostics | list[Diagnostic]):
        if isinstance(diagnostics, Diagnostics):
            diagnostics = diagnostics.sorted()
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
