"""Tagging of the screen files (PDF/A-2a, PDF/UA-1): marked content, structure, links, language, title."""
from __future__ import annotations

import pytest

from standards.pdf_tags import (check_document, check_links, check_marked_content, check_structure, elements,
                                held_content)

pytestmark = pytest.mark.slow  # whole editions built
EDITIONS = ["seed", pytest.param("volume", id="volume10")]


@pytest.mark.parametrize("edition", EDITIONS)
def test_all_content_is_tagged_through_the_parent_tree_or_an_artifact(opened, edition):
    """ISO 14289-1 7.1; ISO 19005-2 6.7; ISO 32000-1 14.7.4.4 and 14.8.2.2."""
    assert check_marked_content(opened(edition, "screen")) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_structure_tree_has_standard_types_no_empty_elements_lists_headings_and_notes(opened, edition):
    """ISO 32000-1 14.7.2, 14.8.4 (14.8.4.3.3 lists), 14.9.2; ISO 19005-2 6.7.3; ISO 14289-1 7.1, 7.3,
    7.4.2, 7.6, 7.9."""
    assert check_structure(opened(edition, "screen")) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_link_is_in_a_link_element_with_a_description(opened, edition):
    """ISO 14289-1 7.18.1, 7.18.3, 7.18.5; ISO 32000-1 14.7.4.3; ISO 19005-2 6.3.2."""
    assert check_links(opened(edition, "screen")) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_catalog_marks_the_file_tagged_gives_its_language_and_shows_its_title(opened, edition):
    """ISO 14289-1 7.1 (MarkInfo, DisplayDocTitle), 7.2; ISO 19005-2 6.7.2; ISO 32000-1 14.9.2."""
    assert check_document(opened(edition, "screen")) == []


def test_a_speakers_turn_across_a_page_break_is_one_paragraph(opened):
    """ISO 32000-1 14.7.2, 14.8.4.3.2: one P element holds the paragraph's content on both pages."""
    across = [e for e in elements(opened("seed", "screen")) if e.role == "P"
              and len({page for page, _mcid in held_content(e)}) > 1]
    assert across, "the seed edition has paragraphs running over a page break"


def test_the_persons_list_is_one_list_of_name_and_identification_items(built, opened):
    """ISO 32000-1 14.8.4.3.3; ISO 14289-1 7.6: L > LI > (Lbl: the name, LBody: the identification)."""
    pdf = opened("seed", "screen")
    items = [e for e in elements(pdf) if e.role == "LI" and [str(k.S) for k in e.obj.K] == ["/Lbl", "/LBody"]]
    lists = {id(e.parent.obj) for e in items}
    persons = built("seed", "screen").pdf.with_suffix(".html").read_text().count("<dt ")
    assert len(lists) == 1 and len(items) == persons > 10


def test_each_note_has_an_id_and_its_number_as_label(opened):
    """ISO 14289-1 7.9; ISO 32000-1 14.8.4.4 (Note), 14.8.4.3.3 (Lbl)."""
    notes = [e for e in elements(opened("seed", "screen")) if e.role == "Note"]
    assert len(notes) == 15
    assert all(str(note.obj.K[0].S) == "/Lbl" and str(note.obj.ID) for note in notes)
