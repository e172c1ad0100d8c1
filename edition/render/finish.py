"""Finishing: laid-out parts in, the final PDF bytes out.

Combines the parts without laying anything out again and writes the PDF with
WeasyPrint in the variant of the profile:

- ``screen``: PDF/A-2a (archival, tagged: headings, paragraphs, notes as
  ``Note``, links, reading order, document language), links and bookmarks;
- ``print``: PDF/X-4 (FOGRA39 output intent, 100 % K text), bleed and crop
  marks from the stylesheet, no link annotations, an even page count.

Then pypdf finishes it: page labels that match the printed folios (roman
front matter, arabic text), document info and an XMP packet written here,
with the variant's identification, ids derived from the content and dates
only from ``SOURCE_DATE_EPOCH`` (else 1 January of the edition's year), so
the same source gives the same bytes.  ``write_atomically`` writes a file
through a temporary file and a rename.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from pypdf import PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import (ArrayObject, ByteStringObject, DecodedStreamObject, NameObject, RectangleObject,
                           TextStringObject)

from ..model import EditionMeta
from . import tags  # noqa: F401  (notes tagged as Note in the structure tree)

VARIANTS = {"screen": "pdf/a-2a", "print": "pdf/x-4"}


@dataclass(frozen=True)
class LabelRange:
    """Pages ``first`` (0-based, in the final PDF) onwards are labelled in ``style`` starting at ``start``."""

    first: int
    style: str  # "roman" | "arabic"
    start: int = 1


def edition_date(meta: EditionMeta) -> _dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set, else 1 January of the edition's year (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    year = int(meta.year) if str(meta.year).isdigit() else 1970
    return _dt.datetime(year, 1, 1, tzinfo=_dt.timezone.utc)


def combine(parts):
    """One WeasyPrint document holding the pages of every part, in order (no new layout)."""
    return parts[0].copy([page for part in parts for page in part.pages])


def write_pdf(parts, profile: str = "screen") -> bytes:
    """The parts' pages as one PDF, in the profile's variant, straight from WeasyPrint."""
    return combine(parts).write_pdf(pdf_variant=VARIANTS[profile], pdf_identifier=True)


def finish_pdf(writer: PdfWriter, meta: EditionMeta, labels: list[LabelRange], profile: str) -> bytes:
    """The merged parts finished with pypdf: labels, metadata, ids; for print no links, K-only marks,
    even pages.  Returns the final PDF's bytes."""
    if profile == "print":
        writer.remove_annotations(subtypes="/Link")
        _name_output_condition(writer)
        _marks_in_black_plate(writer)
        if len(writer.pages) % 2:  # a printer binds sheets: an even count, blank pages at the end
            _add_blank_page(writer)
    total = len(writer.pages)
    for i, rng in enumerate(labels):
        last = (labels[i + 1].first if i + 1 < len(labels) else total) - 1
        if rng.first <= last:
            style = PageLabelStyle.LOWERCASE_ROMAN if rng.style == "roman" else PageLabelStyle.DECIMAL
            writer.set_page_label(rng.first, last, style=style, start=rng.start)
    when = edition_date(meta)
    stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    title = meta.title + (f": {meta.subtitle}" if meta.subtitle else "")
    info = {
        "/Title": title,
        "/Author": "; ".join(meta.editors),
        "/Subject": meta.subtitle or meta.title,
        "/Keywords": ", ".join(meta.keywords),
        "/Creator": "edition",
        "/Producer": "edition (WeasyPrint 70, pypdf)",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }
    if profile == "print":
        info["/Trapped"] = NameObject("/False")
    writer.metadata = None
    writer.add_metadata(info)
    writer._root_object[NameObject("/Lang")] = TextStringObject(meta.language)
    digest = _content_digest(writer)
    file_id = ByteStringObject(bytes.fromhex(digest[:32]))
    writer._ID = ArrayObject([file_id, file_id])  # WeasyPrint's /ID hashes its XMP, whose PDF/X id is random
    packet = _xmp_packet(meta, title, when, profile, digest).encode("utf-8")
    existing = writer._root_object.get("/Metadata")
    if existing is not None:  # replace WeasyPrint's packet in place (its PDF/X id is random)
        existing.get_object().set_data(packet)
    else:
        xmp = DecodedStreamObject()
        xmp.set_data(packet)
        xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    writer.compress_identical_objects()  # one copy of what every part carries (colour profiles, marks)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _content_digest(writer: PdfWriter) -> str:
    """A hash of what the pages show (their content streams and forms), the same for the same edition."""
    h = hashlib.sha256()
    for page in writer.pages:
        contents = page.get_contents()
        if contents is not None:
            h.update(contents.get_data())
        for ref in ((page.get("/Resources") or {}).get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                h.update(obj.get_data())
    return h.hexdigest()


def _name_output_condition(writer: PdfWriter) -> None:
    """Name the printing condition as the ICC registry does, so a printer recognizes it."""
    for intent in writer._root_object.get("/OutputIntents", []):
        intent = intent.get_object()
        intent[NameObject("/OutputConditionIdentifier")] = TextStringObject("FOGRA39")
        intent[NameObject("/RegistryName")] = TextStringObject("http://www.color.org")
        intent[NameObject("/OutputCondition")] = TextStringObject(
            "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated art), 60/cm")
        intent[NameObject("/Info")] = TextStringObject("Coated FOGRA39 (ISO 12647-2:2004)")


_RGB_BLACK = re.compile(rb"(?m)^0 0 0 (rg|RG)$")


def _marks_in_black_plate(writer: PdfWriter) -> None:
    """WeasyPrint draws crop marks in DeviceRGB black; a PDF/X-4 with a CMYK intent wants the K plate."""
    seen: set[int] = set()

    def fix(stream) -> bool:
        data = stream.get_data()
        fixed = _RGB_BLACK.sub(lambda m: b"0 0 0 1 k" if m.group(1) == b"rg" else b"0 0 0 1 K", data)
        if fixed != data:
            stream.set_data(fixed)
        return fixed != data

    def visit(resources) -> None:
        xobjects = (resources or {}).get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if id(obj) in seen or obj.get("/Subtype") != "/Form":
                continue
            seen.add(id(obj))
            fix(obj)
            visit(obj.get("/Resources"))

    for page in writer.pages:
        contents = page.get_contents()
        if contents is not None and fix(contents):
            page.replace_contents(contents)
        visit(page.get("/Resources"))


def _add_blank_page(writer: PdfWriter) -> None:
    last = writer.pages[-1]
    page = writer.add_blank_page(width=float(last.mediabox.width), height=float(last.mediabox.height))
    for box in ("/MediaBox", "/BleedBox", "/TrimBox", "/CropBox"):
        if box in last:
            page[NameObject(box)] = RectangleObject(last[box])


def _xmp_packet(meta: EditionMeta, title: str, when: _dt.datetime, profile: str, digest: str) -> str:
    """The XMP metadata: Dublin Core, the variant's identification, content-derived ids."""
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
        '<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>' if profile == "screen" else
        '<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>')
    rights = f"<dc:rights>{alt(meta.licence)}</dc:rights>" if meta.licence else ""
    publisher = f"<dc:publisher>{bag([meta.publisher])}</dc:publisher>" if meta.publisher else ""
    trapped = "<pdf:Trapped>False</pdf:Trapped>" if profile == "print" else ""
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
        f"<pdf:Producer>edition (WeasyPrint 70, pypdf)</pdf:Producer>{trapped}\n"
        f"<xmp:CreatorTool>edition</xmp:CreatorTool><xmp:CreateDate>{iso}</xmp:CreateDate>"
        f"<xmp:ModifyDate>{iso}</xmp:ModifyDate><xmp:MetadataDate>{iso}</xmp:MetadataDate>\n"
        f"<xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>"
        f"<xmpMM:InstanceID>uuid:{instance}</xmpMM:InstanceID>\n"
        f"{conformance}\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def write_atomically(data: bytes, target: Path) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
