"""Print geometry and colour of a finished PDF, checked: page boxes, crop marks, output intents.

Takes a ``pikepdf.Pdf``; gives the problems found (ISO 32000-1 14.11.2 page boundaries and 14.11.5
output intents; ISO 15930-7, PDF/X-4; ISO 19005-2 6.2.3 for PDF/A's output intent).  The clause
numbers of ISO 15930-7 are not quoted: its text was not at hand, so its requirements are named by
subject (boxes, output intent, colour) as ISO 32000-1 defines the objects.
"""
from __future__ import annotations

import pikepdf

from standards.pdf_content import MM, Segment, read_page

MARK_MIN_MM = 5  # the length of a crop mark, at least
SLUG_MIN_MM = 6  # between BleedBox and MediaBox, at least


def _box(page, key) -> list[float] | None:
    return [float(x) for x in page.obj[key]] if key in page.obj else None


def _inside(inner, outer, tolerance=0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def _margins(inner, outer) -> list[float]:
    return [inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3]]


def check_boxes(pdf: pikepdf.Pdf, bleed_mm: float) -> list[str]:
    """ISO 32000-1 14.11.2 and ISO 15930-7 (page boundaries): every page has a MediaBox, a TrimBox (and no
    ArtBox beside it) and a BleedBox, TrimBox within BleedBox within MediaBox (and CropBox, if any,
    around the BleedBox); the bleed is the edition's on every side; a slug of at least 6 mm beyond it
    holds the marks; every page has the same trimmed size."""
    problems, sizes = [], set()
    for number, page in enumerate(pdf.pages, 1):
        media, trim, bleed = _box(page, "/MediaBox"), _box(page, "/TrimBox"), _box(page, "/BleedBox")
        if trim is None or bleed is None or media is None:
            problems.append(f"p. {number}: MediaBox, TrimBox and BleedBox wanted")
            continue
        if "/ArtBox" in page.obj:
            problems.append(f"p. {number}: both TrimBox and ArtBox")
        if not (_inside(trim, bleed) and _inside(bleed, media)):
            problems.append(f"p. {number}: TrimBox {trim} within BleedBox {bleed} within MediaBox {media} wanted")
        crop = _box(page, "/CropBox")
        if crop is not None and not _inside(bleed, crop):
            problems.append(f"p. {number}: the CropBox cuts into the bleed")
        if any(abs(m - bleed_mm * MM) > 0.01 for m in _margins(trim, bleed)):
            problems.append(f"p. {number}: a bleed of {[round(m / MM, 2) for m in _margins(trim, bleed)]} mm, "
                            f"not {bleed_mm} mm")
        if min(_margins(bleed, media)) < SLUG_MIN_MM * MM - 0.01:
            problems.append(f"p. {number}: a slug of {min(_margins(bleed, media)) / MM:.1f} mm; at least 6 mm wanted")
        sizes.add((round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)))
    if len(sizes) > 1:
        problems.append(f"trimmed sizes differ: {sorted(sizes)}")
    return problems


def _on_k_plate(segment: Segment) -> bool:
    space, values = segment.colour
    return space == "DeviceCMYK" and [round(v, 3) for v in values] == [0, 0, 0, 1]


