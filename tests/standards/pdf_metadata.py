"""Metadata of a finished PDF, checked: the XMP packet, against the document information dictionary.

Takes a ``pikepdf.Pdf``; gives the problems found (ISO 32000-1 14.3.2 and 14.3.3; ISO 19005-2 6.6;
ISO 14289-1 5 and 7.1; ISO 15930-7, metadata).  The XMP is read with ``xml.etree``.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pikepdf

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/", "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
      "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#", "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#"}
# the schemas XMP and PDF/A-2 predefine (ISO 19005-2 6.6.2.3.1), and those that describe extensions
PREDEFINED = {NS["dc"], NS["xmp"], NS["xmpMM"], NS["pdf"], NS["pdfaid"], "http://ns.adobe.com/xap/1.0/rights/",
              "http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/photoshop/1.0/",
              NS["pdfaExtension"], NS["pdfaSchema"], NS["pdfaProperty"]}


def xmp_properties(pdf: pikepdf.Pdf) -> tuple[dict[str, list[str]], ET.Element]:
    """The packet's properties as {"{namespace}name": [values]} (an array's items in order), and its tree."""
    tree = ET.fromstring(pdf.Root.Metadata.read_bytes())
    out: dict[str, list[str]] = {}
    for description in tree.iter(f"{{{RDF}}}Description"):
        for prop in description:
            items = [li.text or "" for li in prop.iter(f"{{{RDF}}}li")]
            out.setdefault(prop.tag, []).extend(items if items else [prop.text or ""])
    return out, tree


def _q(prefix_name: str) -> str:
    prefix, name = prefix_name.split(":")
    return f"{{{NS[prefix]}}}{name}"


def pdf_date(value: str) -> dt.datetime:
    """A PDF date (ISO 32000-1 7.9.4): D:YYYYMMDDHHmmSS followed by Z or an offset +HH'mm."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|([+-])(\d\d)'?(\d\d)'?)?", value)
    if m is None:
        raise ValueError(f"not a PDF date: {value!r}")
    offset = dt.timedelta(0)
    if m.group(8):
        offset = dt.timedelta(hours=int(m.group(9)), minutes=int(m.group(10))) * (1 if m.group(8) == "+" else -1)
    return dt.datetime(*(int(m.group(i)) for i in range(1, 7)), tzinfo=dt.timezone(offset))


def check_xmp(pdf: pikepdf.Pdf, variant: str) -> list[str]:
    """ISO 19005-2 6.6.4 (pdfaid:part 2, conformance A), ISO 14289-1 5 (pdfuaid:part 1) and 7.1 (dc:title),
    ISO 15930-7 (pdfxid:GTS_PDFXVersion PDF/X-4; xmpMM:DocumentID, VersionID and RenditionClass, and
    pdf:Trapped as the Info's /Trapped); ISO 19005-2 6.6.2.3: only predefined schemas, or schemas an
    extension schema describes (the PDF/UA identification needs one); ISO 32000-1 14.3.3: the document
    information dictionary says what the XMP says (title, producer, the same creation and modification
    instants)."""
    problems = []
    props, _tree = xmp_properties(pdf)
    info = pdf.docinfo

    def value(name: str) -> str:
        return (props.get(_q(name)) or [""])[0]

    wanted = {"xmpMM:DocumentID": r"uuid:[0-9a-f-]{36}", "xmpMM:InstanceID": r"uuid:[0-9a-f-]{36}",
              "xmpMM:VersionID": r".+", "xmpMM:RenditionClass": r".+", "dc:title": r".+"}
    if variant == "screen":
        wanted.update({"pdfaid:part": "2", "pdfaid:conformance": "A", "pdfuaid:part": "1"})
    else:
        wanted.update({"pdfxid:GTS_PDFXVersion": "PDF/X-4", "pdf:Trapped": "True|False"})
    for name, pattern in wanted.items():
        if not re.fullmatch(pattern, value(name)):
            problems.append(f"XMP {name} is {value(name)!r}")
    if variant == "screen":
        described = {schema.findtext(f"{{{NS['pdfaSchema']}}}namespaceURI")
                     for schema in _tree.iter(f"{{{RDF}}}li")
                     if schema.find(f"{{{NS['pdfaSchema']}}}namespaceURI") is not None}
        for tag in props:
            namespace = tag[1:].split("}")[0]
            if namespace not in PREDEFINED and namespace not in described:
                problems.append(f"XMP property {tag} of a schema neither predefined nor described")
    if str(info.get("/Title", "")) != value("dc:title"):
        problems.append("Info /Title differs from dc:title")
    if str(info.get("/Producer", "")) != value("pdf:Producer"):
        problems.append("Info /Producer differs from pdf:Producer")
    for key, name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        try:
            if pdf_date(str(info[key])) != dt.datetime.fromisoformat(value(name).replace("Z", "+00:00")):
                problems.append(f"Info {key} and {name} are different instants")
        except (KeyError, ValueError) as exc:
            problems.append(f"Info {key} or {name} missing or malformed ({exc})")
    if variant == "print" and str(info.get("/Trapped", "")) != f"/{value('pdf:Trapped')}":
        problems.append("Info /Trapped differs from pdf:Trapped")
    return problems


def check_identifier(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 19005-2 6.1.3 (and ISO 32000-1 14.4): the trailer has a file identifier (/ID, two strings)."""
    ident = pdf.trailer.get("/ID")
    return [] if isinstance(ident, pikepdf.Array) and len(ident) == 2 else ["no file identifier (/ID)"]
