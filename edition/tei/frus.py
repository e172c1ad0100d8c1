"""FRUS: documents as the Office of the Historian encodes them in, the edition's YAML values out.

A volume of Foreign Relations of the United States (HistoryAtState/frus) is
one ``TEI``; each document a ``div type="document"`` with ``@n`` (its number
in the volume), a ``head`` ("126. Memorandum of a Conversation, ...") whose
``note type="source"`` gives the archival source, a ``dateline`` with a
``date @when``, the text (``p``, ``list``, ``closer``, ``pb`` ...), footnotes
``note n="2"`` at their calls and persons as ``persName corresp="#p_MRD1"``
pointing into the volume's list of persons.

Each document becomes one source document named ``VOLUME-dN`` (e.g.
``frus1955-57v25-d126``): the head without its number as the title, the
source note verbatim as the citation (its repository, "Department of
State", as the archive), the volume and document number as where it is
published, the document's page on history.state.gov as its URL.  A TEI file
with no such ``div`` is read as one document per ``TEI`` (its header's title,
its body's text).
"""
from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from ..citation import parse_citation
from ..importer.emit import archival_number
from .blocks import Blocks
from .ids import TEI_NS, XML_ID, XML_LANG, local
from .read import Inlines, TeiFile, plain, witness_entries

NS = {"t": TEI_NS}
FRUS_SITE = "https://history.state.gov/historicaldocuments"
PUBLISHER = "Office of the Historian"
PLACEHOLDER = _dt.date(1, 1, 1)


def volume_id(file: TeiFile) -> str:
    """The volume's id (``frus1955-57v25``): the root's xml:id or the publication's idno, else the file's name."""
    idno = file.root.xpath("t:teiHeader/t:fileDesc/t:publicationStmt/t:idno[@type='frus']", namespaces=NS)
    return file.root.get(XML_ID) or (plain(idno[0]) if idno and plain(idno[0]) else "") or "tei"


def _first_text(el: etree._Element, *paths: str) -> str:
    for path in paths:
        found = el.xpath(path, namespaces=NS)
        if found and plain(found[0]):
            return plain(found[0])
    return ""


def edition_data(file: TeiFile, documents: list[str]) -> dict:
    """``edition.yaml`` from the volume's header (title, editors, publisher, place, year, licence, series)."""
    header = file.root.find(f"{{{TEI_NS}}}teiHeader")
    stmt = "t:fileDesc/t:publicationStmt"
    year = re.search(r"\d{4}", _first_text(header, f"{stmt}/t:date[@type='publication-date']", f"{stmt}/t:date"))
    data = {
        "title": _first_text(header, "t:fileDesc/t:titleStmt/t:title[@type='complete']",
                             "t:fileDesc/t:titleStmt/t:title") or "Untitled",
        "editors": [plain(e) for e in header.xpath("t:fileDesc/t:titleStmt/t:editor", namespaces=NS)] or ["Unknown"],
        "publisher": _first_text(header, f"{stmt}/t:publisher", f"{stmt}/t:distributor") or "Unknown",
        "place": _first_text(header, f"{stmt}/t:pubPlace") or "Unknown",
        "year": archival_number(year.group(0)) if year else 0,
        "language": (file.root.get(XML_LANG) or _attr(header, "t:profileDesc/t:langUsage/t:language/@ident")
                     or "en"),
        "licence": _first_text(header, f"{stmt}/t:availability"),
        "series": _first_text(header, "t:fileDesc/t:seriesStmt/t:title"),
        "documents": [f"{d}.yaml" for d in documents],
    }
    for key, value in list(data.items()):
        if value in ("Unknown", ["Unknown"], 0, "Untitled"):
            file.warn(header if header is not None else file.root,
                      f'the header gives no {key}: "{value[0] if isinstance(value, list) else value}" written in '
                      f"edition.yaml", code="tei-header")
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def _attr(el: etree._Element, path: str) -> str:
    found = el.xpath(path, namespaces=NS)
    return str(found[0]) if found else ""


def document_ids(file: TeiFile) -> list[tuple[etree._Element, str]]:
    """Each FRUS document of the file and the id it is written under."""
    volume = volume_id(file)
    return [(div, f"{volume}-{div.get(XML_ID) or 'd' + (div.get('n') or str(i))}")
            for i, div in enumerate(file.root.iter(f"{{{TEI_NS}}}div"), 1) if div.get("type") == "document"]


