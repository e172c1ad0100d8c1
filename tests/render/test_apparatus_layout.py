"""The critical apparatus laid out: line numbers in the margin and every entry on its lemma's page.

One document of five or six pages in the a5 design, whose every paragraph carries entries with lemmas of
four words, three words apart (more than an entry a line: page breaks fall inside lemmas, and lemmas end pages), and whose first pages carry long notes (pages heavy with notes).  What is tested is read from the
finished PDF: the named destinations the lemmas placed, pdfium's characters (``preflight.apparatus_rules``)
and pdfplumber's (a second reader).
"""
from __future__ import annotations

import re

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from edition.build import build_edition
from edition.diagnostics import Diagnostics, EditionError
from edition.preflight import apparatus_rules
from edition.render import body as body_stage
from edition.render import line_numbers
from edition.writer import apparatus as apparatus_writer
from sources import EDITION_YAML

pytestmark = pytest.mark.slow  # whole documents laid out several times

WITNESSES = """witnesses:
  - siglum: R
    description: The Russian original, in Malin's hand
  - siglum: H
    description: The Hungarian translation of 1993
"""
WORDS = ("Gomułka spoke of the Polish road and Hegedüs of the Hungarian one while Liu Shaoqi listened and "
         "Хрущёв asked for the troops to be reinforced before the night came down on the city and the "
         "Presidium resolved to send Mikoyan and Suslov back to Budapest with new instructions").split()
PARAGRAPHS = 16
NOTE = ("The translation of 1993 reads the passage otherwise, and the Russian original has a deletion here "
        "that the editors of the Bulletin did not record; the reading adopted follows the manuscript. ") * 2


def paragraph(k: int) -> str:
    """A paragraph of 48 words, whose lemmas are words 2-5, 9-12, ... (four words, three between: an entry or
    so a line, as dense as the Gettysburg Address's)."""
    words = [WORDS[(k * 7 + i) % len(WORDS)] for i in range(48)]
    out, i, entry = [], 0, 0
    while i < len(words):
        if i % 7 == 1 and i + 4 <= len(words):
            lemma = " ".join(words[i:i + 4])
            reading = "om." if entry % 3 == 2 else " ".join(reversed(words[i:i + 4]))
            out.append(f'[{lemma}]{{.app H="{reading}" lem="R"}}')
            i += 4
            entry += 1
        else:
            out.append(words[i])
            i += 1
    if k < 3:  # the first pages heavy with notes
        out[-1] += f"[^{k + 1}]"
        out[8] += f"[^{k + 11}]"
    return " ".join(out) + "."


def document(paragraphs: int = PARAGRAPHS) -> str:
    body = "".join(f"      - >-\n        {paragraph(k)}\n" for k in range(paragraphs))
    notes = "".join(f"  - n: {n}\n    text: >-\n      {NOTE}\n" for k in range(min(3, paragraphs))
                    for n in (k + 1, k + 11))
    return ("title: A Session of the Presidium\ndate: 1956-10-26\ncitation:\n"
            "  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob\n"
            f"{WITNESSES}body:\n  - paragraphs:\n{body}notes:\n{notes}")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("apparatus")
    (root / "documents").mkdir()
    (root / "edition.yaml").write_text(EDITION_YAML + "design: a5\n")
    (root / "documents" / "x.yaml").write_text(document())
    result = build_edition(root, root / "out", Diagnostics(), jobs=1)
    return result


def destinations(pdf) -> dict[str, tuple[int, float]]:
    reader = PdfReader(pdf)
    return {str(name): (reader.get_destination_page_number(dest), float(dest.top))
            for name, dest in reader.named_destinations.items()}


def page_texts(pdf) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [" ".join(doc[i].get_textpage().get_text_range().replace("\u00a0", " ").split())
                for i in range(len(doc))]
    finally:
        doc.close()


def entries(dests) -> list[str]:
    return sorted((name for name in dests if re.search(r"-a\d+$", name)), key=lambda n: int(n.rsplit("a", 1)[1]))


