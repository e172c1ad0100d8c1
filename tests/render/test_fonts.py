"""Fonts of the final file: the parts' subsets merged into one per face, named by a tag from the program."""
from __future__ import annotations

import io

import pikepdf

from edition.profiles import SCREEN
from edition.render.assemble import Assembler
from edition.render.finish import LabelRange, write_pdf
from edition.render.fonts import face_name, subset_tag
from standards.pdf_fonts import check_font_programs, check_subset_tags

STYLE = ('<style>@font-face { font-family: E; src: url("%s"); } html { font-family: E }</style>')


def test_a_subset_tag_is_six_capitals_derived_from_the_program_and_never_one_taken():
    tag = subset_tag(b"program")
    assert len(tag) == 6 and tag.isalpha() and tag.isupper() and tag == subset_tag(b"program")
    assert subset_tag(b"another") != tag and subset_tag(b"program", {tag}) != tag


def test_a_face_name_loses_its_tag_and_the_comma_pango_gives_a_family_ending_in_digits():
    assert face_name("/HXJRJG+EB-Garamond-Edition-08,") == "EB-Garamond-Edition-08"
    assert face_name("/EB-Garamond-Edition-Italic") == "EB-Garamond-Edition-Italic"


def _parts_with_different_glyphs() -> list[bytes]:
    from pathlib import Path

    from weasyprint import HTML
    font = (Path(__file__).parents[2] / "styles" / "fonts" / "EBGaramond12-Regular.otf").as_uri()
    return [write_pdf(HTML(string=f'<html lang="en">{STYLE % font}<p>{text}</p></html>').render(), SCREEN)
            for text in ("Gomułka and Hegedüs", "Хрущёв, Liu Shaoqi", "Nagy 1956")]


def _assembled(parts: list[bytes]) -> bytes:
    from edition.diagnostics import SourcePos
    from edition.model import EditionMeta
    assembler = Assembler(SCREEN)
    handles = [assembler.add(part) for part in parts]
    meta = EditionMeta("T", "", ("E",), "P", "X", "2026", "en", "", SourcePos("edition.yaml"))
    return assembler.finish(handles, meta, [LabelRange(0, "arabic")])


def test_parts_with_different_glyphs_share_one_merged_program_per_face():
    pdf = pikepdf.open(io.BytesIO(_assembled(_parts_with_different_glyphs())))
    programs = {f.DescendantFonts[0].FontDescriptor.FontFile3.objgen for p in pdf.pages
                for f in p.Resources.Font.values()}
    assert len(programs) == 1
    assert check_subset_tags(pdf) == [] and check_font_programs(pdf) == []


def test_a_cid_keyed_cff_program_is_not_merged():
    """Its glyphs depend on FDSelect's private dictionaries, which each subset numbers anew."""
    from pathlib import Path

    from fontTools.ttLib import TTFont

    from edition.render import fonts
    program = (Path(__file__).parents[2] / "styles" / "fonts" / "EBGaramond08-Italic.otf").read_bytes()
    assert not fonts.cid_keyed(program)
    font = TTFont(io.BytesIO(program))
    top = font["CFF "].cff.topDictIndex[0]
    top.ROS = ("Adobe", "Identity", 0)  # what a CID-keyed font's Top DICT says
    out = io.BytesIO()
    font.save(out)
    assert fonts.cid_keyed(out.getvalue()) and fonts.cid_keyed(b"not a font at all")


def test_a_warm_process_merges_the_same_subsets_once_and_writes_the_same_bytes(monkeypatch):
    from edition.render import fonts
    parts = _parts_with_different_glyphs()
    monkeypatch.setattr(fonts, "_MERGED", {})
    merges = []
    merge = fonts._merge
    monkeypatch.setattr(fonts, "_merge", lambda face: merges.append(face.name) or merge(face))
    first = _assembled(parts)
    assert merges  # the parts' subsets differ: merged
    count = len(merges)
    assert _assembled(parts) == first and len(merges) == count  # taken from the first build
    assert _assembled(parts[:2]) != first and len(merges) > count  # other glyphs: merged anew
