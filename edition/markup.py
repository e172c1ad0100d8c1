"""Inline markup: a source string in, a tuple of inline model nodes out.

The syntax is CommonMark inline text (parsed by markdown-it-py) with two
additions: ``[^3]`` calls note 3, and bracketed spans with attributes
(mdit-py-plugins' attrs plugin) carry the editorial signs::

    *emphasis*                      [^3]                        (note call)
    [Boldotskim]{person=boldoczki}  (explicit person mention)
    [in the school]{.supplied}      [Suslova]{.sic corr=Suslov}
    []{.gap reason=illegible extent="two words"}
    []{.folio n=53ob}               []{.page n=4}               (milestones)
    [lemma]{.app H="reading" B="om." E="add. words" lem="N" note="..."}   (apparatus entry)

Raw HTML, links, images and code spans are not part of the language: such
text stays literal and is escaped on output.  Straight quotes become curly.
Every node gets a position computed from the raw YAML text of the scalar.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Collection, Mapping

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin

from .diagnostics import Diagnostics, SourcePos, did_you_mean
from .limits import MAX_INLINE_NESTING, MAX_TEXT_CHARS
from .model import (CONTAINERS, App, CrossRef, Emphasis, Gap, Inline, Milestone, Note, NoteCall, PersonMention,
                    RawText, Reading, ReadingKind, Sic, Supplied, Text, plain_text)

SIGN_CLASSES = ("sic", "supplied", "gap", "folio", "page", "app")
SIGLUM = re.compile(r"[A-Za-z0-9]+")  # a witness's siglum: letters and digits (an attribute name of the markup)
APP_OWN = ("lem", "note")  # an apparatus entry's attributes that are not sigla
_LABEL = re.compile(r"[\w.-]+")


def _note_call_rule(state, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("[^", start):
        return False
    end = src.find("]", start + 2)
    if end < 0 or not _LABEL.fullmatch(src[start + 2:end]):
        return False
    if not silent:
        token = state.push("note_call", "", 0)
        token.meta = {"label": src[start + 2:end]}
        token.markup = src[start:end + 1]
    state.pos = end + 1
    return True


_DASHES = re.compile(r"(?<![-\w])---(?![-\w])|---|(?<!-)--(?!-)")


def _dashes_and_ellipses(state) -> None:
    """Typewriter signs to typographic ones: --- em dash, -- en dash, ... ellipsis.

    markdown-it's own "replacements" rule would also turn "(c)" into a copyright
    sign, which an archival text must keep as it is; this rule does only these three.
    """
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "text" and ("--" in token.content or "..." in token.content):
                text = token.content.replace("...", "\u2026")
                token.content = _DASHES.sub(lambda m: "\u2014" if m.group(0) == "---" else "\u2013", text)


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True, "html": False})
    md.use(attrs_plugin, spans=True)
    md.disable(["link", "image", "autolink", "html_inline", "backticks", "entity", "attr", "text_join"])
    md.enable(["smartquotes"])
    md.inline.ruler.before("span", "note_call", _note_call_rule)
    md.core.ruler.after("smartquotes", "dashes_and_ellipses", _dashes_and_ellipses)
    return md


_PARSER = _make_parser()


_STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


class _Locator:
    """Maps offsets in a scalar's raw source text to file positions."""

    def __init__(self, pos: SourcePos, raw: str):
        self.pos = pos
        self.raw = raw or ""
        self.cursor = 0
        self.last = -1  # offset where the last successful find() matched
        self.attrs = (-1, -1)  # where the attributes of the span skipped last stand: raw[start:end]
        self.line_ends = [i for i, ch in enumerate(self.raw) if ch == "\n"]  # each lookup is then a bisection

    def at(self, offset: int) -> SourcePos:
        if self.pos.anchor_line:  # a value repeated by an alias: everything in it stands at the alias
            return self.pos
        newlines = bisect_right(self.line_ends, offset - 1)
        if newlines == 0:
            return SourcePos(self.pos.path, self.pos.line, self.pos.col + offset)
        return SourcePos(self.pos.path, self.pos.line + newlines, offset - self.line_ends[newlines - 1])

    def find(self, probe: str) -> SourcePos:
        """Position of the next occurrence of ``probe`` from the cursor (or the cursor itself)."""
        if probe:
            found = self.raw.find(probe, self.cursor)
            if found >= 0:
                self.cursor = found + len(probe)
                self.last = found
                return self.at(found)
        self.last = -1
        return self.at(self.cursor)

    def skip_attrs(self) -> None:
        """Move the cursor past a span's closing ``]{...}``, whose words are not text."""
        close = self.raw.find("]{", self.cursor)
        end = _attrs_end(self.raw, close + 1) if close >= 0 else -1
        self.attrs = (close + 1, end) if end >= 0 else (-1, -1)
        if end >= 0:
            self.cursor = end + 1

    def attr_places(self) -> dict[str, list[SourcePos]]:
        """Where each attribute name of the span just skipped stands (every place, in order), from its raw text."""
        start, end = self.attrs
        if start < 0:
            return {}
        text = _QUOTED.sub(lambda m: " " * len(m.group(0)), self.raw[start:end])
        places: dict[str, list[SourcePos]] = {}
        for m in _ATTR_NAME.finditer(text):
            places.setdefault(m.group(1), []).append(self.at(start + m.start(1)))
        return places

    def start_of(self, text: str, probe: str, fallback: SourcePos) -> SourcePos:
        """Where ``text`` starts, given that its ``probe`` was just found (text before a probe is not words)."""
        p = text.find(probe) if probe else -1
        if p < 0 or self.last < p:
            return fallback
        before = self.raw[self.last - p:self.last]
        if before.translate(_STRAIGHT) != text[:p].translate(_STRAIGHT):  # e.g. folded over a line end
            return fallback
        return self.at(self.last - p)

    def bracket(self, text: str, ch: str, probe: str, fallback: SourcePos) -> SourcePos:
        """Where the first ``ch`` of ``text`` stands, given that its ``probe`` was just found."""
        p = text.find(probe) if probe else -1
        if p < 0 or self.last < 0:
            return fallback
        off = self.raw.find(ch, self.last) if text.find(ch) > p else self.raw.rfind(ch, 0, self.last)
        return self.at(off) if off >= 0 else fallback


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')  # a quoted attribute value, escapes and all
_ATTR_NAME = re.compile(r"(?<![\w:.#-])([A-Za-z0-9_:-]+)=")
# a span's attributes, from "]{" to "}" (no bracket outside quotes: a stray "]{" is not looked at beyond the next one)
_ATTRS_BLOCK = re.compile(r'\]\{(?:[^"}\[\]]|"(?:[^"\\]|\\.)*")*\}')
_ATTRS_REST = re.compile(r'(?:[^"}\[\]]|"(?:[^"\\]|\\.)*")*}')


