"""Each irregularity of real archive texts, on its own fixture: what is made of it and what is reported."""
from __future__ import annotations

from edition.model import plain_text


def paragraphs(loaded) -> list[str]:
    return loaded.raw["body"][0]["paragraphs"]


def notes(loaded) -> dict[int, str]:
    return {n["n"]: n["text"] for n in loaded.raw.get("notes", [])}


def unparsed(loaded) -> list[tuple[int, str, str]]:
    return [(u["line"], u["why"], u["text"]) for u in loaded.raw.get("unparsed", [])]


def test_notes_run_together_with_superscript_numerals_are_separated(load):
    loaded = load("run_together.txt")
    assert notes(loaded) == {
        1: "The ambassador had arrived in Moscow the week before.",
        2: "The harvest of 1956 was poor in the western provinces.",
        3: "See the resolution of the plenum of October 1956.",
        4: "The credits were granted in May 1957.",
        5: "The record is in the ambassador's own hand.",
    }
    assert loaded.warnings == [
        "run_together.txt:27:52: warning: note 4 is run together with note 3: separated at ⁴",
        "run_together.txt:27:91: warning: note 5 is run together with note 4: separated at ⁵",
    ]
    assert "[^5]" in paragraphs(loaded)[0]
    assert loaded.raw["notes_heading"] == "Translator's Notes"  # the heading ended the body's line


def test_a_note_broken_by_stray_blank_lines_is_joined_with_a_warning(load):
    loaded = load("broken_notes.txt")
    assert notes(loaded) == {
        1: "The declaration was drafted in haste during the night of 29 to 30 October and approved by "
           "the Presidium in the morning.",
        2: "It was published in Pravda on 31 October. The text was broadcast the same evening.",
    }
    assert loaded.warnings == [
        "broken_notes.txt:27:1: warning: note 1 is broken by a blank line: the text from here is joined to it",
        "broken_notes.txt:32:1: warning: note 2 is broken by a blank line: the text from here is joined to it",
    ]


def test_markers_in_brackets_superscript_glued_or_after_punctuation(load):
    loaded = load("marker_styles.txt")
    assert paragraphs(loaded) == [
        "The situation in the capital is tense[^1] and the troops are leaving. Fighting continued near the "
        "barracks.[^2] Order was restored by evening.[^3] The ministry was informed,[^4] and so was the "
        "command[^5]."]
    assert sorted(notes(loaded)) == [1, 2, 3, 4, 5]
    assert loaded.warnings == []
    assert "unparsed" not in loaded.raw


def test_numbered_items_and_numbers_in_parentheses_are_text(load):
    loaded = load("numbered_list.txt")
    assert paragraphs(loaded) == [
        "The following questions were discussed: (1) the conference of the parties, (2) the cooperation plans, "
        "and (3) the situation in Vietnam.[^1]",
        "1. Meeting of the European Communist Parties.",
        "The conference will probably be held in the first half of 1967 (126 cdes. are expected).",
        "2) Cooperation plans.",
        "(3) The number given in parentheses (126) is an estimate. Article 5(1) of the treaty applies.[^2]",
    ]
    assert loaded.warnings == []


def test_missing_header_fields_and_labels_in_other_wordings(load):
    loaded = load("missing_fields.txt")
    raw = loaded.raw
    assert raw["title"] == "Letter from the Ministry of Foreign Affairs to the Embassy in Berlin, 12 May 1960"
    assert str(raw["date"]) == "1960-05-12" and "dateline" not in raw
    assert raw["original_language"] == "German"
    assert raw["contents"] == "English Translation"
    assert raw["citation"] == {"as_given": ""}
    assert loaded.warnings == [
        'missing_fields.txt:1:1: warning: no "Citation:" in the input: give citation.as_given, the archive\'s citation '
        'as it gives it ("Title", date, Wilson Center Digital Archive, ARCHIVE, F. n, Op. n, D. n, Ll. n, then the '
        'publication and the address); edition check reports the empty citation until then',
        'missing_fields.txt:1:1: warning: no "Summary:" in the header',
        "missing_fields.txt:1:1: warning: no date line: the date 1960-05-12 is taken from the title",
    ]
    yaml_text = loaded.imported.yaml
    assert "# REVIEW: line 1: no date line: the date 1960-05-12 is taken from the title\ndate:" in yaml_text
    assert '# REVIEW: line 1: no "Citation:" in the input: give citation.as_given' in yaml_text


