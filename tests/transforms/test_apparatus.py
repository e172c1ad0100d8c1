"""Checks of the critical apparatus against the document's witnesses, each problem at its cause."""
from __future__ import annotations

import pytest

from edition.model import App, walk_inlines
from sources import X

WITNESSES = [{"siglum": "N", "description": "The Nicolay copy"}, {"siglum": "H", "description": "Gomułka's copy"},
             {"siglum": "Bl", "description": "Хрущёв's copy"}]
LINE = 7  # the line of the first paragraph in the YAML the fixtures write (witnesses follow the body)


def document_with(document, *paragraphs, witnesses=WITNESSES, **fields):
    doc = document(*paragraphs, **fields)
    if witnesses:
        doc["witnesses"] = witnesses
    return doc


def at(text: str, part: str, line: int = LINE) -> str:
    """Where ``part`` of the paragraph ``text`` stands in documents/x.yaml (a plain scalar after "  - ")."""
    return f"{X}:{line}:{5 + text.index(part)}"


@pytest.fixture
def checked(check, document):
    def run(*paragraphs, **fields):
        result = check(document=document_with(document, *paragraphs, **fields))
        return result
    return run


def test_a_well_formed_entry_passes(checked):
    result = checked('We [met]{.app H="add. here" N="came" lem="Bl"} there.')
    assert result.lines == []


def test_an_undeclared_siglum_is_an_error_at_its_attribute_with_a_suggestion(checked):
    text = 'We [met]{.app H="came" B="came"} there.'
    result = checked(text)
    assert result.lines == [f'{at(text, "B=")}: error: "B" is not a witness of this document (N, H, Bl) '
                            f'(did you mean "Bl"?)']


def test_a_misspelt_lem_is_taken_for_a_siglum_and_the_suggestion_says_so(checked):
    text = 'We [met]{.app H="came" lemma="N"} there.'
    result = checked(text)
    assert result.lines == [f'{at(text, "lemma=")}: error: "lemma" is not a witness of this document (N, H, Bl) '
                            f'(did you mean "lem"?)']


def test_an_undeclared_siglum_of_the_lemma_is_an_error_at_lem(checked):
    text = 'We [met]{.app H="came" lem="Q"} there.'
    result = checked(text)
    assert result.lines == [f'{at(text, "lem=")}: error: lem names "Q", which is not a witness of this document '
                            f'(N, H, Bl)']


def test_entries_without_declared_witnesses_are_one_error_at_the_first_entry(checked):
    text = 'We [met]{.app H="came"} and [went]{.app Q="left"}.'
    result = checked(text, witnesses=None)
    assert result.lines == [f"{at(text, '[met]')}: error: an apparatus entry, but the document declares no "
                            f"witnesses: list them under witnesses: (siglum, description) in {X}"]


def test_an_empty_lemma_is_an_error(checked):
    text = 'We []{.app H="came"} there.'
    result = checked(text)
    assert result.lines == [f"{at(text, '[]')}: error: an apparatus entry with an empty lemma: the lemma is the base "
                            f"text's words, [words]{{.app SIGLUM=\"reading\"}}"]


def test_an_entry_inside_another_is_an_error_at_the_inner_one(checked):
    text = 'We [met [there]{.app H="here"}]{.app N="came"}.'
    result = checked(text)
    assert result.errors == [f"{at(text, '[there]')}: error: an apparatus entry inside another (the one at line "
                             f"{LINE}, column {5 + text.index('[met')}): entries may not nest or overlap; make one "
                             f"entry of the longer passage, with each witness's reading of all of it"]


def test_a_siglum_for_both_the_lemma_and_a_reading_is_an_error(checked):
    text = 'We [met]{.app H="came" lem="H Bl"} there.'
    result = checked(text)
    assert result.lines == [f'{at(text, "H=")}: error: "H" is given both for the lemma (lem) and for a reading: a '
                            f'witness has one reading']


def test_a_reading_that_is_the_lemma_is_a_warning(checked):
    text = 'We [met]{.app H="met" N="came"} there.'
    result = checked(text)
    assert result.lines == [f'{at(text, "H=")}: warning: the reading of H is the lemma itself ("met"): list those '
                            f'witnesses in lem="..." instead']


def test_an_entry_without_readings_is_an_error(checked):
    text = 'We [met]{.app lem="N"} there.'
    result = checked(text)
    assert result.lines == [f"{at(text, '[met]')}: error: an apparatus entry without readings: give each witness's "
                            f'reading as SIGLUM="words", SIGLUM="om." or SIGLUM="add. words"']


def test_a_lemma_with_a_space_at_its_edge_is_a_warning(checked):
    text = 'We[ met]{.app H="came"} there.'
    result = checked(text)
    assert result.lines == [f'{at(text, "[ met]")}: warning: the lemma " met" begins or ends with a space: put the '
                            f'space outside the brackets, or the apparatus prints it']


def test_an_entry_in_a_note_is_an_error_saying_body_paragraphs_only(checked):
    result = checked("Text.[^1]", notes={1: 'A note [word]{.app H="other"}.'})
    assert len(result.errors) == 1
    assert result.errors[0].endswith("error: an apparatus entry in note 1: for now apparatus entries stand in body "
                                     "paragraphs only (the apparatus is keyed to the line numbers of the body text)")


@pytest.mark.parametrize("field, place", [("title", "the document's title"), ("summary", "the summary")])
def test_an_entry_outside_the_body_is_an_error(checked, field, place):
    result = checked("Text.", **{field: 'A [word]{.app H="other"}'})
    assert [e.split(": error: ")[1].split(":")[0] for e in result.errors] == [f"an apparatus entry in {place}"]


def test_a_section_id_that_is_an_entry_anchor_is_an_error(check, document):
    doc = document_with(document, 'A [word]{.app H="other"}.')
    doc["body"][0]["id"] = "a1"
    result = check(document=doc)
    assert result.errors == [f'{X}:6:3: error: section id "a1" is the name of an apparatus entry\'s anchor: '
                             f'choose another id']


def test_entries_are_anchored_in_reading_order_after_the_mentions(checked):
    result = checked('[one]{.app H="1"} and [two]{.app H="2"}.', '[three]{.app N="3"}')
    apps = [n for s in result.doc.sections for b in s.blocks for n in walk_inlines(b.content) if isinstance(n, App)]
    assert [a.anchor for a in apps] == ["x-a1", "x-a2", "x-a3"]
