"""Contract tests of the adapter: what edition relies on in WeasyPrint's and pypdf's internals.

Each test names the internal it guards; when a release of either library
changes it, the failure says what to look at in ``edition/adapter/``.
"""
from __future__ import annotations

import io
import logging
import zlib
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import DecodedStreamObject, NameObject, StreamObject

from edition import adapter
from edition.adapter import layout as adapter_layout

PAGE = "@page { size: 100pt 100pt; margin: 20pt; @bottom-center { content: counter(page); font-size: 8pt; } }"


def _html(body: str, css: str = PAGE):
    from weasyprint import HTML
    return HTML(string=f"<html lang='en'><style>{css}</style><body>{body}</body></html>")


def _laid_out(body: str, css: str = PAGE):
    from weasyprint.text.fonts import FontConfiguration
    return adapter.lay_out(_html(body, css), FontConfiguration())


def _folios(pdf: bytes) -> list[str]:
    return [page.extract_text().split()[-1] for page in PdfReader(io.BytesIO(pdf)).pages]


TWO_PAGES = "<p>one</p><p style='break-before: page'>two</p>"


def test_the_supported_versions_are_installed():
    assert adapter.check_versions() == [], "pyproject.toml pins the versions the adapter supports"


def test_a_version_other_than_the_supported_one_is_named(monkeypatch):
    monkeypatch.setattr(adapter, "version", lambda name: "0.1")
    problems = adapter.check_versions()
    assert len(problems) == 2 and "weasyprint 70.0, but 0.1 is installed" in problems[0]


def test_lay_out_gives_the_pages_and_the_context_weasyprint_used():
    """Document._render and Document._build_layout_context: the layout context survives the render."""
    document, context = _laid_out(TWO_PAGES)
    assert len(document.pages) == 2
    assert len(context.page_maker) == 3, "context.page_maker: one entry per page, and one for the next page"
    for entry in context.page_maker:
        assert len(entry) == 5, "page_maker entries are (resume_at, next_page, right_page, page_state, remake)"
        assert isinstance(entry[3][1], dict), "page_state[1] is the dict of page-based counters"
    assert context.page_maker[1][3][1]["page"] == [1]


def test_lay_out_gives_the_same_pages_as_weasyprint_itself():
    document, _context = _laid_out(TWO_PAGES)
    assert document.write_pdf() == _html(TWO_PAGES).render().write_pdf()


def test_renumbered_pages_print_the_new_folios_and_equal_a_layout_that_began_there():
    """page_maker's counters, page._page_box.children, make_margin_boxes and layout_backgrounds."""
    document, context = _laid_out(TWO_PAGES)
    adapter.renumber_pages(document, context, 10)
    renumbered = document.write_pdf()
    assert _folios(renumbered) == ["11", "12"]
    direct, _ = _laid_out(TWO_PAGES, PAGE + " @page :first { counter-reset: page 11; }")
    assert renumbered == direct.write_pdf()


def _tagged(body: str, css: str = PAGE) -> bytes:
    from edition.render.tagging import Tagger
    document, _ = _laid_out(body, css)
    with adapter.tagged_by(Tagger({"edition-test-note": "Note"}), document):
        return document.write_pdf(pdf_variant="pdf/a-2a")


def _elements(pdf: bytes) -> list:
    """Every structure element of a tagged PDF, depth first."""
    reader = PdfReader(io.BytesIO(pdf))

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            yield node
        kids = node.get("/K", [])
        for kid in (kids if isinstance(kids, list) else [kids]):
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                yield from walk(kid)
    return list(walk(reader.trailer["/Root"]["/StructTreeRoot"]))


def test_a_tagged_part_gets_the_taggers_structure_with_one_element_across_pages():
    """weasyprint.pdf.add_tags (replaced), Stream._tags (box -> MCID), box.element and element_tag."""
    long_turn = "<p>" + "Hegedüs spoke at length. " * 40 + "</p>"
    pdf = _tagged(long_turn + "<p>Text<edition-test-note id='n'>a note</edition-test-note></p>")
    kinds = [e["/S"] for e in _elements(pdf)]
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 2
    assert kinds == ["/Document", "/P", "/P", "/Note"]
    note = _elements(pdf)[-1]
    assert note["/ID"] == "n"


