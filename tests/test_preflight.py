"""Preflight rules, each shown failing on a PDF broken for the purpose."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import NameObject, RectangleObject

from edition.build import build_edition, find_styles
from edition.cli import main
from edition.diagnostics import Diagnostics, EditionError
from edition.preflight import preflight
from edition.render.layout import Renderer

pytestmark = pytest.mark.slow  # whole editions built (or worker processes started)

DOC = """\
title: A Session of the Presidium
short_title: A Session
date: 1956-10-26
citation:
  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
summary: Gomułka and Хрущёв.
body:
  - heading: On Hungary
    paragraphs:
      - speaker: Cde. Khrushchev
        text: We must write an appeal to our troops.[^1] Gomułka is taking this to extremes.[^2]
      - Later we can say definitively.[^3]
notes:
  - n: 1
    text: A first note about Khrushchev.
  - n: 2
    text: A second note.
  - n: 3
    text: A third note naming Gomulka.
"""
PERSONS = {"persons": [
    {"id": "gomulka", "surname": "Gomułka", "forenames": "Władysław", "variants": ["Gomulka"]},
    {"id": "khrushchev", "surname": "Khrushchev", "forenames": "Nikita Sergeevich", "variants": ["Хрущёв"]},
]}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A tiny edition built in both profiles: (root, screen pdf, print pdf)."""
    root = tmp_path_factory.mktemp("ed")
    (root / "documents").mkdir()
    (root / "edition.yaml").write_text("title: A Volume\neditors: [An Editor]\npublisher: A Press\n"
                                       "place: Somewhere\nyear: 2026\nlanguage: en\n")
    import yaml
    (root / "persons.yaml").write_text(yaml.safe_dump(PERSONS, allow_unicode=True))
    (root / "documents" / "x.yaml").write_text(DOC)
    out = root / "out"
    screen = build_edition(root, out, Diagnostics(), profile="screen")
    printed = build_edition(root, out, Diagnostics(), profile="print")
    return root, screen.pdf, printed.pdf


def _failures(report, rule):
    return [f.message for f in report.failures if f.rule == rule]


def _rewrite(path: Path, change) -> bytes:
    writer = PdfWriter(clone_from=str(path))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_both_profiles_pass_every_rule(small):
    _root, screen, printed = small
    for pdf, rules in ((screen, {"readers", "fonts", "boxes", "metadata", "labels", "notes", "index"}),
                       (printed, {"readers", "fonts", "boxes", "parity", "colour", "metadata", "labels", "notes",
                                  "index"})):
        report = preflight(pdf)
        assert report.ok, report.format()
        assert {f.rule for f in report.findings} == rules
    assert "3 notes" in preflight(screen).format()


def test_the_cli_prints_the_report_and_exits_0_or_1(small, capsys, tmp_path):
    _root, screen, printed = small
    assert main(["preflight", str(screen)]) == 0
    assert "preflight: passed" in capsys.readouterr().out
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(_rewrite(printed, lambda w: w.remove_page(len(w.pages) - 1)))
    assert main(["preflight", str(broken)]) == 1
    assert "FAIL parity" in capsys.readouterr().out


def test_a_glyph_no_font_of_the_design_has_stops_the_build_at_the_character(make_edition, tmp_path):
    root = make_edition(document=DOC.replace("Later we can", "Later \u262d we can"), persons=PERSONS)
    with pytest.raises(EditionError) as err:
        build_edition(root, tmp_path / "out", Diagnostics())
    assert "documents/x.yaml:12:15: error: no font of the design" in str(err.value) and "U+262D" in str(err.value)
    assert not (tmp_path / "out" / "edition.pdf").exists()


