"""Every problem at its real place, root causes first, knock-on errors left out, counts that match."""
from __future__ import annotations

from sources import DOCUMENT_YAML, X

PARTICIPANTS = DOCUMENT_YAML.replace("body:", "participants: [gomulka, nagy, kadar]\nbody:").replace(
    "      - Text.", "      - Text of [Kádár]{person=kadar}.")


def test_invalid_utf8_at_the_line_and_column_of_the_bad_byte(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("Text.", "Gomu\u0142ka's text.").encode().replace(b"\xc5\x82", b"\xc5"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:13: error: not UTF-8 text: invalid continuation byte (byte 0xC5); save the file as UTF-8"])


def test_a_control_character_at_its_line_and_column(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("Text.", "Text\x07 rings."))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:13: error: the control character U+0007 is not allowed in YAML: delete it"])


def test_a_problem_in_an_aliased_value_is_reported_where_it_is_used(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("      - Text.", "      - &turn {text: Hm., kind: anotation}\n"
                                                                  "      - Text.\n      - *turn"))
    outcome = run("check", ".")
    unknown = 'paragraph kind must be "paragraph" or "annotation", not "anotation" (did you mean "annotation"?)'
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:33: error: {unknown}",
        f"{X}:9:9: error: {unknown} (in the value this alias repeats from line 7)"])


def test_an_unreadable_authority_is_the_one_error_not_the_unknown_persons_it_causes(make_edition, run):
    make_edition(document=PARTICIPANTS, persons="persons:\n  - id: gomulka\n\tsurname: Gomu\u0142ka\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        "persons.yaml:3:1: error: YAML syntax: found character '\\t' that cannot start any token; a tab cannot "
        "indent YAML: indent with spaces"])


def test_the_authoritys_problems_come_before_the_documents(make_edition, run):
    make_edition(document=PARTICIPANTS.replace("title: A Session", "titel: A Session"),
                 persons="persons:\n  - id: gomulka\n    surname: Gomu\u0142ka\n    forename: W\u0142adys\u0142aw\n")
    outcome = run("check", ".")
    assert outcome.code == 1
    assert [p.split(": error: ")[0] for p in outcome.problems] == [
        "persons.yaml:4:5", f"{X}:1:1", f"{X}:1:1", f"{X}:5:25", f"{X}:5:31", f"{X}:8:17"]


def test_what_the_user_wrote_never_an_internal_name(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("title: A Session", "title: A Session\n1: one\n~: nothing")
                 + "notes:\n  - n: ~\n    text: A note.\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:2:1: error: unknown field "1" in a document (if this is text that contains ": ", quote the whole text)',
        f'{X}:3:1: error: unknown field "~" in a document (if this is text that contains ": ", quote the whole text)',
        f'{X}:11:8: error: the required field "n" in a note is empty'])
    assert "Scalar(" not in outcome.err and "None" not in outcome.err


def test_the_count_is_the_number_of_errors_printed(make_edition, run):
    # the same bad paragraph used three times: three places, three errors, "3 error(s)"
    make_edition(document=DOCUMENT_YAML.replace("      - Text.", "      - &odd 'Text ] here.'\n      - *odd\n"
                                                                  "      - *odd"))
    outcome = run("check", ".")
    assert outcome.code == 1
    assert [p.split(": error: ")[0] for p in outcome.problems] == [f"{X}:7:20", f"{X}:8:9", f"{X}:9:9"]
    assert outcome.err.endswith("edition check: 3 error(s), 0 warning(s)\n")
