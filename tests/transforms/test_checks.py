from dataclasses import replace

from edition.diagnostics import Diagnostics
from edition.reader import load_edition
from edition.transforms.checks import NOTE_REFERENCE, check_edition, mentioned_person_ids
from edition.transforms.persons import resolve_persons
from sources import DOCUMENT_YAML, EDITION_YAML, X


def mentioning(text):
    return DOCUMENT_YAML.replace("Text.", text)


def test_duplicate_person_ids(check):
    result = check(document=mentioning("Nagy."), persons="""\
        persons:
          - id: nagy
            surname: Nagy
          - id: nagy
            surname: Nagy
            forenames: Ferenc
        """)
    assert result.lines == ['persons.yaml:4:5: error: duplicate person id "nagy" (first at line 2)']


def test_variant_claimed_by_two_persons(check):
    result = check(document=mentioning("Suslov and Suslova-Petrova."), persons="""\
        persons:
          - id: suslov
            surname: Suslov
            variants: [Suslova]
          - id: suslova
            surname: Suslova-Petrova
            variants: [Suslova]
        """)
    assert result.lines == ['persons.yaml:7:16: error: the name form "Suslova" is claimed by both "suslov" and "suslova"']


def test_surname_of_one_person_given_as_variant_of_another(check):
    result = check(document=mentioning("Nagy and Imre."), persons="""\
        persons:
          - id: nagy
            surname: Nagy
          - id: imre
            surname: Imre
            variants:
              - Nagy
        """)
    assert result.lines == ['persons.yaml:7:9: error: the name form "Nagy" is claimed by both "nagy" and "imre"']


def test_see_also_naming_nobody(check):
    result = check(document=mentioning("Nagy."), persons="""\
        persons:
          - id: nagy
            surname: Nagy
            see_also: [nagy-ferenc]
        """)
    assert result.lines == ['persons.yaml:2:5: error: see_also names unknown person "nagy-ferenc"']


def test_authority_entry_never_mentioned_is_a_warning(check):
    result = check(document=mentioning("Nagy spoke."), persons="""\
        persons:
          - id: nagy
            surname: Nagy
          - id: rakosi
            surname: Rákosi
        """)
    assert result.errors == []
    assert result.warnings == ['persons.yaml:4:5: warning: person "rakosi" is never mentioned in the edition']


def test_participants_guests_and_explicit_mentions_count_as_mentions(check, document, persons):
    doc = document("He spoke to [the ambassador]{person=boldoczki}.", participants=["bulganin"],
                   guests=[{"person": "liu-shaoqi", "affiliation": "CPC CC"}])
    result = check(document=doc, persons=persons(("bulganin", "Bulganin"), ("boldoczki", "Boldóczki"),
                                                 ("liu-shaoqi", "Liu", "Shaoqi", {"name_order": "surname-first"})))
    assert result.lines == []
    assert mentioned_person_ids(result.edition) == {"bulganin", "boldoczki", "liu-shaoqi"}


def test_note_citing_a_note_the_document_lacks_is_a_warning(check):
    result = check(document=mentioning("Text.[^1]") + "notes:\n  - n: 1\n    text: See Note 28 supra.\n")
    assert result.errors == []
    assert result.warnings == [f'{X}:9:5: warning: note 1 refers to "Note 28 supra", which this edition '
                               'does not contain']


def test_note_citing_a_note_the_document_has_is_fine(check):
    result = check(document=mentioning("One.[^1] Two.[^2]") +
                   "notes:\n  - n: 1\n    text: See note 2 below.\n  - n: 2\n    text: As in Note 1 above.\n")
    assert result.lines == []


def test_every_missing_note_reference_is_reported(check):
    result = check(document=mentioning("One.[^1]") + "notes:\n  - n: 1\n    text: Notes 3 and Note 33 infra.\n")
    assert result.warnings == [
        f'{X}:9:5: warning: note 1 refers to "Note 3", which this edition does not contain',
        f'{X}:9:5: warning: note 1 refers to "Note 33 infra", which this edition does not contain']


def test_note_reference_pattern_needs_the_word_note():
    assert [m.group(1) for m in NOTE_REFERENCE.finditer("notes 12; Note 3 supra; keynote 4; 8 notes")] == ["12", "3"]


def test_duplicate_document_ids(make_edition):
    root = make_edition()
    edition = load_edition(root, Diagnostics())
    doubled = replace(edition, documents=edition.documents * 2)
    diags = Diagnostics()
    check_edition(resolve_persons(doubled), diags)
    assert [str(d) for d in diags.sorted()] == [f'{X}:1:1: error: duplicate document id "x"']


def test_checks_on_a_clean_edition_report_nothing(check, persons):
    result = check(document=mentioning("Molotov and Nagy."), persons=persons(("molotov", "Molotov"), ("nagy", "Nagy")))
    assert result.lines == []


def test_external_notes_declares_a_reference_to_another_numbering(check):
    result = check(document=mentioning("One.[^1]") + "notes:\n  - n: 1\n    external_notes: [28]\n"
                                                      "    text: See Note 28 supra and Note 29.\n")
    assert result.lines == [f'{X}:9:5: warning: note 1 refers to "Note 29", which this edition does not contain']


def test_external_notes_must_be_whole_numbers(check):
    result = check(document=mentioning("One.[^1]") + "notes:\n  - n: 1\n    external_notes: [twenty]\n"
                                                      "    text: See Note 28 supra.\n")
    assert result.errors == [f"{X}:10:22: error: external_notes lists note numbers (whole numbers)"]


def test_a_character_no_font_of_the_design_has_is_reported_where_it_stands(check):
    result = check(document=DOCUMENT_YAML.replace("      - Text.", "      - Text with \U00013000 and \u5218."))
    assert [line.split(": ", 2)[1:] for line in result.lines] == [
        ["warning", "no font of the design (EB Garamond, Noto Serif, Noto Serif CJK SC, Noto Naskh Arabic) has a "
                    "glyph for '\U00013000' (U+13000 EGYPTIAN HIEROGLYPH A001): it would print in a font the machine "
                    "picks, and the build's preflight would refuse the PDF; add a font that has it to font: fallback "
                    "in edition.yaml"]]  # 刘 is in Noto Serif CJK SC, a fallback of the design
    assert result.lines[0].startswith(f"{X}:7:19:")


def test_a_fallback_font_not_installed_is_named_as_the_remedy(check):
    edition = EDITION_YAML + "font:\n  fallback: [Noto Serif, No Such Font CJK]\n"
    result = check(document=DOCUMENT_YAML.replace("      - Text.", "      - Text with \u5218."), edition=edition)
    assert len(result.warnings) == 1 and "No Such Font CJK of the fallback fonts is not installed" in result.warnings[0]


def test_a_document_named_like_a_part_of_the_edition_is_an_error_at_the_document(make_edition):
    root = make_edition(documents={"index.yaml": DOCUMENT_YAML})
    diags = Diagnostics()
    check_edition(resolve_persons(load_edition(root, Diagnostics())), diags)
    assert [str(d) for d in diags.sorted()] == [
        'documents/index.yaml:1:1: error: the document id "index" (its file name) names a part of the edition\'s '
        'own pages, so links to it would be ambiguous: rename the file']