def _one_line_values(m: re.Match) -> str:
    """A span's attributes with the line breaks inside quoted values made spaces (a literal block keeps them,
    and the attribute parser would cut the value at the break), as a folded block gives them."""
    return _QUOTED.sub(lambda q: q.group(0).replace("\n", " "), m.group(0))


def _attrs_end(raw: str, start: int) -> int:
    """The offset of the ``}`` closing the attributes that open at ``raw[start]`` (quoted values skipped)."""
    m = _ATTRS_REST.match(raw, start)
    return m.end() - 1 if m else raw.find("}", start)


def _probe(text: str) -> str:
    m = re.search(r"[\w][\w ]{0,15}", text)
    return m.group(0).rstrip() if m else ""


@dataclass
class InlineContext:
    """What the parser needs to know besides the text: the notes that may be called."""

    notes: Mapping[str, Note] | None = None
    persons: Collection[str] | None = None  # the authority's ids (None: not checked, e.g. it could not be read)
    called: list[tuple[str, SourcePos]] | None = None  # (label, pos) of each call, in order
    too_deep: list[SourcePos] = field(default_factory=list)  # where nesting passed the limit (reported once)


def parse_inline(source: str, pos: SourcePos, diags: Diagnostics, ctx: InlineContext | None = None,
                 raw: str | None = None) -> tuple[Inline, ...]:
    """Parse one text field into inline nodes, reporting bad markup into ``diags``."""
    ctx = ctx or InlineContext()
    if len(source) > MAX_TEXT_CHARS:
        diags.error(pos, f"the text is {len(source):,} characters long; a text field may hold at most "
                         f"{MAX_TEXT_CHARS:,} (the limit): split it into paragraphs", code="limit")
        return ()
    raw = raw if raw is not None else getattr(source, "raw", source)
    loc = _Locator(pos, raw)
    tokens = _PARSER.parseInline(_ATTRS_BLOCK.sub(_one_line_values, str(source)), {})
    children = tokens[0].children or [] if tokens else []
    nodes, _ = _build(children, 0, None, loc, diags, replace(ctx, too_deep=[]))
    origin = RawText(loc.pos, loc.raw)
    return tuple(_merge_text(nodes, origin))


