"""The design: the page and the type an editor sets in ``edition.yaml``, in one frozen object.

Takes the ``design``, ``page`` and ``font`` fields of ``edition.yaml`` (read
through the reader's field checks); gives ``Design`` (page size, margins, body
and note type, the fonts to fall back to for scripts the body font lacks), the
named designs to start from (``octavo``, today's 6 x 9 in; ``a5``; ``royal``,
156 x 234 mm), and ``design_css``, the stylesheet that sets them, written
after the packaged stylesheets (and before the editor's own).  The glyph check
and the preflight read the same object (``fonts``).

    design: royal                 # a named design to start from
    page:
      size: 156mm 234mm           # or a name: A5, B5, royal, demy, letter
      margins: {top: 18mm, bottom: 20mm, inner: 22mm, outer: 17mm}
    font:
      family: EB Garamond         # the body font: vendored, in styles/fonts/, or installed
      size: 10.5pt
      leading: 13.5pt
      notes: {size: 8.5pt, leading: 10.5pt}
      fallback: [Noto Serif, Noto Serif CJK SC, Noto Naskh Arabic]
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .values import length_mm, page_size

PT_PER_MM = 72 / 25.4
VENDORED = "EB Garamond"  # the family shipped with the tool, with its 8 pt optical size for notes
FALLBACK = ("Noto Serif", "Noto Serif CJK SC", "Noto Naskh Arabic")


def points(length: str) -> float:
    """A CSS length with unit (mm, cm, in, pt) in points."""
    mm = length_mm(length.strip())
    if mm is None:
        raise ValueError(f"{length!r} is not a length such as 18mm, 0.75in or 10.5pt")
    return mm * PT_PER_MM


@dataclass(frozen=True, slots=True)
class Margins:
    top: str = "0.7in"
    bottom: str = "0.8in"
    inner: str = "0.85in"
    outer: str = "0.65in"


@dataclass(frozen=True, slots=True)
class Type:
    """A family, size and leading."""

    size: str
    leading: str


@dataclass(frozen=True, slots=True)
class Design:
    name: str = "octavo"
    width: str = "6in"
    height: str = "9in"
    margins: Margins = field(default_factory=Margins)
    family: str = VENDORED
    body: Type = field(default_factory=lambda: Type("10.5pt", "13.5pt"))
    notes: Type = field(default_factory=lambda: Type("8.5pt", "10.5pt"))
    fallback: tuple[str, ...] = FALLBACK

    @property
    def families(self) -> tuple[str, ...]:
        """Every family the text may be set in: the body's, then the fallbacks in order."""
        return (self.family,) + tuple(f for f in self.fallback if f != self.family)


DESIGNS: dict[str, Design] = {
    "octavo": Design(),
    "a5": Design("a5", "148mm", "210mm", Margins("15mm", "18mm", "19mm", "14mm"), body=Type("10pt", "13pt"),
                 notes=Type("8pt", "10pt")),
    "royal": Design("royal", "156mm", "234mm", Margins("18mm", "21mm", "22mm", "17mm")),
}


def with_page(design: Design, width: str, height: str) -> Design:
    return replace(design, width=width, height=height)


def _families(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names) + ", serif"


def design_css(design: Design) -> str:
    """The stylesheet of the design: page size and margins (mirrored), the body's and the notes' type."""
    body = (f"{VENDORED} Edition",) if design.family == VENDORED else (design.family,)
    notes = (f"{VENDORED} Edition 08",) + body if design.family == VENDORED else body
    m = design.margins
    return (
        f"@page {{ size: {design.width} {design.height}; margin-top: {m.top}; margin-bottom: {m.bottom}; }}\n"
        f"@page :left {{ margin-left: {m.outer}; margin-right: {m.inner}; }}\n"
        f"@page :right {{ margin-left: {m.inner}; margin-right: {m.outer}; }}\n"
        f":root {{ --body-font: {_families(body + design.fallback)}; "
        f"--note-font: {_families(notes + design.fallback)}; "
        f"--body-size: {design.body.size}; --body-leading: {design.body.leading}; "
        f"--note-size: {design.notes.size}; --note-leading: {design.notes.leading}; }}\n")


# ------------------------------------------------------------------ reading

