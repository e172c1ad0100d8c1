"""The header: date lines, the citation's fields, the short title and the file name."""
from __future__ import annotations

import datetime as dt

import pytest

from edition.diagnostics import Diagnostics
from edition.importer import _file_name, _short_title
from edition.importer.citation import read_citation
from edition.importer.dates import find_date, read_date
from edition.importer.names import slug
from edition.importer.parse import parse_page

SEED_CITATION = ('"Working Notes from the Session of the CPSU CC Presidium on 26 October 1956", October 26, 1956, '
                 'Wilson Center Digital Archive, TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, 62-62ob, compiled by '
                 'V. N. Malin. Published in CWIHP Bulletin 8-9, p.389 '
                 '<https://wilson-center-digital-archive.dvincitest.com/document/111881>')


@pytest.mark.parametrize("line, date, doubt", [
    ("October 26, 1956", dt.date(1956, 10, 26), ""),
    ("Oct. 26, 1956", dt.date(1956, 10, 26), ""),
    ("26 October 1956", dt.date(1956, 10, 26), ""),
    ("26th of October, 1956", dt.date(1956, 10, 26), ""),
    ("1956-10-26", dt.date(1956, 10, 26), ""),
    ("**October 26, 1956**", dt.date(1956, 10, 26), ""),
    ("October 1956", dt.date(1956, 10, 1), "the date line gives no day"),
    ("1956", dt.date(1956, 1, 1), "the date line gives only a year"),
    ("October 26-27, 1956", dt.date(1956, 10, 26), "the date line gives a range: its first day is taken"),
    ("c. 1956", dt.date(1956, 1, 1), "the date line gives only a year; the date line gives an approximate date"),
    ("October 26, 1956 - November 4, 1956", dt.date(1956, 10, 26),
     "the date line gives a range: its first day is taken"),
])
def test_date_lines(line, date, doubt):
    found = read_date(line)
    assert found is not None and found.date == date and found.doubt == doubt


@pytest.mark.parametrize("line", ["Working Notes", "February 30, 1956", "On 26 October 1956 the Presidium met",
                                  "Translation - English", ""])
def test_lines_that_are_not_dates(line):
    assert read_date(line) is None


def test_a_date_inside_a_title():
    assert find_date("Notes from the Session on 26 October 1956").date == dt.date(1956, 10, 26)
    assert find_date("Letter of March 5, 1957, to the Embassy").date == dt.date(1957, 3, 5)
    assert find_date("Notes from 1956") is None


def test_a_doubtful_date_is_a_warning_and_a_review_comment(load):
    loaded = load("October 1956\n\n**A Title**\n\nCitation:\n\nX\n\nThe text.\n")
    assert str(loaded.raw["date"]) == "1956-10-01" and loaded.raw["dateline"] == "October 1956"
    assert "input.txt:1:1: warning: the date line gives no day: date set to 1956-10-01" in loaded.warnings
    assert "# REVIEW: line 1: the date line gives no day" in loaded.imported.yaml


def citation(text: str) -> dict:
    diags = Diagnostics()
    page = parse_page(f"**T**\n\nCitation:\n\n{text}\n\nBody.\n", "x.txt", diags)
    fields = dict(read_citation(page, lambda at, message, code, field=None: diags.warning(None, message)))
    return fields | {"warnings": [d.message for d in diags.items]}


def test_the_usual_citation_is_parsed_into_fields_and_kept_verbatim():
    assert citation(SEED_CITATION) == {
        "as_given": SEED_CITATION, "archive": "TsKhSD", "fond": 3, "opis": 12, "delo": 1005,
        "listy": ("53-53ob", "62-62ob"), "compiler": "V. N. Malin", "published": "CWIHP Bulletin 8-9, p.389",
        "digital_archive": "Wilson Center Digital Archive",
        "url": "https://wilson-center-digital-archive.dvincitest.com/document/111881", "warnings": []}


def test_a_citation_in_another_pattern_names_its_archive_with_a_warning():
    text = ('"Report", December 28, 1966, Wilson Center Digital Archive, Hungarian National Archives (MOL), '
            'M-KS 288. f. 5/393. ő.e. Translated by Zoltán Komócsin.')
    fields = citation(text)
    assert fields["as_given"] == text
    assert fields["archive"] == "Hungarian National Archives (MOL), M-KS 288"
    assert fields["warnings"] == ['the citation does not follow the usual pattern (ARCHIVE, F. n, Op. n, D. n, '
                                  'Ll. n): the archive is taken to be "Hungarian National Archives (MOL), M-KS 288"']


def test_a_citation_that_names_no_archive():
    fields = citation('"Report", 1966, Wilson Center Digital Archive, obtained and translated by A. Person.')
    assert "archive" not in fields
    assert fields["warnings"][0].startswith("the citation names no archive")


def test_the_citation_may_run_over_lines_and_labels_may_share_its_line(load):
    loaded = load("May 1, 1957\n\n**A Title**\n\nCitation: TsKhSD, F. 3, Op. 12,\nD. 1005, Ll. 1-2\n"
                  "Summary: One sentence.\nOriginal Language: Russian\n\nThe text.\n")
    assert loaded.raw["citation"]["as_given"] == "TsKhSD, F. 3, Op. 12, D. 1005, Ll. 1-2"
    assert loaded.raw["citation"]["delo"] == 1005
    assert loaded.raw["summary"] == "One sentence."
    assert loaded.raw["body"][0]["paragraphs"] == ["The text."]


def test_a_summary_of_several_paragraphs_up_to_the_next_label(load):
    loaded = load("May 1, 1957\n\n**A Title**\n\nSummary:\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
                  "Original Language:\n\nRussian\n\nThe text.\n")
    assert loaded.raw["summary"] == ["First paragraph.", "Second paragraph."]
    assert [p.content[0].value for p in loaded.doc.summary] == ["First paragraph.", "Second paragraph."]


@pytest.mark.parametrize("title, date, short", [
    ("Working Notes from the Session of the CPSU CC Presidium on 26 October 1956", dt.date(1956, 10, 26),
     "Session of the CPSU CC Presidium, 26 October 1956"),
    ("Record of a Conversation with the Ambassador of Poland", dt.date(1957, 3, 5), ""),
    ("Letter from the Ministry of Foreign Affairs to the Embassy in Berlin, 12 May 1960", dt.date(1960, 5, 12),
     "Letter from the Ministry of Foreign Affairs…, 12 May 1960"),
    ("A very long title that goes on and on about the many things discussed at the meeting", None,
     "A very long title that goes on and on about the many…"),
])
def test_short_titles(title, date, short):
    assert _short_title(title, date) == short
    assert len(short) <= 60


def test_file_names_by_date_and_title():
    assert _file_name("Working Notes from the Session of the CPSU CC Presidium on 26 October 1956",
                      dt.date(1956, 10, 26), "x.txt") == \
        "1956-10-26-working-notes-from-the-session-of-the-cpsu-cc-presidium.yaml"
    assert _file_name("Протокол № 5", dt.date(1956, 10, 26), "x.txt") == "1956-10-26-protokol-no-5.yaml"
    assert _file_name("毛泽东", dt.date(1956, 10, 26), "doc_17.txt") == "1956-10-26-doc-17.yaml"
    assert _file_name("Untitled document", dt.date(1, 1, 1), "-") == "undated-untitled-document.yaml"


def test_slug_drops_diacritics_and_stops_at_a_word():
    assert slug("Gomułka és Nagy Imre — Jegyzőkönyv") == "gomulka-es-nagy-imre-jegyzokonyv"
    assert slug("word " * 30, limit=12) == "word-word"
