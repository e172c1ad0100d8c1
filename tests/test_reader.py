import dataclasses
import datetime
import re
from pathlib import Path

import pytest

from edition.diagnostics import Diagnostics, SourcePos
from edition.model import Document, NoteCall, Paragraph, Text, plain_text, walk_inlines
from edition.reader import load_edition
from edition.transforms.checks import document_texts
from sources import DOCUMENT_YAML, EDITION_YAML, X

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source"


# Line numbers on the left; note calls in a heading, a plain scalar, a folded
# block scalar and a speaker's text.
CALLS = """\
title: A Session
date: 1956-10-26
citation:
  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
body:
  - heading: On the Situation[^1]
    paragraphs:
      - Those Taking Part, Bulganin.[^2]
      - >-
        Review of the information from Cdes. Mikoyan and
        Suslov.[^3] Cdes. Shepilov are to study it.
      - speaker: Cde. Bulganin
        text: A firm line must be maintained.[^4]
notes:
  - n: 1
    text: One.
  - n: 2
    text: Two.
  - n: 3
    text: Three.
  - n: 4
    text: >-
      Four.
"""


def calls_of(doc: Document) -> list[NoteCall]:
    return [n for run in document_texts(doc) for n in walk_inlines(run) if isinstance(n, NoteCall)]


def load(root) -> tuple:
    diags = Diagnostics()
    edition = load_edition(root, diags)
    return edition, [str(d) for d in diags.sorted()]


# ---------------------------------------------------------------- positions


def test_note_call_position_in_a_plain_one_line_scalar(check):
    result = check(document=CALLS)
    assert result.lines == []
    call = calls_of(result.doc)[1]
    assert call.note.number == 2
    assert call.pos == SourcePos(X, 8, 37)


def test_note_call_position_in_a_folded_block_scalar(check):
    result = check(document=CALLS)
    call = calls_of(result.doc)[2]
    assert call.note.number == 3
    assert call.pos == SourcePos(X, 11, 16)


def test_note_call_positions_in_a_heading_and_a_speakers_text(check):
    calls = calls_of(check(document=CALLS).doc)
    assert [(c.note.number, c.pos) for c in calls] == [
        (1, SourcePos(X, 6, 30)), (2, SourcePos(X, 8, 37)), (3, SourcePos(X, 11, 16)), (4, SourcePos(X, 13, 46))]


def test_model_nodes_carry_their_positions(check):
    doc = check(document=CALLS).doc
    assert doc.pos == SourcePos(X, 1, 1)
    assert doc.title == (Text("A Session", SourcePos(X, 1, 8)),)
    assert doc.citation.pos == SourcePos(X, 4, 3)
    section = doc.sections[0]
    assert section.pos == SourcePos(X, 6, 5)
    assert section.heading[0].pos == SourcePos(X, 6, 14)
    plain, folded, turn = section.blocks
    assert plain.pos == SourcePos(X, 8, 9)
    assert folded.pos == SourcePos(X, 9, 9)  # the ">-" indicator
    assert folded.content[0].pos == SourcePos(X, 10, 9)  # its first word
    assert turn.pos == SourcePos(X, 12, 9)
    assert turn.speaker[0].pos == SourcePos(X, 12, 18)
    assert turn.content[0].pos == SourcePos(X, 13, 15)
    assert [n.pos for n in doc.notes] == [SourcePos(X, 15, 5), SourcePos(X, 17, 5), SourcePos(X, 19, 5),
                                          SourcePos(X, 21, 5)]
    assert doc.notes[3].content[0].pos == SourcePos(X, 23, 7)


def test_participants_and_guests_carry_positions(check, persons):
    doc = check(
        document=DOCUMENT_YAML + "participants: [bulganin, molotov]\nguests:\n  - person: liu-shaoqi\n"
                                 "    affiliation: CPC CC\n",
        persons=persons(("bulganin", "Bulganin"), ("molotov", "Molotov"), ("liu-shaoqi", "Liu", "Shaoqi"))).doc
    assert doc.participants == (("bulganin", SourcePos(X, 8, 16)), ("molotov", SourcePos(X, 8, 26)))
    assert doc.guests[0].person_id == "liu-shaoqi" and doc.guests[0].affiliation == "CPC CC"
    assert doc.guests[0].pos == SourcePos(X, 10, 5)


