"""The independent checks find what they look for: small PDFs made with pikepdf, each with one defect.

A check that passed every file would prove nothing; each test here gives a check a file that breaks the
clause it reads and expects the problem named, and a file that keeps it and expects nothing.
"""
from __future__ import annotations

import pikepdf

from standards.pdf_content import MM
from standards.pdf_fonts import check_font_programs, check_subset_tags
from standards.pdf_metadata import check_xmp
from standards.pdf_print import check_boxes, check_marks
from standards.pdf_tags import check_document, check_links, check_marked_content, check_structure

TRIM = [0, 0, 200, 300]


def new_pdf(content: bytes = b"", fonts: dict | None = None) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 300))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(content)
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts or {}))
    return pdf


def type0(pdf: pikepdf.Pdf, base: str, program: bytes) -> pikepdf.Object:
    stream = pdf.make_stream(program, Subtype=pikepdf.Name.OpenType)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name(base),
                                                      FontFile3=stream))
    cid = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType0,
                                               BaseFont=pikepdf.Name(base), FontDescriptor=descriptor))
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                                                BaseFont=pikepdf.Name(base), DescendantFonts=[cid]))


def test_one_subset_tag_on_two_programs_and_a_name_with_a_comma_are_found():
    pdf = new_pdf()
    pdf.pages[0].obj.Resources.Font = pikepdf.Dictionary(
        F1=type0(pdf, "/NQFXCP+EB-Garamond", b"one"), F2=type0(pdf, "/NQFXCP+EB-Garamond", b"two"),
        F3=type0(pdf, "/HXJRJG+EB-Garamond-08,", b"three"))
    problems = check_subset_tags(pdf)
    assert "subset tag NQFXCP names 2 different programs" in problems
    assert any("HXJRJG+EB-Garamond-08," in p for p in problems)
    good = new_pdf()
    good.pages[0].obj.Resources.Font = pikepdf.Dictionary(F1=type0(good, "/AAAAAA+Gomulka-Italic", b"one"),
                                                          F2=type0(good, "/BBBBBB+Gomulka", b"two"))
    assert check_subset_tags(good) == []


def tagged(content: bytes, kids_of_p: list, roles=("P",)) -> pikepdf.Pdf:
    """A one-page tagged file: Document > the elements ``roles`` (the first holding ``kids_of_p``)."""
    pdf = new_pdf(content)
    page = pdf.pages[0].obj
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root))
    elements = [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(f"/{r}"),
                                                     P=document, Pg=page, K=pikepdf.Array())) for r in roles]
    elements[0].K = pikepdf.Array(kids_of_p)
    document.K = pikepdf.Array(elements)
    root.K = pikepdf.Array([document])
    page.StructParents = 0
    nums = [0, pikepdf.Array([elements[0]] * len([k for k in kids_of_p if isinstance(k, int)]))]
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en")
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    return pdf


TEXT = b"BT /F1 12 Tf 10 10 Td (x) Tj ET"


def test_content_neither_tagged_nor_an_artifact_is_found():
    assert check_marked_content(tagged(b"/P <</MCID 0>> BDC " + TEXT + b" EMC", [0])) == []
    untagged = check_marked_content(tagged(b"/P <</MCID 0>> BDC " + TEXT + b" EMC " + TEXT, [0]))
    assert untagged == ["p. 1: 1 painting operators neither tagged nor artifacts (Tj)"]
    assert check_marked_content(tagged(b"/Artifact BMC " + TEXT + b" EMC", [])) == []


def test_marked_content_the_tree_does_not_reach_and_tags_inside_artifacts_are_found():
    orphan = check_marked_content(tagged(b"/P <</MCID 0>> BDC " + TEXT + b" EMC /P <</MCID 1>> BDC " + TEXT + b" EMC",
                                         [0]))
    assert orphan == ["p. 1: MCID 1 is not in the parent tree"]
    nested = check_marked_content(tagged(b"/Artifact BMC /P <</MCID 0>> BDC " + TEXT + b" EMC EMC", [0]))
    assert nested == ["p. 1: MCID 0 inside an artifact"]


def test_empty_unknown_misplaced_and_unnamed_elements_and_skipped_headings_are_found():
    pdf = tagged(b"/P <</MCID 0>> BDC " + TEXT + b" EMC", [0], roles=("H1", "Para", "LI", "Note", "H3"))
    problems = check_structure(pdf)
    assert any("Para element" in p and "not a standard structure type" in p for p in problems)
    assert any("LI element" in p and "outside a list" in p for p in problems)
    assert any("Note element" in p and "without an ID" in p for p in problems)
    assert any("heading level 3 follows level 1" in p for p in problems)
    assert sum("empty" in p for p in problems) == 4
    assert check_structure(tagged(b"/P <</MCID 0>> BDC " + TEXT + b" EMC", [0], roles=("H1",))) == []