def test_a_font_not_of_the_design_fails_naming_the_characters_it_prints():
    """A PDF in which the machine set a character in a font it picked (here DejaVu, for want of a glyph)."""
    styles = find_styles(Path("source"))
    html = ('<html lang="en"><head><link rel="stylesheet" href="edition.css"></head><body><p>Later \u262d we can.'
            '</p></body></html>')
    doc, _problems = Renderer(styles, styles).render(html)
    report = preflight("x.pdf", data=_label(doc.write_pdf()), profile="screen")
    messages = _failures(report, "fonts")
    assert any("DejaVu" in m and "U+262D" in m for m in messages), report.format()


def test_wrong_boxes_fail(small):
    _root, _screen, printed = small

    def shrink_bleed(w):
        page = w.pages[1]
        page[NameObject("/TrimBox")] = RectangleObject([0, 0, 433, 649])
    report = preflight("x.pdf", data=_rewrite(printed, shrink_bleed), profile="print")
    messages = " ".join(_failures(report, "boxes"))
    assert "p. 2: bleed of" in messages and "trim sizes differ" in messages


def test_a_screen_pdf_with_a_bleed_fails(small):
    _root, _screen, printed = small
    report = preflight("x.pdf", data=printed.read_bytes(), profile="screen")
    assert any("TrimBox differs from MediaBox" in m for m in _failures(report, "boxes"))


def test_an_odd_page_count_fails_for_print(small):
    _root, _screen, printed = small
    report = preflight("x.pdf", data=_rewrite(printed, lambda w: w.remove_page(len(w.pages) - 1)))
    assert _failures(report, "parity")


def test_rgb_colour_fails_for_print(small):
    _root, _screen, printed = small

    def paint(w):
        contents = w.pages[0].get_contents()
        contents.set_data(b"q 1 0 0 rg 0 0 10 10 re f Q\n" + contents.get_data())
        w.pages[0].replace_contents(contents)
    report = preflight("x.pdf", data=_rewrite(printed, paint))
    assert _failures(report, "colour") == ["p. 1: RGB colour (a press wants CMYK, text on the black plate)"]


def test_missing_metadata_fails(small):
    _root, screen, _printed = small

    def strip(w):
        del w._root_object["/Metadata"]
        del w._root_object["/Lang"]
    report = preflight("x.pdf", data=_rewrite(screen, strip))
    assert set(_failures(report, "metadata")) == {
        "no document language (/Lang)", "no XMP metadata with a title", "XMP lacks the PDF/A-2a identification"}


