"""Our corpus: a ``teiCorpus`` written by ``edition export`` in, the edition's YAML values out.

The inverse of ``header`` and ``export``: ``edition_data`` reads the corpus
header back into ``edition.yaml``'s fields, ``document_data`` one ``TEI``
(header and ``div type="document"``) into a document's fields.  Text is
taken exactly as it stands, so that YAML -> TEI -> YAML gives the same model.
"""
from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from ..importer.emit import FlowList, archival_number
from .blocks import Blocks
from .ids import TEI_NS, XML_LANG, XML_NS, local
from .read import Inlines, TeiFile

NS = {"t": TEI_NS}


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _first(el: etree._Element, path: str) -> etree._Element:
    """The first element at ``path``, or an empty stand-in (a hand-edited file may lack it)."""
    found = el.xpath(path, namespaces=NS)
    return found[0] if found else etree.Element(f"{{{TEI_NS}}}missing")


def _missing(el: etree._Element) -> bool:
    return local(el.tag) == "missing"


def _value(el: etree._Element, path: str) -> str:
    return _text(_first(el, path))


def edition_data(file: TeiFile, documents: list[str], inlines: Inlines | None = None) -> dict:
    header = _first(file.root, "t:teiHeader")
    data: dict = {"title": _value(header, "t:fileDesc/t:titleStmt/t:title[@type='main']")}
    data["subtitle"] = _value(header, "t:fileDesc/t:titleStmt/t:title[@type='sub']")
    data["editors"] = [_text(e) for e in header.xpath("t:fileDesc/t:titleStmt/t:editor", namespaces=NS)]
    data["translator"] = _value(header, "t:fileDesc/t:titleStmt/t:respStmt[@xml:id='translator']/t:name")
    stmt = _first(header, "t:fileDesc/t:publicationStmt")
    data["publisher"] = _value(stmt, "t:publisher")
    data["place"] = _value(stmt, "t:pubPlace")
    data["year"] = archival_number(_value(stmt, "t:date"))
    data["language"] = (file.root.get(XML_LANG) or _first(header, "t:profileDesc/t:langUsage/t:language").get("ident")
                        or "en")
    data["licence"] = _value(stmt, "t:availability/t:licence")
    data["series"] = _value(header, "t:fileDesc/t:seriesStmt/t:title")
    data["acknowledgement"] = _value(header, "t:fileDesc/t:notesStmt/t:note[@type='acknowledgement']")
    data["keywords"] = FlowList(_text(t) for t in header.xpath("t:profileDesc/t:textClass/t:keywords/t:term",
                                                                 namespaces=NS))
    page = _rendition(header, "page")
    size = re.search(r"size:\s*([^;}]+?)\s*[;}]", page)
    bleed = re.search(r"bleed:\s*([^;}]+?)\s*[;}]", page)
    if size:
        data["page"] = {"size": size.group(1)}
    if bleed and bleed.group(1) != "3mm":
        data["print"] = {"bleed": bleed.group(1)}
    data["output"] = _value(header, "t:encodingDesc/t:appInfo/t:application/t:desc[@type='output']")
    data["note_numbering"] = _rendition(header, "note-numbering")
    data["document_heading"] = _rendition(header, "document-heading")
    lines = dict(re.findall(r"(every|count|locators)\s+(\w+)", _rendition(header, "line-numbering")))
    if lines:  # the line numbers of a critical edition ("every 5; count document; locators line")
        data["lines"] = {k: int(v) if k == "every" and v.isdigit() else v for k, v in lines.items()}
    if inlines is not None:
        data["method"] = [inlines.content(p) for p in header.xpath("t:encodingDesc/t:editorialDecl/t:p",
                                                                    namespaces=NS)]
    data["documents"] = [f"{d}.yaml" for d in documents]
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def _rendition(header: etree._Element, name: str) -> str:
    """The text of the corpus's ``rendition xml:id=name`` (a design setting), or ""."""
    return _value(header, f"t:encodingDesc/t:tagsDecl/t:rendition[@xml:id='{name}']")