def test_persons_and_variants_carry_positions(check):
    result = check(persons="""\
        persons:
          - id: suslov
            surname: Suslov
            variants:
              - Суслов
              - {form: Suslova, misspelling: true}
        """, document=DOCUMENT_YAML.replace("Text.", "Suslov."))
    p = result.edition.persons[0]
    assert p.pos == SourcePos("persons.yaml", 2, 5)
    assert [(v.form, v.pos, v.misspelling) for v in p.variants] == [
        ("Суслов", SourcePos("persons.yaml", 5, 9), False), ("Suslova", SourcePos("persons.yaml", 6, 9), True)]


def _nodes_with_pos(value):
    """Every model object (dataclass) reachable from ``value`` that has a ``pos``."""
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from _nodes_with_pos(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, SourcePos):
        if hasattr(value, "pos"):
            yield value
        for f in dataclasses.fields(value):
            yield from _nodes_with_pos(getattr(value, f.name))


def test_every_node_of_the_real_source_carries_a_position_inside_its_file(monkeypatch):
    monkeypatch.chdir(SOURCE.parent)
    edition, problems = load(Path("source"))
    assert problems == []
    files = {p: Path(p).read_text(encoding="utf-8").splitlines() for p in
             ("source/edition.yaml", "source/persons.yaml", edition.documents[0].path)}
    nodes = list(_nodes_with_pos(edition))
    assert len(nodes) > 200
    for node in nodes:
        pos = node.pos
        assert isinstance(pos, SourcePos), node
        assert pos.path in files, node
        lines = files[pos.path]
        assert 1 <= pos.line <= len(lines), node
        assert 1 <= pos.col <= len(lines[pos.line - 1]) + 1, node


def _straight(text):
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


def test_positions_in_the_real_document_point_at_their_text(monkeypatch):
    """Each call at its "[^N]", each note at its "n: N", each text at its first word."""
    monkeypatch.chdir(SOURCE.parent)
    edition, _ = load(Path("source"))
    doc = edition.documents[0]
    lines = Path(doc.path).read_text(encoding="utf-8").splitlines()

    def at(pos):
        return lines[pos.line - 1][pos.col - 1:]

    for n in doc.notes:
        assert at(n.pos).startswith(f"n: {n.number}"), n.pos
    calls = calls_of(doc)
    assert len(calls) == 15
    for call in calls:
        assert at(call.pos).startswith(f"[^{call.note.label}]"), call.pos
    texts = [n for run in document_texts(doc) for n in walk_inlines(run) if isinstance(n, Text)]
    checked = 0
    for t in texts:
        words = re.findall(r"\w+", _straight(t.value))
        if not words:
            continue
        here = _straight(at(t.pos))
        leading = re.match(r"\W*", t.value).group(0)
        assert re.match(rf"\W{{0,{len(leading)}}}{re.escape(words[0])}", here), (t, here[:30])
        checked += 1
    assert checked > 50


# ---------------------------------------------------------------- reading


def test_minimal_document_reads_without_problems(check):
    result = check()
    assert result.lines == []
    doc = result.doc
    assert doc.id == "x" and doc.number == 1
    assert doc.title_text == "A Session" and doc.short_title == "A Session"
    assert doc.date == datetime.date(1956, 10, 26)
    assert doc.notes_heading == "Notes" and doc.language == "en"
    assert plain_text(doc.sections[0].blocks[0].content) == "Text."
    assert doc.sections[0].anchor == "x-s1"


def test_summary_paragraphs_split_at_blank_lines_with_their_own_lines(check):
    doc = check(document=DOCUMENT_YAML + "summary: |\n  First paragraph.\n\n  Second\n  paragraph.\n").doc
    assert [plain_text(p.content) for p in doc.summary] == ["First paragraph.", "Second paragraph."]
    assert [p.pos.line for p in doc.summary] == [9, 11]


def test_summary_as_a_list_of_paragraphs(check, document):
    doc = check(document=document(summary=["One.", "Two."])).doc
    assert [plain_text(p.content) for p in doc.summary] == ["One.", "Two."]
    assert all(isinstance(p, Paragraph) for p in doc.summary)


def test_notes_are_anchored_and_sorted_by_number(check, document):
    doc = check(document=document("a[^2] b[^1]", notes={2: "Two.", 1: "One."})).doc
    assert [(n.number, n.label, n.anchor) for n in doc.notes] == [(1, "1", "x-n1"), (2, "2", "x-n2")]


def test_annotation_paragraph_kind(check, document):
    doc = check(document=document({"kind": "annotation", "text": "Three copies."})).doc
    assert doc.sections[0].blocks[0].kind == "annotation"


def test_documents_are_read_in_the_order_edition_yaml_lists_them(check, document):
    result = check(edition=EDITION_YAML + "documents: [b.yaml, a.yaml]\n",
                   documents={"a.yaml": document(title="A"), "b.yaml": document(title="B")})
    assert result.lines == []
    assert [(d.id, d.number) for d in result.edition.documents] == [("b", 1), ("a", 2)]


