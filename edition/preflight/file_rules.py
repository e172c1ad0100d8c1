"""Preflight rules on the file: fonts, boxes, page parity, colour and metadata.

Takes a pypdf reader of the finished PDF (and the profile); adds findings to
the ``Report``.
"""
from __future__ import annotations

import re

from ..design import Design
from ..fonts import pdf_font_names
from . import Report

SUBSET = re.compile(r"^[A-Z]{6}\+")
PT_PER_MM = 72 / 25.4


def trim(page) -> list[float]:
    return [float(x) for x in (page.get("/TrimBox") or page.mediabox)]


def resources(resources):
    """A resource dictionary and those of the form XObjects it uses, each once."""
    seen = set()
    stack = [resources]
    while stack:
        res = stack.pop()
        res = res.get_object() if res is not None else {}
        yield res
        for ref in (res.get("/XObject") or {}).values():
            obj = ref.get_object()
            if id(obj) not in seen and obj.get("/Subtype") == "/Form":
                seen.add(id(obj))
                stack.append(obj.get("/Resources"))


def fonts_of(reader) -> list[tuple[str, bool]]:
    """(base font name, embedded) for every font of every page and form."""
    seen = {}
    for page in reader.pages:
        for res in resources(page.get("/Resources")):
            for ref in (res.get("/Font") or {}).values():
                font = ref.get_object()
                if id(font) in seen:
                    continue
                target = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                seen[id(font)] = (str(target.get("/BaseFont", "/?"))[1:], embedded)
    return list(seen.values())


def check_fonts(report: Report, reader, data: bytes, design: Design | None = None) -> None:
    """Every font embedded and one of the design's families (the default design's when none is given); a
    foreign font is named with the characters it prints."""
    design = design or Design()
    own = pdf_font_names(design)
    fonts = fonts_of(reader)
    problems = [f"font {name} is not embedded" for name, embedded in fonts if not embedded]
    foreign = sorted({name for name, _ in fonts if not _is_own(name, own)})
    if foreign:
        from .reading import characters_in_fonts
        chars = characters_in_fonts(data, {name.split("+", 1)[-1] for name in foreign})
        for name in foreign:
            listed = ", ".join(sorted(chars.get(name.split("+", 1)[-1], ()))[:8]) or "no text"
            problems.append(f"font {name} is not one of the design's ({', '.join(design.families)}): a glyph "
                            f"missing from all of them? {listed}")
    report.add("fonts", problems, f"{len(fonts)} fonts, all of the design's families "
                                  f"({', '.join(sorted({f for n, _ in fonts if (f := _family(n, own))}))}), embedded")


def _is_own(name: str, own: tuple[str, ...]) -> bool:
    """A BaseFont (subset tag, then the family's name, perhaps a variant after it) of the design's families."""
    return bool(SUBSET.match(name)) and _family(name, own) is not None


def _family(name: str, own: tuple[str, ...]) -> str | None:
    plain = name.split("+", 1)[-1]
    return next((family for family in sorted(own, key=len, reverse=True)
                 if plain == family or plain.startswith(family + "-") or plain.startswith(family + ",")), None)


def check_boxes(report: Report, reader, profile: str) -> None:
    problems = []
    sizes = set()
    for number, page in enumerate(reader.pages, 1):
        media = [float(x) for x in page.mediabox]
        box = trim(page)
        bleed = [float(x) for x in (page.get("/BleedBox") or page.mediabox)]
        sizes.add((round(box[2] - box[0], 1), round(box[3] - box[1], 1)))
        if profile == "print":
            margins = [box[0] - bleed[0], box[1] - bleed[1], bleed[2] - box[2], bleed[3] - box[3]]
            if "/TrimBox" not in page or min(margins) < 2.9 * PT_PER_MM:
                problems.append(f"p. {number}: bleed of {min(margins) / PT_PER_MM:.1f} mm; at least 3 mm wanted")
            if any(abs(a - b) > 0.01 for a, b in zip(bleed, media)):
                problems.append(f"p. {number}: BleedBox differs from MediaBox")
        elif any(abs(a - b) > 0.01 for a, b in zip(box, media)):
            problems.append(f"p. {number}: a screen PDF has no bleed, but TrimBox differs from MediaBox")
    if len(sizes) > 1:
        problems.append(f"trim sizes differ between pages: {sorted(sizes)}")
    w, h = next(iter(sizes)) if len(sizes) == 1 else (0, 0)
    report.add("boxes", problems, f"trim {w / 72:.3g} x {h / 72:.3g} in on every page"
               + (", 3 mm bleed" if profile == "print" else ", no bleed"))


def check_colour(report: Report, reader) -> None:
    rgb = re.compile(rb"(?m)(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)(\s|$)")
    problems = []
    for number, page in enumerate(reader.pages, 1):
        streams = [page.get_contents().get_data()] if page.get_contents() is not None else []
        for res in resources(page.get("/Resources")):
            streams.extend(ref.get_object().get_data() for ref in (res.get("/XObject") or {}).values()
                           if ref.get_object().get("/Subtype") == "/Form")
        if any(rgb.search(data) for data in streams):
            problems.append(f"p. {number}: RGB colour (a press wants CMYK, text on the black plate)")
    if "/OutputIntents" not in reader.trailer["/Root"]:
        problems.append("no output intent")
    report.add("colour", problems, "no RGB colour; CMYK output intent")


def xmp_text(reader) -> str:
    meta = reader.trailer["/Root"].get("/Metadata")
    return meta.get_object().get_data().decode("utf-8", "replace") if meta is not None else ""


def check_metadata(report: Report, reader, xmp: str, profile: str) -> None:
    info = reader.metadata or {}
    problems = [f"document info lacks {key}" for key in ("/Title", "/Author") if not info.get(key)]
    if not reader.trailer["/Root"].get("/Lang"):
        problems.append("no document language (/Lang)")
    if "<dc:title>" not in xmp:
        problems.append("no XMP metadata with a title")
    variant = "PDF/X-4" if profile == "print" else "PDF/A-2a"
    wanted = "pdfxid:GTS_PDFXVersion>PDF/X-4" if profile == "print" else "pdfaid:part>2"
    if wanted not in xmp:
        problems.append(f"XMP lacks the {variant} identification")
    report.add("metadata", problems, f"title, author, language, XMP with the {variant} identification")