def test_label_variants_same_line_values_crlf_and_a_byte_order_mark(load):
    loaded = load("label_variants.txt")
    raw = loaded.raw
    assert raw["summary"] == "The embassy reports on the preparations for the landing."
    assert raw["original_language"] == "Spanish"
    assert raw["contents"] == "Translation – English, Original Scan"
    assert raw["notes_heading"] == "Endnotes"
    assert notes(loaded) == {1: "Reported by the military attaché.", 2: "The number is not given."}
    assert unparsed(loaded) == [
        (1, "text above the header that is neither the date line nor the title", "Skip to content"),
        (8, 'the header field "Source" has no place in the source format',
         "Source: Archive of the Ministry of Foreign Affairs"),
    ]
    assert 'label_variants.txt:8:1: warning: header "Source:" has no field in the source format: kept in unparsed' \
        in loaded.warnings


def test_no_header_at_all_and_notes_without_a_heading(load):
    loaded = load("no_header.txt")
    raw = loaded.raw
    assert raw["title"] == "Conversation with the Chairman of the Council"
    assert str(raw["date"]) == "0001-01-01"
    assert len(paragraphs(loaded)) == 2 and sorted(notes(loaded)) == [1, 2]
    assert loaded.warnings == [
        'no_header.txt:1:1: warning: no "Citation:" in the input: give citation.as_given, the archive\'s citation as '
        'it gives it ("Title", date, Wilson Center Digital Archive, ARCHIVE, F. n, Op. n, D. n, Ll. n, then the '
        'publication and the address); edition check reports the empty citation until then',
        "no_header.txt:1:1: warning: no date line: the placeholder 0001-01-01 stands in for the date",
        "no_header.txt:1:1: warning: no header labels (Citation:, Summary:, Original Language:, Contents:) found",
        "no_header.txt:7:1: warning: no notes heading: the notes are taken to begin here",
    ]
    assert loaded.imported.file_name == "undated-conversation-with-the-chairman-of-the-council.yaml"
    assert "# REVIEW: line 1: no date line: the placeholder 0001-01-01 stands in for the date\ndate: 0001-01-01" in \
        loaded.imported.yaml


def test_a_text_with_no_blank_lines_and_notes_with_no_heading(load):
    loaded = load("no_blank_lines.txt")
    raw = loaded.raw
    assert raw["title"] == "Report to the Political Committee on the Consultation Meeting in Moscow"
    assert str(raw["date"]) == "1966-12-28"
    assert raw["contents"] == "Translation - English, Original Scan"
    assert raw["citation"]["archive"] == "MNL OL M-KS 288 f. 5/413 ő.e"
    assert paragraphs(loaded) == [
        r"A delegation of the Foreign Affairs Department of the Central Committee \[KB\], led by Comrade Zoltán "
        r"Komócsin, visited Moscow between December 19 and 24.[^1] The delegation had a conversation with Comrade "
        r"Y. Andropov.",
        "The following questions were discussed:",
        "1. Meeting of the European Communist Parties.",
        "Despite the difficulties, the conference will probably be held in the first half of 1967.[^2]",
        "(p. 1)"]
    assert notes(loaded) == {1: "The delegation traveled by train.", 2: "It was held in Karlovy Vary in April 1967."}
    assert "no_blank_lines.txt:17:1: warning: no notes heading: the notes are taken to begin here" in loaded.warnings


def test_a_marker_with_no_note_stays_literal_and_an_uncalled_note_goes_to_unparsed(load):
    loaded = load("orphans.txt")
    assert paragraphs(loaded) == ["The ceasefire was discussed.[^1] The troops will stay in position.[^2] The "
                                  "question of withdrawal is deferred.(8)"]
    assert sorted(notes(loaded)) == [1, 2]
    assert unparsed(loaded) == [(29, "note 7 is never called", "7 This note is never called from the text.")]
    assert loaded.warnings == [
        "orphans.txt:21:109: warning: marker (8) has no note: kept as text",
        "orphans.txt:21:109: warning: no markers (3)–(7): the markers skip from (2) to (8)",
        "orphans.txt:29:1: warning: note 7 is never called: kept in unparsed",
    ]
    yaml_text = loaded.imported.yaml
    assert ("      # REVIEW: line 21: marker (8) has no note: kept as text\n"
            "      # REVIEW: line 21: no markers (3)–(7): the markers skip from (2) to (8)\n      - >-\n") in yaml_text
    assert loaded.check_lines[-1].endswith("warning: document has unparsed text from import: review it")


