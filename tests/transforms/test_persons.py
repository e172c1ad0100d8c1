import unicodedata
from pathlib import Path

import pytest

from edition.diagnostics import Diagnostics, SourcePos
from edition.model import NoteCall, PersonMention, Sic, plain_text, walk_inlines
from edition.reader import load_edition
from edition.transforms.checks import document_texts
from edition.transforms.persons import NameMatcher, resolve_persons

AUTHORITY = {"persons": [
    {"id": "gomulka", "surname": "Gomułka", "forenames": "Władysław", "variants": ["Gomulka", "Гомулка"]},
    {"id": "hegedus", "surname": "Hegedüs", "forenames": "András", "variants": ["Hegedus", "Andras Hegedus"]},
    {"id": "mikoyan", "surname": "Mikoyan", "forenames": "Anastas Ivanovich"},
    {"id": "molotov", "surname": "Molotov"},
    {"id": "zhukov", "surname": "Zhukov"},
    {"id": "malenkov", "surname": "Malenkov"},
    {"id": "nagy", "surname": "Nagy", "forenames": "Imre"},
    {"id": "khrushchev", "surname": "Khrushchev", "variants": ["Хрущёв"]},
    {"id": "liu-shaoqi", "surname": "Liu", "forenames": "Shaoqi", "name_order": "surname-first"},
    {"id": "suslov", "surname": "Suslov"},
    {"id": "suslova", "surname": "Suslova-Petrova", "variants": ["Suslova"]},
    {"id": "malin", "surname": "Malin", "forenames": "Vladimir Nikiforovich", "match_surname": False,
     "variants": ["V. N. Malin"]},
]}


@pytest.fixture
def resolve(make_edition, document):
    """``resolve(*paragraphs, **document fields)`` -> the resolved document."""

    def run(*paragraphs, persons=AUTHORITY, **fields):
        root = make_edition(document=document(*paragraphs, **fields), persons=persons)
        diags = Diagnostics()
        edition = load_edition(root, diags)
        assert [str(d) for d in diags.errors] == []
        return resolve_persons(edition).documents[0]

    return run


def mentions(nodes):
    return [(n.person_id, plain_text(n.children)) for n in walk_inlines(nodes) if isinstance(n, PersonMention)]


def body_mentions(doc):
    return [m for s in doc.sections for b in s.blocks for m in mentions(b.speaker) + mentions(b.content)]


def test_diacritics_in_the_authority_form_and_ascii_variants(resolve):
    doc = resolve("Gomułka and Gomulka; Hegedüs and Hegedus; András Hegedüs and Andras Hegedus.")
    assert body_mentions(doc) == [("gomulka", "Gomułka"), ("gomulka", "Gomulka"), ("hegedus", "Hegedüs"),
                                  ("hegedus", "Hegedus"), ("hegedus", "András Hegedüs"),
                                  ("hegedus", "Andras Hegedus")]


def test_decomposed_diacritics_match_and_keep_the_whole_name(resolve):
    doc = resolve(unicodedata.normalize("NFD", "Gomułka and Hegedüs met."))
    assert body_mentions(doc) == [("gomulka", "Gomułka"), ("hegedus", "Hegedüs")]
    assert plain_text(doc.sections[0].blocks[0].content) == "Gomułka and Hegedüs met."


def test_possessives_count(resolve):
    doc = resolve("Regarding Cde. Mikoyan's trip; Mikoyan’s view.")
    assert body_mentions(doc) == [("mikoyan", "Mikoyan"), ("mikoyan", "Mikoyan")]


def test_list_of_comrades_gives_a_mention_each(resolve):
    doc = resolve("Cdes. Molotov, Zhukov, and Malenkov are to fly off.")
    assert body_mentions(doc) == [("molotov", "Molotov"), ("zhukov", "Zhukov"), ("malenkov", "Malenkov")]


def test_no_match_inside_a_longer_word(resolve):
    doc = resolve("From Nagyvárad and Molotovsk, Nagy wrote.")
    assert body_mentions(doc) == [("nagy", "Nagy")]


def test_variant_containing_a_surname_resolves_to_the_variants_owner(resolve):
    doc = resolve("Suslova and Suslov.")
    assert body_mentions(doc) == [("suslova", "Suslova"), ("suslov", "Suslov")]


def test_misspelt_variant_of_the_same_person_is_matched_whole(resolve):
    authority = {"persons": [{"id": "suslov", "surname": "Suslov",
                              "variants": [{"form": "Suslova", "misspelling": True}]}]}
    doc = resolve("Mikoyan and Suslova had been sending", persons=authority)
    assert body_mentions(doc) == [("suslov", "Suslova")]


def test_full_name_is_one_mention(resolve):
    doc = resolve("Imre Nagy spoke.")
    assert body_mentions(doc) == [("nagy", "Imre Nagy")]


def test_cyrillic_names(resolve):
    doc = resolve("Хрущёв and Гомулка.")
    assert body_mentions(doc) == [("khrushchev", "Хрущёв"), ("gomulka", "Гомулка")]


def test_chinese_names_only_in_full(resolve):
    doc = resolve("Cdes. Liu Shaoqi, then Liu alone, then Shaoqi alone.")
    assert body_mentions(doc) == [("liu-shaoqi", "Liu Shaoqi")]


def test_full_name_broken_over_a_line_of_a_folded_scalar(make_edition):
    root = make_edition(persons=AUTHORITY, document="""\
        title: A Session
        date: 1956-10-26
        citation:
          as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
        body:
          - paragraphs:
              - >-
                From the CPC CC, Cdes. Liu
                Shaoqi and others.
        """)
    diags = Diagnostics()
    doc = resolve_persons(load_edition(root, diags)).documents[0]
    assert body_mentions(doc) == [("liu-shaoqi", "Liu Shaoqi")]