def check_marks(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 15930-7 and ISO 32000-1 14.11.2: crop marks outside the bleed, in the slug: at each corner of
    the TrimBox a horizontal and a vertical line on the trim's lines, at least 5 mm long, offset from the
    trim by at least the bleed, outside the BleedBox and within the MediaBox, stroked in 100 % K only;
    nothing else drawn outside the BleedBox.  On every page, padding pages too."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        media, trim, bleed = _box(page, "/MediaBox"), _box(page, "/TrimBox"), _box(page, "/BleedBox")
        if None in (media, trim, bleed):
            problems.append(f"p. {number}: no boxes to place marks by")
            continue
        offset = min(_margins(trim, bleed))
        outside = [s for s in read_page(page).segments
                   if max(s.x0, s.x1) <= bleed[0] + 0.01 or min(s.x0, s.x1) >= bleed[2] - 0.01
                   or max(s.y0, s.y1) <= bleed[1] + 0.01 or min(s.y0, s.y1) >= bleed[3] - 0.01]
        for segment in outside:
            if not _on_k_plate(segment):
                problems.append(f"p. {number}: a line outside the bleed in {segment.colour}, not 100 % K")
            if not _inside([min(segment.x0, segment.x1), min(segment.y0, segment.y1),
                            max(segment.x0, segment.x1), max(segment.y0, segment.y1)], media):
                problems.append(f"p. {number}: a mark beyond the MediaBox")
        for x, y, sx, sy in ((trim[0], trim[1], -1, -1), (trim[2], trim[1], 1, -1),
                             (trim[0], trim[3], -1, 1), (trim[2], trim[3], 1, 1)):
            horizontal = [s for s in outside if abs(s.y0 - y) < 0.01 and abs(s.y1 - y) < 0.01
                          and min(sx * (s.x0 - x), sx * (s.x1 - x)) >= offset - 0.01]
            vertical = [s for s in outside if abs(s.x0 - x) < 0.01 and abs(s.x1 - x) < 0.01
                        and min(sy * (s.y0 - y), sy * (s.y1 - y)) >= offset - 0.01]
            for kind, lines, length in (("horizontal", horizontal, lambda s: abs(s.x1 - s.x0)),
                                        ("vertical", vertical, lambda s: abs(s.y1 - s.y0))):
                if not any(length(s) >= MARK_MIN_MM * MM - 0.01 for s in lines):
                    problems.append(f"p. {number}: no {kind} crop mark of at least 5 mm, offset by the bleed, "
                                    f"at the corner ({x:.1f}, {y:.1f})")
    return problems


def _icc_header(profile: pikepdf.Stream) -> tuple[str, str, int]:
    data = profile.read_bytes()
    return data[12:16].decode("latin-1"), data[16:20].decode("latin-1"), data[8]


def check_output_intent(pdf: pikepdf.Pdf, variant: str) -> list[str]:
    """ISO 32000-1 14.11.5 (Table 365): the output intent.  PDF/X-4 (ISO 15930-7): a GTS_PDFX intent naming
    a printing condition of the ICC registry (OutputConditionIdentifier, RegistryName) with an embedded
    output profile for CMYK printing (device class prtr, version 2 or 4), /Info describing it; PDF/A-2
    (ISO 19005-2 6.2.3): one GTS_PDFA1 intent with an embedded profile, and no other destination profile."""
    problems = []
    intents = list(pdf.Root.get("/OutputIntents", []))
    subtype = "/GTS_PDFX" if variant == "print" else "/GTS_PDFA1"
    chosen = [i for i in intents if i.get("/S") == subtype]
    if len(chosen) != 1:
        return [f"{len(chosen)} output intents of subtype {subtype}; one wanted"]
    intent = chosen[0]
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        return ["the output intent embeds no profile"]
    if len({i.DestOutputProfile.objgen for i in intents if "/DestOutputProfile" in i}) > 1:
        problems.append("output intents with different destination profiles")
    device, space, major = _icc_header(profile)
    if not str(intent.get("/OutputConditionIdentifier", "")).strip():
        problems.append("no OutputConditionIdentifier")
    if variant == "print":
        if (device, space, int(profile.get("/N", 0))) != ("prtr", "CMYK", 4) or major not in (2, 4):
            problems.append(f"the output profile is {device} {space} v{major}, N={profile.get('/N')}; "
                            "a CMYK printer profile wanted")
        if str(intent.get("/RegistryName", "")) != "http://www.color.org":
            problems.append("the printing condition is not named in the ICC registry (RegistryName)")
        if not str(intent.get("/Info", "")).strip():
            problems.append("the output intent has no /Info")
    elif (space, int(profile.get("/N", 0))) not in (("RGB ", 3), ("CMYK", 4), ("GRAY", 1)):
        problems.append(f"the PDF/A output profile is {space}, N={profile.get('/N')}")
    return problems


def check_device_colour(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 15930-7 (colour): with a CMYK output intent, no DeviceRGB colour (rg, RG, or an RGB colour
    space set by cs/CS), neither on the pages nor in their forms."""
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        streams = [pikepdf.parse_content_stream(page)]
        for xobject in page.obj.get("/Resources", {}).get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                streams.append(pikepdf.parse_content_stream(xobject))
        for operations in streams:
            for operands, operator in operations:
                op = str(operator)
                if op in ("rg", "RG") or (op in ("cs", "CS") and str(operands[0]) == "/DeviceRGB"):
                    problems.append(f"p. {number}: DeviceRGB colour ({op})")
                    break
    return problems
