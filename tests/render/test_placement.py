"""Note placement: the paragraphs whose widow and orphan control gives way to a note."""
from __future__ import annotations

import datetime

from edition.diagnostics import SourcePos
from edition.model import Citation, Document, Note
from edition.render.layout import AnchorPlace
from edition.render.placement import paragraphs_to_relax
from edition.render.verify import NotePlacement

POS = SourcePos("documents/x.yaml", 40, 5)
DOC = Document(id="x", path="documents/x.yaml", pos=POS, title=(), title_text="A Session", short_title="Session",
               date=datetime.date(1956, 10, 26), dateline="", citation=Citation("", POS), summary=(),
               original_language="", contents="", language="en", participants=(), guests=(), sections=(), notes=(),
               number=1)


def _pl(calls, notes):
    return NotePlacement(DOC, Note(3, "3", (), POS, anchor="x-n3"), tuple(calls), (tuple(notes),))


def test_relaxes_the_paragraph_running_into_the_calls_page_and_those_starting_on_it():
    places = {"s-p1": [AnchorPlace(0, 0, 0)], "s-p2": [AnchorPlace(1, 0, 0)], "s-p3": [AnchorPlace(2, 0, 0)],
              "s-p4": [AnchorPlace(2, 0, 500)], "s-p5": [AnchorPlace(3, 0, 0)]}
    relax = paragraphs_to_relax([_pl([2], [3])], places, {"x": ["s-p1", "s-p2", "s-p3", "s-p4", "s-p5"]})
    assert relax == {"s-p2", "s-p3", "s-p4"}


def test_nothing_is_relaxed_when_every_note_is_in_place():
    places = {"s-p1": [AnchorPlace(0, 0, 0)]}
    assert paragraphs_to_relax([_pl([0], [0])], places, {"x": ["s-p1"]}) == set()
