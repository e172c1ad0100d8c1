"""Read YAML files keeping the position of every key and value.

Takes a path; returns plain Python values in which mappings are ``YMap``
(a dict that also knows where each key and value stands), sequences ``YList``
and strings ``YStr``, all carrying ``.pos``.  YAML syntax errors become
diagnostics with the parser's line and column, never tracebacks.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics, SourcePos


class YStr(str):
    """A string from YAML, with its position and the raw source text of the scalar."""

    pos: SourcePos
    raw: str
    style: str | None

    def __new__(cls, value: str, pos: SourcePos, raw: str = "", style: str | None = None):
        obj = super().__new__(cls, value)
        obj.pos = pos
        obj.raw = raw
        obj.style = style
        return obj


class YList(list):
    pos: SourcePos


class YMap(dict):
    """A mapping from YAML: ``key_pos[k]`` is where key ``k`` stands, ``pos_of(k)`` where its value does."""

    pos: SourcePos
    key_pos: dict[str, SourcePos]
    value_pos: dict[str, SourcePos]

    def pos_of(self, key: str) -> SourcePos:
        return self.value_pos.get(key, self.key_pos.get(key, self.pos))


def position_of(value: Any, fallback: SourcePos) -> SourcePos:
    return getattr(value, "pos", fallback)


def _mark_pos(path: str, mark) -> SourcePos:
    return SourcePos(path, mark.line + 1, mark.column + 1)


class _Converter:
    def __init__(self, path: str, text: str, diags: Diagnostics):
        self.path = path
        self.text = text
        self.diags = diags
        self.constructor = yaml.SafeLoader(text)
        self.done: dict[int, Any] = {}  # an aliased node is converted once (no "billion laughs")
        self.active: set[int] = set()  # nodes being converted: an alias to one of them is recursive

    def convert(self, node: yaml.Node) -> Any:
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.active:
            self.diags.error(_mark_pos(self.path, node.start_mark), "a YAML alias refers to the node that contains it")
            return None
        self.active.add(key)
        try:
            result = self._convert(node)
        finally:
            self.active.discard(key)
        self.done[key] = result
        return result

    def _convert(self, node: yaml.Node) -> Any:
        pos = _mark_pos(self.path, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            result = YMap()
            result.pos = pos
            result.key_pos = {}
            result.value_pos = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node)
                kpos = _mark_pos(self.path, key_node.start_mark)
                if isinstance(key, (list, dict)):
                    self.diags.error(kpos, "a mapping key must be a plain value")
                    continue
                key = key.raw if isinstance(key, (Scalar, Dated)) else str(key)  # 33, not "Scalar(33)"
                if key in result:
                    self.diags.error(kpos, f'duplicate key "{key}" (first at line {result.key_pos[key].line})')
                    continue
                result[key] = self.convert(value_node)
                result.key_pos[key] = kpos
                result.value_pos[key] = _mark_pos(self.path, value_node.start_mark)
            return result
        if isinstance(node, yaml.SequenceNode):
            result = YList(self.convert(n) for n in node.value)
            result.pos = pos
            return result
        # scalar
        if node.tag == "tag:yaml.org,2002:str":
            raw = self.text[node.start_mark.index:node.end_mark.index]
            return YStr(node.value, pos, raw, node.style or None)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.diags.error(pos, f"bad value: {getattr(exc, 'problem', None) or exc}")
            return None
        except (ValueError, OverflowError) as exc:  # e.g. 1956-13-45 reads as a date but is none
            self.diags.error(pos, f'bad value "{node.value}": {exc}')
            return None
        if isinstance(value, (_dt.date, _dt.datetime)):
            return Dated(value, pos, node.value)
        if isinstance(value, str):
            return YStr(value, pos, node.value, node.style or None)
        return Scalar(value, pos, node.value)


class Dated:
    """A date as YAML parsed it, with position and source text."""

    def __init__(self, value, pos: SourcePos, raw: str):
        self.value = value
        self.pos = pos
        self.raw = raw

    def __repr__(self) -> str:
        return f"Dated({self.value!r})"


class Scalar:
    """A non-string scalar (int, float, bool, None) with its position."""

    def __init__(self, value, pos: SourcePos, raw: str):
        self.value = value
        self.pos = pos
        self.raw = raw

    def __repr__(self) -> str:
        return f"Scalar({self.value!r})"


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str):
    """The node tree, by libyaml when PyYAML has it (about ten times faster); a file it refuses is read
    again by the pure-Python parser, whose error messages are the ones diagnostics report."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml(path: Path, shown_as: str, diags: Diagnostics) -> Any:
    """Load one YAML file; on a syntax error report it and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        diags.error(SourcePos(shown_as, 1, 1), f"not UTF-8 text: {exc.reason} at byte {exc.start}")
        return None
    except OSError as exc:
        diags.error(SourcePos(shown_as, 1, 1), f"cannot read file: {exc.strerror}")
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _mark_pos(shown_as, mark) if mark else SourcePos(shown_as, 1, 1)
        problem = exc.problem or exc.context or "syntax error"
        diags.error(pos, f"YAML syntax: {problem}")
        return None
    except yaml.YAMLError as exc:
        diags.error(SourcePos(shown_as, 1, 1), f"YAML syntax: {exc}")
        return None
    except RecursionError:
        diags.error(SourcePos(shown_as, 1, 1), "YAML syntax: the file nests too deeply to read")
        return None
    if node is None:
        return None
    try:
        return _Converter(shown_as, text, diags).convert(node)
    except RecursionError:
        diags.error(SourcePos(shown_as, 1, 1), "YAML syntax: the file nests too deeply to read")
        return None
