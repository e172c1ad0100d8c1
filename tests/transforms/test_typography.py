"""Typography for print: ties with no-break spaces, ranges with en dashes, curly quotes in the plain fields."""
from __future__ import annotations

import pytest

from edition.diagnostics import Diagnostics, SourcePos
from edition.model import PersonMention, Sic, Text, plain_text, walk_inlines
from edition.pipeline import load
from edition.transforms.typography import curl, tie, tie_inlines

NB = "\u00a0"


@pytest.mark.parametrize("text, tied", [
    ("N. M. Shvernik", f"N.{NB}M.{NB}Shvernik"),
    ("Yu. V. Andropov and Zh. Zh. Zhukov", f"Yu.{NB}V.{NB}Andropov and Zh.{NB}Zh.{NB}Zhukov"),
    ("В. Н. Малин", f"В.{NB}Н.{NB}Малин"),
    ("in APRF, F. 3, Op. 64, D. 484, Ll. 116-117.", f"in APRF, F.{NB}3, Op.{NB}64, D.{NB}484, Ll.{NB}116–117."),
    ("Op. 4, P. 6, p. 389, pp. 12-15, No. 597, vol. XXV", f"Op.{NB}4, P.{NB}6, p.{NB}389, pp.{NB}12–15, No.{NB}597, vol.{NB}XXV"),
    ("on 26 October 1956 at 8 p.m.", f"on 26{NB}October{NB}1956 at 8{NB}p.m."),
    ("October 26, 1956", f"October{NB}26,{NB}1956"),
    ("26 oktyabrya 1956 g.", f"26{NB}oktyabrya{NB}1956{NB}g."),
    ("see Note 33 infra and Document 3", f"see Note{NB}33 infra and Document{NB}3"),
    ("Ll. 53-53ob, 62-62ob", f"Ll.{NB}53–53ob, 62–62ob"),
])
def test_what_must_not_break_is_tied(text, tied):
    assert tie(text) == tied


@pytest.mark.parametrize("text", [
    "the U.S. Army and the USSR",            # no initial: no space after U.
    "Central Files, 764.00/10-2656",          # a file number, not a range
    "the years 1955-1957 and 10 to 15",       # a range of years: no abbreviation before it
    "Gomułka spoke. Hegedüs answered.",       # a sentence's end
    "in the 126 cdes. studying",
    "Cde. Liu Shaoqi and Cdes. Shepilov",     # a title may end a line (tied, "Cde. Liu Shaoqi" set lines loose)
])
def test_what_may_break_is_left_alone(text):
    assert tie(text) == text


def test_ties_keep_the_texts_length():
    text = "Cable No. 597/AR from A. A. Gromyko, 26 October 1956, Ll. 116-117."
    assert len(tie(text)) == len(text)


@pytest.mark.parametrize("text, curled", [
    ("Translator's Notes", "Translator\u2019s Notes"),
    ("People's Republic", "People\u2019s Republic"),
    ("the officials' view", "the officials\u2019 view"),
    ("a 'so-called' trial", "a \u2018so-called\u2019 trial"),
    ('the "Directory"', "the \u201cDirectory\u201d"),
    ("in '56", "in \u201956"),
])
def test_straight_quotes_in_plain_fields_become_curly(text, curled):
    assert curl(text) == curled


POS = SourcePos("documents/x.yaml", 7, 9)


def test_a_tie_crosses_into_the_mention_that_follows():
    nodes = (Text("from A. A. ", POS), PersonMention("gromyko", (Text("Gromyko", POS),), POS), Text(", minister", POS))
    tied = tie_inlines(nodes)
    assert plain_text(tied) == f"from A.{NB}A.{NB}Gromyko, minister"
    assert isinstance(tied[1], PersonMention) and tied[1].person_id == "gromyko"


def test_a_name_written_surname_first_is_tied_whole_with_its_correction():
    name = PersonMention("wang-jiaxiang", (Text("Wang Jiaying", POS),), POS)
    nodes = (Text("officials: ", POS), Sic((name,), POS, correction="Wang Jiaxiang"), Text(", Hu Qiaomu", POS))
    tied = tie_inlines(nodes, lambda pid: pid == "wang-jiaxiang")
    sic = next(n for n in walk_inlines(tied) if isinstance(n, Sic))
    assert plain_text(sic.children) == f"Wang{NB}Jiaying" and sic.correction == f"Wang{NB}Jiaxiang"
    assert plain_text(tied).endswith(", Hu Qiaomu")  # not a mention: may break


def test_no_tie_across_a_note_call(make_edition, document):
    root = make_edition(document=document("Hegedüs spoke on 26[^1] October.", notes={1: "A note."}))
    typeset = load(root, Diagnostics())
    assert plain_text(typeset.documents[0].sections[0].blocks[0].content) == "Hegedüs spoke on 26 October."


def test_the_edition_is_typeset_the_source_kept_verbatim(make_edition, document, persons):
    root = make_edition(
        document=document("Liu Shaoqi met V. N. Malin on 26 October 1956.", notes_heading="Translator's Notes",
                          citation={"as_given": "\"Notes\", TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, p.389 "
                                                "by Malin's hand"}),
        persons=persons(("liu-shaoqi", "Liu", "Shaoqi", {"name_order": "surname-first"}),
                        ("malin", "Malin", "Vladimir Nikiforovich")))
    doc = load(root, Diagnostics()).documents[0]
    assert plain_text(doc.sections[0].blocks[0].content) == (
        f"Liu{NB}Shaoqi met V.{NB}N.{NB}Malin on 26{NB}October{NB}1956.")
    assert doc.notes_heading == "Translator\u2019s Notes"
    # verbatim: spaces tied, characters kept (straight quotes, hyphens, the missing space of "p.389")
    assert doc.citation.as_given == (f"\"Notes\", TsKhSD, F.{NB}3, Op.{NB}12, D.{NB}1005, Ll.{NB}53-53ob, p.389 "
                                     f"by Malin's hand")
    untyped = load(root, Diagnostics(), typeset=False).documents[0]
    assert plain_text(untyped.sections[0].blocks[0].content) == "Liu Shaoqi met V. N. Malin on 26 October 1956."