TYPE_SIZE = (4.0, 36.0)  # points
MIN_MEASURE = 30 * PT_PER_MM  # the text block at least 30 mm wide and high


def read_design(f, diags) -> Design:
    """The design from ``edition.yaml``'s fields (``f``: the reader's field reader of the whole file): the
    named design, then the page and font fields over it; every problem a diagnostic at its field."""
    fields = type(f)
    design = DESIGNS["octavo"]
    if f.has("design"):
        name = str(f.text("design")).strip().lower()
        if name in DESIGNS:
            design = DESIGNS[name]
        else:
            from .diagnostics import did_you_mean
            diags.error(f.pos_of("design"), f'unknown design "{name}" (named designs: {", ".join(DESIGNS)})'
                        f'{did_you_mean(name, DESIGNS)}', code="design")
    if f.has("page"):
        page = fields(f.raw("page"), {"size": False, "margins": False}, "page", f.pos_of("page"), diags)
        size = str(page.text("size"))
        if size:
            dims, problem = page_size(size)  # checked against the bounds of ``limits``
            if problem:
                diags.error(page.pos_of("size"), problem, code="page-size")
            elif dims:
                design = replace(design, width=dims[0], height=dims[1])
        if page.has("margins"):
            design = replace(design, margins=_margins(fields, page, design.margins, diags))
    if f.has("font"):
        design = _font(fields, fields(f.raw("font"), {"family": False, "size": False, "leading": False,
                                                      "notes": False, "fallback": False},
                                      "font", f.pos_of("font"), diags), design, diags)
    _check_measure(f, design, diags)
    return design


def _lengths(fields, f, names: tuple[str, ...], defaults: dict[str, str], what: str, diags) -> dict[str, str]:
    out = dict(defaults)
    for name in names:
        if f.has(name):
            value = str(f.text(name)).strip()
            try:
                points(value)
                out[name] = value
            except ValueError as exc:
                diags.error(f.pos_of(name), f"{what} {name}: {exc}", code="design")
    return out


def _margins(fields, page, margins: Margins, diags) -> Margins:
    names = ("top", "bottom", "inner", "outer")
    m = fields(page.raw("margins"), dict.fromkeys(names, False), "margins", page.pos_of("margins"), diags)
    return Margins(**_lengths(fields, m, names, {n: getattr(margins, n) for n in names}, "margin", diags))


def _font(fields, font, design: Design, diags) -> Design:
    family = str(font.text("family", design.family)).strip() or design.family
    body = _lengths(fields, font, ("size", "leading"), {"size": design.body.size, "leading": design.body.leading},
                    "font", diags)
    notes = {"size": design.notes.size, "leading": design.notes.leading}
    if font.has("notes"):
        nf = fields(font.raw("notes"), {"size": False, "leading": False}, "notes", font.pos_of("notes"), diags)
        notes = _lengths(fields, nf, ("size", "leading"), notes, "note font", diags)
    for what, kind, pos in (("font", body, font.pos_of("size")), ("note font", notes, font.pos_of("notes"))):
        if not TYPE_SIZE[0] <= points(kind["size"]) <= TYPE_SIZE[1]:
            diags.error(pos, f"{what} size {kind['size']} is outside {TYPE_SIZE[0]:g}pt to {TYPE_SIZE[1]:g}pt",
                        code="design")
        elif points(kind["leading"]) < points(kind["size"]):
            diags.error(pos, f"{what} leading {kind['leading']} is less than its size {kind['size']}: lines would "
                             f"overlap", code="design")
    fallback = tuple(str(x) for x in font.texts("fallback")) if font.has("fallback") else design.fallback
    return replace(design, family=family, body=Type(**body), notes=Type(**notes), fallback=fallback)


def _check_measure(f, design: Design, diags) -> None:
    """The margins leave a text block: at least 30 mm each way."""
    m = design.margins
    wide = points(design.width) - points(m.inner) - points(m.outer)
    high = points(design.height) - points(m.top) - points(m.bottom)
    if min(wide, high) < MIN_MEASURE:
        diags.error(f.pos_of("page"), f"the margins leave a text block of {wide / PT_PER_MM:.0f} x "
                                      f"{high / PT_PER_MM:.0f} mm: at least 30 mm each way is needed", code="design")
