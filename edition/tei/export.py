"""Export: a loaded, resolved ``Edition`` in, a TEI P5 ``teiCorpus`` out (UTF-8 bytes, deterministic).

One ``teiCorpus``: the edition's header, the persons authority once as
``standOff/listPerson`` (so that every ``persName ref="#id"`` of every
document points into the same file), then one ``TEI`` per document with its
own header and ``text/body/div type="document"``: the title as ``head``,
the ``dateline``, each section as ``div type="section"`` with its ``head``,
paragraphs as ``p``, speakers' turns as ``sp``, marginal annotations as
``note place="margin"`` and each note as ``note place="foot"`` at its call.

Inline nodes are written by one function each, registered with ``@writes``;
adding a node type to the model means adding one function here.  An entry of
the critical apparatus (``App``) is an ``app`` in parallel segmentation: the
lemma as ``lem`` (``@wit`` when the source names its witnesses), each reading
as ``rdg @wit`` holding what the witnesses read in its place (empty for an
omission; for an addition the lemma's words and the added ones, ``@type="add"``),
the editor's note as ``note``; the declared witnesses are a ``listWit`` in the
document's ``sourceDesc`` (``header._source``), each ``witness`` with its siglum
as ``@n`` and an ``xml:id`` that ``@wit`` points at.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lxml import etree

from .. import __version__
from ..diagnostics import Diagnostics, EditionError
from ..model import (App, CrossRef, Document, Edition, Emphasis, Gap, Inline, Milestone, NoteCall, Paragraph,
                     PersonMention, Section, Sic, Supplied, Text, plain_text)
from ..pipeline import prepare
from .header import corpus_header, document_header, notes_resp, person_list, sub
from .ids import TEI_NS, XML_LANG, local, tei, xml_id

Writer = Callable[[etree._Element, Any, "_Out"], None]  # Any: each writer takes its own node type
WRITERS: dict[type, Writer] = {}

# elements whose children are elements only: indented; every other element keeps its content as it is
BLOCKS = {"teiCorpus", "TEI", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "seriesStmt", "notesStmt",
          "sourceDesc", "encodingDesc", "appInfo", "application", "tagsDecl", "editorialDecl", "profileDesc",
          "langUsage", "textClass", "keywords", "standOff", "listPerson", "person", "respStmt", "msDesc",
          "msIdentifier", "msContents", "msItem", "availability", "abstract", "creation", "particDesc", "text",
          "body", "div", "sp", "relatedItem", "listWit"}


@dataclass
class _Ids:
    """Unique ``xml:id`` values for the edition's ids (persons, documents, notes, sections)."""

    used: set[str] = field(default_factory=set)
    of: dict[tuple[str, str], str] = field(default_factory=dict)

    def assign(self, kind: str, key: str, name: str = "") -> str:
        """An unused ``xml:id`` for ``key`` (made from ``name`` when given), remembered as ``of[(kind, key)]``."""
        base = candidate = xml_id(name or key)
        k = 2
        while candidate in self.used:
            candidate, k = f"{base}.{k}", k + 1
        self.used.add(candidate)
        self.of[(kind, key)] = candidate
        return candidate


@dataclass
class _Out:
    edition: Edition
    ids: _Ids
    doc: Document | None = None


def writes(kind: type) -> Callable[[Writer], Writer]:
    """Register the TEI writer of one inline node type."""
    def register(fn: Writer) -> Writer:
        WRITERS[kind] = fn
        return fn
    return register


def inlines(parent: etree._Element, nodes: tuple[Inline, ...], out: _Out) -> None:
    for node in nodes:
        WRITERS[type(node)](parent, node, out)


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@writes(Text)
def _text(parent, node: Text, out: _Out) -> None:
    _append_text(parent, node.value)


@writes(Emphasis)
def _emphasis(parent, node: Emphasis, out: _Out) -> None:
    inlines(sub(parent, "hi", rend="italic"), node.children, out)


