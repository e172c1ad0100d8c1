"""Blocks: the body of a TEI document in, the edition's sections of paragraphs out (YAML-ready values).

``Blocks.read(div)`` walks the block elements of a document's ``div``:
``div`` (a section, its ``head`` the heading), ``p`` and ``ab`` (a
paragraph), ``sp`` (a speaker's turn), ``note place="margin"`` (a marginal
annotation), ``list`` (a paragraph per item, its label first), ``quote``,
``closer``, ``opener``, ``lg`` and the like (their parts as paragraphs),
``pb`` and ``milestone`` between paragraphs (carried to the next paragraph).
A paragraph holding a list or a block quotation is cut around it.  What is
not known is warned at its line and kept as a paragraph of its text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .ids import TEI_NS, local
from .read import Inlines

CONTAINERS = {"closer", "opener", "postscript", "floatingText", "body", "back", "front", "lg", "argument",
              "epigraph", "trailer"}
PARAGRAPHS = {"p", "ab", "signed", "salute", "dateline", "byline", "docAuthor", "l", "label", "item", "head",
              "address", "bibl"}
QUIET = {"listPerson", "listBibl", "figDesc"}  # apparatus of the file, not text of the document


@dataclass
class Section:
    heading: str = ""
    sid: str = ""
    paragraphs: list = field(default_factory=list)
    implicit: bool = False  # the paragraphs before a document's first section: dropped when there are none

    def data(self, index: int) -> dict:
        out: dict = {}
        if self.sid and self.sid != f"s{index}":
            out["id"] = self.sid
        if self.heading:
            out["heading"] = self.heading
        out["paragraphs"] = self.paragraphs
        return out


class Blocks:
    """The sections of one document, read from its body."""

    def __init__(self, inlines: Inlines):
        self.inl = inlines
        self.file = inlines.file
        self.sections: list[Section] = [Section(implicit=True)]
        self.pending = ""  # milestones between paragraphs, waiting for the next paragraph

    def data(self) -> list[dict]:
        if self.pending:
            self._trailing_milestones()
        sections = [s for s in self.sections if s.paragraphs or s.heading or not s.implicit]
        return [s.data(i) for i, s in enumerate(sections or [Section()], 1)]

    def _trailing_milestones(self) -> None:
        for section in reversed(self.sections):
            if section.paragraphs:
                last = section.paragraphs[-1]
                if isinstance(last, dict):
                    last["text"] = f"{last['text']} {self.pending}"
                else:
                    section.paragraphs[-1] = f"{last} {self.pending}"
                break
        self.pending = ""

    def add(self, markup: str, speaker: str = "", kind: str = "") -> None:
        text = self.inl.finish(markup)
        if not text.strip() and not speaker:
            return
        if self.pending:
            text, self.pending = f"{self.pending} {text}", ""
        if speaker or kind:
            item: dict = {}
            if kind:
                item["kind"] = kind
            if speaker:
                item["speaker"] = self.inl.finish(speaker)
            item["text"] = text
            self.sections[-1].paragraphs.append(item)
        else:
            self.sections[-1].paragraphs.append(text)

    def read(self, container: etree._Element, skip: tuple = ()) -> None:
        """The block children of ``container`` (those in ``skip``, e.g. the title's head, are left out)."""
        if container.text and container.text.strip():
            self._loose(container, container.text)
        for child in container:
            if child not in skip:
                self.block(child)
            if child.tail and child.tail.strip():
                self._loose(child, child.tail)

    def _loose(self, el: etree._Element, text: str) -> None:
        self.file.warn(el, "text outside any paragraph: kept as a paragraph", code="tei-loose")
        self.add(self.inl.text(text))

    def block(self, el) -> None:
        if not isinstance(el.tag, str):
            if isinstance(el, etree._Entity):
                self.add(self.inl.node(el))
            return
        name = local(el.tag)
        if etree.QName(el).namespace != TEI_NS:
            self.file.warn(el, f"<{el.tag}> is not TEI: its text is kept as a paragraph")
            self.add(self.inl.content(el))
        elif name == "div":
            self._section(el)
        elif name == "p":
            self._paragraph(el)
        elif name == "sp":
            self._speech(el)
        elif name == "note":
            self._block_note(el)
        elif name in ("pb", "milestone"):
            self.pending = f"{self.pending} {self.inl.node(el)}".strip()
        elif name == "list":
            self._list(el)
        elif name == "quote":
            self._quote(el)
        elif name in CONTAINERS:
            self.read(el)
        elif name in PARAGRAPHS:
            self.add(self.inl.content(el))
        elif name in QUIET:
            return
        else:
            self.file.warn(el, f"<{name}> has no place in the edition's model: its text is kept as a paragraph",
                           code="tei-unknown")
            self.add(self.inl.content(el))

    def _section(self, div: etree._Element) -> None:
        head = next((c for c in div if isinstance(c.tag, str) and local(c.tag) == "head"), None)
        heading = self.inl.finish(self.inl.content(head)) if head is not None else ""
        sid = div.get("n") if self.inl.exact else ""
        self.sections.append(Section(heading, sid or ""))
        self.read(div, skip=(head,))

    def _paragraph(self, p: etree._Element) -> None:
        """A paragraph; one holding lists or block quotations is cut around them."""
        self._around_blocks(p, [self.inl.text(p.text or "")])

    def _around_blocks(self, element: etree._Element, run: list[str]) -> None:
        """``element``'s inline content after ``run`` as paragraphs, cut around its block children (a list, a
        block quotation), each read in its place."""
        for child in element:
            if isinstance(child.tag, str) and _is_block(child):
                self.add("".join(run))
                run = []
                self.block(child)
            else:
                run.append(self.inl.node(child))
            run.append(self.inl.text(child.tail or ""))
        self.add("".join(run))

    def _speech(self, sp: etree._Element) -> None:
        speaker = next((c for c in sp if isinstance(c.tag, str) and local(c.tag) == "speaker"), None)
        name = self.inl.content(speaker) if speaker is not None else ""
        for child in sp:
            if child is speaker or not isinstance(child.tag, str):
                continue
            if local(child.tag) in ("p", "ab", "l") and name:
                self.add(self.inl.content(child), speaker=name)
                name = ""  # a turn of several paragraphs: the speaker is named once
            else:
                self.block(child)
        if name:
            self.add("", speaker=name)

    def _block_note(self, note: etree._Element) -> None:
        if note.get("place") == "margin":
            turn = next((c for c in note if isinstance(c.tag, str) and local(c.tag) == "sp"), None)
            if turn is None:
                self.add(self.inl.content(note), kind="annotation")
                return
            speaker = next((c for c in turn if isinstance(c.tag, str) and local(c.tag) == "speaker"), None)
            said = next((c for c in turn if isinstance(c.tag, str) and local(c.tag) == "p"), None)
            self.add(self.inl.content(said) if said is not None else "", kind="annotation",
                     speaker=self.inl.content(speaker) if speaker is not None else "")
            return
        call = self.inl.node(note)  # a footnote between paragraphs: called at the end of the last one
        self.file.warn(note, "a note between paragraphs: called at the end of the paragraph before it")
        section = self.sections[-1]
        if section.paragraphs and isinstance(section.paragraphs[-1], str):
            section.paragraphs[-1] += call
        else:
            self.add(call)

    def _list(self, el: etree._Element) -> None:
        label = ""
        for child in el:
            name = local(child.tag) if isinstance(child.tag, str) else ""
            if name == "label":
                label = self.inl.finish(self.inl.content(child))
            elif name == "item":
                self._item(child, label)
                label = ""
            elif name:
                self.block(child)

    def _item(self, item: etree._Element, label: str) -> None:
        nested = [c for c in item if isinstance(c.tag, str) and _is_block(c)]
        if not nested:
            self.add(f"{label} {self.inl.content(item)}" if label else self.inl.content(item))
            return
        self._around_blocks(item, [label + " " if label else "", self.inl.text(item.text or "")])

    def _quote(self, quote: etree._Element) -> None:
        self.file.warn(quote, "a block quotation: printed as ordinary paragraphs", code="tei-quote")
        if any(isinstance(c.tag, str) and _is_block(c) for c in quote):
            self.read(quote)
        else:
            self.add(self.inl.content(quote))


def _is_block(el: etree._Element) -> bool:
    """Whether an element inside a paragraph is a block of its own (a list, a block quotation, a table ...)."""
    name = local(el.tag)
    if name == "quote":
        return any(isinstance(c.tag, str) and local(c.tag) in ("p", "ab", "lg", "list") for c in el)
    return name in ("list", "table", "lg", "figure", "floatingText", "p", "div")