def test_a_bracketed_marker_with_no_note_is_escaped(load):
    loaded = load("October 1, 1956\n\n**A Title**\n\nText with a marker.[3] And more.[1]\n\nNotes\n\n[1] A note.\n")
    assert paragraphs(loaded) == [r"Text with a marker.\[3\] And more.[^1]"]
    assert loaded.warnings[-2:] == ["input.txt:5:20: warning: marker [3] has no note: kept as text",
                                    "input.txt:5:20: warning: marker [3] out of sequence before [1]"]
    assert loaded.check_errors == []


def test_out_of_sequence_and_duplicated_numbers(load):
    loaded = load("sequence.txt")
    assert paragraphs(loaded) == [
        "We must take the initiative.[^1] We should not withdraw.[^2] The decision is reversed.[^18] We must "
        "act firmly.[^4] The declaration is to be published.(4) Troops are to be reinforced.[^5]"]
    assert sorted(notes(loaded)) == [1, 2, 4, 5, 18]
    assert unparsed(loaded) == [(29, "note 3 is never called", "3 A misnumbered note in the archive's copy."),
                                (33, "note 4 repeated (first at line 31)", "4 The declaration of 30 October.")]
    assert loaded.warnings == [
        "sequence.txt:21:85: warning: marker (18) out of sequence after (2)",
        "sequence.txt:21:109: warning: no marker (3): the markers skip from (2) to (4)",
        "sequence.txt:21:148: warning: marker (4) repeats the call at line 21:109: kept as text",
        "sequence.txt:29:1: warning: note 3 is never called: kept in unparsed",
        "sequence.txt:33:1: warning: note 4 is repeated (first at line 31): the repetition is kept in unparsed",
    ]


def test_a_short_title_opening_the_body_is_a_repetition_only_on_a_line_of_its_own(load):
    kept = load("May 1, 1957\n\n**Memorandum**\n\nMemorandum of the conversation with the ambassador.\n")
    assert paragraphs(kept) == ["Memorandum of the conversation with the ambassador."]
    cut = load("May 1, 1957\n\n**Memorandum**\n\nMemorandum\nof the conversation with the ambassador.\n")
    assert paragraphs(cut) == ["of the conversation with the ambassador."]
    assert unparsed(cut)[0][2] == "Memorandum"


def test_a_date_line_that_does_not_read_as_a_date(load):
    loaded = load("Date: Autumn 1956\n\n**A Title**\n\nText.\n")
    assert loaded.raw["dateline"] == "Autumn 1956" and str(loaded.raw["date"]) == "0001-01-01"
    assert loaded.raw["title"] == "A Title"
    assert ('input.txt:1:7: warning: the date line "Autumn 1956" does not read as a date: the placeholder '
            '0001-01-01 stands in for the date') in loaded.warnings


def test_a_note_number_alone_on_its_line_opens_the_note_below(load):
    loaded = load("May 1, 1957\n\n**A Title**\n\nOne.(1) Two.(2)\n\nNotes\n\n1.\nFirst note.\n[2]\n\nSecond note.\n")
    assert notes(loaded) == {1: "First note.", 2: "Second note."}


def test_a_note_number_given_twice_with_different_texts(load):
    loaded = load("May 1, 1957\n\n**A Title**\n\nOne.(1) Two.(2)\n\nNotes\n\n1 First.\n\n2 Second.\n\n2 Other.\n")
    assert notes(loaded) == {1: "First.", 2: "Second."}
    assert unparsed(loaded) == [(13, "a second note numbered 2 (the first is at line 11)", "2 Other.")]
    assert "input.txt:13:1: warning: note 2 is given twice (first at line 11): the second is kept in unparsed" \
        in loaded.warnings


def test_sections_the_web_page_repeats_are_reported_and_kept_once_in_place(load):
    loaded = load("repeated.txt")
    assert loaded.raw["summary"].startswith("The delegation discusses")
    assert paragraphs(loaded) == ["The delegation opened the meeting at ten.[^1]",
                                  "The withdrawal was discussed at length by all members present."]
    assert [(line, why) for line, why, _ in unparsed(loaded)] == [
        (21, '"Summary:" repeated by the web page (first at line 9)'),
        (25, "the web page repeats the title (line 3) at the start of the body"),
        (31, "repeats the paragraph at line 29"),
        (37, "\"Related Documents\" after the document: the web page's matter, not the document's"),
    ]
    assert loaded.warnings == [
        'repeated.txt:21:1: warning: header "Summary:" is repeated (first at line 9): kept in unparsed',
        "repeated.txt:25:1: warning: the body opens by repeating the title: the repetition is kept in unparsed",
        "repeated.txt:31:1: warning: this paragraph repeats the paragraph at line 29: kept in unparsed",
        'repeated.txt:37:1: warning: "Related Documents" after the document is not part of it: kept in unparsed',
    ]