def test_opting_out_of_surname_matching(resolve):
    doc = resolve("Malin's notes, compiled by V. N. Malin.")
    assert body_mentions(doc) == [("malin", "V. N. Malin")]


def test_names_in_title_summary_heading_speaker_and_notes(resolve):
    doc = resolve({"speaker": "Cde. Molotov", "text": "endorses it.[^1]"},
                  title="Zhukov's report", summary="Malenkov agrees.",
                  notes={1: "Khrushchev evidently means Hegedus."})
    assert mentions(doc.title) == [("zhukov", "Zhukov")]
    assert mentions(doc.summary[0].content) == [("malenkov", "Malenkov")]
    assert mentions(doc.sections[0].blocks[0].speaker) == [("molotov", "Molotov")]
    assert mentions(doc.notes[0].content) == [("khrushchev", "Khrushchev"), ("hegedus", "Hegedus")]


def test_a_note_call_carries_the_resolved_note(resolve):
    doc = resolve("A firm line.[^1]", notes={1: "Mikoyan and Suslov sent messages."})
    call = next(n for n in doc.sections[0].blocks[0].content if isinstance(n, NoteCall))
    assert call.note == doc.notes[0]
    assert mentions(call.note.content) == [("mikoyan", "Mikoyan"), ("suslov", "Suslov")]


def test_heading_names_are_found(make_edition, document):
    doc_dict = document("Text.")
    doc_dict["body"][0]["heading"] = "Nagy and Molotov"
    root = make_edition(document=doc_dict, persons=AUTHORITY)
    doc = resolve_persons(load_edition(root, Diagnostics())).documents[0]
    assert mentions(doc.sections[0].heading) == [("nagy", "Nagy"), ("molotov", "Molotov")]


def test_names_inside_an_editorial_sign_are_found(resolve):
    doc = resolve("Mikoyan and [Suslova]{.sic corr=Suslov} had been sending")
    content = doc.sections[0].blocks[0].content
    sic = next(n for n in content if isinstance(n, Sic))
    assert mentions(sic.children) == [("suslova", "Suslova")]


def test_explicit_markup_wins_over_detection(resolve):
    doc = resolve("[Gomulka]{person=hegedus} and [the Polish leader Gomulka]{person=gomulka}.")
    found = [(n.person_id, plain_text(n.children), n.explicit) for n in walk_inlines(doc.sections[0].blocks[0].content)
             if isinstance(n, PersonMention)]
    assert found == [("hegedus", "Gomulka", True), ("gomulka", "the Polish leader Gomulka", True)]


def test_words_are_kept_exactly(resolve):
    text = "Cdes. Molotov, Zhukov, and Malenkov; Gomułka’s men; Liu Shaoqi."
    doc = resolve(text)
    assert plain_text(doc.sections[0].blocks[0].content) == text


def test_mention_positions_on_one_line(make_edition):
    root = make_edition(persons=AUTHORITY, document="""\
        title: A Session
        date: 1956-10-26
        citation:
          as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
        body:
          - paragraphs:
              - Cdes. Molotov, Zhukov, and Malenkov are to fly off.
        """)
    doc = resolve_persons(load_edition(root, Diagnostics())).documents[0]
    found = [(n.person_id, n.pos) for n in doc.sections[0].blocks[0].content if isinstance(n, PersonMention)]
    x = "documents/x.yaml"
    assert found == [("molotov", SourcePos(x, 7, 15)), ("zhukov", SourcePos(x, 7, 24)),
                     ("malenkov", SourcePos(x, 7, 36))]


def test_mention_positions_on_a_later_line_of_a_folded_scalar(make_edition):
    root = make_edition(persons=AUTHORITY, document="""\
        title: A Session
        date: 1956-10-26
        citation:
          as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
        body:
          - paragraphs:
              - >-
                Review of the information from Cdes.
                Mikoyan and Suslov.
        """)
    doc = resolve_persons(load_edition(root, Diagnostics())).documents[0]
    found = [(n.person_id, n.pos) for n in doc.sections[0].blocks[0].content if isinstance(n, PersonMention)]
    x = "documents/x.yaml"
    assert found == [("mikoyan", SourcePos(x, 9, 9)), ("suslov", SourcePos(x, 9, 21))]


def test_matcher_prefers_the_longest_form():
    from edition.model import Person
    pos = SourcePos("p.yaml")
    people = (Person("suslov", "Suslov", "", pos, "Suslov", "Suslov"),
              Person("imre-nagy", "Nagy", "Imre", pos, "Nagy, Imre", "Imre Nagy"))
    found = list(NameMatcher(people).find("Suslov met Imre Nagy; Nagy left."))
    assert found == [(0, 6, "suslov"), (11, 20, "imre-nagy"), (22, 26, "imre-nagy")]


def test_no_persons_no_mentions():
    assert list(NameMatcher(()).find("Molotov")) == []


def test_real_source_mentions_every_authority_entry(monkeypatch):
    source = Path(__file__).resolve().parents[2] / "source"
    monkeypatch.chdir(source.parent)
    edition = resolve_persons(load_edition(source, Diagnostics()))
    doc = edition.documents[0]
    found = {m for run in document_texts(doc) for m in mentions(run)}
    assert ("suslov", "Suslova") in found  # the [sic] in note 10
    assert ("wang-jiaxiang", "Wang Jiaying") in found  # the [sic] in note 1
    assert ("boldoczki", "Yanoshem Boldotskim") in found  # explicit in note 5
    assert ("liu-shaoqi", "Liu Shaoqi") in found
    assert ("hegedus", "Andras Hegedus") in found and ("gomulka", "Gomulka") in found
    assert not any(pid == "liu-shaoqi" and text != "Liu Shaoqi" for pid, text in found)