def document_data(tei: etree._Element, inlines: Inlines, persons: dict[str, str]) -> tuple[dict, str]:
    """(the document's YAML fields, the comment that opens its file) from one of our ``TEI`` elements."""
    header = _first(tei, "t:teiHeader")
    div = _first(tei, "t:text/t:body/t:div[@type='document']")
    if _missing(div):
        inlines.file.warn(tei, 'a document without text/body/div type="document": its text is read from its body')
        div = _first(tei, "t:text/t:body")
    head = _first(div, "t:head")
    data: dict = {"title": inlines.content(head)}
    short = _first(header, "t:fileDesc/t:titleStmt/t:title[@type='short']")
    if not _missing(short):
        data["short_title"] = _text(short)
    date = _first(div, "t:dateline/t:date")
    try:
        data["date"] = _dt.date.fromisoformat(date.get("when") or "")
    except ValueError:
        inlines.file.warn(date if not _missing(date) else tei, "no date (dateline/date/@when): dated 0001-01-01; "
                                                              "correct it", code="tei-date")
        data["date"] = _dt.date(1, 1, 1)
    if _text(date):
        data["dateline"] = _text(date)
    source = _first(header, "t:fileDesc/t:sourceDesc")
    language = _value(source, "t:bibl[@type='details']/t:textLang")
    if language:
        data["original_language"] = language
    contents = _value(header, "t:profileDesc/t:langUsage/t:language")
    if contents:
        data["contents"] = contents
    data["language"] = tei.get(XML_LANG) or "en"
    data["citation"] = _citation(source)
    summary = [inlines.content(p) for p in header.xpath("t:profileDesc/t:abstract/t:p", namespaces=NS)]
    if summary:
        data["summary"] = summary[0] if len(summary) == 1 else summary
    partic = _first(header, "t:profileDesc/t:particDesc")
    if not _missing(partic):
        participants = [persons.get(p.get("sameAs", "")[1:], p.get("sameAs", "")[1:])
                        for p in partic.xpath("t:listPerson[@type='participants']/t:person", namespaces=NS)]
        if participants:
            data["participants"] = FlowList(participants)
        guests = []
        for p in partic.xpath("t:listPerson[@type='guests']/t:person", namespaces=NS):
            guest = {"person": persons.get(p.get("sameAs", "")[1:], p.get("sameAs", "")[1:])}
            if _value(p, "t:affiliation"):
                guest["affiliation"] = _value(p, "t:affiliation")
            guests.append(guest)
        if guests:
            data["guests"] = guests
    witnesses = [_witness(w) for w in source.xpath("t:listWit/t:witness", namespaces=NS)]
    if witnesses:
        data["witnesses"] = witnesses
    blocks = Blocks(inlines)
    blocks.read(div, skip=(head, _first(div, "t:dateline")))  # stand-ins are no children: nothing skipped
    data["body"] = blocks.data()
    heading = _first(header, "t:fileDesc/t:titleStmt/t:respStmt/t:resp")
    if not _missing(heading):
        data["notes_heading"] = _text(heading)
    if inlines.notes:
        data["notes"] = sorted(inlines.notes, key=lambda n: n["n"])
    interventions = [inlines.content(item) for item in header.xpath(
        "t:encodingDesc/t:editorialDecl/t:p/t:list[@type='interventions']/t:item", namespaces=NS)]
    if interventions:
        data["interventions"] = interventions
    return data, _value(header, "t:encodingDesc/t:editorialDecl/t:p[not(t:list)]")


def _witness(el: etree._Element) -> dict:
    """A witness: its siglum (``@n``), its description (its own text) and, when it has one, its citation."""
    data: dict = {"siglum": el.get("n") or el.get(f"{{{XML_NS}}}id") or "", "description": el.text or ""}
    if not _missing(_first(el, "t:bibl[@type='citation']")):
        data["citation"] = _citation(el)
    return data


RUSSIAN = {"repository": "archive", "collection": "fond", "series": "opis", "file": "delo", "folios": "listy"}


def _citation(source: etree._Element) -> dict:
    """The citation's fields; under their Russian names when its form is Russian (as the source had them)."""
    cited = _first(source, "t:bibl[@type='citation']")
    names = RUSSIAN if cited.get("subtype") == "russian" else {}
    c: dict = {"as_given": _text(cited)}
    ident = _first(source, "t:msDesc/t:msIdentifier")
    for key, path in (("repository", "t:repository"), ("collection", "t:collection[not(@type)]"),
                      ("series", "t:collection[@type='series']"), ("file", "t:idno[@type='file']"),
                      ("item", "t:idno[@type='item']"), ("box", "t:idno[@type='box']"),
                      ("folder", "t:idno[@type='folder']")):
        if _value(ident, path):
            c[names.get(key, key)] = archival_number(_value(ident, path))
    folios = source.xpath("t:msDesc/t:msContents/t:msItem/t:locus", namespaces=NS)
    if folios:
        c[names.get("folios", "folios")] = FlowList(_text(x) for x in folios)
    details = _first(source, "t:bibl[@type='details']")
    for key, path in (("compiler", "t:respStmt/t:name"), ("published", "t:relatedItem/t:bibl"),
                      ("digital_archive", "t:distributor")):
        if _value(details, path):
            c[key] = _value(details, path)
    ptr = _first(details, "t:ptr")
    if not _missing(ptr):
        c["url"] = ptr.get("target")
    return c
