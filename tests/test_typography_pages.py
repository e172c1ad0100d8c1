"""The pages as a press would check them, measured in the built PDF (pdfplumber, ``pagelines``).

Even leading (every line of a paragraph or a note the same distance from the next, a line with a note call
included), no line ending in an initial or in an abbreviation that takes a number, no straight apostrophe
outside the citations given verbatim, no loose line in justified text, the front matter's editorial method,
the gloss on another numbering's note, the contents' folios and the headings of the front matter and index.
The measures are tested first on tiny PDFs made to fail them.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from pagelines import bad_line_ends, blocks_of, loose_lines, read_lines, uneven_blocks

FONT = (Path(__file__).resolve().parents[1] / "styles" / "fonts" / "EBGaramond12-Regular.otf").as_uri()


def _tagged(body: str, css: str = "") -> bytes:
    from weasyprint import HTML
    style = (f"@font-face {{ font-family: G; src: url('{FONT}') }} @page {{ size: 300pt 400pt; margin: 20pt }} "
             f"p {{ font: 10pt/12pt G; margin: 0 0 12pt; text-align: justify; hyphens: none }} {css}")
    return HTML(string=f"<html lang='en'><style>{style}</style><body>{body}</body></html>").write_pdf(pdf_tags=True)


def _lines(data: bytes, tmp_path) -> list:
    path = tmp_path / "probe.pdf"
    path.write_bytes(data)
    return read_lines(path)


WORDS = "Gomułka and Hegedüs spoke to the Presidium about the troops and the government of the day. " * 4


def test_a_line_made_taller_by_an_element_in_it_is_found(tmp_path):
    even = _lines(_tagged(f"<p>{WORDS}</p>"), tmp_path)
    assert uneven_blocks(even) == [] and len(blocks_of(even)) == 1 and len(even) >= 4
    taller = _lines(_tagged(f"<p>{WORDS[:200]}<sup style='font-size: 7pt'>10</sup>{WORDS[200:]}</p>",
                            "sup { vertical-align: 6pt; line-height: 12pt }"), tmp_path)
    assert len(uneven_blocks(taller)) == 1


def test_a_line_ending_in_an_initial_or_a_numbered_abbreviation_is_found(tmp_path):
    lines = _lines(_tagged("<p style='width: 70pt; text-align: left'>The note of N. M. Shvernik in F. 3, "
                           "D. 484 of 26 October.</p>"), tmp_path)
    assert len(bad_line_ends(lines)) == 3, [line.text for line in lines]  # "N." / "M.", "F." / "3", "26" / "October"
    tied = _lines(_tagged("<p style='width: 70pt; text-align: left'>The note of N.\u00a0M.\u00a0Shvernik in "
                          "F.\u00a03, D.\u00a0484 of 26\u00a0October.</p>"), tmp_path)
    assert bad_line_ends(tied) == [], [line.text for line in tied]


def test_a_loose_line_is_found_and_a_paragraphs_last_line_is_not(tmp_path):
    assert loose_lines(_lines(_tagged(f"<p>{WORDS}</p>"), tmp_path)) == []  # its short last line is not justified
    stretched = "<p style='text-align-last: justify'>So it was over.</p>"  # a last line set full: loose
    loose = loose_lines(_lines(_tagged(f"<p>{WORDS}</p>{stretched}"), tmp_path))
    assert len(loose) == 1 and "So it was over." in loose[0]


# ---------------------------------------------------------------- the seed edition

pytestmark_slow = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(seed_build):
    built = seed_build("screen")
    reader = PdfReader(built.pdf)
    labels = list(reader.page_labels)
    index = next(reader.get_destination_page_number(o) for o in reader.outline
                 if not isinstance(o, list) and o.title == "Index")
    body = [i for i, label in enumerate(labels) if label.isdigit() and i < index]
    return built.pdf, read_lines(built.pdf), body, labels


@pytestmark_slow
def test_every_paragraph_and_note_on_every_body_page_keeps_even_leading(pages):
    _pdf, lines, body, _labels = pages
    on_body = [line for line in lines if line.page in body]
    assert {line.page for line in on_body} == set(body) and len(blocks_of(on_body)) > 30
    assert uneven_blocks(on_body) == []


@pytestmark_slow
def test_a_line_with_a_note_call_is_as_far_from_the_next_as_any(pages):
    _pdf, lines, body, _labels = pages
    with_calls = [line for line in lines if line.page in body and line.kind == "P" and line.words
                  and line.words[-1][-1:].isdigit() and not line.words[-1].isdigit()]
    assert with_calls  # "School.5" and the like
    text = [line for line in lines if line.page in body and line.kind == "P" and line.size == 10.5]
    steps = {round(b.base - a.base, 2) for block in blocks_of(text).values() for a, b in zip(block, block[1:])}
    assert steps == {13.5}


@pytestmark_slow
def test_no_line_ends_in_an_initial_or_an_abbreviation_that_takes_a_number(pages):
    _pdf, lines, _body, _labels = pages
    assert bad_line_ends(lines) == []


@pytestmark_slow
def test_no_straight_apostrophe_outside_the_citations_given_verbatim(pages):
    _pdf, lines, _body, _labels = pages
    verbatim = {(line.page, line.block) for line in lines if line.text.startswith("Cited by the archive as:")}
    straight = [f"p. {line.page + 1}: {line.text!r}" for line in lines
                if "'" in line.text and (line.page, line.block) not in verbatim]
    assert straight == []
    assert any("\u2019" in line.text for line in lines)  # the curly ones are read


@pytestmark_slow
def test_no_loose_line_in_the_justified_text_of_the_body(pages):
    _pdf, lines, body, _labels = pages
    assert loose_lines([line for line in lines if line.page in body]) == []


@pytestmark_slow
def test_the_front_matter_prints_the_editorial_method_from_the_source(pages):
    pdf, lines, _body, labels = pages
    reader = PdfReader(pdf)
    start = next(reader.get_destination_page_number(o) for o in reader.outline
                 if not isinstance(o, list) and o.title == "Editorial Method")
    assert not labels[start].isdigit()  # in the front matter, roman folios
    text = " ".join(line.text for line in lines if line.page in (start, start + 1)).replace("\u00a0", " ")
    assert "Each document is printed from the text the archive gives" in text
    assert "The web page repeats the title as the first line of the body" in text  # an intervention


@pytestmark_slow
def test_the_gloss_on_note_33_is_printed_and_links_to_note_9(pages):
    pdf, lines, _body, labels = pages
    glossed = [line for line in lines if line.kind == "Note" and "[=\u00a0n.\u00a09]" in line.text]
    assert len(glossed) == 1
    note = " ".join(line.text for line in blocks_of(lines)[(glossed[0].page, glossed[0].block)])
    assert "explanation in Note\u00a033 [=\u00a0n.\u00a09] infra." in note
    note_9 = next(line.page for line in lines if line.kind == "Note" and line.words[0].split("\u2002")[0] == "9.")
    reader = PdfReader(pdf)
    page = reader.pages[glossed[0].page]
    with pdfplumber.open(pdf) as plumb:
        chars = plumb.pages[glossed[0].page].chars
    nine = next(c for i, c in enumerate(chars) if c["text"] == "9" and chars[i - 3]["text"] == "n")
    targets = []
    for annot in page.get("/Annots", []):
        annot = annot.get_object()
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        top, bottom = float(page.mediabox.top) - max(y0, y1), float(page.mediabox.top) - min(y0, y1)
        if x0 - 0.5 <= nine["x0"] and nine["x1"] <= x1 + 0.5 and top - 0.5 <= nine["top"] <= bottom:
            targets.append(_destination_page(reader, annot))
    assert targets == [note_9], (targets, note_9, labels)


def _destination_page(reader: PdfReader, annot) -> int | None:
    dest = annot.get("/Dest")
    if dest is None and "/A" in annot:
        dest = annot["/A"].get("/D")
    if isinstance(dest, (str, bytes)) or hasattr(dest, "encode"):
        dest = reader.named_destinations[str(dest)]
        return reader.get_destination_page_number(dest)
    return reader.get_page_number(dest[0].get_object()) if dest else None


@pytestmark_slow
def test_the_contents_align_their_folios_and_lead_to_each(pages):
    _pdf, lines, _body, labels = pages
    contents = next(line.page for line in lines if line.text == "Contents")
    with pdfplumber.open(_pdf) as plumb:  # the leaders: dots drawn as artifacts (no structure) on an entry's line
        page = plumb.pages[contents]
        dots = [page.height - c["matrix"][5] for c in page.chars if c["text"] == "." and c.get("mcid") is None]
    entries = [line for line in lines if line.page == contents and line.kind != "H1"
               and len([base for base in dots if abs(base - line.base) < 1]) >= 5]
    assert len(entries) == 4  # the method, the persons, the document, the index: every one with its leaders
    assert all(line.words[-1].isalnum() for line in entries)  # each ends in its folio
    assert max(line.x1 for line in entries) - min(line.x1 for line in entries) < 0.5
    assert any(line.text.startswith("26\u00a0October\u00a01956") for line in entries)  # the date kept whole


@pytestmark_slow
def test_the_headings_of_contents_method_persons_and_index_are_one_level_and_one_size(pages):
    _pdf, lines, _body, _labels = pages
    headings = {line.text: (line.kind, line.size) for line in lines
                if line.text in ("Contents", "Editorial Method", "Persons", "Index")}
    assert set(headings) == {"Contents", "Editorial Method", "Persons", "Index"}
    assert len(set(headings.values())) == 1 and next(iter(headings.values()))[0] == "H1"


@pytestmark_slow
def test_the_index_columns_start_level(pages):
    _pdf, lines, _body, _labels = pages
    index = next(line.page for line in lines if line.text == "Index")
    entries = [line for line in lines if line.page == index and line.size in (9.0, 9.5)]  # letters and entries
    middle = (min(line.x0 for line in entries) + max(line.x1 for line in entries)) / 2
    left = [line.base for line in entries if line.x1 < middle]  # the note above the columns spans both: neither
    right = [line.base for line in entries if line.x0 > middle]
    tops = [min(left), min(right)]
    assert abs(tops[0] - tops[1]) < 0.5, tops


@pytestmark_slow
def test_the_frus_form_numbers_the_caption_and_sets_the_source_note_as_the_first_footnote(make_edition, document,
                                                                                          tmp_path):
    from edition.build import build_edition
    from edition.diagnostics import Diagnostics
    from sources import EDITION_YAML
    root = make_edition(edition=EDITION_YAML + "document_heading: frus\n",
                        document=document("Gomułka spoke to Hegedüs.[^1]", notes={1: "In Warsaw."},
                                          title="Telegram From the Legation in Hungary",
                                          dateline="Budapest, October 27, 1956, 3 p.m."))
    built = build_edition(root, tmp_path / "out", Diagnostics())
    lines = [line for line in read_lines(built.pdf) if line.page == built.front_pages]
    texts = [line.text.replace("\u00a0", " ") for line in lines]
    assert texts[0] == "1. Telegram From the Legation in Hungary"
    assert texts[1] == "Budapest, October 27, 1956, 3 p.m."
    notes = [text for line, text in zip(lines, texts) if line.kind == "Note"]
    assert notes[0].startswith("Source: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53–53ob.")
    assert notes[-1] == "1.\u2002In Warsaw."  # the number, its period and an en space
    assert built.preflight.ok


def _rules_above_notes(pdf: Path, lines: list) -> dict[int, list[float]]:
    """The widths of the rules just above each page's notes.  WeasyPrint draws a border as the frame between
    two rectangles: pdfplumber reads a rectangle as wide as the rule."""
    first_note = {}
    for line in lines:
        if line.kind == "Note":
            first_note[line.page] = min(first_note.get(line.page, line.base), line.base - line.size)
    out: dict[int, list[float]] = {}
    with pdfplumber.open(str(pdf)) as document:
        for index, top in first_note.items():
            page = document.pages[index]
            out[index] = sorted({round(r["width"], 1) for r in page.rects + page.lines + page.curves
                                 if r["width"] > 30 and top - 25 < r["top"] < top})
    return out


@pytestmark_slow
def test_a_short_rule_stands_above_the_notes(pages):
    pdf, lines, body, _labels = pages
    rules = _rules_above_notes(pdf, lines)
    for page in body:
        measure = max(ln.x1 for ln in lines if ln.page == page) - min(ln.x0 for ln in lines if ln.page == page)
        assert rules[page] and all(abs(width - measure / 3) < 1 for width in rules[page]), (page, rules[page])


@pytestmark_slow
def test_a_continued_note_opening_the_notes_has_a_rule_across_the_measure(tmp_path):
    import shutil

    from conftest import SEED_SOURCE, source_date_epoch
    from edition.build import build_edition
    from edition.diagnostics import Diagnostics
    source = tmp_path / "source"
    shutil.copytree(SEED_SOURCE, source)
    document = source / "documents" / "1956-10-26-presidium-session.yaml"
    longer = " ".join(["Gomułka's position was weighed against Hegedüs's in Budapest and in Warsaw."] * 70)
    document.write_text(document.read_text(encoding="utf-8").replace("in Note 33 infra.", f"in Note 33 infra. {longer}"),
                        encoding="utf-8")
    with source_date_epoch():
        built = build_edition(source, tmp_path / "out", Diagnostics(), jobs=1)
    widths = _rules_above_notes(built.pdf, read_lines(built.pdf))
    reader = PdfReader(built.pdf)
    continued = {reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()
                 if name.endswith("-n3-c2")}
    assert len(continued) == 1
    (page,) = continued
    full, short = max(widths[page]), min(widths[page])
    assert full > 2.5 * short  # the full measure drawn over the short rule
    assert all(max(w) < 1.5 * min(w) for p, w in widths.items() if w and p not in continued)


@pytestmark_slow
def test_the_url_breaks_after_a_slash_and_reads_as_the_url(pages):
    import pypdfium2 as pdfium
    pdf, lines, body, _labels = pages
    url = "https://wilson-center-digital-archive.dvincitest.com/document/111881"
    opening = body[0]
    ends = [line.words[-1] for line in lines if line.page == opening and "dvincitest" in line.text]
    assert ends and all(not end.endswith("-") for end in ends)  # never broken at its own hyphens
    document = pdfium.PdfDocument(str(pdf))
    text = document[opening].get_textpage().get_text_range()
    document.close()
    joined = text.replace("/\r\n", "/")  # a line broken after a slash
    assert joined.count(url) == 2  # the source note's link and the citation as the archive gives it