def test_page_furniture_is_drawn_as_an_artifact():
    """Stream.marked, the pages' MarginBox and leaders (is_leader)."""
    pdf = _tagged("<p><span class='l'>Persons</span>7</p>", PAGE + " .l::after { content: leader('. ') }")
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert content.count(b"/Artifact\n<</Type /Pagination>>") == 1  # the folio
    assert content.count(b"/Artifact\n<</Type /Layout>>") >= 1  # the leader's dots
    assert content.count(b"/MCID") == 2  # "Persons" and "7"


def test_a_text_box_cut_by_hyphenation_is_flagged_and_its_word_given_whole():
    """weasyprint.layout.inline.split_text_box's result, LineBox and TextBox of the laid-out pages."""
    css = PAGE + " p { width: 40pt; hyphens: auto; font-size: 8pt }"
    pdf = _tagged("<p lang='en'>recommended extraordinary representatives</p>", css)
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert b"/ActualText (recommended)" in content


def test_an_ignored_css_declaration_is_told_from_a_layout_problem():
    """WeasyPrint logs an ignored declaration as a warning whose template begins "Ignored"."""
    with adapter.weasyprint_messages() as records:
        _laid_out("<p>x</p>", PAGE + " p { no-such-property: 1 }")
    assert records and all(adapter.is_ignored_declaration(r) for r in records)
    problem = logging.LogRecord("weasyprint", logging.ERROR, "", 0, "Failed to load image at %s", ("x",), None)
    assert not adapter.is_ignored_declaration(problem)


def test_a_streams_raw_data_is_its_encoded_bytes_and_can_be_replaced():
    """pypdf's StreamObject._data holds the stream as stored in the file; decoded_self caches its decoding."""
    document, _ = _laid_out("<p>x</p>")
    page = PdfReader(io.BytesIO(document.write_pdf())).pages[0]
    stream = page["/Contents"].get_object()
    assert isinstance(stream, StreamObject)
    raw = adapter.raw_stream_data(stream)
    assert stream["/Filter"] == "/FlateDecode" and zlib.decompress(raw) == stream.get_data()
    adapter.set_raw_stream_data(stream, zlib.compress(b"0 0 m"))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    assert stream.get_data() == b"0 0 m"
    out = io.BytesIO()
    stream.write_to_stream(out)
    assert zlib.compress(b"0 0 m") in out.getvalue()


def test_a_final_reference_is_written_as_an_object_number():
    out = io.BytesIO()
    reference = adapter.final_reference_class()(42)
    reference.write_to_stream(out)
    assert out.getvalue() == b"42 0 R"
    assert adapter.final_reference_class() is type(reference)