def _merge_text(nodes: list[Inline], origin: RawText | None = None) -> list[Inline]:
    """Adjacent texts joined; every text told the raw scalar it comes from (for positions inside it)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].value + node.value, out[-1].pos, out[-1].origin or origin)
        elif isinstance(node, Text) and origin is not None and node.origin is None:
            out.append(Text(node.value, node.pos, origin))
        elif origin is not None and isinstance(node, CONTAINERS):
            out.append(replace(node, children=tuple(_merge_text(list(node.children), origin))))
        else:
            out.append(node)
    return out


def _check_brackets(text: str, pos: SourcePos, diags: Diagnostics, loc: _Locator | None = None,
                    probe: str = "") -> None:
    for ch in "[]{}":
        if ch in text:
            if loc is not None:
                pos = loc.bracket(text, ch, probe, pos)
            diags.error(pos, f'unbalanced editorial bracket "{ch}" in "{text.strip()[:40]}" '
                             f'(write editorial signs as [text]{{.supplied}}, or escape it as "\\{ch}")',
                        code="bracket")
            return


def _too_deep(tok: Token, loc: _Locator, diags: Diagnostics, ctx: InlineContext) -> None:
    """Markup nested past the limit: reported once per text, at the first opening too many; its words are kept."""
    at = loc.find(tok.markup if tok.type != "span_open" else "[")
    if not ctx.too_deep:
        ctx.too_deep.append(at)
        diags.error(at, f"emphasis and bracketed spans are nested more than {MAX_INLINE_NESTING} deep here "
                        f"(the limit): close some of them", code="limit")


def _build(tokens: list[Token], i: int, closing: str | None, loc: _Locator, diags: Diagnostics,
           ctx: InlineContext, depth: int = 0) -> tuple[list[Inline], int]:
    """Tokens from ``i`` to the ``closing`` token -> nodes.  Containers nest at most MAX_INLINE_NESTING deep
    (so that this and every later walk over the nodes stays far from Python's recursion limit): deeper
    openings and their closings are dropped, their content kept flat."""
    nodes: list[Inline] = []
    dropped = 0  # openings past the limit whose closings are still to come
    while i < len(tokens):
        tok = tokens[i]
        if dropped and tok.nesting == -1:
            dropped -= 1
            if tok.type == "span_close":
                loc.skip_attrs()
            i += 1
            continue
        if closing and tok.type == closing:
            return nodes, i + 1
        if tok.nesting == 1 and depth >= MAX_INLINE_NESTING:
            _too_deep(tok, loc, diags, ctx)
            dropped += 1
            i += 1
            continue
        if tok.type == "text":
            probe = _probe(tok.content)
            at = loc.find(probe)
            _check_brackets(tok.content, at, diags, loc, probe)
            at = loc.start_of(tok.content, probe, at)
            nodes.append(Text(tok.content, at))
            i += 1
        elif tok.type == "text_special":  # a backslash escape: literal character
            nodes.append(Text(tok.content, loc.find(tok.markup)))
            i += 1
        elif tok.type in ("softbreak", "hardbreak"):
            nodes.append(Text(" ", loc.at(loc.cursor)))
            i += 1
        elif tok.type == "note_call":
            at = loc.find(tok.markup)
            nodes.append(_note_call(tok.meta["label"], at, diags, ctx))
            i += 1
        elif tok.type in ("em_open", "strong_open"):
            at = loc.find(tok.markup)
            inner, i = _build(tokens, i + 1, tok.type.replace("_open", "_close"), loc, diags, ctx, depth + 1)
            nodes.append(Emphasis(tuple(_merge_text(inner)), at))
        elif tok.type == "span_open":
            at = loc.find("[")
            inner, i = _build(tokens, i + 1, "span_close", loc, diags, ctx, depth + 1)
            loc.skip_attrs()
            attrs = {**dict(tok.attrs), **tok.meta.get("insecure_attrs", {})}  # "on..." names may be sigla
            node = _span(attrs, tuple(_merge_text(inner)), at, diags, ctx, loc)
            if node is not None:
                nodes.append(node)
        else:
            content = tok.content or tok.markup
            if content:
                nodes.append(Text(content, loc.find(_probe(content))))
            i += 1
    return nodes, i


def _note_call(label: str, at: SourcePos, diags: Diagnostics, ctx: InlineContext) -> Inline:
    if ctx.called is not None:
        ctx.called.append((label, at))
    if ctx.notes is None:
        diags.error(at, f"a note call [^{label}] is not allowed here", code="note-call-place")
        return Text("", at)
    note = ctx.notes.get(label)
    if note is None:
        diags.error(at, f"note {label} is called but not defined{did_you_mean(label, ctx.notes)}",
                    code="note-undefined")
        return Text("", at)
    return NoteCall(note, at)


REF_KINDS = ("note", "doc", "section")


def _cross_ref(ref: str, classes: list[str], inner: tuple[Inline, ...], at: SourcePos,
               diags: Diagnostics) -> Inline:
    """``note:33``, ``note:DOC/33``, ``doc:DOC``, ``section:ID``, ``section:DOC/ID``."""
    kind, sep, rest = ref.partition(":")
    if classes:
        diags.error(at, "a cross-reference takes no class", code="ref")
    if not sep or kind not in REF_KINDS or not rest:
        diags.error(at, f'cross-reference "{ref}" is not note:N, note:DOC/N, doc:DOC, section:ID or '
                        f'section:DOC/ID{did_you_mean(kind, REF_KINDS) if kind not in REF_KINDS else ""}',
                    code="ref")
        return Supplied(inner, at) if inner else Text("", at)
    if kind == "doc":
        return CrossRef(kind, rest, "", inner, at)
    document, _, target = rest.rpartition("/")
    if kind == "note" and not target.isdigit():
        diags.error(at, f'cross-reference "{ref}": a note is named by its number', code="ref")
    return CrossRef(kind, document, target, inner, at)


def _span(attrs: dict, inner: tuple[Inline, ...], at: SourcePos, diags: Diagnostics,
          ctx: InlineContext, loc: _Locator) -> Inline | None:
    classes = str(attrs.pop("class", "")).split()
    ref = attrs.pop("ref", None)
    if ref is not None:
        return _cross_ref(str(ref), classes, inner, at, diags)
    person = attrs.pop("person", None)
    if person is not None:
        if ctx.persons is not None and person not in ctx.persons:
            diags.error(at, f'explicit mention names unknown person "{person}"{did_you_mean(person, ctx.persons)}',
                        code="person-unknown")
        if classes:
            diags.error(at, "a person mention takes no class; nest the sign instead")
        if not inner:
            diags.error(at, "an explicit person mention needs text: [name]{person=id}")
        return PersonMention(person, inner, at, explicit=True)
    if len(classes) != 1:
        diags.error(at, "a bracketed span needs exactly one sign: "
                        + ", ".join(f".{c}" for c in SIGN_CLASSES) + ", or person=ID", code="sign")
        return Supplied(inner, at) if inner else None
    sign = classes[0]
    if sign not in SIGN_CLASSES:
        diags.error(at, f'unknown editorial sign ".{sign}"{did_you_mean(sign, SIGN_CLASSES)}', code="sign")
        return Supplied(inner, at)
    if sign == "app":
        return _apparatus_entry(attrs, inner, at, diags, loc.attr_places())
    allowed = {"sic": {"corr"}, "supplied": set(), "gap": {"reason", "extent"},
               "folio": {"n"}, "page": {"n"}}[sign]
    for key in attrs:
        if key not in allowed:
            diags.error(at, f'unknown attribute "{key}" for .{sign}{did_you_mean(key, allowed)}', code="sign")
    if sign == "sic":
        if not inner:
            diags.error(at, "[sic] needs the text it qualifies: [Suslova]{.sic}")
        return Sic(inner, at, str(attrs.get("corr", "")))
    if sign == "supplied":
        if not inner:
            diags.error(at, "supplied text is empty")
        return Supplied(inner, at)
    if sign == "gap":
        if inner:
            diags.error(at, "a gap holds no text; use .supplied for conjectured text")
        return Gap(at, str(attrs.get("reason", "illegible")), str(attrs.get("extent", "")))
    n = str(attrs.get("n", ""))
    if not n:
        diags.error(at, f'a .{sign} milestone needs its number: []{{.{sign} n=53ob}}')
    if inner:
        diags.error(at, "a milestone holds no text")
    return Milestone(sign, n, at)


# ---------------------------------------------------------------- the critical apparatus


def _apparatus_entry(attrs: dict, inner: tuple[Inline, ...], at: SourcePos, diags: Diagnostics,
                     places: dict[str, list[SourcePos]]) -> App:
    """``[lemma]{.app H="reading" B="om." E="add. words" lem="N E" note="..."}``: each attribute named by a
    siglum gives that witness's reading; witnesses with the same reading make one ``Reading``, in the order
    they are first given.  Whether the sigla are the document's witnesses is checked later (transforms)."""
    def where(key: str) -> SourcePos:
        return places.get(key, [at])[0]

    for key, found in places.items():
        if len(found) > 1 and key in attrs:
            diags.error(found[1], f'"{key}" is given twice in one apparatus entry (first at line {found[0].line}, '
                                  f'column {found[0].col})', code="app")
    lemma_witnesses: tuple[str, ...] = ()
    note = ""
    groups: dict[tuple[ReadingKind, str], list[tuple[str, SourcePos]]] = {}
    for key in sorted(attrs, key=lambda k: where(k)):
        value = str(attrs[key]).strip()
        if key == "lem":
            lemma_witnesses = tuple(value.split())
            for siglum in lemma_witnesses:
                if not SIGLUM.fullmatch(siglum):
                    diags.error(where(key), f'lem="{value}": "{siglum}" is not a siglum (letters and digits)',
                                code="app")
        elif key == "note":
            note = _plain_value(value, where(key), diags, "the editor's note of an apparatus entry")
        elif not SIGLUM.fullmatch(key):
            diags.error(where(key), f'"{key}" in an apparatus entry is neither a siglum (letters and digits) nor '
                                    f'{" nor ".join(APP_OWN)}{did_you_mean(key, APP_OWN)}', code="app")
        else:
            groups.setdefault(_reading(value, where(key), diags), []).append((key, where(key)))
    readings = tuple(Reading(text, tuple(s for s, _ in sigla), kind, sigla[0][1], tuple(p for _, p in sigla))
                     for (kind, text), sigla in groups.items())
    return App(inner, readings, lemma_witnesses, note, at, lemma_pos=where("lem") if "lem" in attrs else None)


def _reading(value: str, at: SourcePos, diags: Diagnostics) -> tuple[ReadingKind, str]:
    """``om.`` (an omission), ``add. words`` (an addition after the lemma) or the words the witness reads."""
    if value == "om.":
        return "om", ""
    kind: ReadingKind = "rdg"
    if value == "add." or value.startswith("add. "):
        kind, value = "add", value[len("add."):].strip()
    text = _plain_value(value, at, diags, "a reading")
    if not text.strip():
        diags.error(at, "an empty reading: write om. for an omission" if kind == "rdg" else
                        "add. needs the words the witness adds: add. words", code="app")
    return kind, text


def _plain_value(value: str, at: SourcePos, diags: Diagnostics, what: str) -> str:
    """An attribute's words, with the typography of the text (curly quotes, dashes) and its escapes; no markup."""
    nodes = parse_inline(value, at, diags, InlineContext(notes=None))
    for node in nodes:
        if not isinstance(node, Text):
            diags.error(at, f"{what} is plain text: it cannot hold {type(node).__name__.lower()} markup",
                        code="app")
    return plain_text(nodes)
