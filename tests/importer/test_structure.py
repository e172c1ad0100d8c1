"""Each class of structure error issue 12 found, on a tiny text of its own: now right, or warned at its line."""
from __future__ import annotations

from edition.importer.drafts import draft_entries
from edition.model import Gap, walk_inlines
from edition.importer.names import find_names
from edition.importer.passage import Line, Passage

HEAD = "October 21, 1956\n\n**Working Notes on Hungary**\n\n"


def paragraphs(loaded) -> list[str]:
    return loaded.raw["body"][0]["paragraphs"]


def notes(loaded) -> dict[int, str]:
    return {n["n"]: n["text"] for n in loaded.raw.get("notes", [])}


def unparsed(loaded) -> list[tuple[int, str]]:
    return [(u["line"], u["why"]) for u in loaded.raw.get("unparsed", [])]


def test_a_block_the_page_prints_twice_goes_to_unparsed_naming_both_ranges_never_into_a_note(load):
    text = (HEAD + "On the Situation in Poland (1)\nCde. Khrushchev:\nWe should refrain from intervention.\n"
            "Notes:\n1 Only a fragment of this session has been found.\n"
            "On the Situation in Poland (1)\nCde. Khrushchev:\nWe should refrain from intervention.\n")
    loaded = load(text)
    assert notes(loaded) == {1: "Only a fragment of this session has been found."}
    assert (10, "lines 10–12 repeat lines 5–7 (the web page printed them twice)") in unparsed(loaded)
    assert "input.txt:10:1: warning: lines 10–12 repeat lines 5–7: the web page printed them twice; the repetition " \
           "is kept in unparsed" in loaded.warnings


def test_a_note_without_heading_after_the_signature_is_a_note(load):
    text = ("November 2, 1956\nCable from the Foreign Ministry\nTo the Embassy in Hungary:\n"
            "(1) We received 48 telegrams between 22 and 31 October from the Embassy in Budapest.\n"
            "(2) Xie Feng does not now have to come home.[1]\nForeign Ministry\n"
            "Received at the Office: 1 November, sent encrypted: 2 November at 16:30\n"
            "[1] It had earlier been raised that advisor Xie Feng should return to China.\n")
    loaded = load(text)
    assert notes(loaded) == {1: "It had earlier been raised that advisor Xie Feng should return to China."}
    assert paragraphs(loaded)[1].startswith("(1) We received")  # an enumerator, not a marker
    assert paragraphs(loaded)[2].endswith("come home.[^1]")
    assert "input.txt:8:1: warning: no notes heading: the notes are taken to begin here" in loaded.warnings


def test_a_marker_glued_to_the_repeated_title_calls_its_note_from_the_title(load):
    text = ("November 03, 1956\n\n**Notes of the Speech at the 3 November Session**\n\n"
            "Notes of the Speech at the 3 November Session(1)\n\nWe are doing a lot.\n\nNotes\n\n"
            "1 The notes were taken by the foreign minister.\n")
    loaded = load(text)
    assert loaded.raw["title"] == "Notes of the Speech at the 3 November Session[^1]"
    assert paragraphs(loaded) == ["We are doing a lot."]
    assert [why for _, why in unparsed(loaded)] == ["the web page repeats the title (line 3) at the start of the body"]
    assert loaded.check_errors == []


def test_hard_wrapped_lines_join_and_a_block_of_short_lines_keeps_its_breaks(load):
    text = (HEAD + "Cde. Mikoyan: What are we losing? The\nHungarians themselves will restore order on their own "
                   "and there must be an easing\nof the situation.\n\nTop secret\nMaking Copies Prohibited\n")
    loaded = load(text)
    assert paragraphs(loaded) == [
        "Cde. Mikoyan: What are we losing? The Hungarians themselves will restore order on their own and there must "
        "be an easing of the situation.", "Top secret\\\nMaking Copies Prohibited"]


def test_spaced_and_inner_spaced_markers_in_sequence_and_a_missing_marker_reported_directly(load):
    text = HEAD + "Those Taking Part: Bulganin.(2) Ponomarev. (3) An assessment.( 4) We should act.(5)\n"
    loaded = load(text)
    for col, marker in ((29, "(2)"), (44, "(3)"), (62, "( 4)"), (81, "(5)")):
        assert f"input.txt:5:{col}: warning: marker {marker} has no note: kept as text" in loaded.warnings
    assert "input.txt:5:29: warning: no marker (1): the markers begin at (2)" in loaded.warnings


def test_enumerators_opening_lines_are_not_markers(load):
    loaded = load(HEAD + "(1) We received telegrams.\n(2) The situation is complicated.[1]\n\nNotes\n\n[1] A note.\n")
    assert paragraphs(loaded) == ["(1) We received telegrams.\\\n(2) The situation is complicated.[^1]"]
    assert not any("marker (1)" in w or "marker (2)" in w for w in loaded.warnings)


def test_truncation_of_the_document_the_summary_and_a_note_is_reported_and_marked(load):
    text = ("May 1, 1957\n\n**A Cable**\n\nSummary:\n\nThe embassy reports on the stance of t\n\n"
            "The conversation ended.(1) The correct cour\n\nNotes\n\n1 On 19 October the delegation went on an "
            "unannounced v\n")
    loaded = load(text)
    gap = '[]{.gap reason="text breaks off"}'
    assert loaded.raw["summary"] == f"The embassy reports on the stance of t {gap}"
    assert notes(loaded)[1].endswith(f"unannounced v {gap}")
    assert paragraphs(loaded) == ["The conversation ended.[^1] The correct cour"]  # not the input's end
    assert any(w.startswith("input.txt:7:") and "the summary breaks off here" in w for w in loaded.warnings)
    assert any(w.startswith("input.txt:13:") and "note 1 breaks off here" in w for w in loaded.warnings)
    assert loaded.check_errors == []
    gaps = [n for n in walk_inlines(loaded.doc.summary[0].content) if isinstance(n, Gap)]
    assert [g.reason for g in gaps] == ["text breaks off"]