def test_every_entry_is_verified_on_its_lemmas_page_with_its_lines(built):
    dests = destinations(built.pdf)
    apparatus = next(f for f in built.preflight.findings if f.rule == "apparatus")
    assert apparatus.ok, apparatus.message
    assert f"{len(entries(dests))} apparatus entries printed" in apparatus.message
    assert len(entries(dests)) == PARAGRAPHS * 7
    assert len({page for name, (page, _y) in dests.items() if name.endswith("-app")}) >= 3  # 3 pages or more


def test_a_lemma_across_a_page_break_is_printed_on_the_page_where_it_begins(tmp_path):
    """A paragraph longer than a page whose one lemma runs from its 30th word to its 30th last: the first
    page break falls inside the lemma, whose entry is printed on the page where it begins, with the range of
    its lines running on to the next page's."""
    words = [WORDS[i % len(WORDS)] for i in range(700)]
    text = " ".join(words[:30] + [f'[{" ".join(words[30:670])}]{{.app H="om."}}'] + words[670:])
    root = tmp_path / "across"
    (root / "documents").mkdir(parents=True)
    (root / "edition.yaml").write_text(EDITION_YAML + "design: a5\n")
    (root / "documents" / "x.yaml").write_text(
        "title: A Session of the Presidium\ndate: 1956-10-26\ncitation:\n  as_given: TsKhSD, F. 3, Op. 12\n"
        f"{WITNESSES}body:\n  - paragraphs:\n      - >-\n        {text}.\n")
    result = build_edition(root, root / "out", Diagnostics(), jobs=1)
    dests = destinations(result.pdf)
    texts = page_texts(result.pdf)
    (name,) = entries(dests)
    start, end = dests[name][0], dests[f"{name}-end"][0]
    assert end > start, "the lemma runs over a page break"
    printed = re.findall(rf"(\d+)\u2013(\d+) {words[30]} \u2026 {words[669]}\]", texts[start])
    assert len(printed) == 1 and int(printed[0][1]) > int(printed[0][0]) + 20  # many lines, to the next pages
    assert all(f"{words[30]} \u2026 {words[669]}]" not in texts[page] for page in range(start + 1, end + 1))
    assert next(f for f in result.preflight.findings if f.rule == "apparatus").ok


def test_a_lemma_on_a_pages_last_line_is_printed_on_that_page(built):
    dests = destinations(built.pdf)
    data = built.pdf.read_bytes()
    pages = sorted({page for name, (page, _y) in dests.items() if name.endswith("-app")})
    lines = apparatus_rules._read_lines(data, pages)
    size = next(line.size for page in pages for line in lines[page] if line.number_at is not None)
    texts = page_texts(built.pdf)
    found = 0
    for page in pages:
        last = [line for line in lines[page] if line.size == size and not line.text.isdigit()][-1]
        on_last = [name for name in entries(dests) if dests[name][0] == page
                   and apparatus_rules._line_at(lines[page], dests[name][1]) == last]
        found += len(on_last)
        if on_last:
            assert re.search(r"\d+(\u2013\d+)? [^\]|]+\]", texts[page])  # the page prints entries
    assert found >= 2 and next(f for f in built.preflight.findings if f.rule == "apparatus").ok


def test_pages_heavy_with_notes_keep_notes_and_entries_at_their_foot(built):
    dests = destinations(built.pdf)
    notes = [page for name, (page, _y) in dests.items() if name.startswith("call-")]
    assert len(notes) == 6
    findings = {f.rule: f for f in built.preflight.findings}
    assert findings["notes"].ok and findings["apparatus"].ok
    block_pages = {page for name, (page, _y) in dests.items() if name.endswith("-app")}
    assert set(notes) & block_pages  # notes and the apparatus on the same pages