def test_documents_not_listed_are_read_in_date_order(check, document):
    result = check(documents={"a.yaml": document(title="Late", date=datetime.date(1956, 11, 4)),
                              "b.yaml": document(title="Early", date=datetime.date(1956, 10, 23))})
    assert [d.title_text for d in result.edition.documents] == ["Early", "Late"]


# ---------------------------------------------------------------- diagnostics of the reader


def test_yaml_syntax_error_with_position(check):
    result = check(document="title: A\n  date: 1956-10-26\n")
    assert result.lines == [f"{X}:2:7: error: YAML syntax: mapping values are not allowed here; either this line is "
                            "indented too far, or it continues a text that contains \": \", which must then be "
                            "quoted (in '...', doubling any ' inside it)"]


def test_unknown_field_suggests_the_known_one(check):
    result = check(document=DOCUMENT_YAML + "sumary: A summary.\n")
    assert result.lines == [f'{X}:8:1: error: unknown field "sumary" in a document (did you mean "summary"?)']


def test_unknown_field_in_a_nested_mapping(check):
    result = check(document=DOCUMENT_YAML.replace("  as_given:", "  archive: TsKhSD\n  as_givne:"))
    assert f'{X}:5:3: error: unknown field "as_givne" in the citation (did you mean "as_given"?)' in result.lines


def test_missing_required_field(check):
    result = check(document="title: A\ndate: 1956-10-26\nbody:\n  - paragraphs: [Text.]\n")
    assert result.lines == [f'{X}:1:1: error: a document lacks the required field "citation"']


def test_date_that_is_not_a_date(check):
    result = check(document=DOCUMENT_YAML.replace("date: 1956-10-26", "date: 26 October 1956"))
    assert result.lines == [f"{X}:2:7: error: date must be an ISO date such as 1956-10-26"]


def test_impossible_date(check):
    result = check(document=DOCUMENT_YAML.replace("date: 1956-10-26", "date: 1956-02-30"))
    assert result.lines == [f'{X}:2:7: error: bad value "1956-02-30": day is out of range for month']


def test_note_number_that_is_not_a_whole_number(check):
    result = check(document=DOCUMENT_YAML + "notes:\n  - n: one\n    text: x\n  - n: 2.5\n    text: y\n")
    assert result.lines == [f'{X}:9:8: error: a note number must be a whole number, not "one"',
                            f'{X}:11:8: error: a note number must be a whole number, not "2.5"']


def test_text_field_given_a_list(check):
    result = check(document=DOCUMENT_YAML.replace("title: A Session", "title: [A, Session]"))
    assert result.lines == [f'{X}:1:8: error: "title" in a document must be text (a text that starts with [ is read '
                            f'by YAML as a list: quote the text)']


def test_a_list_where_a_mapping_is_expected(check):
    result = check(document="- title: A\n- date: 1956-10-26\n")
    assert result.lines == [f"{X}:1:1: error: a document must be a mapping of fields"]


def test_note_called_but_not_defined(check):
    result = check(document=CALLS.replace("[^4]", "[^5]"))
    assert result.lines == [f"{X}:13:46: error: note 5 is called but not defined",
                            f"{X}:21:5: error: note 4 is defined but never called"]


def test_note_defined_but_never_called(check):
    result = check(document=CALLS + "  - n: 6\n    text: Six.\n")
    assert result.lines == [f"{X}:24:5: error: note 6 is defined but never called"]


def test_note_called_twice(check):
    result = check(document=CALLS.replace("Bulganin.[^2]", "Bulganin.[^2][^1]"))
    assert result.lines == [f"{X}:8:41: error: note 1 is called twice (first at line 6); "
                            "a note is printed once, at its call"]


def test_duplicate_note_numbers(check):
    result = check(document=CALLS + "  - n: 2\n    text: Two again.\n")
    assert result.lines == [f"{X}:24:8: error: duplicate note number 2 (first at line 17)"]


def test_participant_not_in_the_authority(check, persons):
    result = check(document=DOCUMENT_YAML.replace("Text.", "Bulganin.") + "participants: [bulganin, nobody]\n",
                   persons=persons(("bulganin", "Bulganin")))
    assert result.lines == [f'{X}:8:26: error: participant "nobody" is not in persons.yaml']


def test_guest_not_in_the_authority(check):
    result = check(document=DOCUMENT_YAML + "guests:\n  - person: nobody\n    affiliation: CPC CC\n")
    assert result.lines == [f'{X}:9:13: error: guest "nobody" is not in persons.yaml']


