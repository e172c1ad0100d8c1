"""Read: a TEI file in, its text as the edition's inline markup and blocks out, problems at file.xml:line:col.

``TeiFile.load`` parses a file with the safe parser and knows where every
element's start tag stands (lxml gives the line where a start tag ends; the
column is found in the file's text).  ``Inlines`` turns the content of an
element into one inline markup string (``*emphasis*``, ``[^3]`` calls with
the notes collected, ``[name]{person=id}``, ``[x]{.sic corr="y"}``, ...),
one reader function per element name, registered with ``@reads``; text is
escaped so that it reads back exactly.  ``Blocks`` turns a document's body
into sections of paragraphs, speakers' turns and marginal annotations.

An element the edition's model has no place for is warned at its line and
its text is kept; nothing of the text is lost.  In files this tool wrote the
text is taken exactly as it stands; in others whitespace is normalised, as
TEI prose is laid out for reading, not printing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

from ..diagnostics import Diagnostics, SourcePos
from ..importer.emit import escape_markup
from .ids import APPLICATION, TEI_NS, XML_ID, local, safe_parser

Reader = Callable[["Inlines", etree._Element], str]
READERS: dict[str, Reader] = {}

# kept as their text without a word: naming and dating markup the printed text does not show
FLATTENED = {"gloss", "placeName", "orgName", "geogName", "settlement", "country", "region", "date", "time",
             "num", "measure", "name", "roleName", "forename", "surname", "addName", "genName", "seg", "term",
             "rs", "abbr", "expan", "idno", "affiliation", "s", "w", "c", "distinct", "span"}
EMPHASIS = {"emph", "title", "foreign", "mentioned"}
QUOTED = {"q", "said", "soCalled"}  # TEI leaves the quotation marks to the rendition: printed as “...”
EMPHASIS_RENDS = {"", "italic", "italics", "i", "bold", "strong", "b", "underline", "emphasis"}
_MASK = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)


class TeiFile:
    """A parsed TEI file: its tree, where each element stands, whether this tool wrote it, and its problems."""

    def __init__(self, shown: str, text: str, root: etree._Element, diags: Diagnostics):
        self.shown = shown
        self.root = root
        self.diags = diags
        self.by_id = {el.get(XML_ID): el for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
        app = root.find(f".//{{{TEI_NS}}}appInfo/{{{TEI_NS}}}application[@ident='{APPLICATION}']")
        self.ours = app is not None and local(root.tag) == "teiCorpus"
        self._where = _start_tags(text, root)
        self._lines = [i for i, ch in enumerate(text) if ch == "\n"]

    @classmethod
    def load(cls, path: Path, shown: str, diags: Diagnostics) -> "TeiFile | None":
        try:
            data = path.read_bytes()
        except OSError as exc:
            diags.error(SourcePos(shown), f"cannot read: {exc.strerror or exc}", code="tei-read")
            return None
        try:
            root = etree.fromstring(data, safe_parser())
        except etree.XMLSyntaxError as exc:
            lines = data.split(b"\n")
            for entry in exc.error_log or []:
                line = entry.line or 1
                prefix = lines[line - 1][:max(entry.column - 1, 0)] if line <= len(lines) else b""
                col = len(prefix.decode("utf-8", errors="ignore")) + 1  # libxml2 counts bytes; we count characters
                diags.error(SourcePos(shown, line, col), f"not well-formed XML: {entry.message}", code="tei-xml")
            if not exc.error_log:
                diags.error(SourcePos(shown, *(exc.position or (1, 1))), f"not well-formed XML: {exc.msg}",
                            code="tei-xml")
            return None
        if etree.QName(root).namespace != TEI_NS:
            diags.error(SourcePos(shown), f"not TEI: the root element is <{root.tag}>, not in the TEI namespace "
                                          f"({TEI_NS})", code="tei-root")
            return None
        return cls(shown, data.decode("utf-8", errors="replace"), root, diags)

    def pos(self, el: etree._Element) -> SourcePos:
        offset = self._where.get(el)
        if offset is None:
            return SourcePos(self.shown, el.sourceline or 1, 1)
        line = bisect.bisect_left(self._lines, offset)
        start = self._lines[line - 1] + 1 if line else 0
        return SourcePos(self.shown, line + 1, offset - start + 1)

    def warn(self, el: etree._Element, message: str, code: str = "tei") -> None:
        self.diags.warning(self.pos(el), message, code=code)

    def error(self, el: etree._Element, message: str, code: str = "tei") -> None:
        self.diags.error(self.pos(el), message, code=code)


def _start_tags(text: str, root: etree._Element) -> dict[etree._Element, int]:
    """The offset of each element's start tag: the next ``<name`` in document order (comments masked)."""
    masked = _MASK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    found: dict[etree._Element, int] = {}
    cursor = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        m = re.compile(rf"<(?:[\w.-]+:)?{re.escape(local(el.tag))}(?=[\s/>])").search(masked, cursor)
        if m is None:
            break
        found[el] = m.start()
        cursor = m.end()
    return found


