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
    anchor_line: int = field(default=0, compare=False)  # set when the value is repeated here by a YAML alias

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
        self.items.append(Diagnostic(pos, "error", _via_alias(pos, message), code))

    def warning(self, pos: SourcePos, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(pos, "warning", _via_alias(pos, message), code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors, each once (a problem reported twice is printed, and counted, once)."""
        return [d for d in dict.fromkeys(self.items) if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in dict.fromkeys(self.items) if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """Each problem once; the files the others depend on first (their problems are root causes),
        then by file, line and column."""
        unique = list(dict.fromkeys(self.items))
        return sorted(unique, key=lambda d: (_file_rank(d.pos.path), d.pos.path, d.pos.line, d.pos.col, d.message))

    def format_text(self) -> str:
        return "".join(f"{d}\n" for d in self.sorted())

    def format_json(self) -> str:
        return json.dumps([d.as_dict() for d in self.sorted()], ensure_ascii=False, indent=2) + "\n"


ROOT_FILES = ("edition.yaml", "persons.yaml")  # read before the documents, which depend on them


def _file_rank(path: str) -> int:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return ROOT_FILES.index(name) if name in ROOT_FILES else len(ROOT_FILES)


def _via_alias(pos: SourcePos, message: str) -> str:
    """A problem in a value an alias repeats is reported at the alias; the message names the anchor's line."""
    if getattr(pos, "anchor_line", 0):
        return f"{message} (in the value this alias repeats from line {pos.anchor_line})"
    return message


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
