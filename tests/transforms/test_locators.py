"""Locators with line numbers: "12.4" (page 12, line 4), made for a numbered text and read back."""
from __future__ import annotations

from edition.transforms.locators import format_locators, parse_locator


def test_a_mention_in_a_numbered_text_is_cited_by_page_and_line():
    places = [(12, None, "d-m1"), (12, None, "d-m2"), (12, 3, "d-m3"), (13, None, "d-m4"), (15, 2, "d-m5")]
    found = format_locators(places, {"d-m1": 4, "d-m2": 9, "d-m4": 30})
    assert [loc.text for loc in found] == ["12.4", "12.9", "13.30", "15n2"]  # 12n3: page 12 is cited already
    assert [loc.anchor for loc in found] == ["d-m1", "d-m2", "d-m4", "d-m5"]


def test_without_lines_the_same_mentions_are_cited_by_page():
    places = [(12, None, "d-m1"), (12, None, "d-m2"), (13, None, "d-m4")]
    assert [loc.text for loc in format_locators(places)] == ["12\u201313"]


def test_two_mentions_on_one_line_give_one_locator():
    found = format_locators([(7, None, "d-m1"), (7, None, "d-m2")], {"d-m1": 5, "d-m2": 5})
    assert [loc.text for loc in found] == ["7.5"]


def test_a_line_locator_reads_back():
    loc = parse_locator("12.4")
    assert loc is not None and (loc.first_page, loc.last_page, loc.line, loc.notes) == (12, 12, 4, ())
    assert parse_locator("101\u20138").line is None and parse_locator("12.") is not None  # "12." ends a list