def test_line_numbers_every_fifth_line_in_the_outer_margin(built):
    """pdfplumber, a second reader: the numbers are 5, 10, 15 ... in order, right of the text on a recto (an
    odd folio) and left of it on a verso, level with a line of the text."""
    reader = PdfReader(built.pdf)
    labels = list(reader.page_labels)
    seen = []
    with pdfplumber.open(built.pdf) as pdf:
        for index, page in enumerate(pdf.pages):
            if not labels[index].isdigit():
                continue
            words = page.extract_words(extra_attrs=["size"])
            body = [w for w in words if w["size"] > 9]
            if not body:
                continue
            left, right = min(w["x0"] for w in body), max(w["x1"] for w in body)
            for w in words:
                if w["text"].isdigit() and w["size"] < 9 and (w["x1"] < left - 4 or w["x0"] > right + 4):
                    recto = int(labels[index]) % 2 == 1
                    assert (w["x0"] > right) == recto, (labels[index], w)
                    assert any(abs(b["bottom"] - w["bottom"]) < 1.5 for b in body), w  # level with a line
                    seen.append(int(w["text"]))
    assert seen == list(range(5, 5 * len(seen) + 1, 5)) and len(seen) >= 12


def test_numbers_counted_on_each_page_start_again_at_5(tmp_path):
    root = tmp_path / "per-page"
    (root / "documents").mkdir(parents=True)
    (root / "edition.yaml").write_text(EDITION_YAML + "design: a5\nlines:\n  every: 5\n  count: page\n")
    (root / "documents" / "x.yaml").write_text(document(8))
    result = build_edition(root, root / "out", Diagnostics(), jobs=1)
    texts = page_texts(result.pdf)
    assert next(f for f in result.preflight.findings if f.rule == "apparatus").ok
    firsts = [re.findall(r"\| (\d+)(?:\u2013\d+)? ", " | " + text.split("1. ")[0]) for text in texts]
    assert sum(1 for page in firsts if page) >= 2
    for page in texts:
        numbers = [int(n) for n in re.findall(r"(?<![\d.])(\d{1,2})(?= [A-ZХa-zх])", page)]
        assert all(n < 60 for n in numbers)  # no line number beyond the lines of one page


def test_the_preflight_finds_an_entry_printed_with_a_wrong_line(tmp_path, monkeypatch):
    """The layout's own verification switched off, the apparatus printing every line one too high: the
    preflight, reading only the PDF, names the entries."""
    monkeypatch.setattr(apparatus_writer, "lines_text", lambda first, last: str(first + 1))
    failed = _built_unverified(tmp_path / "wrong", monkeypatch)
    assert "preflight apparatus" in str(failed.value) and "but its lemma stands on line" in str(failed.value)


def _built_unverified(root, monkeypatch):
    """The a5 edition of four entries built with the layout's own verification of the apparatus switched
    off (so that only the preflight can find what is wrong): the build's failure."""
    monkeypatch.setattr(body_stage, "verify_apparatus", lambda *args, **kwargs: None)
    (root / "documents").mkdir(parents=True)
    (root / "edition.yaml").write_text(EDITION_YAML + "design: a5\n")
    (root / "documents" / "x.yaml").write_text(document(4))
    with pytest.raises(EditionError) as failed:
        build_edition(root, root / "out", Diagnostics(), jobs=1)
    return failed


def test_the_preflight_finds_a_margin_number_out_of_step(tmp_path, monkeypatch):
    original = line_numbers.line_marks

    def shifted(*args, **kwargs):  # the third number a line too low
        marks = list(original(*args, **kwargs))
        if len(marks) > 2:
            marks[2] = marks[2].__class__(marks[2].block, marks[2].word + 12, *(
                getattr(marks[2], f) for f in ("number", "dx", "side")))
        return tuple(marks)
    from edition.render import apparatus as apparatus_layout
    monkeypatch.setattr(apparatus_layout, "line_marks", shifted)
    failed = _built_unverified(tmp_path / "shifted", monkeypatch)
    assert "preflight apparatus" in str(failed.value)


def test_an_edition_without_an_apparatus_prints_no_numbers_and_no_blocks(seed_build):
    page_html = seed_build("screen").pdf.with_suffix(".html").read_text()
    assert "line-number" not in page_html and "app-block" not in page_html and "lemma" not in page_html
    apparatus = [f for f in seed_build("screen").preflight.findings if f.rule == "apparatus"]
    assert apparatus == []  # nothing to check, nothing claimed