@pytest.mark.parametrize("data", [b"", b"x" * 10])
def test_a_decoded_stream_keeps_its_data(data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    assert stream.get_data() == data


def test_the_command_refuses_an_unsupported_library_naming_the_versions(monkeypatch, capsys):
    from edition import cli
    monkeypatch.setattr(adapter, "version", lambda name: "71.0" if name == "weasyprint" else "7.1.1")
    assert cli.main(["build", "source"]) == 1
    assert "edition supports weasyprint 70.0, but 71.0 is installed" in capsys.readouterr().err


# ---------------------------------------------------------------- WeasyPrint's lone hyphenated fragment

_FRAGMENT_FONT = "url('{}')".format((Path(__file__).resolve().parents[1] / "styles" / "fonts" /
                                      "EBGaramond12-Regular.otf").as_uri())
_FRAGMENT_LINE = "foreign minister, to the Presidium."


def _fragment_lines(width: float, fixed: bool, monkeypatch) -> list[str]:
    """The lines of "Cable / foreign minister, to the Presidium. Malin notes it." in a paragraph ``width`` wide,
    laid out with the fix of ``split_first_line`` or without it."""
    from weasyprint.layout import inline
    from weasyprint.text.fonts import FontConfiguration
    adapter.keep_words_at_line_start()
    if not fixed:
        monkeypatch.setattr(adapter_layout, "keep_words_at_line_start", lambda: None)
        monkeypatch.setattr(inline, "split_first_line", inline.split_first_line.original)
    css = (f"@font-face {{ font-family: G; src: {_FRAGMENT_FONT} }} @page {{ size: 600pt 200pt; margin: 0 }} "
           f"body {{ margin: 0 }} p {{ font: 10pt/12pt G; width: {width}pt; margin: 0; text-align: justify; "
           f"hyphens: auto }}")
    html = _html(f"<p>Cable<br>{_FRAGMENT_LINE} <span>Malin</span> notes it.</p>", css)
    document, _context = adapter.lay_out(html, FontConfiguration())
    with pdfplumber.open(io.BytesIO(document.write_pdf())) as pdf:
        lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    monkeypatch.undo()
    return lines


def test_a_text_that_fits_but_for_its_trailing_space_is_not_hyphenated_alone_on_a_line(monkeypatch):
    """WeasyPrint 70 (``text.line_break.split_first_line``): the second line fits the paragraph's width but for
    the space before <span>; unfixed, its first word is hyphenated and "for-" stands alone on a line."""
    wide = _fragment_lines(500, True, monkeypatch)
    assert wide == ["Cable", f"{_FRAGMENT_LINE} Malin notes it."]
    with pdfplumber.open(io.BytesIO(_laid_out_width_probe())) as pdf:
        period = next(c for c in pdf.pages[0].chars if c["text"] == ".")
    width = period["x1"] + 1  # the line to its period fits; with the space after it, it does not
    assert _fragment_lines(width, False, monkeypatch)[1] == "for\u2010", "WeasyPrint no longer has the bug"
    assert _fragment_lines(width, True, monkeypatch) == ["Cable", _FRAGMENT_LINE, "Malin notes it."]


def _laid_out_width_probe() -> bytes:
    css = f"@font-face {{ font-family: G; src: {_FRAGMENT_FONT} }} @page {{ size: 600pt 200pt; margin: 0 }} " \
          f"body {{ margin: 0 }} p {{ font: 10pt/12pt G; margin: 0 }}"
    from weasyprint.text.fonts import FontConfiguration
    document, _context = adapter.lay_out(_html(f"<p>{_FRAGMENT_LINE}</p>", css), FontConfiguration())
    return document.write_pdf()


def test_release_fonts_removes_the_folder_of_font_faces_a_live_configuration_made():
    # FontConfiguration._folder holds the @font-face files; its __del__ removes it (edition.cli.run leaves
    # with os._exit, which collects nothing, and calls release_fonts instead)
    font = Path(__file__).resolve().parents[1] / "styles" / "fonts" / "EBGaramond12-Regular.otf"
    config = adapter.font_configuration()
    css = PAGE + f"@font-face {{ font-family: Probe; src: url({font.as_uri()}) }} p {{ font-family: Probe }}"
    adapter.lay_out(_html("<p>Gomułka</p>", css), config)
    folder = Path(config._folder)
    assert folder.is_dir() and any(folder.iterdir())
    adapter.release_fonts()
    assert not folder.exists()
    adapter.release_fonts()  # twice is harmless


def test_a_worker_removes_only_the_font_folders_it_made():
    # a forked worker takes font_folders() when it starts; release_fonts(kept) leaves its parent's folders
    font = Path(__file__).resolve().parents[1] / "styles" / "fonts" / "EBGaramond12-Regular.otf"
    css = PAGE + f"@font-face {{ font-family: Probe; src: url({font.as_uri()}) }} p {{ font-family: Probe }}"
    parents = adapter.font_configuration()
    adapter.lay_out(_html("<p>Hegedüs</p>", css), parents)
    kept = adapter.font_folders()
    workers = adapter.font_configuration()  # made after the worker started
    adapter.lay_out(_html("<p>Хрущёв</p>", css), workers)
    adapter.release_fonts(kept)
    assert Path(parents._folder).is_dir() and not Path(workers._folder).exists()
    adapter.release_fonts()
    assert not Path(parents._folder).exists()
