"""Cross-references by id, continuous note numbering, and both in print."""
from __future__ import annotations

import pdfplumber
import pytest

from edition.build import build_edition
from edition.diagnostics import Diagnostics
from edition.model import CrossRef, walk_inlines
from edition.pipeline import prepare

EDITION = "title: V\neditors: [E]\npublisher: P\nplace: X\nyear: 2026\nlanguage: en\n"


def _doc(title, date, body, notes):
    lines = [f"title: {title}", f"date: {date}", "citation:", "  as_given: TsKhSD, F. 3, Op. 12, D. 1, L. 1",
             "body:", "  - id: main", "    heading: The Main Section", "    paragraphs:"]
    lines += [f"      - '{p}'" for p in body]
    lines += ["notes:"] + [f"  - n: {n}\n    text: '{t}'" for n, t in notes]
    return "\n".join(lines) + "\n"


FIRST = _doc("First", "1956-10-23", ['Text.[^1] See []{ref="note:2"} and []{ref="doc:second"}.', "More.[^2]"],
             [(1, 'A note; see []{ref="note:second/1"} and []{ref="section:second/main"}.'), (2, "Second note.")])
SECOND = _doc("Second", "1956-10-24", ['Later text.[^1] Compare [the first]{ref="doc:first"}.'],
              [(1, 'Back to []{ref="note:first/1"}.')])


def _refs(edition):
    out = {}
    for doc in edition.documents:
        nodes = [n for s in doc.sections for b in s.blocks for n in walk_inlines(b.content)]
        nodes += [n for note in doc.notes for n in walk_inlines(note.content)]
        out[doc.id] = [(n.kind, n.label, n.anchor) for n in nodes if isinstance(n, CrossRef)]
    return out


def test_references_resolve_in_every_direction(make_edition):
    root = make_edition(documents={"first.yaml": FIRST, "second.yaml": SECOND})
    diags = Diagnostics()
    edition = prepare(root, diags)
    assert not diags.items, diags.format_text()
    refs = _refs(edition)
    assert refs["first"] == [("note", "note 2", "first-n2"), ("doc", "Document 2", "second"),
                             ("note", "note 1", "second-n1"), ("section", "\u201cThe Main Section\u201d", "second-main")]
    assert refs["second"] == [("doc", "Document 1", "first"), ("note", "note 1", "first-n1")]


@pytest.mark.parametrize("ref,message", [
    ("note:9", 'cross-reference to note 9 of "first", which has no such note'),
    ("doc:secnod", 'cross-reference to unknown document "secnod" (did you mean "second"?)'),
    ("section:second/mian", 'cross-reference to section "mian" of "second", which has no such section '
                            '(did you mean "main"?)'),
    ("page:3", 'cross-reference "page:3" is not note:N, note:DOC/N, doc:DOC, section:ID or section:DOC/ID'),
])
def test_a_dangling_reference_is_an_error_at_its_place(make_edition, ref, message):
    root = make_edition(documents={"first.yaml": FIRST.replace('[]{ref="note:2"}', f'[]{{ref="{ref}"}}'),
                                   "second.yaml": SECOND})
    diags = Diagnostics()
    prepare(root, diags)
    (error,) = diags.errors
    assert error.message.startswith(message)
    assert (error.pos.path, error.pos.line) == ("documents/first.yaml", 9)


def test_continuous_note_numbering_across_the_volume(make_edition):
    root = make_edition(edition=EDITION + "note_numbering: continuous\n",
                        documents={"first.yaml": FIRST, "second.yaml": SECOND})
    edition = prepare(root, Diagnostics())
    assert [[n.label for n in d.notes] for d in edition.documents] == [["1", "2"], ["3"]]
    assert _refs(edition)["first"][2] == ("note", "note 3", "second-n1")


def test_references_print_with_number_and_page(make_edition, tmp_path):
    root = make_edition(edition=EDITION + "note_numbering: continuous\n",
                        documents={"first.yaml": FIRST, "second.yaml": SECOND})
    result = build_edition(root, tmp_path / "out", Diagnostics())
    with pdfplumber.open(result.pdf) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "See note 2, p. 1 and Document 2, p. 3." in text
    assert "see note 3, p. 3 and \u201cThe Main Section\u201d, p. 3." in text
    assert "Compare the first, p. 1." in text