PERSONS = """persons:
  - id: gomulka
    surname: Gomułka
    forenames: Władysław
  - id: hegedus
    surname: Hegedüs
    forenames: András
"""


def test_the_index_cites_a_name_in_a_numbered_text_by_page_and_line(tmp_path):
    root = tmp_path / "lines"
    (root / "documents").mkdir(parents=True)
    (root / "edition.yaml").write_text(EDITION_YAML + "design: a5\nlines:\n  locators: line\n")
    (root / "persons.yaml").write_text(PERSONS)
    (root / "documents" / "x.yaml").write_text(document(6))
    result = build_edition(root, root / "out", Diagnostics(), jobs=1)
    assert next(f for f in result.preflight.findings if f.rule == "index").ok
    data = result.pdf.read_bytes()
    reader = PdfReader(result.pdf)
    labels = list(reader.page_labels)
    texts = page_texts(result.pdf)
    index = next(text for text in reversed(texts) if re.search(r"Gomułka, Władysław, \d", text))
    cited = re.findall(r"(\d+)\.(\d+)", index.split("Gomułka, Władysław", 1)[1].split("Hegedüs")[0])
    assert len(cited) >= 6, index
    places = apparatus_rules._destination_places(reader)
    numbers = {name: spot for name, spot in places.items() if name.endswith("-ln")}
    pages = sorted({labels.index(page) for page, _line in cited} | {spot[0] for spot in numbers.values()})
    lines = apparatus_rules._read_lines(data, pages)
    counted = apparatus_rules._count_lines(lines, numbers, labels, [])
    for page, line in cited:
        on = labels.index(page)
        size = next(x.size for page_lines in lines.values() for x in page_lines if x.number_at is not None)
        named = [x.text for x in lines[on] if x.size == size and counted(on, x.baseline + 0.1) == int(line)]
        assert named and "Gomułka" in named[0].replace("\u00ad", ""), (page, line, named)


def test_the_print_profile_sets_the_apparatus_and_its_numbers_on_the_black_plate(tmp_path):
    """The Gettysburg example for the press: its apparatus block's rule and text, and the margin numbers,
    in 100 % K (the preflight's colour rule fails an RGB colour on any page)."""
    from pathlib import Path
    example = Path(__file__).resolve().parents[2] / "examples" / "gettysburg"
    result = build_edition(example, tmp_path, Diagnostics(), profile="print", jobs=1)
    colour = next(f for f in result.preflight.findings if f.rule == "colour")
    apparatus = next(f for f in result.preflight.findings if f.rule == "apparatus")
    assert colour.ok and apparatus.ok, (colour.message, apparatus.message)


def test_a_text_too_short_for_a_number_has_its_entries_counted_from_its_first_line(tmp_path):
    """Three lines and no margin number: the preflight counts the lemmas' lines from the first paragraph's
    line (the build failed with "could not be counted" on a newcomer's first apparatus)."""
    root = tmp_path / "short"
    (root / "documents").mkdir(parents=True)
    (root / "edition.yaml").write_text(EDITION_YAML)
    (root / "documents" / "x.yaml").write_text(
        "title: A Short Note by Gomułka\ndate: 1956-10-20\ncitation:\n  as_given: AAN, KC PZPR, 237/V-1\n"
        f"{WITNESSES}body:\n  - paragraphs:\n"
        "      - 'The [Polish road]{.app H=\"road\" lem=\"R\"} is ours.'\n"
        "      - 'Hegedüs and Хрущёв will [hear of it]{.app H=\"om.\"} tomorrow.'\n")
    result = build_edition(root, root / "out", Diagnostics(), jobs=1)
    apparatus = next(f for f in result.preflight.findings if f.rule == "apparatus")
    assert apparatus.ok and "0 line numbers" in apparatus.message and "2 apparatus entries printed" in \
        apparatus.message, apparatus.message
    text = " ".join(page_texts(result.pdf))
    assert "1 Polish road R] road H" in text and "2 hear of it] om. H" in text
