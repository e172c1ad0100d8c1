"""The design an editor sets in edition.yaml: read with positions, written as CSS, its fonts found."""
from __future__ import annotations

import pytest

from edition.design import DESIGNS, Design, Margins, design_css, points
from edition.fonts import coverage, family_files, missing_families, pdf_font_names
from edition.styles import PACKAGE_STYLES
from sources import EDITION_YAML


def _design(check, extra: str) -> tuple[Design | None, list[str]]:
    result = check(edition=EDITION_YAML + extra)
    return (result.edition.meta.design if result.edition else None), result.lines


def test_the_default_design_is_the_octavo_of_the_first_edition(check):
    design, lines = _design(check, "")
    assert design == DESIGNS["octavo"] and (design.width, design.height) == ("6in", "9in") and lines == []


def test_a_named_design_and_fields_over_it(check):
    design, lines = _design(check, "design: royal\npage:\n  margins: {inner: 24mm}\nfont:\n  size: 11pt\n"
                                   "  leading: 14pt\n  notes: {size: 9pt}\n  fallback: [Noto Serif]\n")
    assert lines == []
    assert (design.name, design.width, design.height) == ("royal", "156mm", "234mm")
    assert design.margins == Margins("18mm", "21mm", "24mm", "17mm")
    assert (design.body.size, design.body.leading, design.notes.size, design.notes.leading) == (
        "11pt", "14pt", "9pt", "10.5pt")
    assert design.families == ("EB Garamond", "Noto Serif")


@pytest.mark.parametrize("extra, message", [
    ("design: folio\n", 'edition.yaml:7:9: error: unknown design "folio" (named designs: octavo, a5, royal)'),
    ("page:\n  size: 100000in 100000in\n", "edition.yaml:8:9: error: page size \"100000in 100000in\" is out of range: "
                                          "each side must be between 50 mm and 1000 mm"),
    ("page:\n  size: 0in 0in\n", "is out of range"),
    ("page:\n  margins: {inner: wide}\n", "error: margin inner: 'wide' is not a length such as 18mm"),
    ("page:\n  size: A5\n  margins: {inner: 70mm, outer: 70mm}\n", "the margins leave a text block of 8 x 172 mm"),
    ("font:\n  size: 2pt\n", "font size 2pt is outside 4pt to 36pt"),
    ("font:\n  leading: 9pt\n", "font leading 9pt is less than its size 10.5pt"),
    ("font:\n  colour: red\n", 'unknown field "colour" in font'),
])
def test_a_design_that_cannot_be_set_is_an_error_at_its_field(check, extra, message):
    _design_, lines = _design(check, extra)
    assert any(message in line for line in lines), lines


def test_the_css_sets_size_mirrored_margins_and_type():
    css = design_css(DESIGNS["a5"])
    assert "@page { size: 148mm 210mm; margin-top: 15mm; margin-bottom: 18mm; }" in css
    assert "@page :left { margin-left: 14mm; margin-right: 19mm; }" in css  # outer, then inner
    assert '--body-font: "EB Garamond Edition", "Noto Serif", "Noto Serif CJK SC", "Noto Naskh Arabic", serif' in css
    assert '--note-font: "EB Garamond Edition 08", "EB Garamond Edition",' in css and "--body-size: 10pt" in css
    other = design_css(Design(family="DejaVu Serif", fallback=()))
    assert '--body-font: "DejaVu Serif", serif' in other and '--note-font: "DejaVu Serif", serif' in other


def test_lengths_in_points():
    assert points("1in") == 72 and round(points("25.4mm"), 6) == 72 and points("10.5pt") == 10.5
    with pytest.raises(ValueError):
        points("ten points")


def test_the_vendored_family_and_an_installed_one_are_found_and_cover_their_scripts(tmp_path):
    assert len(family_files("EB Garamond", PACKAGE_STYLES)) == 4
    design = Design(fallback=("Noto Serif CJK SC", "No Such Font"))
    covered = coverage(design, PACKAGE_STYLES)
    assert ord("ł") in covered and ord("ё") in covered and ord("刘") in covered
    assert ord("\U00013000") not in covered
    assert missing_families(design, PACKAGE_STYLES) == ("No Such Font",)


def test_a_family_in_the_editions_own_styles_is_found(tmp_path):
    fonts = tmp_path / "styles" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "Garamond-Copy.otf").write_bytes((PACKAGE_STYLES / "fonts" / "EBGaramond12-Regular.otf").read_bytes())
    (fonts / "notes.txt").write_text("not a font")
    found = family_files("eb garamond", tmp_path / "styles")
    assert found == ((fonts / "Garamond-Copy.otf", 0),)


def test_the_pdf_names_of_the_designs_families():
    assert pdf_font_names(Design()) == ("EB-Garamond-Edition", "EB-Garamond-Edition-08", "Noto-Serif",
                                        "Noto-Serif-CJK-SC", "Noto-Naskh-Arabic")