def test_a_link_without_description_or_link_element_is_found():
    pdf = tagged(b"/P <</MCID 0>> BDC " + TEXT + b" EMC", [0], roles=("P", "Span"))
    annot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, F=4,
                                                 Rect=[0, 0, 10, 10], StructParent=1))
    pdf.Root.StructTreeRoot.ParentTree.Nums.extend([1, pdf.Root.StructTreeRoot.K[0].K[1]])
    pdf.pages[0].obj.Annots = pikepdf.Array([annot])
    problems = check_links(pdf)
    assert "p. 1: annotations but no /Tabs /S" in problems
    assert "p. 1: a link without Contents (alternate description)" in problems
    assert "p. 1: a link annotation not held by a Link element" in problems


def test_a_catalog_without_title_display_or_language_is_found():
    pdf = tagged(b"", [])
    del pdf.Root.ViewerPreferences
    pdf.Root.Lang = pikepdf.String("")
    assert check_document(pdf) == ["ViewerPreferences /DisplayDocTitle is not true",
                                   "the catalog's /Lang '' is not a language tag"]


def print_page(media_margin_mm: float, marks: bytes) -> pikepdf.Pdf:
    pdf = new_pdf(marks)
    page = pdf.pages[0].obj
    bleed = 3 * MM
    page.TrimBox = pikepdf.Array(TRIM)
    page.BleedBox = pikepdf.Array([-bleed, -bleed, 200 + bleed, 300 + bleed])
    m = bleed + media_margin_mm * MM
    page.MediaBox = pikepdf.Array([-m, -m, 200 + m, 300 + m])
    return pdf


def marks(colour: bytes, gap_mm: float, length_mm: float) -> bytes:
    g, length = gap_mm * MM, length_mm * MM
    lines = []
    for x, sx in ((0, -1), (200, 1)):
        for y, sy in ((0, -1), (300, 1)):
            lines.append(f"{x + sx * g} {y} m {x + sx * (g + length)} {y} l")
            lines.append(f"{x} {y + sy * g} m {x} {y + sy * (g + length)} l")
    return b"q 0.25 w " + colour + b" " + " ".join(lines).encode() + b" S Q"


def test_boxes_without_a_slug_are_found():
    assert check_boxes(print_page(9, b""), 3) == []
    assert check_boxes(print_page(0, b""), 3) == ["p. 1: a slug of 0.0 mm; at least 6 mm wanted"]
    assert check_boxes(print_page(9, b""), 5)[0].startswith("p. 1: a bleed of [3.0, 3.0, 3.0, 3.0] mm")


def test_marks_in_the_bleed_too_short_or_not_on_the_k_plate_are_found():
    assert check_marks(print_page(9, marks(b"0 0 0 1 K", 4, 6))) == []
    inside = check_marks(print_page(9, marks(b"0 0 0 1 K", 1.5, 6)))
    assert len(inside) == 8 and "no horizontal crop mark" in inside[0]
    assert len(check_marks(print_page(9, marks(b"0 0 0 1 K", 4, 3)))) == 8
    rgb = check_marks(print_page(9, marks(b"0 0 0 RG", 4, 6)))
    assert len(rgb) == 8 and all("not 100 % K" in problem for problem in rgb)


def test_an_xmp_packet_without_the_identifications_is_found():
    pdf = tagged(b"", [])
    pdf.Root.Metadata = pdf.make_stream(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                                        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
    problems = check_xmp(pdf, "screen")
    for name in ("pdfaid:part", "pdfuaid:part", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmpMM:DocumentID"):
        assert f"XMP {name} is ''" in problems
    assert any("pdfxid:GTS_PDFXVersion" in p for p in check_xmp(pdf, "print"))


def test_wrong_widths_and_missing_unicode_values_are_found():
    from pathlib import Path
    program = (Path(__file__).parents[2] / "styles" / "fonts" / "EBGaramond12-Regular.otf").read_bytes()
    pdf = new_pdf(b"/Artifact BMC BT /F1 12 Tf <00240025> Tj ET EMC")
    font = type0(pdf, "/ABCDEF+EBGaramond12-Regular", program)
    font.Encoding = pikepdf.Name("/Identity-H")
    font.DescendantFonts[0].W = pikepdf.Array([0x24, pikepdf.Array([999, 999])])
    font.ToUnicode = pdf.make_stream(b"1 beginbfchar\n<0024> <0041>\nendbfchar")
    pdf.pages[0].obj.Resources.Font = pikepdf.Dictionary(F1=font)
    problems = check_font_programs(pdf)
    assert any("glyph 36 is 999.0 wide in W" in p for p in problems)
    assert any("glyph 37 has no Unicode value" in p for p in problems)