def test_explicit_mention_of_an_unknown_person(check):
    result = check(document=DOCUMENT_YAML.replace("Text.", "Told [him]{person=nobody}."))
    assert result.lines == [f'{X}:7:14: error: explicit mention names unknown person "nobody"']


def test_stray_bracket_in_text(check):
    result = check(document=DOCUMENT_YAML.replace("Text.", "Text with a stray [ in it."))
    assert result.lines == [f'{X}:7:27: error: unbalanced editorial bracket "[" in "Text with a stray [ in it." '
                            '(write editorial signs as [text]{.supplied}, or escape it as "\\[")']


def test_stray_bracket_in_a_folded_scalar_is_placed_on_its_line(check):
    result = check(document=DOCUMENT_YAML.replace("- Text.", "- >-\n        First line,\n        second ] line."))
    assert len(result.lines) == 1
    assert result.lines[0].startswith(f'{X}:9:16: error: unbalanced editorial bracket "]"')


def test_unknown_editorial_sign(check):
    result = check(document=DOCUMENT_YAML.replace("Text.", "Mikoyan and [Suslova]{.sci corr=Suslov}."))
    assert result.lines == [f'{X}:7:21: error: unknown editorial sign ".sci" (did you mean "sic"?)']


def test_all_problems_are_reported_at_once(check):
    result = check(document="""\
        title: A Session
        date: the day after
        sumary: x
        citation:
          as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
        body:
          - paragraphs:
              - A stray [ bracket.
        """)
    assert result.lines == [
        f"{X}:2:7: error: date must be an ISO date such as 1956-10-26",
        f'{X}:3:1: error: unknown field "sumary" in a document (did you mean "summary"?)',
        f'{X}:8:17: error: unbalanced editorial bracket "[" in "A stray [ bracket." '
        '(write editorial signs as [text]{.supplied}, or escape it as "\\[")',
    ]


def test_problems_in_several_files_are_all_reported(check):
    result = check(edition=EDITION_YAML + "titel: x\n", persons="persons:\n  - id: Bad Id\n    surname: X\n",
                   document=DOCUMENT_YAML + "sumary: x\n")
    paths = {line.split(":")[0] for line in result.errors}
    assert paths == {"edition.yaml", "persons.yaml", X}


# ---------------------------------------------------------------- the folder


def test_no_edition_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    edition, problems = load(tmp_path)
    assert edition is None
    assert problems == ["edition.yaml:1:1: error: no edition.yaml in the source folder"]


def test_empty_edition_yaml_is_an_error(make_edition):
    edition, problems = load(make_edition(edition=""))
    assert edition is None
    assert problems == ["edition.yaml:1:1: error: edition.yaml is empty"]


@pytest.mark.parametrize("content", ["", "# nothing but a comment\n"])
def test_empty_document_is_an_error(make_edition, content):
    _, problems = load(make_edition(document=content))
    assert problems == [f"{X}:1:1: error: empty document"]


def test_empty_document_is_reported_even_when_another_file_has_errors(make_edition):
    _, problems = load(make_edition(document="# nothing\n", persons="persons: 3\n"))
    assert problems == ['persons.yaml:1:10: error: "persons" in persons.yaml must be a list',
                        f"{X}:1:1: error: empty document"]


def test_listed_document_that_does_not_exist_suggests_the_file(check):
    result = check(edition=EDITION_YAML + "documents: [y.yaml]\n")
    assert result.lines == ['edition.yaml:7:12: warning: document "x.yaml" is in documents/ but not listed in '
                            'edition.yaml, so it is left out',
                            'edition.yaml:7:13: error: no document "y.yaml" in documents (did you mean "x.yaml"?)']


def test_listed_document_outside_the_folder_is_refused(check):
    result = check(edition=EDITION_YAML + "documents: [x.yaml, ../edition.yaml]\n")
    assert result.lines == ['edition.yaml:7:21: error: no document "../edition.yaml" in documents']


def test_document_listed_twice(check):
    result = check(edition=EDITION_YAML + "documents: [x.yaml, x.yaml]\n")
    assert result.lines == ['edition.yaml:7:21: error: document "x.yaml" is listed twice']


def test_bad_page_size(check):
    result = check(edition=EDITION_YAML + "page:\n  size: 6 by 9\n")
    assert result.lines == ['edition.yaml:8:9: error: page size "6 by 9" is not "WIDTH HEIGHT" with units '
                            '(6in 9in, 156mm 234mm) nor a name (A4, A5, B5, letter, royal, demy)']
