"""Print pages: a page as WeasyPrint laid it out (trimmed page and bleed) in, with a slug and crop marks out.

WeasyPrint makes the MediaBox the trimmed page plus the bleed the stylesheet asks for (``@page { bleed }``,
from ``print: bleed`` in edition.yaml) and draws no marks here (print.css asks for none).  For a press
(ISO 32000-1 14.11.2, page boundaries; ISO 15930-7, PDF/X-4) each page gets

- BleedBox: that bleed box; TrimBox: the trimmed page, as WeasyPrint set it;
- MediaBox: the bleed box and a slug of ``SLUG_MM`` around it, where the marks stand;
- crop marks at the four corners, on the lines of the trim, ``MARK_MM`` long, starting ``MARK_GAP_MM``
  beyond the bleed (so outside the BleedBox, offset from the trim by more than the bleed), stroked
  ``MARK_WIDTH_PT`` wide in 100 % K (DeviceCMYK), drawn after the page's content, which is enclosed in
  q/Q so that its graphics state cannot move them.

The same geometry gives the same marks stream, written once (``PrintPages.finish_page``).
"""
from __future__ import annotations

from typing import Any, Callable

from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

from .pdfobjects import array

PT_PER_MM = 72 / 25.4
SLUG_MM = 9.0
MARK_MM = 6.0
MARK_GAP_MM = 1.0
MARK_WIDTH_PT = 0.25


def _number(value: float) -> FloatObject:
    return FloatObject(round(value, 4))


def boxes_with_slug(media: list[float], trim: list[float]) -> dict[str, list[float]]:
    """The boxes of a print page whose MediaBox, as WeasyPrint made it, is ``media`` (its bleed box)."""
    slug = SLUG_MM * PT_PER_MM
    return {"/TrimBox": trim, "/BleedBox": media,
            "/MediaBox": [media[0] - slug, media[1] - slug, media[2] + slug, media[3] + slug]}


def crop_marks(trim: list[float], bleed: list[float]) -> bytes:
    """The content stream of the crop marks: a horizontal and a vertical line at each corner."""
    x0, y0, x1, y1 = trim
    gap, length = MARK_GAP_MM * PT_PER_MM, MARK_MM * PT_PER_MM
    left, bottom, right, top = x0 - bleed[0] + gap, y0 - bleed[1] + gap, bleed[2] - x1 + gap, bleed[3] - y1 + gap
    lines = []
    for x, towards_x in ((x0, -1), (x1, 1)):
        near_x = x0 - left if towards_x < 0 else x1 + right
        for y, towards_y in ((y0, -1), (y1, 1)):
            near_y = y0 - bottom if towards_y < 0 else y1 + top
            lines.append((near_x, y, near_x + towards_x * length, y))  # along the horizontal trim line
            lines.append((x, near_y, x, near_y + towards_y * length))  # along the vertical trim line
    path = " ".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l" for a, b, c, d in lines)
    return f"Q q {MARK_WIDTH_PT} w 0 J [] 0 d 0 0 0 1 K {path} S Q".encode()


class PrintPages:
    """Gives each print page its boxes and marks; ``write(stream)`` writes a stream, giving its reference."""

    def __init__(self, write: Callable[[Any], Any]):
        self.write = write
        self._save: Any = None
        self._marks: dict[tuple, Any] = {}

    def finish_page(self, page: Any) -> None:
        """Set the page's boxes (``page`` carries WeasyPrint's MediaBox and TrimBox) and add its marks."""
        media = [float(x) for x in page["/MediaBox"]]
        trim = [float(x) for x in page.get("/TrimBox", media)]
        boxes = boxes_with_slug(media, trim)
        for key, box in boxes.items():
            page[NameObject(key)] = ArrayObject(_number(x) for x in box)
        geometry = tuple(round(x, 3) for x in trim + media)
        if geometry not in self._marks:
            self._marks[geometry] = self.write(_stream(crop_marks(trim, media)))
        if self._save is None:
            self._save = self.write(_stream(b"q"))
        page[NameObject("/Contents")] = ArrayObject([self._save, *array(page.get("/Contents")), self._marks[geometry]])


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream

