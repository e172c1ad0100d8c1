"""End to end: the real edition built to PDF, checked on the laid-out pages and the final file."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from edition.build import index_entries
from edition.model import plain_text
from edition.transforms.checks import document_texts
from edition.transforms.index import fold

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source"
EPOCH = "1792800000"


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(seed_build):
    return seed_build("screen")


@pytest.fixture(scope="module")
def body(seed_body):
    return seed_body


@pytest.fixture(scope="module")
def pages_text(built):
    """The text of every page of the final PDF, with line-end hyphens joined; index pages column by column."""
    with pdfplumber.open(built.pdf) as pdf:
        texts = []
        for i, page in enumerate(pdf.pages):
            if i >= built.front_pages + built.body_pages:  # two columns: left, then right
                half = page.width / 2
                texts.append("\n".join(page.crop(box).extract_text(x_tolerance=1) or "" for box in
                                       ((0, 0, half, page.height), (half, 0, page.width, page.height))))
            else:
                texts.append(page.extract_text() or "")
    return [re.sub(r"[\u2010-](\n)", "", unicodedata.normalize("NFC", t)) for t in texts]


@pytest.fixture(scope="module")
def labels(built):
    return PdfReader(built.pdf).page_labels


def _words(text: str) -> list[str]:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.findall(r"\w+", text)


def test_every_note_once_on_its_calls_page_in_the_layout(body):
    doc = body.edition.documents[0]
    assert [n.number for n in doc.notes] == list(range(1, 16))
    for note in doc.notes:
        calls = body.places[f"call-{note.anchor}"]
        notes = body.places[note.anchor]
        assert len(calls) == 1 and len(notes) == 1, note.label
        assert calls[0].page_index == notes[0].page_index, note.label


def test_every_note_on_its_calls_page_in_the_pdf(built, pages_text, labels, body):
    """Each note's opening words are found, once, on the page whose folio the layout gave its call."""
    doc = body.edition.documents[0]
    first_body = labels.index("1")
    for note in doc.notes:
        page = first_body + body.places[f"call-{note.anchor}"][0].page_index
        opening = " ".join(_words(plain_text(note.content))[:6])
        hits = [i for i, t in enumerate(pages_text) if opening in " ".join(_words(t))]
        assert hits == [page], (note.label, opening, hits, page)


def test_citation_block_and_summary_on_the_documents_first_page(pages_text, labels):
    first = pages_text[labels.index("1")]
    flat = " ".join(_words(first))
    assert "Working Notes from the Session of the CPSU CC" in flat
    assert "TsKhSD F 3 Op 12 D 1005 Ll 53" in flat
    assert "Compiled by V N Malin" in flat
    assert "Liu Shaoqi of the CPC CC tells the CPSU Presidium" in flat
    assert "Bulganin" in flat and "Participants" in flat.replace("P ARTICIPANTS", "Participants").title()


def test_page_labels_match_printed_folios(pages_text, labels, built):
    assert labels[0] == "i"
    assert labels[built.front_pages] == "1"
    assert len(labels) == built.pages
    romans = labels[:built.front_pages]
    assert all(re.fullmatch(r"[ivxlc]+", x) for x in romans)
    # the folio printed on each text page is its label
    for i in range(built.front_pages, built.pages):
        text = pages_text[i]
        if not text.strip():
            continue  # a blank page prints no folio
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        numbers = {w for ln in (lines[0], lines[-1]) for w in re.findall(r"\b\d+\b", ln)}
        assert labels[i] in numbers, (i, labels[i], lines[0], lines[-1])


def test_the_text_begins_on_a_recto_and_documents_open_on_rectos(built, body):
    assert built.front_pages % 2 == 0
    for doc in body.edition.documents:
        assert body.folio(doc.id) % 2 == 1


def test_metadata_and_language(built):
    reader = PdfReader(built.pdf)
    meta = reader.metadata
    assert meta.title.startswith("The Malin Notes")
    assert meta.author == "The edition project"
    assert "Hungary 1956" in meta["/Keywords"]
    assert meta["/CreationDate"] == "D:20261024000000Z"  # SOURCE_DATE_EPOCH
    assert reader.trailer["/Root"]["/Lang"] == "en"
    xmp = reader.xmp_metadata
    assert xmp.dc_title["x-default"].startswith("The Malin Notes")
    assert xmp.dc_creator == ["The edition project"]


def test_bookmarks_for_documents_sections_and_index(built):
    reader = PdfReader(built.pdf)
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    assert "1. Working Notes from the Session of the CPSU CC Presidium on 26 October 1956" in titles
    assert "On the Situation in Hungary" in titles  # no note number glued on
    assert "Index" in titles and "Contents" in titles and "Persons" in titles


def test_fonts_are_the_vendored_garamond_embedded_and_subset(built):
    reader = PdfReader(built.pdf)
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            name = str(descendant["/BaseFont"])
            fonts.add(name)
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+EB-Garamond-Edition[\w,-]*", f) for f in fonts), fonts


def test_every_word_of_the_source_reaches_the_pdf(body, pages_text):
    pdf_words: dict[str, int] = {}
    for w in _words(" ".join(pages_text)):
        pdf_words[fold(w)] = pdf_words.get(fold(w), 0) + 1
    doc = body.edition.documents[0]
    wanted: dict[str, int] = {}
    texts = [plain_text(nodes) for nodes in document_texts(doc)] + [doc.citation.as_given, doc.dateline]
    for w in _words(" ".join(texts)):
        wanted[fold(w)] = wanted.get(fold(w), 0) + 1
    missing = {w: n - pdf_words.get(w, 0) for w, n in wanted.items() if pdf_words.get(w, 0) < n}
    assert not missing


def test_index_locators_point_at_pages_naming_the_person(built, body, pages_text, labels):
    from edition.transforms.index import collect_mentions
    persons = {p.id: p for p in body.edition.persons}
    used: dict[str, set[str]] = {}
    for m in collect_mentions(body.edition):
        used.setdefault(m.person_id, set()).add(fold(m.form))
    entries = [e for e in index_entries(body) if e.person_id]
    assert len(entries) >= 25
    for entry in entries:
        person = persons[entry.person_id]
        forms = {fold(f) for f in person.name_forms} | (used.get(person.id, set()) - {""})
        for loc in entry.locators:
            for folio in range(loc.first_page, loc.last_page + 1):
                text = fold(" ".join(pages_text[labels.index(str(folio))].split()))
                assert any(f in text for f in forms), (entry.heading, loc.text, folio)


def test_no_page_naming_a_person_is_missing_from_the_index(body):
    from edition.transforms.index import collect_mentions
    entries = {e.person_id: e for e in index_entries(body) if e.person_id}
    for m in collect_mentions(body.edition):
        page = body.folio(m.anchor)
        entry = entries[m.person_id]
        assert any(loc.first_page <= page <= loc.last_page for loc in entry.locators), (m, entry)


def test_index_is_printed_with_cross_reference_and_note_locators(pages_text, labels, built):
    index_pages = " ".join(pages_text[built.front_pages + built.body_pages:])
    flat = " ".join(index_pages.split())
    assert "Rokossowski. See Rokossovsky, Konstantin" in flat
    assert re.search(r"Gomułka, Władysław, \d", flat)
    assert re.search(r"Suslov, Mikhail Andreevich, [\d–, ]*\dnn\d+–\d+", flat)


def test_rebuild_in_another_process_is_byte_identical(built, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="123")
    subprocess.run([sys.executable, "-m", "edition", "build", str(SOURCE), "-o", str(tmp_path), "-q"],
                   check=True, env=env, cwd=REPO, capture_output=True)
    assert (tmp_path / "edition.pdf").read_bytes() == built.pdf.read_bytes()
    assert (tmp_path / "edition.html").read_bytes() == built.html.read_bytes()


def test_screen_pdf_is_tagged_with_headings_paragraphs_and_fifteen_notes(built):
    import collections
    reader = PdfReader(built.pdf)
    counts: collections.Counter = collections.Counter()

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict) and "/S" in node:
            counts[str(node["/S"])] += 1
        kids = node.get("/K") if isinstance(node, dict) else None
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)
    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert counts["/Note"] == 15
    assert counts["/H1"] >= 1 and counts["/H2"] >= 3 and counts["/P"] >= 20
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "pdfaid:part>2<" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_print_profile_has_bleed_marks_even_pages_and_no_links(tmp_path, seed_build):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([sys.executable, "-m", "edition", "build", str(SOURCE), "-o", str(tmp_path / "p"), "-q",
                    "--profile", "print"], check=True, env=env, cwd=REPO, capture_output=True)
    first, second = seed_build("print").pdf, tmp_path / "p" / "edition-print.pdf"
    assert first.read_bytes() == second.read_bytes()  # reproducible in another process, PDF/X included
    reader = PdfReader(first)
    assert len(reader.pages) % 2 == 0
    for page in reader.pages:
        trim, bleed = [float(x) for x in page.trimbox], [float(x) for x in page.bleedbox]
        assert round(trim[2] - trim[0]) == 432 and round(trim[3] - trim[1]) == 648
        assert abs((trim[0] - bleed[0]) - 3 * 72 / 25.4) < 0.1
        assert not [a for a in page.get("/Annots") or [] if a.get_object()["/Subtype"] == "/Link"]
    assert "GTS_PDFXVersion>PDF/X-4<" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
