"""Note verification after layout, and the paragraphs the layout stage relaxes."""
from __future__ import annotations

import datetime

import pytest

from edition.diagnostics import EditionError, SourcePos
from edition.model import Citation, Document, Note
from edition.render.layout import AnchorPlace
from edition.render.placement import NotePlacement, paragraphs_to_relax, verify_notes

POS = SourcePos("documents/x.yaml", 40, 5)


def _doc():
    return Document(id="x", path="documents/x.yaml", pos=POS, title=(), title_text="A Session",
                    short_title="Session", date=datetime.date(1956, 10, 26), dateline="", citation=Citation("", POS),
                    summary=(), original_language="", contents="", language="en", participants=(), guests=(),
                    sections=(), notes=(), number=1)


def _pl(calls, notes, label="3"):
    return NotePlacement(_doc(), Note(int(label), label, (), POS, anchor=f"x-n{label}"), tuple(calls), tuple(notes))


def test_a_note_on_its_calls_page_passes():
    verify_notes([_pl([2], [2])], folio=lambda i: str(i + 1))


@pytest.mark.parametrize("calls,notes,message", [
    ([2], [3], 'document 1 ("Session"), note 3: the note fell on p. 4, its call is on p. 3'),
    ([2], [], 'document 1 ("Session"), note 3: the note was dropped by layout (its call is on p. 3)'),
    ([2], [2, 3], 'document 1 ("Session"), note 3: the note is printed 2 times'),
    ([], [2], 'document 1 ("Session"), note 3: its call appears 0 times in the laid-out pages'),
])
def test_a_displaced_dropped_or_doubled_note_fails_naming_document_note_and_page(calls, notes, message):
    with pytest.raises(EditionError) as err:
        verify_notes([_pl(calls, notes)], folio=lambda i: str(i + 1))
    assert str(err.value) == f"documents/x.yaml:40:5: error: {message}"


def test_every_failure_is_reported_at_once():
    with pytest.raises(EditionError) as err:
        verify_notes([_pl([1], [2], "1"), _pl([1], [1], "2"), _pl([4], [], "3")], folio=lambda i: str(i + 1))
    assert len(err.value.diagnostics) == 2


def test_relaxes_the_paragraph_running_into_the_calls_page_and_those_starting_on_it():
    places = {"s-p1": [AnchorPlace(0, 0, 0)], "s-p2": [AnchorPlace(1, 0, 0)], "s-p3": [AnchorPlace(2, 0, 0)],
              "s-p4": [AnchorPlace(2, 0, 500)], "s-p5": [AnchorPlace(3, 0, 0)]}
    relax = paragraphs_to_relax([_pl([2], [3])], places, {"x": ["s-p1", "s-p2", "s-p3", "s-p4", "s-p5"]})
    assert relax == {"s-p2", "s-p3", "s-p4"}


def test_nothing_is_relaxed_when_every_note_is_in_place():
    places = {"s-p1": [AnchorPlace(0, 0, 0)]}
    assert paragraphs_to_relax([_pl([0], [0])], places, {"x": ["s-p1"]}) == set()