def test_page_labels_that_disagree_with_the_printed_folios_fail(small):
    _root, screen, _printed = small

    def relabel(w):
        del w._root_object["/PageLabels"]
        w.set_page_label(0, len(w.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    report = preflight("x.pdf", data=_rewrite(screen, relabel))
    assert any(re.match(r"p\. \d+ prints folio [ivx]+ but is labelled \d+", m) for m in _failures(report, "labels"))


def test_a_note_displaced_from_its_calls_page_fails(tmp_path):
    """A page laid out by WeasyPrint with its default policy: the note does not fit and moves on."""
    styles = find_styles(Path("source"))
    filler = "<p>" + " ".join(["Filler text of the page."] * 100) + "</p>"
    note = " ".join(["A long note that cannot fit under its call."] * 40)
    html = f"""<html lang="en"><head><link rel="stylesheet" href="edition.css">
    <style>@page {{ size: 6in 9in; }} .fn {{ footnote-policy: auto; }} p {{ orphans: 1; widows: 1; }}</style></head>
    <body><div class="part"><article>{filler}<p>Last line with a call.<a class="call" id="call-x-n1" href="#x-n1">
    <sup>1</sup></a><edition-note class="fn" id="x-n1">1\u2002{note}</edition-note> And more text follows here.</p>
    {filler}</article></div></body></html>"""
    doc, _problems = Renderer(styles, styles).render(html)
    pages = {name: i for i, page in enumerate(doc.pages) for name in page.anchors}
    assert pages["x-n1"] == pages["call-x-n1"] + 1  # WeasyPrint's default policy moved the note on
    data = doc.write_pdf()
    report = preflight("x.pdf", data=_label(data), profile="screen")
    messages = _failures(report, "notes")
    assert any("note n1 is called here but begins on p. " in m for m in messages), report.format()


def test_a_continuation_elsewhere_than_after_its_note_fails():
    from edition.preflight.text_rules import check_notes
    from edition.preflight import Report
    labels = [str(k) for k in range(1, 9)]
    good = {"call-x-n3": 2, "x-n3": 2, "x-n3-c2": 3, "x-n3-c3": 4}
    report = Report("x", "screen")
    check_notes(report, good, labels)
    assert report.ok and "1 continued on the pages after" in report.format()
    for broken, message in ((dict(good, **{"x-n3-c2": 5}), "its continuation (part 2) is on p. 6, not on p. 4"),
                            ({k: v for k, v in good.items() if k != "x-n3"}, "note n3 is called here but printed nowhere"),
                            (dict(good, **{"x-n4": 6}), "a note is printed with no call (x-n4)")):
        report = Report("x", "screen")
        check_notes(report, broken, labels)
        assert any(message in f.message for f in report.failures), report.format()


def _label(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.set_page_label(0, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_index_locator_to_a_page_without_the_person_fails(small):
    _root, screen, _printed = small
    reader = PdfReader(str(screen))
    index_page = len(reader.pages) - 1
    text = reader.pages[index_page].extract_text()
    assert "Gomułka" in text
    from edition.preflight import Report
    from edition.preflight.reading import Page, read_pages
    from edition.preflight.text_rules import check_index
    report = Report("x", "screen")
    pages = read_pages(screen.read_bytes(), [[float(x) for x in p.mediabox] for p in reader.pages])
    labels = list(reader.page_labels)
    pages = [Page(p.lines, p.text.replace("Gomułka", "G.").replace("Gomulka", "G.")) if i < index_page else p
             for i, p in enumerate(pages)]  # the text pages stop naming Gomułka
    check_index(report, reader, screen.read_bytes(), pages, labels, {}, None)
    assert any('"Gomułka, Władysław": p. 1' in f.message for f in report.failures), report.format()


def _counting_page_reads(monkeypatch) -> list[int]:
    import edition.preflight.reading as module
    read: list[int] = []
    original = module.page_list

    def counting(data, trims, indexes):
        read.extend(indexes)
        return original(data, trims, indexes)
    monkeypatch.setattr(module, "page_list", counting)
    return read


def test_a_warm_process_reads_again_only_the_pages_that_changed(small, tmp_path, monkeypatch):
    root, screen, _printed = small
    doc = root / "documents" / "x.yaml"
    changed_root = tmp_path / "changed"
    import shutil
    shutil.copytree(root, changed_root, ignore=shutil.ignore_patterns("out"))
    (changed_root / "documents" / "x.yaml").write_text(doc.read_text().replace("Later we can", "Later still we can"))
    changed = build_edition(changed_root, tmp_path / "out", Diagnostics()).pdf
    cold = [preflight(path, profile="screen") for path in (screen, changed)]
    read = _counting_page_reads(monkeypatch)
    cache: dict = {}
    warm = [preflight(path, profile="screen", page_cache=cache) for path in (screen, changed, changed)]
    pages = len(PdfReader(screen).pages)
    assert read[:pages] == list(range(pages))  # the first file: every page
    again = read[pages:]
    assert 0 < len(again) < pages  # the changed file: the document's pages, not the front matter's
    assert [f for f in warm[1].findings] == [f for f in cold[1].findings]
    assert [f for f in warm[0].findings] == [f for f in cold[0].findings]
    assert warm[2].findings == cold[1].findings and len(read) == pages + len(again)  # unchanged: nothing read


def test_preflight_of_a_finished_pdf_passes_from_any_folder(seed_build, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no source/ here: the index rule works without the edition's name forms
    assert main(["preflight", str(seed_build("screen").pdf)]) == 0
    assert "preflight: passed" in capsys.readouterr().out
