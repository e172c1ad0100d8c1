"""Finishing: what the final PDF says about itself, and the parts written by WeasyPrint.

``write_pdf`` writes laid-out pages as one PDF part, in the variant of the profile:

- ``screen``: PDF/A-2a (archival, tagged: headings, paragraphs, notes as
  ``Note``, links, reading order, document language), links and bookmarks;
- ``print``: PDF/X-4 (FOGRA39 output intent), bleed and crop marks from the
  stylesheet.

``assemble`` joins the parts and finishes the PDF with what is defined here:
page label ranges, the document info and the XMP packet with the variant's
identification (ids derived from the content, dates only from
``SOURCE_DATE_EPOCH``, else 1 January of the edition's year, so the same source
gives the same bytes), and the recolouring of crop marks for print.

"""
from __future__ import annotations

import datetime as _dt
import re
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from pypdf.generic import NameObject, TextStringObject

from .. import adapter
from ..clock import edition_date  # noqa: F401  (part of this module's API)
from ..model import EditionMeta
from ..profiles import Profile

NOTE_ELEMENT = "edition-note"  # the HTML element of a note, tagged as a PDF Note


@dataclass(frozen=True)
class LabelRange:
    """Pages ``first`` (0-based, in the final PDF) onwards are labelled in ``style`` starting at ``start``."""

    first: int
    style: str  # "roman" | "arabic"
    start: int = 1


def write_pdf(document, profile: Profile) -> bytes:
    """A laid-out WeasyPrint document as one PDF part, in the profile's variant, straight from WeasyPrint."""
    if profile.tagged:
        adapter.map_element_to_tag(NOTE_ELEMENT, "Note")
    # no /ID: computing it serialises (and compresses) the whole part a second time, and the assembled
    # PDF gets its own, derived from the content of every part
    return document.write_pdf(pdf_variant=profile.pdf_variant, pdf_identifier=False)


def document_info(meta: EditionMeta, when: _dt.datetime, profile: Profile) -> dict[str, object]:
    """The document information dictionary's entries."""
    stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    info: dict[str, object] = {
        "/Title": TextStringObject(_title(meta)),
        "/Author": TextStringObject("; ".join(meta.editors)),
        "/Subject": TextStringObject(meta.subtitle or meta.title),
        "/Keywords": TextStringObject(", ".join(meta.keywords)),
        "/Creator": TextStringObject("edition"),
        "/Producer": TextStringObject(PRODUCER),
        "/CreationDate": TextStringObject(stamp),
        "/ModDate": TextStringObject(stamp),
    }
    if profile.cmyk:
        info["/Trapped"] = NameObject("/False")
    return info


PRODUCER = "edition (WeasyPrint 70, pypdf)"
_RGB_BLACK = re.compile(rb"(?m)^0 0 0 (rg|RG)$")


def marks_in_k(content: bytes) -> bytes:
    """A content stream with WeasyPrint's DeviceRGB black (its crop marks) set on the K plate instead."""
    return _RGB_BLACK.sub(lambda m: b"0 0 0 1 k" if m.group(1) == b"rg" else b"0 0 0 1 K", content)


def _title(meta: EditionMeta) -> str:
    return meta.title + (f": {meta.subtitle}" if meta.subtitle else "")


def xmp_packet(meta: EditionMeta, when: _dt.datetime, profile: Profile, digest: str) -> str:
    """The XMP metadata: Dublin Core, the variant's identification, content-derived ids."""
    title = _title(meta)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    doc_id = uuid.uuid5(uuid.NAMESPACE_URL, f"edition:{meta.title}:{meta.year}")
    instance = uuid.UUID(digest[:32])

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(value)}</rdf:li></rdf:Alt>'

    def seq(values) -> str:
        return "<rdf:Seq>" + "".join(f"<rdf:li>{xml_escape(v)}</rdf:li>" for v in values) + "</rdf:Seq>"

    def bag(values) -> str:
        return "<rdf:Bag>" + "".join(f"<rdf:li>{xml_escape(v)}</rdf:li>" for v in values) + "</rdf:Bag>"

    conformance = (
        '<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>' if profile.name == "screen" else
        '<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>')
    rights = f"<dc:rights>{alt(meta.licence)}</dc:rights>" if meta.licence else ""
    publisher = f"<dc:publisher>{bag([meta.publisher])}</dc:publisher>" if meta.publisher else ""
    trapped = "<pdf:Trapped>False</pdf:Trapped>" if profile.cmyk else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'
        ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n'
        f"<dc:format>application/pdf</dc:format>"
        f"<dc:title>{alt(title)}</dc:title>"
        f"<dc:creator>{seq(meta.editors)}</dc:creator>"
        f"<dc:description>{alt(meta.subtitle or meta.title)}</dc:description>"
        f"<dc:subject>{bag(meta.keywords)}</dc:subject>"
        f"<dc:language>{bag([meta.language])}</dc:language>"
        f"{publisher}{rights}\n"
        f"<pdf:Keywords>{xml_escape(', '.join(meta.keywords))}</pdf:Keywords>"
        f"<pdf:Producer>{PRODUCER}</pdf:Producer>{trapped}\n"
        f"<xmp:CreatorTool>edition</xmp:CreatorTool><xmp:CreateDate>{iso}</xmp:CreateDate>"
        f"<xmp:ModifyDate>{iso}</xmp:ModifyDate><xmp:MetadataDate>{iso}</xmp:MetadataDate>\n"
        f"<xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>"
        f"<xmpMM:InstanceID>uuid:{instance}</xmpMM:InstanceID>\n"
        f"{conformance}\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
