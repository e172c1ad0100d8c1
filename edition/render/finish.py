"""Finishing: laid-out parts in, the final PDF file out.

Combines the parts without laying anything out again, writes the PDF with
WeasyPrint, then finishes it with pypdf: page labels that match the printed
folios (roman front matter, arabic text), document info and XMP metadata.
The file is written atomically: a temporary file beside the target, then a
rename, so a failed build leaves the previous output untouched.  Dates come
only from ``SOURCE_DATE_EPOCH``, so the same source gives the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import NameObject, TextStringObject
from pypdf.xmp import XmpInformation

from ..model import EditionMeta


@dataclass(frozen=True)
class LabelRange:
    """Pages ``first`` (0-based, in the final PDF) onwards are labelled in ``style`` starting at ``start``."""

    first: int
    style: str  # "roman" | "arabic"
    start: int = 1


def source_date() -> _dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    except (ValueError, OverflowError):
        return None


def combine(parts):
    """One WeasyPrint document holding the pages of every part, in order (no new layout)."""
    return parts[0].copy([page for part in parts for page in part.pages])


def pdf_bytes(parts, meta: EditionMeta, labels: list[LabelRange]) -> bytes:
    combined = combine(parts)
    raw = combined.write_pdf()
    return _finish(raw, meta, labels)


def _finish(raw: bytes, meta: EditionMeta, labels: list[LabelRange]) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(raw))
    total = len(writer.pages)
    for i, rng in enumerate(labels):
        last = (labels[i + 1].first if i + 1 < len(labels) else total) - 1
        if rng.first > last:
            continue
        style = PageLabelStyle.LOWERCASE_ROMAN if rng.style == "roman" else PageLabelStyle.DECIMAL
        writer.set_page_label(rng.first, last, style=style, start=rng.start)
    when = source_date()
    title = meta.title + (f": {meta.subtitle}" if meta.subtitle else "")
    info = {
        "/Title": title,
        "/Author": "; ".join(meta.editors),
        "/Subject": meta.subtitle or meta.title,
        "/Keywords": ", ".join(meta.keywords),
        "/Creator": "edition",
        "/Producer": "edition (WeasyPrint, pypdf)",
    }
    if when:
        stamp = when.strftime("D:%Y%m%d%H%M%SZ")
        info["/CreationDate"] = stamp
        info["/ModDate"] = stamp
    writer.metadata = None
    writer.add_metadata(info)
    writer._root_object[NameObject("/Lang")] = TextStringObject(meta.language)
    xmp = XmpInformation.create()
    xmp.dc_title = {"x-default": title}
    xmp.dc_creator = list(meta.editors)
    xmp.dc_description = {"x-default": meta.subtitle or meta.title}
    xmp.dc_subject = list(meta.keywords)
    xmp.dc_language = [meta.language]
    xmp.dc_publisher = [meta.publisher] if meta.publisher else []
    if meta.licence:
        xmp.dc_rights = {"x-default": meta.licence}
    xmp.pdf_keywords = ", ".join(meta.keywords)
    xmp.pdf_producer = info["/Producer"]
    xmp.xmp_creator_tool = "edition"
    if when:
        xmp.xmp_create_date = when
        xmp.xmp_modify_date = when
        xmp.xmp_metadata_date = when
    writer.xmp_metadata = xmp
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