def test_missing_spaces_after_full_stops_are_inserted_but_not_in_abbreviations(load):
    loaded = load("missing_spaces.txt")
    assert loaded.raw["summary"] == "A note on the provinces. The councils are dissolved."
    assert paragraphs(loaded) == [
        "The councils were dissolved in the morning. The troops entered the towns at dawn.[^1] The U.S. legation "
        "was informed; see p.12 of the report."]
    assert notes(loaded) == {1: "The order was given by Marshal Konev. It reached the units at night."}
    assert [w.split(": warning: ")[0] for w in loaded.warnings] == [
        "missing_spaces.txt:11:25", "missing_spaces.txt:21:44", "missing_spaces.txt:25:40"]


def test_diacritics_and_non_latin_scripts(load):
    loaded = load("unicode.txt", persons=True)
    raw = loaded.raw
    assert raw["title"] == "Jegyzőkönyv a Minisztertanács üléséről — Протокол заседания"
    assert loaded.imported.file_name == "1956-10-26-jegyzokonyv-a-minisztertanacs-uleserol-protokol-zasedaniia.yaml"
    assert notes(loaded)[3] == "Перевод с русского."
    assert "毛泽东同志的电报已收到。" in paragraphs(loaded)[0]
    found = {p.person_id for p in loaded.imported.names.known}
    assert {"nagy", "hegedus", "brezhnev"} <= found  # "Hegedüs", "Брежнев"
    assert loaded.check_errors == []


def test_markup_characters_are_escaped_and_read_back_literally(load):
    loaded = load("markup_characters.txt")
    doc = loaded.doc
    assert plain_text(doc.title) == "Memorandum on the Conversation [KB] of *12 June* {draft}"
    texts = [plain_text(b.content) for b in doc.sections[0].blocks]
    assert texts[0] == "# This line starts with a hash and has [KB] in it."
    assert texts[1] == r"- This line starts with a dash; the file is C:\temp\notes_final.txt and 2*3=6."
    assert texts[2] == "> A quoted line with [^9] and [text]{.sic corr=X} in it, kept literally."
    assert plain_text(doc.notes[0].content).startswith("The bracket [illegible] is the translator")
    assert loaded.check_errors == []


def test_hard_wrapped_lines_are_joined_and_numbered_items_kept_apart(load):
    loaded = load("wrapped.txt")
    assert paragraphs(loaded) == [
        "The ambassador called on the Chairman at his residence at four in the afternoon. The Chairman received "
        "him warmly and asked about the health of the Soviet leaders.[^1] They spoke of the meeting in Warsaw. "
        "The Chairman said that the treaty was a good one.[^2]",
        "1. The first point concerned the exchange of students and teachers between the two countries.",
        "2. The second concerned the railway.",
        "The conversation ended at six.",
    ]
    assert notes(loaded)[1] == "The Chairman had been ill in the spring and was receiving few visitors at the time."
    assert loaded.raw["citation"]["as_given"].startswith('"Memorandum of Conversation with the Chairman", May 14, '
                                                         '1955, Wilson Center Digital Archive, AVPRF')
    assert loaded.raw["summary"] == ("The ambassador and the Chairman discuss the Warsaw meeting and the treaty "
                                     "of friendship.")


def test_a_run_on_body_is_flagged_for_structuring(load):
    text = "June 1, 1957\n\n**A Title**\n\n" + "A sentence of the body. " * 60 + "\n"
    loaded = load(text)
    assert "input.txt:5:1: warning: a run-on paragraph of 300 words: give it its structure" in loaded.warnings
    assert "# REVIEW: line 5: a run-on paragraph of 300 words" in loaded.imported.yaml


def test_control_characters_become_spaces_with_a_warning(load):
    loaded = load("June 1, 1957\n\n**A Title**\n\nOne\x0btwo\x00three.\n")
    assert paragraphs(loaded) == ["One two three."]
    assert loaded.warnings[-2:] == ["input.txt:5:4: warning: control character U+000B replaced by a space",
                                    "input.txt:5:8: warning: control character U+0000 replaced by a space"]