@writes(NoteCall)
def _note(parent, node: NoteCall, out: _Out) -> None:
    note = node.note
    assert out.doc is not None  # notes are called inside a document
    el = sub(parent, "note", n=str(note.number), place="foot", resp=notes_resp(out.edition, out.doc),
             xml_id=out.ids.of[("note", note.anchor)])
    inlines(el, note.content, out)
    for number in note.external_notes:  # "Note 33 infra": a note of another numbering, not of this edition
        sub(el, "ref", type="external-note", n=str(number))
    own = {n.number: n for n in out.doc.notes}
    for number, mapped in note.mapped_notes:  # a note of another numbering that is this document's note
        target = out.ids.of[("note", own[mapped].anchor)]
        sub(el, "ref", type="external-note", n=str(number), target=f"#{target}")


@writes(PersonMention)
def _person(parent, node: PersonMention, out: _Out) -> None:
    el = sub(parent, "persName", ref=f"#{out.ids.of[('person', node.person_id)]}")
    if not node.explicit:
        el.set("type", "detected")  # found by the authority's name forms, not marked by the editor
    inlines(el, node.children, out)


@writes(Supplied)
def _supplied(parent, node: Supplied, out: _Out) -> None:
    inlines(sub(parent, "supplied"), node.children, out)


@writes(Sic)
def _sic(parent, node: Sic, out: _Out) -> None:
    if not node.correction:
        inlines(sub(parent, "sic"), node.children, out)
        return
    choice = sub(parent, "choice")
    inlines(sub(choice, "sic"), node.children, out)
    sub(choice, "corr", node.correction)


@writes(Gap)
def _gap(parent, node: Gap, out: _Out) -> None:
    el = sub(parent, "gap", reason=node.reason)
    if node.extent:
        el.set("extent", node.extent)


@writes(Milestone)
def _milestone(parent, node: Milestone, out: _Out) -> None:
    if node.unit == "page":
        sub(parent, "pb", n=node.n)
    else:
        sub(parent, "milestone", unit=node.unit, n=node.n)


@writes(App)
def _app(parent, node: App, out: _Out) -> None:
    app = sub(parent, "app")
    lem = sub(app, "lem")
    if node.lemma_witnesses:
        lem.set("wit", _wit(node.lemma_witnesses, out))
    inlines(lem, node.children, out)
    lemma = plain_text(node.children)
    for reading in node.readings:
        words = {"rdg": reading.text, "om": None, "add": f"{lemma} {reading.text}"}[reading.kind]
        rdg = sub(app, "rdg", words, wit=_wit(reading.witnesses, out))
        if reading.kind == "add":
            rdg.set("type", "add")
    if node.note:
        sub(app, "note", node.note)


def _wit(sigla: tuple[str, ...], out: _Out) -> str:
    assert out.doc is not None  # an apparatus entry stands in a document
    return " ".join(f"#{out.ids.of[('witness', witness_key(out.doc.id, siglum))]}" for siglum in sigla)


def witness_key(doc_id: str, siglum: str) -> str:
    return f"{doc_id}/{siglum}"


@writes(CrossRef)
def _ref(parent, node: CrossRef, out: _Out) -> None:
    kind = {"doc": "document", "note": "note", "section": "section"}[node.kind]
    el = sub(parent, "ref", type=node.kind, target=f"#{out.ids.of[(kind, node.anchor)]}")
    inlines(el, node.children, out)


# ---------------------------------------------------------------- blocks


def _paragraph(parent: etree._Element, p: Paragraph, out: _Out) -> None:
    if p.kind == "annotation":
        parent = sub(parent, "note", place="margin")
        if not p.speaker:
            inlines(parent, p.content, out)
            return
    if p.speaker:
        sp = sub(parent, "sp")
        inlines(sub(sp, "speaker"), p.speaker, out)
        parent = sp
    inlines(sub(parent, "p"), p.content, out)