def plain(el: etree._Element) -> str:
    """An element's text, whitespace normalised, markup ignored (for fields that are plain text)."""
    return " ".join("".join(el.itertext()).split())


def attr_value(file: TeiFile, el: etree._Element, value: str) -> str:
    """A value for the markup's ``key="value"``, which cannot hold a double quote or a closing brace."""
    if '"' in value or "}" in value:
        file.warn(el, f'"{value}" holds a double quote or a brace, which the inline markup cannot carry in an '
                      f"attribute: written with ' and )")
        value = value.replace('"', "'").replace("}", ")")
    return value


def reads(*names: str) -> Callable[[Reader], Reader]:
    """Register the reader of one or more TEI element names (inline content)."""
    def register(fn: Reader) -> Reader:
        for name in names:
            READERS[name] = fn
        return fn
    return register


@dataclass
class Inlines:
    """Inline markup for the content of TEI elements; the notes called there are collected in ``notes``."""

    file: TeiFile
    persons: dict[str, str]  # xml:id of a person -> the authority's id
    targets: dict[str, str]  # xml:id of a document, note or section -> "doc:ID", "note:ID/3", "section:ID/x"
    notes: list[dict] = field(default_factory=list)
    # while inside a note: the external note numbers it cites, each with the number of this document's note it
    # stands for (None: one the edition lacks)
    externals: list[tuple[int, int | None]] | None = None
    exact: bool = False
    mentioned: set[str] = field(default_factory=set)  # the authority's ids named explicitly

    def text(self, value: str) -> str:
        if not self.exact:
            value = re.sub(r"\s+", " ", value)
        value = escape_markup(value).replace('"', '\\"').replace("'", "\\'")
        return re.sub(r"(?<=\.\.)\.", r"\\.", re.sub(r"(?<=-)-", r"\\-", value))

    def finish(self, markup: str) -> str:
        """A field's markup: in files from elsewhere, one space between words and none around."""
        return markup if self.exact else re.sub(r" {2,}", " ", markup).strip()

    def content(self, el: etree._Element) -> str:
        out = [self.text(el.text or "")]
        for child in el:
            out.append(self.node(child))
            out.append(self.text(child.tail or ""))
        return "".join(out)

    def node(self, child) -> str:
        if isinstance(child, etree._Comment):
            return ""
        if isinstance(child, etree._Entity):
            self.file.warn(child, f"the entity reference {child.text} is not expanded (entities are never read): "
                                  f"kept as it is written")
            return self.text(child.text)
        name = local(child.tag)
        if etree.QName(child).namespace != TEI_NS:
            self.file.warn(child, f"<{child.prefix or ''}{':' if child.prefix else ''}{name}> is not TEI: its text "
                                  f"is kept")
            return self.content(child)
        if name in READERS:
            return READERS[name](self, child)
        if name in FLATTENED:
            return self.content(child)
        self.file.warn(child, f"<{name}> has no place in the edition's model: its text is kept", code="tei-unknown")
        return self.content(child)


def _wrap(inner: str, opening: str, closing: str) -> str:
    """``opening + inner + closing`` with the inner text's outer spaces moved outside the brackets."""
    core = inner.strip(" ")
    if not core:
        return inner
    lead, trail = inner[:len(inner) - len(inner.lstrip(" "))], inner[len(inner.rstrip(" ")):]
    return f"{lead}{opening}{core}{closing}{trail}"


@reads("hi", *EMPHASIS)
def _emphasis(r: Inlines, el) -> str:
    rend = (el.get("rend") or "").strip()
    if local(el.tag) == "hi" and not (set(rend.split()) & EMPHASIS_RENDS or not rend):
        r.file.warn(el, f'<hi rend="{rend}"> is printed as plain text (the model knows emphasis only)')
        return r.content(el)
    return _wrap(r.content(el), "*", "*")


@reads(*QUOTED)
def _quoted(r: Inlines, el) -> str:
    return _wrap(r.content(el), "\u201c", "\u201d")