def document_data(file: TeiFile, div: etree._Element, doc_id: str, inlines: Inlines) -> dict:
    head = div.find(f"{{{TEI_NS}}}head")
    source = [n for n in (head.iter(f"{{{TEI_NS}}}note") if head is not None else ()) if n.get("type") == "source"]
    for note in source:
        _detach(note)
    title = inlines.finish(inlines.content(head)) if head is not None else ""
    number = div.get("n") or ""
    if number and title.startswith(f"{number}. "):
        title = title[len(number) + 2:]
    if not title:
        file.warn(div, "a document without a head: titled by its number", code="tei-title")
        title = f"Document {number}".strip()
    dateline = div.find(f"{{{TEI_NS}}}dateline")
    data: dict = {"title": title, "date": _date(file, div, dateline)}
    if dateline is not None and plain(dateline):
        data["dateline"] = plain(dateline)
    data["language"] = div.get(XML_LANG) or file.root.get(XML_LANG) or "en"
    data["citation"] = _citation(file, div, source)
    blocks = Blocks(inlines)
    blocks.read(div, skip=(head, dateline))
    data["body"] = blocks.data()
    if inlines.notes:
        data["notes_heading"] = "Editors' Notes"
        data["notes"] = sorted(inlines.notes, key=lambda n: n["n"])
    return data


def _detach(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent, tail = el.getparent(), el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def _date(file: TeiFile, div: etree._Element, dateline: etree._Element | None) -> _dt.date:
    candidates = []
    if dateline is not None:
        for date in dateline.iter(f"{{{TEI_NS}}}date"):
            candidates += [date.get(a) for a in ("when", "from", "notBefore") if date.get(a)]
    candidates += [v for k, v in div.attrib.items() if local(k) == "doc-dateTime-min"]
    for value in candidates:
        m = re.match(r"\d{4}-\d{2}-\d{2}", value)
        if m:
            return _dt.date.fromisoformat(m.group(0))
    file.warn(dateline if dateline is not None else div, "no date (@when, @from or @notBefore) for the document: "
              "dated 0001-01-01; correct it", code="tei-date")
    return PLACEHOLDER


def _citation(file: TeiFile, div: etree._Element, source: list[etree._Element]) -> dict:
    header = file.root.find(f"{{{TEI_NS}}}teiHeader")
    volume = _first_text(header, "t:fileDesc/t:titleStmt/t:title[@type='complete']",
                         "t:fileDesc/t:titleStmt/t:title") if header is not None else ""
    number = div.get("n") or ""
    published = f"{volume}, Document {number}" if volume and number else volume
    as_given = " ".join(plain(n) for n in source)
    citation: dict = {"as_given": as_given or published}
    repository = re.match(r"Source:\s*([^,.]+),", as_given)
    if not as_given:
        citation["repository"] = PUBLISHER
    elif parse_citation(as_given) is None:  # the shelfmark cannot be read: its repository at least
        if repository:
            citation["repository"] = repository.group(1).strip()
        else:
            file.warn(source[0], "the source note names no repository before its first comma: the citation is "
                                 "kept as given only", code="tei-citation")
    if published:
        citation["published"] = published
    if file.root.get(XML_ID) and div.get(XML_ID):
        citation["digital_archive"] = PUBLISHER
        citation["url"] = f"{FRUS_SITE}/{file.root.get(XML_ID)}/{div.get(XML_ID)}"
    return {k: v for k, v in citation.items() if v}


def generic_documents(file: TeiFile) -> list[tuple[etree._Element, str]]:
    """Each ``TEI`` of a file with no FRUS documents, as one document named after the file."""
    teis = [file.root] if local(file.root.tag) == "TEI" else list(file.root.iter(f"{{{TEI_NS}}}TEI"))
    stem = volume_id(file)
    return [(tei, stem if len(teis) == 1 else f"{stem}-{i}") for i, tei in enumerate(teis, 1)]


def generic_data(file: TeiFile, tei: etree._Element, inlines: Inlines) -> dict:
    header = tei.find(f"{{{TEI_NS}}}teiHeader")
    title = _first_text(header, "t:fileDesc/t:titleStmt/t:title") if header is not None else ""
    if not title:
        file.warn(tei, "no title in the header: titled \"Untitled\"", code="tei-title")
    body = tei.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    when = _attr(header, ".//t:creation//t:date/@when") if header is not None else ""
    date = PLACEHOLDER
    if re.match(r"\d{4}-\d{2}-\d{2}", when):
        date = _dt.date.fromisoformat(when[:10])
    else:
        file.warn(tei, "no date of creation (profileDesc/creation/date/@when): dated 0001-01-01; correct it",
                  code="tei-date")
    as_given = _first_text(header, "t:fileDesc/t:sourceDesc") if header is not None else ""
    data: dict = {"title": inlines.text(title or "Untitled"), "date": date,
                  "language": tei.get(XML_LANG) or "en",
                  "citation": {"as_given": as_given or "(the TEI header gives no source)"}}
    witnesses = witness_entries(file, tei)
    if witnesses:
        data["witnesses"] = witnesses
    blocks = Blocks(inlines)
    if body is not None:
        blocks.read(body)
    data["body"] = blocks.data()
    if inlines.notes:
        data["notes"] = sorted(inlines.notes, key=lambda n: n["n"])
    return data

