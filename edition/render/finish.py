"""Finishing: what the final PDF says about itself, and the parts written by WeasyPrint.

``write_pdf`` writes laid-out pages as one PDF part, in the variant of the profile:

- ``screen``: PDF/A-2a and PDF/UA-1 (archival, tagged by ``tagging``: headings,
  paragraphs, lists, notes as ``Note``, links with descriptions, reading order,
  languages; page furniture as artifacts), links and bookmarks;
- ``print``: PDF/X-4 (FOGRA39 output intent) with the bleed of the stylesheet;
  the assembly adds the slug and crop marks (``marks``).

``assemble`` joins the parts and finishes the PDF with what is defined here:
page label ranges, the document info and the XMP packet with the variant's
identification (ids derived from the content, dates only from
``SOURCE_DATE_EPOCH``, else 1 January of the edition's year, so the same source
gives the same bytes), and the output intent of print described as what it is.
"""
from __future__ import annotations

import datetime as _dt
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from .. import adapter
from ..clock import edition_date  # noqa: F401  (part of this module's API)
from ..model import EditionMeta
from ..profiles import Profile
from .tagging import Tagger

class AssemblyError(ValueError):
    """Parts that cannot be joined into one PDF."""


LINK_ELSEWHERE = "edition-part:"  # a link's URI scheme for an anchor in another part: edition-part:<name>
NOTE_ELEMENT = "edition-note"  # the HTML element of a note, tagged as a PDF Note


@dataclass(frozen=True)
class LabelRange:
    """Pages ``first`` (0-based, in the final PDF) onwards are labelled in ``style`` starting at ``start``."""

    first: int
    style: str  # "roman" | "arabic"
    start: int = 1


def write_pdf(document, profile: Profile) -> bytes:
    """A laid-out WeasyPrint document as one PDF part, in the profile's variant; tagged (``tagging``) for a
    tagged profile."""
    # no /ID: computing it serialises (and compresses) the whole part a second time, and the assembled
    # PDF gets its own, derived from the content of every part
    if not profile.tagged:
        return document.write_pdf(pdf_variant=profile.pdf_variant, pdf_identifier=False)
    with adapter.tagged_by(Tagger({NOTE_ELEMENT: "Note"}), document):
        return document.write_pdf(pdf_variant=profile.pdf_variant, pdf_identifier=False)


def document_info(meta: EditionMeta, when: _dt.datetime, profile: Profile) -> dict[str, object]:
    """The document information dictionary's entries."""
    from pypdf.generic import NameObject, TextStringObject
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
# the printing condition, as the ICC's registry of characterization data names it
PRINTING_CONDITION = {
    "/OutputConditionIdentifier": "FOGRA39",
    "/RegistryName": "http://www.color.org",
    "/OutputCondition": "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated "
                        "art, 115 g/m2, tone value increase curves A (CMY) and B (K)",
    # what the embedded profile is (styles/color/README.md): not Adobe's "Coated FOGRA39"
    "/Info": "FOGRA39 characterization data (ISO 12647-2:2004/Amd 1, coated paper); "
             "ICC profile FOGRA39L made from it with ArgyllCMS colprof",
}


def name_output_intent(intent) -> None:
    """Name the printing condition of a PDF/X output intent as the ICC registry does, so that a printer
    recognizes it, and describe the embedded profile honestly."""
    from pypdf.generic import NameObject, TextStringObject
    for key, value in PRINTING_CONDITION.items():
        intent[NameObject(key)] = TextStringObject(value)


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
    if profile.universal_access:
        conformance += "<pdfuaid:part>1</pdfuaid:part>"
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
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
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
        f"<xmpMM:InstanceID>uuid:{instance}</xmpMM:InstanceID>"
        f"<xmpMM:VersionID>{when.strftime('%Y%m%d%H%M%S')}</xmpMM:VersionID>"
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
        f"{conformance}\n"
        "</rdf:Description>\n"
        f"{UA_EXTENSION_SCHEMA if profile.universal_access and profile.name == 'screen' else ''}"
        "</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


# PDF/A allows only the XMP schemas it predefines, or those an extension schema describes (ISO 19005-2
# 6.6.2.3): the PDF/UA identification is not predefined
UA_EXTENSION_SCHEMA = (
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
    ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property>"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\n")