@reads("persName")
def _person(r: Inlines, el) -> str:
    inner = r.content(el)
    pointer = (el.get("ref") or el.get("corresp") or el.get("key") or "").split()
    person = r.persons.get(pointer[0][1:]) if pointer and pointer[0].startswith("#") else None
    if person is None:
        if pointer:
            r.file.warn(el, f'<persName> points at "{pointer[0]}", which is no person of this file: kept as its text')
        return inner
    r.mentioned.add(person)
    if el.get("type") == "detected":  # found by the authority's names when exported: found again when read
        return inner
    return _wrap(inner, "[", f"]{{person={person}}}")


@reads("note")
def _note(r: Inlines, el) -> str:
    if r.externals is not None:
        r.file.warn(el, "a note inside a note: its text is kept in the outer note")
        return r.content(el)
    if el.get("place") == "margin":
        r.file.warn(el, "a marginal note inside a paragraph: printed as a footnote at its place")
    used = {n["n"] for n in r.notes}
    raw = (el.get("n") or "").strip()
    number = int(raw) if raw.isdigit() and int(raw) not in used else max(used | {0}) + 1
    if str(number) != raw:
        r.file.warn(el, f'note numbered "{raw}": numbered {number}' if raw else f"a note without a number: "
                        f"numbered {number}", code="tei-note")
    r.externals = []
    text = r.finish(r.content(el))
    note: dict = {"n": number, "text": text}
    if r.externals and all(own is None for _n, own in r.externals):
        note["external_notes"] = [n for n, _own in r.externals]
    elif r.externals:
        note["external_notes"] = dict(r.externals)
    r.externals = None
    r.notes.append(note)
    return f"[^{number}]"


@reads("p", "ab")
def _inner_paragraph(r: Inlines, el) -> str:  # a paragraph inside a note: one paragraph with the rest
    return f" {r.content(el)} "


@reads("ref", "ptr")
def _ref(r: Inlines, el) -> str:
    if el.get("type") == "external-note" and r.externals is not None and (el.get("n") or "").isdigit():
        mapped = r.targets.get((el.get("target") or "")[1:], "")  # "note:DOC/9" when it stands for a note of ours
        own = mapped.rsplit("/", 1)[-1] if mapped.startswith("note:") else ""
        r.externals.append((int(el.get("n")), int(own) if own.isdigit() else None))
        return ""
    inner = r.content(el)
    target = (el.get("target") or "").split()
    spec = r.targets.get(target[0][1:]) if target and target[0].startswith("#") else None
    if spec:
        return f'[{inner}]{{ref="{spec}"}}'
    r.file.warn(el, f'a reference to "{" ".join(target)}", which is not among the imported documents: kept as '
                    f"its text", code="tei-ref")
    return inner


@reads("choice")
def _choice(r: Inlines, el) -> str:
    parts = {local(c.tag): c for c in el if isinstance(c.tag, str)}
    if "sic" in parts:
        corr = parts.get("corr")
        sign = f'.sic corr="{attr_value(r.file, corr, plain(corr))}"' if corr is not None else ".sic"
        return f"[{r.content(parts['sic'])}]{{{sign}}}"
    kept = next((c for c in el if isinstance(c.tag, str)), None)
    if kept is None:
        return ""
    r.file.warn(el, f"<choice> of {', '.join(parts)}: the first, <{local(kept.tag)}>, is kept")
    return r.content(kept)


@reads("sic")
def _sic(r: Inlines, el) -> str:
    return f"[{r.content(el)}]{{.sic}}"


@reads("supplied")
def _supplied(r: Inlines, el) -> str:
    return f"[{r.content(el)}]{{.supplied}}"


@reads("gap")
def _gap(r: Inlines, el) -> str:
    reason = el.get("reason")
    if not reason:
        r.file.warn(el, 'a gap without a reason: printed as illegible', code="tei-gap")
    extent = el.get("extent") or " ".join(x for x in (el.get("quantity"), el.get("unit")) if x)
    attrs = f' reason="{attr_value(r.file, el, reason)}"' if reason else ""
    attrs += f' extent="{attr_value(r.file, el, extent)}"' if extent else ""
    return f"[]{{.gap{attrs}}}"


@reads("pb", "milestone")
def _milestone(r: Inlines, el) -> str:
    unit = "page" if local(el.tag) == "pb" else (el.get("unit") or "")
    unit = "folio" if unit in ("folio", "leaf") else unit
    n = el.get("n") or ""
    if unit not in ("page", "folio") or not n:
        r.file.warn(el, f"<{local(el.tag)}> without a number or of unit \"{unit}\" (the model knows folio and page "
                        f"breaks): left out")
        return ""
    return f'[]{{.{unit} n="{attr_value(r.file, el, n)}"}}'