def _section(parent: etree._Element, doc: Document, section: Section, out: _Out) -> None:
    div = sub(parent, "div", type="section", n=section.anchor.removeprefix(f"{doc.id}-"),
              xml_id=out.ids.of[("section", section.anchor)])
    if section.heading:
        inlines(sub(div, "head"), section.heading, out)
    for block in section.blocks:
        _paragraph(div, block, out)


def _document(corpus: etree._Element, doc: Document, out: _Out) -> None:
    out.doc = doc
    el = sub(corpus, "TEI", n=doc.id, xml_id=out.ids.of[("document", doc.id)])
    el.set(XML_LANG, doc.language)
    el.append(document_header(out.edition, doc, _preamble(out.edition, doc),
                              {pid: xid for (kind, pid), xid in out.ids.of.items() if kind == "person"},
                              lambda parent, tag, nodes: inlines(sub(parent, tag), nodes, out),
                              {w.siglum: out.ids.of[("witness", witness_key(doc.id, w.siglum))]
                               for w in doc.witnesses}))
    div = sub(sub(sub(el, "text"), "body"), "div", type="document")
    inlines(sub(div, "head"), doc.title, out)
    dateline = sub(div, "dateline")
    sub(dateline, "date", doc.dateline or None, when=doc.date.isoformat())
    for section in doc.sections:
        _section(div, doc, section, out)


def _preamble(edition: Edition, doc: Document) -> str:
    """The comment opening the document's YAML file (its editorial interventions), without the ``#``."""
    path = Path(edition.root) / "documents" / f"{doc.id}.yaml"
    lines = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines)


def _assign_ids(edition: Edition) -> _Ids:
    ids = _Ids()
    reserved = {"translator", "page", "note-numbering", "document-heading", "line-numbering"}
    ids.used.update({"editor-%d" % i for i in range(1, len(edition.meta.editors) + 1)} | reserved)
    for person in edition.persons:
        ids.assign("person", person.id)
    for doc in edition.documents:
        ids.assign("document", doc.id)
        for section in doc.sections:
            ids.assign("section", section.anchor)
        for note in doc.notes:
            ids.assign("note", note.anchor)
        for witness in doc.witnesses:  # the siglum itself where no other id has it
            ids.assign("witness", witness_key(doc.id, witness.siglum), witness.siglum)
    return ids


def edition_tree(edition: Edition) -> etree._Element:
    """The edition as a ``teiCorpus`` element."""
    ids = _assign_ids(edition)
    out = _Out(edition, ids)
    corpus = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS})
    corpus.set(XML_LANG, edition.meta.language)
    corpus.append(corpus_header(edition, __version__, lambda parent, tag, nodes: inlines(sub(parent, tag), nodes, out)))
    person_ids = {pid: xid for (kind, pid), xid in ids.of.items() if kind == "person"}
    sub(corpus, "standOff").append(person_list(edition.persons, person_ids))
    for doc in edition.documents:
        _document(corpus, doc, out)
    _indent(corpus, 0)
    return corpus


def load_for_export(source: Path, diags: Diagnostics) -> Edition:
    """The edition of ``source``, loaded, resolved and checked; its errors raised as ``EditionError``.  Its
    text is the source's: the typography of print (no-break spaces, glosses) is not TEI's business."""
    edition = prepare(Path(source), diags, typeset=False)
    if edition is None or diags.errors:
        raise EditionError(diags)
    return edition


def export_tei(edition: Edition) -> bytes:
    """The edition as TEI P5 (a ``teiCorpus``), UTF-8 with an XML declaration."""
    tree = edition_tree(edition)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def _indent(el: etree._Element, level: int) -> None:
    """Line breaks and two-space indents between the children of block elements only (mixed content untouched)."""
    if local(el.tag) not in BLOCKS or (el.text and el.text.strip()) or not len(el):
        return
    if local(el.tag) == "div" and el.get("type") not in ("document", "section"):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        if child.tail and child.tail.strip():
            return  # mixed content after all: leave the rest as it is
        child.tail = pad
        _indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level