def test_the_body_breaking_off_gets_the_sign_and_the_show_full_text_link_goes(load):
    loaded = load(HEAD + "They want to destroy them one by one.\n[Show full text]\n")
    assert paragraphs(loaded) == ['They want to destroy them one by one. []{.gap reason="text breaks off"}']
    assert (6, "the web page's link to the full text: its copy stops here") in unparsed(loaded)


def test_header_variants_of_contents(load):
    for value in ("Original - English", "English Original", "English Translation", "Translation - English"):
        loaded = load(f"May 1, 1957\n\n**A Title**\n\nContents:\n\n{value}\n\nThe body.\n")
        assert loaded.raw["contents"] == value
        assert paragraphs(loaded) == ["The body."]


def test_published_and_url_are_separated(load):
    citation = ('"A Title," July 09, 1956, History and Public Policy Program Digital Archive, TsKhSD, F. 3, Op. 12, '
                'D. 1005, Ll. 2-2ob, compiled by V. N. Malin. Published in CWIHP Bulletin 8-9, p. 388. '
                'http://digitalarchive.wilsoncenter.org/document/111944')
    loaded = load(f"July 09, 1956\n\n**A Title**\n\nCitation:\n\n{citation}\n\nThe body.\n")
    assert loaded.raw["citation"]["published"] == "CWIHP Bulletin 8-9, p. 388"
    assert loaded.raw["citation"]["url"] == "http://digitalarchive.wilsoncenter.org/document/111944"
    assert loaded.raw["citation"]["compiler"] == "V. N. Malin"


def test_a_missing_citation_says_what_to_supply_and_where_the_page_may_give_it(load):
    loaded = load("May 1, 1957\nA Cable\nTo the Embassy in Hungary:\nWe have received your telegram of the 28th.\n"
                  "The situation is complicated and calls for care.\nAuthor(s):\nDocument Information\nSource\n"
                  "TsKhSD, F. 3, Op. 12, D. 1006, unnumbered page.\n")
    warning = next(w for w in loaded.warnings if 'no "Citation:"' in w)
    assert warning.startswith("input.txt:2:1: warning:")
    assert "give citation.as_given" in warning and "\"Source\" at line 8" in warning
    assert loaded.raw["citation"] == {"as_given": ""}


def test_names_after_address_lists_initials_supplied_forenames_and_chinese_names_never_headings():
    text = ("I. Briefing from the CPSU Delegation. Cdes. Konev and Serov spoke; Comrades Gomulka, Cyrankiewicz, Ochab. "
            "Present were [Zoltán] Tildy, [Béla] Kovács and P.F. Yudin. Ambassador Hao Deqing, Xie Feng. "
            "(Khrushchev, Mikoyan, Malinin)")
    report = find_names([Passage.of_line(Line(1, text))], ())
    names = {c.name: c.surname_first for c in report.unknown}
    assert "Briefing" not in " ".join(names) and "I. Briefing" not in names
    assert {"Konev", "Serov", "Cyrankiewicz", "Ochab", "Zoltán Tildy", "Béla Kovács", "P.F. Yudin", "Malinin"} <= \
        set(names)
    assert names["Hao Deqing"] is True and names["Xie Feng"] is True


def test_draft_ids_never_take_one_of_the_authority_and_shared_surnames_do_not_claim_the_surname(tmp_path):
    from edition.diagnostics import Diagnostics
    from edition.importer.names import NameCandidate
    from edition.reader import _read_persons
    from pathlib import Path
    authority = tuple(_read_persons(Path(__file__).resolve().parents[2] / "source", Diagnostics()))
    text, count = draft_entries([("a.txt", NameCandidate("Ferenc Nagy", 1, 1, 1, "…")),
                                 ("a.txt", NameCandidate("Istvan Kovacs", 1, 2, 1, "…")),
                                 ("b.txt", NameCandidate("Bela Kovacs", 1, 3, 1, "…")),
                                 ("b.txt", NameCandidate("Béla Kovács", 1, 4, 1, "…")),
                                 ("c.txt", NameCandidate("Kovacs", 1, 5, 1, "…"))], authority)
    import yaml
    persons = yaml.safe_load(text)["persons"]
    assert count == 3
    assert [p["id"] for p in persons] == ["kovacs", "kovacs-istvan", "nagy-ferenc"]
    assert persons[0] == {"id": "kovacs", "surname": "Kovács", "forenames": "Béla", "match_surname": False,
                          "variants": ["Bela Kovacs"]}
    assert all(p.get("match_surname") is False for p in persons)
    assert "# Not drafted, ambiguous (more than one person of that surname): Kovacs (c.txt:5:1: …)" in text


def test_check_reports_the_review_comments_of_an_imported_document(load):
    loaded = load("May 1, 1957\n\n**Memorandum of Conversation with Hegedüs, 1 May 1957**\n\nText.(3)\n")
    reviews = [line for line in loaded.check_lines if "left for review by the import" in line]
    assert any("marker (3) has no note" in line for line in reviews)
    assert all(line.split(":")[0].endswith(".yaml") for line in reviews)
