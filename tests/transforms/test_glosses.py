"""Glosses on another numbering's notes: "Note 33 infra" printed "Note 33 [= n. 9] infra", linked to note 9."""
from __future__ import annotations

from edition.diagnostics import Diagnostics
from edition.model import CrossRef, Supplied, plain_text, walk_inlines
from edition.pipeline import load

NB = "\u00a0"


def _document(external_notes: str, text: str = "See the explanation in Note 33 infra.") -> str:
    return f"""\
title: Хрущёв and Gomułka
date: 1956-10-26
citation:
  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
body:
  - paragraphs:
      - First.[^3] Then.[^9]
notes:
  - n: 3
    external_notes: {external_notes}
    text: {text}
  - n: 9
    text: Hegedüs was ousted.
"""


def test_a_mapped_number_is_glossed_with_this_documents_note_linked(make_edition):
    doc = load(make_edition(document=_document("{33: 9}")), Diagnostics()).documents[0]
    note = doc.notes[0]
    assert plain_text(note.content, with_signs=True) == f"See the explanation in Note{NB}33 [={NB}n.{NB}9] infra."
    gloss = next(n for n in note.content if isinstance(n, Supplied))
    link = next(n for n in walk_inlines(gloss.children) if isinstance(n, CrossRef))
    assert (link.anchor, link.page) == (doc.notes[1].anchor, False)  # linked, without a page


def test_the_source_text_is_not_glossed(make_edition):
    doc = load(make_edition(document=_document("{33: 9}")), Diagnostics(), typeset=False).documents[0]
    assert plain_text(doc.notes[0].content) == "See the explanation in Note 33 infra."
    assert doc.notes[0].mapped_notes == ((33, 9),) and doc.notes[0].external_notes == ()


def test_a_number_the_edition_lacks_is_not_glossed(make_edition):
    doc = load(make_edition(document=_document("[33]")), Diagnostics()).documents[0]
    assert not any(isinstance(n, Supplied) for n in doc.notes[0].content)
    assert doc.notes[0].external_notes == (33,)


def test_a_mapping_to_null_is_a_number_the_edition_lacks(check):
    result = check(document=_document("{33: null}"))
    assert result.lines == [] and result.doc.notes[0].external_notes == (33,)


def test_a_mapped_number_is_no_warning_and_an_unmapped_one_is(check):
    assert check(document=_document("{33: 9}")).lines == []
    assert sorted(check(document=_document("{28: 9}")).warnings) == [
        'documents/x.yaml:9:5: warning: note 3 maps note 28 of another numbering to note 9, but its text cites '
        'no "Note 28": no gloss is printed',
        'documents/x.yaml:9:5: warning: note 3 refers to "Note 33 infra", which this edition does not contain']


def test_a_mapping_to_a_note_the_document_lacks_is_an_error_at_its_value(check):
    assert check(document=_document("{33: 19}")).errors == [
        "documents/x.yaml:10:26: error: external_notes maps note 33 to note 19, which this document does not have "
        "(did you mean \"9\"?)"]


def test_a_mapping_of_what_is_no_number_is_an_error(check):
    errors = check(document=_document("{thirty-three: 9, 34: nine}", "Note 34.")).errors
    assert errors == [
        'documents/x.yaml:10:22: error: external_notes maps note numbers of another numbering to this document\'s '
        'notes ({33: 9}); "thirty-three" is no number',
        "documents/x.yaml:10:43: error: external_notes: note 34 of the other numbering must map to a note number "
        "of this document (or to null: the edition lacks it)"]
