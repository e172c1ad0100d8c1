"""Smaller holes: an empty document list, language names for tags, unknown ids without a suggestion, --strict."""
from __future__ import annotations

import pytest
from sources import DOCUMENT_YAML, EDITION_YAML, X

PERSONS = "persons:\n  - id: gomulka\n    surname: Gomu\u0142ka\n  - id: liu-shaoqi\n    surname: Liu\n"


def test_an_empty_list_of_documents_is_an_error(make_edition, run):
    make_edition(edition=EDITION_YAML + "documents: []\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        "edition.yaml:7:12: error: documents lists no document: list the documents to print, or leave the field out "
        "to print every document in documents/ in date order"])


@pytest.mark.parametrize("written, suggested", [("English", "en"), ("english", "en"), ("en_US", "en-US"),
                                                ("Hungarian", "hu")])
def test_a_language_name_is_not_a_language_tag(make_edition, run, written, suggested):
    make_edition(edition=EDITION_YAML.replace("language: en", f"language: {written}"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'edition.yaml:6:11: error: language "{written}" is not a BCP 47 language tag such as en, ru, hu or zh-Hans '
        f'(did you mean "{suggested}"?)'])


def test_a_documents_language_is_checked_too(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("date:", "language: Russian\ndate:"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:2:11: error: language "Russian" is not a BCP 47 language tag such as en, ru, hu or zh-Hans '
        f'(did you mean "ru"?)'])


def test_language_tags_are_accepted(make_edition, run):
    make_edition(edition=EDITION_YAML.replace("language: en", "language: en-GB"),
                 document=DOCUMENT_YAML.replace("date:", "language: zh-Hans\ndate:"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (0, [])


def test_unknown_persons_get_a_did_you_mean(make_edition, run):
    document = DOCUMENT_YAML.replace("body:", "participants: [gomulka, gomolka]\nguests:\n  - person: liu-shaoqui\n"
                                              "body:").replace("Text.", "'[Gomułka]{person=gomulca} and Liu Shaoqi.'")
    make_edition(document=document, persons=PERSONS)
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:5:25: error: participant "gomolka" is not in persons.yaml (did you mean "gomulka"?)',
        f'{X}:7:13: error: guest "liu-shaoqui" is not in persons.yaml (did you mean "liu-shaoqi"?)',
        f'{X}:10:10: error: explicit mention names unknown person "gomulca" (did you mean "gomulka"?)'])


def test_strict_says_why_warnings_alone_fail(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("Text.", "Text.[^1]") + "notes:\n  - n: 1\n    text: See Note 28 supra.\n")
    outcome = run("check", "--strict", ".")
    assert outcome.code == 1
    assert len(outcome.problems) == 1 and ": warning: " in outcome.problems[0]
    assert outcome.err.endswith("edition check: 0 error(s), 1 warning(s); --strict: warnings count as errors\n")
