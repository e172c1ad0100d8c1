"""Replacement texts for words and URLs broken across lines: text runs in, what extraction reads out."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from edition.render.extraction import Run, replacements

P = ET.fromstring("<p>It is recommended that the Soviet-Hungarian talks see "
                  "https://wilson-center-digital-archive.dvincitest.com/document/111881&gt;. and www.x.org and more "
                  "and “vacillations” within</p>")


def line(text, hyphenated=False, element=P):
    return Run(element, text, hyphenated, line_start=True, line_end=True)


def read(runs) -> list[str]:
    found = replacements(runs)
    return [found.get(k, run.text) for k, run in enumerate(runs)]


def test_a_hyphenated_word_reads_whole_on_its_first_line_and_not_on_the_next():
    assert read([line("It is recom\u2010", True), line("mended that the")]) == ["It is recommended", "that the"]


def test_a_word_hyphenated_across_a_page_with_notes_between_still_joins():
    note = ET.fromstring("<p>A note.</p>")
    assert read([line("and “vacilla\u2010", True), line("A note.", element=note), line("tions” within")]) == [
        "and “vacillations", "A note.", "” within"]


def test_a_compound_broken_after_its_own_hyphen_keeps_its_hyphen():
    assert read([line("that the Soviet-"), line("Hungarian talks")]) == ["that the Soviet-Hungarian", "talks"]


def test_a_url_broken_after_its_own_hyphen_over_three_lines_reads_as_the_url():
    lines = [line("talks see https://wilson-"), line("center-digital-archive.dvincitest"),
             line(".com/document/111881>. and www.x.org")]
    assert read(lines) == ["talks see https://wilson-center-digital-archive.dvincitest.com/document/111881", "",
                           ">. and www.x.org"]


def test_a_url_that_ends_at_a_line_end_is_not_joined_to_the_next_word():
    assert read([line("and www.x.org"), line("and more")]) == ["and www.x.org", "and more"]


def test_a_run_that_does_not_begin_a_line_is_not_taken_from():
    runs = [line("It is recom\u2010", True), Run(P, "mended", line_start=False, line_end=True)]
    assert replacements(runs) == {}


LINK = ET.fromstring('<a class="url"><span>https://</span><span>digitalarchive.wilsoncenter.org/</span>'
                     '<span>document/</span><span>working-notes-of-the-session</span></a>')


def test_a_url_link_set_in_pieces_and_broken_across_lines_reads_whole_from_its_first_piece():
    spans = list(LINK)
    runs = [Run(spans[0], "https://", line_start=True, link=LINK),
            Run(spans[1], "digitalarchive.wilsoncenter.org/", link=LINK),
            Run(spans[2], "document/", line_end=True, link=LINK),
            Run(spans[3], "working-notes-of-the-", line_start=True, line_end=True, link=LINK),
            Run(spans[3], "session", line_start=True, link=LINK)]
    assert read(runs) == ["https://digitalarchive.wilsoncenter.org/document/working-notes-of-the-session",
                          "", "", "", ""]


def test_a_url_link_on_one_line_needs_no_replacement():
    spans = list(LINK)
    runs = [Run(spans[0], "https://", line_start=True, link=LINK), Run(spans[1], "digitalarchive.org/", link=LINK)]
    assert replacements(runs) == {}
