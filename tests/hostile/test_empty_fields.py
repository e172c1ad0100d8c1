"""Required fields given but empty are errors at their place (the PDF printed an empty title, ", Leonid Ilyich")."""
from __future__ import annotations

import pytest
from sources import DOCUMENT_YAML, EDITION_YAML, X

PERSONS = "persons:\n  - id: brezhnev\n    surname: Brezhnev\n    forenames: Leonid Ilyich\n"
MENTIONING = DOCUMENT_YAML.replace("      - Text.", "      - Brezhnev spoke.")


@pytest.mark.parametrize("edition, expected", [
    (EDITION_YAML.replace("title: A Volume", "title: ''"),
     'edition.yaml:1:8: error: the required field "title" in edition.yaml is empty'),
    (EDITION_YAML.replace("title: A Volume", "title: '   '"),
     'edition.yaml:1:8: error: the required field "title" in edition.yaml is empty'),
    (EDITION_YAML.replace("editors: [An Editor]", "editors: []"),
     'edition.yaml:2:10: error: the required field "editors" in edition.yaml is empty'),
    (EDITION_YAML.replace("editors: [An Editor]", "editors: [An Editor, '']"),
     'edition.yaml:2:22: error: an item of "editors" in edition.yaml is empty'),
    (EDITION_YAML.replace("publisher: A Press", "publisher:"),
     'edition.yaml:3:11: error: the required field "publisher" in edition.yaml is empty'),
])
def test_an_empty_required_field_of_the_edition(make_edition, run, edition, expected):
    make_edition(edition=edition)
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [expected])


@pytest.mark.parametrize("old, new, expected", [
    ("title: A Session", "title: ''", f'{X}:1:8: error: the required field "title" in a document is empty'),
    ("  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob", "  as_given: ''",
     f'{X}:4:13: error: the required field "as_given" in the citation is empty'),
    ("      - Text.", "      - ''", f"{X}:7:9: error: an empty paragraph: write its text, or delete the line"),
    ("      - Text.", "      - text: ''\n        speaker: Cde. Khrushchev",
     f'{X}:7:15: error: the required field "text" in a paragraph is empty'),
    ("  - paragraphs:\n      - Text.", "  - paragraphs: []",
     f"{X}:6:3: error: the document has no text: its body holds no paragraph"),
    ("  - paragraphs:\n      - Text.", "  - paragraphs: [Text.]\n  - paragraphs: []",
     f"{X}:7:17: error: a section with no heading, no id and no paragraphs prints nothing: give its paragraphs, "
     "or delete it"),
    ("body:\n  - paragraphs:\n      - Text.", "body: []", f'{X}:5:7: error: the required field "body" in a document is empty'),
])
def test_an_empty_required_field_of_a_document(make_edition, run, old, new, expected):
    make_edition(document=DOCUMENT_YAML.replace(old, new))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [expected])


def test_an_empty_note_text(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("Text.", "Text.[^1]") + "notes:\n  - n: 1\n    text: ''\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [f'{X}:10:11: error: the required field "text" in a note is empty'])


def test_an_empty_surname(make_edition, run):
    make_edition(document=MENTIONING, persons=PERSONS.replace("surname: Brezhnev", "surname: ''"))
    outcome = run("check", ".")
    assert outcome.code == 1
    assert 'persons.yaml:3:14: error: the required field "surname" in a person is empty' in outcome.problems


def test_an_empty_variant(make_edition, run):
    make_edition(document=MENTIONING, persons=PERSONS + "    variants: [Brezhnyev, '']\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        'persons.yaml:5:27: error: the required field "form" in a variant is empty'])
