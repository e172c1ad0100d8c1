"""Tagging: what WeasyPrint draws in, the structure tree of a PDF part and its replacement texts out.

Takes, through the adapter, every marked-content sequence WeasyPrint draws for a part (``Marked``: its
page, MCID, HTML element and text) and every link annotation (``Annotated``), in drawing order; a
``Tagger`` gives

- ``structure(items)``: the structure tree as ``Node`` values, with the standard structure types of
  ISO 32000-1 14.8.4 only: one element per HTML element however many pages it spans (a speaker's turn
  across a page break is one P, a list one L), each placed where its first content is drawn under its
  HTML parent (so a note follows its call in reading order, inside the paragraph; a note called in a
  heading follows the heading, which stays a line of text; a long note's continuation on the next page
  is part of the note); no element without
  content; notes as Note with their HTML id (ISO 14289-1 7.9) and their number, the note's first link,
  as Lbl; a definition list's term and description as the Lbl and LBody of one LI (14.8.4.3.3); links as
  Link, each with an alternate description for its annotations' Contents (ISO 14289-1 7.18.5); /Lang
  where an element's language differs from its parent's (14.9.2);
- ``replacements(runs)``: the replacement texts (ISO 32000-1 14.9.4) that make words and URLs broken
  across lines extract whole (``extraction``).

Page furniture (running heads, folios, leader dots) never reaches this module: the adapter draws it as
artifacts.  The HTML elements are ``xml.etree`` elements, which know no parent: ``start`` maps them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .extraction import Run, replacements

BLOCK = {"article": "Art", "section": "Sect", "p": "P", "blockquote": "BlockQuote", "div": "Div",
         "header": "Div", "footer": "Div", "nav": "Div", "aside": "Div", "figure": "Div", "main": "Part",
         "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5", "h6": "H6",
         "ul": "L", "ol": "L", "dl": "L", "table": "Table", "thead": "THead", "tbody": "TBody",
         "tfoot": "TFoot", "tr": "TR", "th": "TH", "td": "TD", "caption": "Caption", "figcaption": "Caption",
         "img": "Figure"}
INLINE = {"q": "Quote", "code": "Code", **{tag: "Span" for tag in (
    "span", "em", "i", "b", "strong", "sup", "sub", "small", "cite", "abbr", "mark", "s", "u", "time", "var",
    "kbd", "samp", "dfn", "bdi", "bdo", "label", "ins", "del")}}
TRANSPARENT = {"html", "body", "br", "wbr"}
HEADINGS = {"H", "H1", "H2", "H3", "H4", "H5", "H6"}
CONTINUATION = re.compile(r"^(.+)-c\d+$")
WEB = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Marked:
    """One marked-content sequence as drawn: its page (0-based), MCID, element, pseudo-element, text."""

    page: int
    mcid: int
    element: Any
    pseudo: str = ""  # "marker", "footnote-call", "footnote-marker", "before", "after" or ""
    text: str = ""


@dataclass(frozen=True)
class Annotated:
    """A link annotation on a page, made for an element (``annotation`` is the adapter's own handle)."""

    page: int
    element: Any
    annotation: Any


@dataclass(eq=False)
class Node:
    """A structure element: its standard type, kids (nodes, marked sequences, annotations), attributes."""

    role: str
    kids: list = field(default_factory=list)
    lang: str | None = None
    id: str | None = None
    alt: str | None = None
    scope: str | None = None  # of a table header: "Column" or "Row"
    contents: str | None = None  # of a link: its annotations' alternate description
    element: Any = None

    def text(self) -> str:
        return "".join(kid.text() if isinstance(kid, Node) else getattr(kid, "text", "") for kid in self.kids)

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


class Tagger:
    """The structure and replacement texts of one part; ``custom`` maps further HTML elements to types."""

    def __init__(self, custom: dict[str, str] | None = None):
        self.custom = dict(custom or {})
        self.parents: dict[Any, Any] = {}
        self.by_id: dict[str, Any] = {}
        self.terms: dict[Any, Any] = {}  # a dd -> the dt it describes
        self.root_lang: str | None = None

    def start(self, root) -> None:
        """Learn the HTML tree (its root element): parents, ids, the terms of definition lists."""
        self.root_lang = root.get("lang")
        for parent in root.iter():
            term = None
            for child in parent:
                self.parents[child] = parent
                if child.get("id"):
                    self.by_id.setdefault(child.get("id"), child)
                if child.tag == "dt":
                    term = child
                elif child.tag == "dd" and term is not None:
                    self.terms[child] = term

    # ------------------------------------------------------------ roles

    def role(self, element) -> str | None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in TRANSPARENT:
            return None
        if tag in self.custom:
            return self.custom[tag]
        if tag == "a":
            return "Link" if element.get("href") else "Span"
        return BLOCK.get(tag) or INLINE.get(tag) or "NonStruct"

    def lang_of(self, element) -> str | None:
        while element is not None:
            if element.get("lang"):
                return element.get("lang")
            element = self.parents.get(element)
        return self.root_lang

    def is_note_label(self, element) -> bool:
        """The note's number: the note's first child, a link back to the call that links to the note."""
        note = self.parents.get(element)
        if element.tag != "a" or note is None or self.role(note) != "Note" or not len(note) or note[0] is not element:
            return False
        call = self.by_id.get((element.get("href") or "")[1:])
        return call is not None and call.get("href") == f"#{note.get('id')}"

    # ------------------------------------------------------------ replacement texts

    def replacements(self, runs: list[Run]) -> dict[int, str]:
        """The replacement texts of the part's text runs (``extraction``)."""
        return replacements(runs)

    # ------------------------------------------------------------ structure

    def structure(self, items) -> Node:
        """The part's Document element, holding every element with content, in drawing order."""
        builder = _Builder(self)
        for item in items:
            builder.place(item)
        for node in builder.document.walk():
            if node.role == "Link":
                node.contents = self.describe(node)
        return builder.document

    def describe(self, link: Node) -> str:
        """A link's alternate description: its title, else what it shows (its text, then what the
        stylesheet adds, a page number say), said so that it stands alone."""
        element = link.element
        if element.get("title"):
            return " ".join(element.get("title").split())
        pieces = [piece for piece in element.itertext() if piece.strip()]
        pieces += [mark.text for node in link.walk() for mark in node.kids
                   if isinstance(mark, Marked) and mark.pseudo in ("before", "after") and mark.text.strip()]
        text = " ".join(" ".join(pieces).split())
        href = element.get("href") or ""
        target = self.by_id.get(href[1:]) if href.startswith("#") else None
        if target is not None and self.role(target) == "Note":
            return f"Note {text}"
        if self.is_note_label(element):
            return f"Note {text}, back to its call in the text"
        if href.startswith(WEB):
            return text or href
        if not text:
            return f"Link to {href}"
        return text if any(ch.isalpha() for ch in text) else f"Page {text}"


class _Builder:
    """Places each marked sequence and annotation in the tree, creating elements as content arrives."""

    def __init__(self, tagger: Tagger):
        self.t = tagger
        self.document = Node("Document")
        self.nodes: dict[tuple, Node] = {}

    def place(self, item) -> None:
        element = item.element
        pseudo = getattr(item, "pseudo", "")
        if isinstance(item, Annotated):  # WeasyPrint annotates the boxes inside a link too: all go to the link
            link = element
            while link is not None and self.t.role(link) != "Link":
                link = self.t.parents.get(link)
            target = self.content(link if link is not None else element)
        elif element is not None and pseudo == "marker":
            target = self._label(self._item(element), "LI", element)
        elif element is not None and pseudo == "footnote-marker":
            target = self._label(self.content(element), "Note", element)
        elif element is not None and pseudo == "footnote-call":
            target = self._keyed(("call", element), self.content(self.t.parents.get(element)), "Reference")
        else:
            target = self.content(element)
        target.kids.append(item)

    def content(self, element) -> Node:
        """The node an element's own content goes into, made (with its ancestors) on first use."""
        if element is None:
            return self.document
        key = ("content", element)
        if key in self.nodes:
            return self.nodes[key]
        role = self.t.role(element)
        parent = self.t.parents.get(element)
        if role is None:
            node = self.content(parent) if parent is not None else self.document
        elif element.tag == "li":
            node = self._keyed(("body", element), self._item(element), "LBody")
        elif element.tag in ("dt", "dd"):
            term = element if element.tag == "dt" else self.t.terms.get(element, element)
            item = self._keyed(("item", term), self.content(parent), "LI")
            node = self._new(item, "Lbl" if element.tag == "dt" else "LBody", element)
        elif self.t.is_note_label(element):
            label = self._keyed(("label", parent), self.content(parent), "Lbl", at_start=True)
            node = self._new(label, role, element)
        elif role == "Note" and self._first_part(element) is not None:  # a long note continued on a next page
            node = self.content(self._first_part(element))
        elif role == "Note" and self._heading(element) is not None:
            node = self._note_after_heading(element, self._heading(element))
        else:
            node = self._new(self.content(parent) if parent is not None else self.document, role, element)
        self.nodes[key] = node
        return node

    def _first_part(self, note):
        """The note a continuation element continues (``anchors.note_part``: its id is the note's and
        "-c<part>"), or None."""
        found = CONTINUATION.match(note.get("id") or "")
        first = self.t.by_id.get(found.group(1)) if found else None
        return first if first is not None and self.t.role(first) == "Note" else None

    def _heading(self, element):
        """The heading an element (a note called in a heading) lies in, or None."""
        node = self.t.parents.get(element)
        while node is not None:
            if (self.t.role(node) or "") in HEADINGS:
                return node
            node = self.t.parents.get(node)
        return None

    def _note_after_heading(self, note, heading) -> Node:
        """A note called in a heading follows the heading (the heading stays its own line of text)."""
        holder = self.content(self.t.parents.get(heading))
        after = self.nodes.setdefault(("after", heading), self.content(heading))  # the heading, or its last note
        node = self._new(holder, "Note", note)
        holder.kids.remove(node)
        holder.kids.insert(holder.kids.index(after) + 1, node)
        self.nodes[("after", heading)] = node
        return node

    def _item(self, li) -> Node:
        return self._keyed(("item", li), self.content(self.t.parents.get(li)), "LI")

    def _label(self, holder: Node, kind: str, element) -> Node:
        return self._keyed(("label", element, kind), holder, "Lbl", at_start=True)

    def _keyed(self, key: tuple, parent: Node, role: str, at_start: bool = False) -> Node:
        if key not in self.nodes:
            node = Node(role)
            parent.kids.insert(0, node) if at_start else parent.kids.append(node)
            self.nodes[key] = node
        return self.nodes[key]

    def _new(self, parent: Node, role: str, element) -> Node:
        node = Node(role, element=element)
        own, inherited = element.get("lang"), self.t.lang_of(self.t.parents.get(element))
        if own and own != inherited:
            node.lang = own
        if role == "Note":
            node.id = element.get("id")
        elif role == "Figure":
            node.alt = element.get("alt") or element.get("title")
        elif role == "TH":
            node.scope = "Row" if element.get("scope") == "row" else "Column"
        parent.kids.append(node)
        return node
