"""Reading a finished PDF's pages as a checker does: a page in (pikepdf, on qpdf), what it draws out.

The independent checks of this folder (``pdf_fonts``, ``pdf_tags``, ``pdf_print``, ``pdf_metadata``)
are written from the clauses of ISO 32000-1 (PDF 1.7), ISO 19005-2 (PDF/A-2), ISO 14289-1 (PDF/UA-1)
and ISO 15930-7 (PDF/X-4), not from the code that wrote the files: nothing here imports ``edition``.
Each ``check_*`` function takes a ``pikepdf.Pdf`` and returns a list of sentences, one per problem,
naming the page or object; the tests assert that the lists are empty (and, on files broken on purpose,
that they are not).

``read_page`` interprets a page's content stream (and its forms'): the marked-content sequences
(ISO 32000-1 14.6) and what each paints, painting outside any of them, the straight lines stroked in
default user space with their stroke colour (the graphics state's CTM followed through q, Q and cm),
and the glyph codes shown with each font.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

MM = 72 / 25.4
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Tj", "TJ", "'", '"', "Do", "INLINE IMAGE"}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


# ------------------------------------------------------------------ reading content streams


@dataclass
class Sequence:
    """A marked-content sequence (ISO 32000-1 14.6) as drawn on a page."""

    tag: str
    mcid: int | None
    artifact: bool
    painted: int = 0  # painting operators directly or deeper inside
    inside: list[str] = field(default_factory=list)  # the tags of the sequences it lies in


@dataclass
class Segment:
    """A stroked straight line, in default user space, with its stroke colour."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: tuple


@dataclass
class PageContent:
    sequences: list[Sequence] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)  # painting operators outside any marked content
    segments: list[Segment] = field(default_factory=list)
    glyphs: dict[tuple, set[int]] = field(default_factory=dict)  # font's objgen -> CIDs shown
    fonts: dict[tuple, pikepdf.Dictionary] = field(default_factory=dict)


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def read_page(page: pikepdf.Page) -> PageContent:
    """What a page draws: its marked-content sequences, painting outside them, lines stroked, glyphs."""
    out = PageContent()
    _read(pikepdf.parse_content_stream(page), page.obj.get("/Resources", pikepdf.Dictionary()),
          [1, 0, 0, 1, 0, 0], out, [])
    return out


def _read(operations, resources, ctm, out: PageContent, stack: list[Sequence]) -> None:
    saved: list = []
    stroke: tuple = ("DeviceGray", (0.0,))
    path: list = []
    point = None
    font = None
    for operands, operator in operations:
        op = str(operator)
        values = list(operands)
        if op in PAINTING:
            for sequence in stack:
                sequence.painted += 1
            if not stack:
                out.unmarked.append(op)
        if op == "q":
            saved.append((ctm, stroke))
        elif op == "Q" and saved:
            ctm, stroke = saved.pop()
        elif op == "cm":
            ctm = _multiply([float(v) for v in values], ctm)
        elif op in ("BMC", "BDC"):
            properties = values[1] if op == "BDC" and len(values) > 1 else None
            if isinstance(properties, pikepdf.Name):  # a property list named in the resources
                properties = resources.get("/Properties", {}).get(str(properties))
            mcid = int(properties["/MCID"]) if isinstance(properties, pikepdf.Dictionary) and \
                "/MCID" in properties else None
            sequence = Sequence(str(values[0])[1:], mcid, str(values[0]) == "/Artifact",
                                inside=[s.tag if s.mcid is None else f"{s.tag} {s.mcid}" for s in stack])
            out.sequences.append(sequence)
            stack.append(sequence)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "K":
            stroke = ("DeviceCMYK", tuple(float(v) for v in values))
        elif op == "RG":
            stroke = ("DeviceRGB", tuple(float(v) for v in values))
        elif op == "G":
            stroke = ("DeviceGray", tuple(float(v) for v in values))
        elif op in ("SC", "SCN"):
            stroke = ("other", tuple(float(v) for v in values if not isinstance(v, pikepdf.Name)))
        elif op == "m":
            point = _apply(ctm, float(values[0]), float(values[1]))
            path.append(("m", point))
        elif op == "l":
            end = _apply(ctm, float(values[0]), float(values[1]))
            if point is not None:
                path.append(("l", point, end))
            point = end
        elif op in ("S", "s"):
            out.segments.extend(Segment(a[0], a[1], b[0], b[1], stroke) for kind, *ends in path if kind == "l"
                                for a, b in [ends])
            path, point = [], None
        elif op in ("f", "F", "f*", "B", "B*", "b", "b*", "n", "re", "c", "v", "y", "h"):
            if op not in ("re", "c", "v", "y", "h"):
                path, point = [], None
        elif op == "Tf":
            font = resources.get("/Font", {}).get(str(values[0]))
            if font is not None:
                out.fonts[font.objgen] = font
        elif op in TEXT_SHOWING and font is not None:
            strings = values[0] if op == "TJ" else values[-1:]
            codes = out.glyphs.setdefault(font.objgen, set())
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            for item in strings:
                if isinstance(item, pikepdf.String):
                    data = bytes(item)
                    codes.update(int.from_bytes(data[k:k + width], "big") for k in range(0, len(data) - width + 1, width))
        elif op == "Do":
            xobject = resources.get("/XObject", {}).get(str(values[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                _read(pikepdf.parse_content_stream(xobject), xobject.get("/Resources", resources),
                      _multiply(matrix, ctm), out, stack)



def fonts(pdf: pikepdf.Pdf) -> dict[tuple, pikepdf.Dictionary]:
    """Every font the pages use (through their resources and their forms'), by object."""
    found: dict[tuple, pikepdf.Dictionary] = {}
    for page in pdf.pages:
        stack = [page.obj.get("/Resources", pikepdf.Dictionary())]
        while stack:
            resources = stack.pop()
            for font in resources.get("/Font", {}).values():
                found[font.objgen] = font
            for xobject in resources.get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                    stack.append(xobject.Resources)
    return found
