"""Read YAML files keeping the position of every key and value.

Takes a path; returns plain Python values in which mappings are ``YMap``
(a dict that also knows where each key and value stands), sequences ``YList``
and strings ``YStr``, all carrying ``.pos``.  YAML syntax errors become
diagnostics with the parser's line and column (and a hint in plain words for
the usual traps), never tracebacks.

Bounded: a file larger than ``MAX_SOURCE_BYTES``, nesting deeper than
``MAX_YAML_DEPTH``, expanding (aliases included) to more than
``MAX_YAML_NODES`` values, or whose aliases repeat more than
``MAX_ALIAS_VALUES`` values is refused at the place that crosses the bound,
before anything is built from it.  A value repeated by an alias is built
anew at each use and carries the alias's position (with its anchor's line),
so that a problem in it is reported where it is used.
"""
from __future__ import annotations

import datetime as _dt
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, ScalarEvent

from .diagnostics import Diagnostics, SourcePos
from .limits import MAX_ALIAS_VALUES, MAX_SOURCE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from .yamlhints import hint_for_syntax_error, hint_for_unused_anchor


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
    flow: bool = False  # written [a, b] rather than as "- " items


class YMap(dict):
    """A mapping from YAML: ``key_pos[k]`` is where key ``k`` stands, ``pos_of(k)`` where its value does."""

    pos: SourcePos
    key_pos: dict[str, SourcePos]
    value_pos: dict[str, SourcePos]
    flow: bool = False  # written {a: b}

    def pos_of(self, key: str) -> SourcePos:
        return self.value_pos.get(key, self.key_pos.get(key, self.pos))

    @classmethod
    def of(cls, values: dict[str, Any]) -> "YMap":
        """A mapping made from positioned values (a short form such as a variant given as a bare string)."""
        result = cls(values)
        result.pos = next(iter(values.values())).pos
        result.key_pos = {k: v.pos for k, v in values.items()}
        result.value_pos = dict(result.key_pos)
        return result


class Dated:
    """A date as YAML parsed it, with position and source text."""

    def __init__(self, value, pos: SourcePos, raw: str):
        self.value = value
        self.pos = pos
        self.raw = raw

    def __repr__(self) -> str:
        return f"Dated({self.value!r})"


class Scalar:
    """A non-string scalar (int, float, bool, None) with its position; ``raw`` is what the file says."""

    def __init__(self, value, pos: SourcePos, raw: str):
        self.value = value
        self.pos = pos
        self.raw = raw

    def __repr__(self) -> str:
        return f"Scalar({self.value!r})"


def position_of(value: Any, fallback: SourcePos) -> SourcePos:
    return getattr(value, "pos", fallback)


def as_written(value: Any) -> str:
    """A value as the file writes it, for messages (never a Python repr such as ``Scalar(1)`` or ``None``)."""
    raw = getattr(value, "raw", None)
    if isinstance(value, (Scalar, Dated)):
        return str(raw) if raw else "(nothing)"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, YMap):
        return "a mapping"
    return "(nothing)" if value is None else str(value)


def _mark_pos(path: str, mark) -> SourcePos:
    return SourcePos(path, mark.line + 1, mark.column + 1)


class _Alias:
    """An alias in the node tree: the node it names, and where the alias stands."""

    __slots__ = ("node", "mark", "name")

    def __init__(self, node: yaml.Node, mark, name: str):
        self.node, self.mark, self.name = node, mark, name


class _Refused(Exception):
    """The file crosses a bound at ``mark``: reported there, and nothing is built from it."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


class _BoundedComposer(Composer):
    """PyYAML's composer, keeping aliases visible (``_Alias``) and refusing nesting beyond the bound."""

    def compose_document(self):
        self.depth = 0
        self.anchor_marks: dict[str, Any] = {}  # anchor of a text -> where it is set
        self.used_anchors: set[str] = set()
        return super().compose_document()

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.get_event()
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                                  event.start_mark)
            self.used_anchors.add(event.anchor)
            return _Alias(self.anchors[event.anchor], event.start_mark, event.anchor)
        event = self.peek_event()
        if self.depth >= MAX_YAML_DEPTH:
            raise _Refused(event.start_mark, f"the file nests lists and mappings more than {MAX_YAML_DEPTH} "
                                             f"deep (the limit)")
        if isinstance(event, ScalarEvent) and event.anchor is not None:  # "&c." read as an anchor, say
            self.anchor_marks.setdefault(event.anchor, event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _SlowLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _BoundedComposer,
                  yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """The pure-Python parser: its error messages are the ones diagnostics report."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _BoundedComposer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


_LOADERS: tuple[type, ...] = (_SlowLoader,)
if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _FastLoader(_BoundedComposer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's events (about ten times faster to parse) composed by the bounded composer."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _BoundedComposer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADERS = (_FastLoader, _SlowLoader)


def _compose(text: str):
    """The node tree and the composer (for its anchors); a file the fast parser refuses is read again by the
    pure-Python one, whose messages are clearer."""
    for n, loader_class in enumerate(_LOADERS, 1):
        loader: Any = loader_class(text)
        try:
            return loader.get_single_node(), loader
        except yaml.YAMLError:
            if n == len(_LOADERS):
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable")


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _measure(root) -> None:
    """Refuse, at the alias (or value) that crosses it, a file whose expansion exceeds the bounds.

    Walks the tree in document order counting every value, an alias counting as the whole value it
    names, so the work is proportional to the file, not to its expansion.  An anchored value is always
    measured before any alias to it (anchors precede their aliases); one still being measured when its
    alias is met contains its own alias."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values once expanded, levels once expanded)
    active: set[int] = set()
    total = repeated = 0

    def visit(node, level: int) -> tuple[int, int]:
        nonlocal total, repeated
        total += 1
        if total > MAX_YAML_NODES:
            raise _Refused(node.start_mark, f"the file holds more than {MAX_YAML_NODES:,} values (the limit)")
        active.add(id(node))
        size, depth = 1, 1
        for child in _children(node):
            if isinstance(child, _Alias):
                target = id(child.node)
                if target in active or target not in sizes:
                    raise _Refused(child.mark, "a YAML alias refers to the value that contains it")
                s, d = sizes[target]
                total += s
                repeated += s
                anchored = f"*{child.name} repeats the value anchored at line {child.node.start_mark.line + 1}"
                if repeated > MAX_ALIAS_VALUES:
                    raise _Refused(child.mark, f"{anchored} ({s:,} values), which makes the aliases of the file "
                                               f"repeat more than {MAX_ALIAS_VALUES:,} values (the limit)")
                if total > MAX_YAML_NODES:
                    raise _Refused(child.mark, f"{anchored} ({s:,} values), which makes the file expand to more "
                                               f"than {MAX_YAML_NODES:,} values (the limit)")
                if level + d > MAX_YAML_DEPTH:
                    raise _Refused(child.mark, f"{anchored}, which makes the file nest more than "
                                               f"{MAX_YAML_DEPTH} deep (the limit)")
            else:
                s, d = visit(child, level + 1)
            size += s
            depth = max(depth, d + 1)
        active.discard(id(node))
        sizes[id(node)] = (size, depth)
        return size, depth

    visit(root, 1)


class _Converter:
    """Node tree -> YMap / YList / YStr / Scalar / Dated; an alias's value is built at each use."""

    def __init__(self, path: str, text: str, diags: Diagnostics):
        self.path = path
        self.text = text
        self.diags = diags
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node, via: SourcePos | None = None) -> Any:
        if isinstance(node, _Alias):
            if via is None:
                via = replace(_mark_pos(self.path, node.mark), anchor_line=node.node.start_mark.line + 1)
            return self.convert(node.node, via)
        pos = via or _mark_pos(self.path, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pos, via)
        if isinstance(node, yaml.SequenceNode):
            result = YList(self.convert(n, via) for n in node.value)
            result.pos, result.flow = pos, bool(node.flow_style)
            return result
        raw = "" if via else self.text[node.start_mark.index:node.end_mark.index]
        if node.tag == "tag:yaml.org,2002:str":
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

    def _mapping(self, node: yaml.MappingNode, pos: SourcePos, via: SourcePos | None) -> YMap:
        result = YMap()
        result.pos, result.key_pos, result.value_pos, result.flow = pos, {}, {}, bool(node.flow_style)
        for key_node, value_node in node.value:
            key = self.convert(key_node, via)
            kpos = getattr(key, "pos", pos)
            if isinstance(key, (list, dict)):
                self.diags.error(kpos, "a mapping key must be a plain value")
                continue
            key = key.raw if isinstance(key, (Scalar, Dated)) else str(key)
            if key in result:
                self.diags.error(kpos, f'duplicate key "{key}" (first at line {result.key_pos[key].line})')
                continue
            value = self.convert(value_node, via)
            result[key] = value
            result.key_pos[key] = kpos
            result.value_pos[key] = getattr(value, "pos", None) or via or _mark_pos(self.path, value_node.start_mark)
        return result


def read_source_text(path: Path, shown_as: str, diags: Diagnostics) -> str | None:
    """The text of a source file: a regular file, at most ``MAX_SOURCE_BYTES``, in UTF-8; else a
    diagnostic (a bad byte at its line and column) and None."""
    start = SourcePos(shown_as, 1, 1)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            diags.error(start, "not a regular file (a folder, device or pipe): a source must be a YAML file")
            return None
        if info.st_size > MAX_SOURCE_BYTES:
            diags.error(start, f"the file is {info.st_size:,} bytes; a source file may be at most "
                               f"{MAX_SOURCE_BYTES:,} bytes ({MAX_SOURCE_BYTES // 2**20} MB, the limit): split it",
                        code="limit")
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        diags.error(start, f"cannot read file: {exc.strerror}")
        return None
    if len(data) > MAX_SOURCE_BYTES:  # it grew while being read
        diags.error(start, f"the file is larger than {MAX_SOURCE_BYTES:,} bytes ({MAX_SOURCE_BYTES // 2**20} MB, the "
                           f"limit): split it", code="limit")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[:exc.start]
        line_start = head.rfind(b"\n") + 1
        column = len(head[line_start:].decode("utf-8", errors="replace")) + 1
        diags.error(SourcePos(shown_as, head.count(b"\n") + 1, column),
                    f"not UTF-8 text: {exc.reason} (byte 0x{data[exc.start]:02X}); save the file as UTF-8")
        return None


def _offset_pos(path: str, text: str, offset: int) -> SourcePos:
    head = text[:offset]
    return SourcePos(path, head.count("\n") + 1, offset - (head.rfind("\n") + 1) + 1)


def load_yaml(path: Path, shown_as: str, diags: Diagnostics) -> Any:
    """Load one YAML file; on a syntax error (or a crossed bound) report it and return None."""
    text = read_source_text(Path(path), shown_as, diags)
    if text is None:
        return None
    try:
        node, loader = _compose(text)
        if node is None:
            return None
        _measure(node)
    except _Refused as exc:
        diags.error(_mark_pos(shown_as, exc.mark), exc.message, code="limit")
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: at its place
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        diags.error(_offset_pos(shown_as, text, exc.position),
                    f"the control character U+{ord(char):04X} is not allowed in YAML: delete it", code="yaml")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _mark_pos(shown_as, mark) if mark else SourcePos(shown_as, 1, 1)
        problem = exc.problem or exc.context or "syntax error"
        diags.error(pos, f"YAML syntax: {problem}{hint_for_syntax_error(text, exc)}", code="yaml")
        return None
    except yaml.YAMLError as exc:
        diags.error(SourcePos(shown_as, 1, 1), f"YAML syntax: {exc}", code="yaml")
        return None
    for anchor, mark in loader.anchor_marks.items():
        if anchor not in loader.used_anchors:
            diags.warning(_mark_pos(shown_as, mark), hint_for_unused_anchor(text, anchor, mark), code="yaml")
    return _Converter(shown_as, text, diags).convert(node)
