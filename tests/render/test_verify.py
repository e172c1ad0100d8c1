"""Note verification after layout: every note, and every part of a split note, where it belongs."""
from __future__ import annotations

import datetime

import pytest

from edition.diagnostics import EditionError, SourcePos
from edition.model import Citation, Document, Note
from edition.render.verify import REMEDY, NotePlacement, verify_notes

POS = SourcePos("documents/x.yaml", 40, 5)


def _doc():
    return Document(id="x", path="documents/x.yaml", pos=POS, title=(), title_text="A Session",
                    short_title="Session", date=datetime.date(1956, 10, 26), dateline="", citation=Citation("", POS),
                    summary=(), original_language="", contents="", language="en", participants=(), guests=(),
                    sections=(), notes=(), number=1)


def _pl(calls, notes, label="3", *parts, overflowing=()):
    """A placement: the call's pages, the note's pages, and the pages of each continuation."""
    return NotePlacement(_doc(), Note(int(label), label, (), POS, anchor=f"x-n{label}"), tuple(calls),
                         (tuple(notes),) + tuple(tuple(p) for p in parts), tuple(overflowing))


def test_a_note_on_its_calls_page_passes():
    verify_notes([_pl([2], [2])], folio=lambda i: str(i + 1))


@pytest.mark.parametrize("calls,notes,message", [
    ([2], [3], f'document 1 ("Session"), note 3: the note fell on p. 4, its call is on p. 3; {REMEDY}'),
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


def test_a_note_continued_on_the_following_pages_passes():
    verify_notes([_pl([2], [2], "3", [3], [4])], folio=lambda i: str(i + 1))


@pytest.mark.parametrize("parts,message", [
    ([[4]], "its continuation (part 2) fell on p. 5, it belongs on p. 4, after part 1; the call is on p. 3"),
    ([[2]], "its continuation (part 2) fell on p. 3, it belongs on p. 4, after part 1; the call is on p. 3"),
    ([[3], []], "its continuation (part 3) was dropped by layout (its call is on p. 3)"),
])
def test_a_continuation_elsewhere_than_on_the_next_page_fails(parts, message):
    with pytest.raises(EditionError) as err:
        verify_notes([_pl([2], [2], "3", *parts)], folio=lambda i: str(i + 1))
    assert message in str(err.value)


def test_a_note_running_off_its_page_fails_saying_what_to_do():
    with pytest.raises(EditionError) as err:
        verify_notes([_pl([2], [2], "3", overflowing=(1,))], folio=lambda i: str(i + 1))
    assert "the note is too long for p. 3 and runs off the page" in str(err.value) and REMEDY in str(err.value)
