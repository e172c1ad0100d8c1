"""YAML's traps for editors: PyYAML's message, then what to do, at the line of the text."""
from __future__ import annotations

from sources import DOCUMENT_YAML, X


def paragraph(text: str) -> str:
    return DOCUMENT_YAML.replace("      - Text.", f"      - {text}")  # line 7, the text at column 9


def test_a_paragraph_opening_with_a_folio_milestone(make_edition, run):
    make_edition(document=paragraph("[]{.folio n=53ob} Cde. Khrushchev opened the session."))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:11: error: YAML syntax: expected <block end>, but found '{{'; a text that starts with [ is read by "
        "YAML as a list: quote the text: - '[]{.folio n=53ob} Cde. Khrushchev opened the session.'"])


def test_a_paragraph_that_is_one_editorial_sign_reads_as_a_list(make_edition, run):
    make_edition(document=paragraph("[illegible]"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:9: error: a paragraph must be a mapping of fields (a text that starts with [ is read by YAML as a "
        "list: quote the text)"])


def test_a_paragraph_with_a_colon_in_it(make_edition, run):
    make_edition(document=paragraph("Cde. Khrushchev: we must not withdraw, it's O.K."))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:7:9: error: a paragraph reads as a field "Cde. Khrushchev" (YAML takes ": " for the end of a field '
        "name): quote the whole text: - 'Cde. Khrushchev: we must not withdraw, it''s O.K.'"])


def test_a_speakers_text_with_a_colon_in_it(make_edition, run):
    make_edition(document=paragraph("speaker: Cde. Mikoyan\n        text: He said: wait."))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:8:22: error: YAML syntax: mapping values are not allowed here; a text that contains \": \" must be "
        "quoted: text: 'He said: wait.'"])


def test_a_paragraph_opening_with_emphasis(make_edition, run):
    make_edition(document=paragraph("*Pravda* wrote it."))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:16: error: YAML syntax: expected alphabetic or numeric character, but found '*'; a text that "
        "starts with * is read by YAML as an alias (a reference to an &anchor): quote the text: "
        "- '*Pravda* wrote it.'"])


def test_a_paragraph_opening_with_an_at_sign(make_edition, run):
    make_edition(document=paragraph("@Malin noted it."))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:9: error: YAML syntax: found character '@' that cannot start any token; a text that starts with @ "
        "is read by YAML as a reserved character: quote the text: - '@Malin noted it.'"])


def test_a_paragraph_opening_with_an_ampersand_loses_its_first_word_and_says_so(make_edition, run):
    make_edition(document=paragraph("&c. was added later."))
    outcome = run("check", ".")
    assert outcome.code == 1
    assert outcome.problems[0].startswith(f"{X}:7:11: error: YAML syntax: ")
    assert outcome.problems[0].endswith("a text that starts with & is read by YAML as an anchor: quote the text: "
                                        "- '&c. was added later.'")
    make_edition(document=paragraph("&Co wrote."))
    outcome = run("check", "--strict", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:7:9: warning: the YAML anchor "&Co" is never used, so "&Co" is not part of the text: if it should '
        "be, quote the text: - '&Co wrote.'"])


def test_a_tab_for_indentation(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("  as_given:", "\tas_given:"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:4:1: error: YAML syntax: found character '\\t' that cannot start any token; a tab cannot indent YAML: "
        "indent with spaces"])