@reads("lb")
def _line_break(r: Inlines, el) -> str:
    return " "


# ---------------------------------------------------------------- the critical apparatus


@reads("app")
def _app(r: Inlines, el) -> str:
    """``app`` in parallel segmentation: ``[lemma]{.app N="reading" H="om." E="add. words" lem="B" note="..."}``.
    An empty ``rdg`` is an omission; a ``rdg type="add"`` holding the lemma's words and more, an addition."""
    lem = next((c for c in el if isinstance(c.tag, str) and local(c.tag) == "lem"), None)
    lemma = r.content(lem) if lem is not None else ""
    lemma_words = words(lem) if lem is not None else ""
    if not lemma_words.strip():
        r.file.warn(el, "an apparatus entry without a lemma (the base text has no words here): kept as an entry "
                        "with an empty lemma, which edition check reports", code="tei-app")
    attrs: list[str] = []
    for child in el:
        if not isinstance(child.tag, str) or child is lem:
            continue
        name = local(child.tag)
        if name == "rdg":
            value = _reading_value(r, child, lemma_words)
            attrs.extend(f'{siglum}="{value}"' for siglum in _sigla(r, child))
        elif name == "note":
            attrs.append(f'note="{r.text(words(child))}"')
        else:
            r.file.warn(child, f"<{name}> in an apparatus entry has no place in the edition's model: left out, "
                               f"with its text", code="tei-app")
    if lem is not None and lem.get("wit"):
        attrs.append(f'lem="{" ".join(_sigla(r, lem))}"')
    return f"[{lemma}]{{.app {' '.join(attrs)}}}"


def words(el: etree._Element) -> str:
    """An element's words as the model's ``plain_text`` has them: without notes and corrections (``corr``)."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and local(child.tag) not in ("note", "corr"):
            out.append(words(child))
        out.append(child.tail or "")
    return "".join(out)


def _reading_value(r: Inlines, rdg: etree._Element, lemma: str) -> str:
    text = words(rdg) if r.exact else " ".join(words(rdg).split())
    if not r.exact and len(rdg):
        r.file.warn(rdg, "markup inside a reading: the reading is kept as its words")
    if not text.strip():
        return "om."
    if rdg.get("type") == "add":
        if text.startswith(f"{lemma} "):
            return "add. " + r.text(text[len(lemma) + 1:])
        r.file.warn(rdg, f'a reading of type "add" that does not begin with the lemma ("{lemma}"): kept as the '
                         f"witnesses' reading in place of the lemma", code="tei-app")
    value = r.text(text)  # escaped as the text is, so that it reads back exactly
    return re.sub(r"^(om|add)\.", r"\1\\.", value)  # the words "om." or "add. ..." themselves, not the signs


def siglum(file: TeiFile, el: etree._Element, name: str) -> str:
    """A witness's siglum for the markup (letters and digits) from ``name`` (its ``@n`` or ``xml:id``)."""
    clean = re.sub(r"[^A-Za-z0-9]", "", name) or "X"
    if clean != name:
        file.warn(el, f'the witness "{name}" is written "{clean}" (a siglum of the markup is letters and digits)',
                  code="tei-app")
    return clean


def witness_entries(file: TeiFile, tei: etree._Element) -> list[dict]:
    """The witnesses a TEI document lists (``listWit/witness``), as ``witnesses:`` entries of a document."""
    return [{"siglum": siglum(file, w, w.get("n") or w.get(XML_ID) or ""),
             "description": " ".join("".join(w.itertext()).split()) or "(no description)"}
            for w in tei.iter(f"{{{TEI_NS}}}witness")]


def _sigla(r: Inlines, el: etree._Element) -> list[str]:
    """The sigla ``@wit`` points at: each witness's ``@n`` (ours), else its ``xml:id``, as letters and digits."""
    out = []
    for pointer in (el.get("wit") or "").split():
        target = r.file.by_id.get(pointer[1:]) if pointer.startswith("#") else None
        out.append(siglum(r.file, el, (target.get("n") if target is not None else None) or pointer.lstrip("#")))
    if not out and local(el.tag) == "rdg":
        r.file.warn(el, 'a reading without @wit: kept under the siglum "UNKNOWN", which edition check reports',
                    code="tei-app")
        out.append("UNKNOWN")
    return out
