"""FRUS: three documents of the Office of the Historian's TEI import, check and build with notes and an index."""
from __future__ import annotations

import os

import pytest
import yaml

from edition.build import build_edition, prepare_layout
from edition.render.matter import index_entries
from edition.diagnostics import Diagnostics
from teitools import FRUS, load

EPOCH = "1792800000"


@pytest.fixture
def frus(import_tei):
    root, err, code = import_tei(FRUS)
    assert code == 0, err
    return root, err


def _document(root, number):
    return yaml.safe_load((root / "documents" / f"frus1955-57v25-d{number}.yaml").read_text(encoding="utf-8"))


def test_each_frus_document_becomes_one_source_document(frus):
    root, _err = frus
    assert sorted(p.name for p in (root / "documents").iterdir()) == [
        "frus1955-57v25-d126.yaml", "frus1955-57v25-d127.yaml", "frus1955-57v25-d161.yaml"]
    edition = yaml.safe_load((root / "edition.yaml").read_text(encoding="utf-8"))
    assert edition["title"] == "Foreign Relations of the United States, 1955–1957, Eastern Europe, Volume XXV"
    assert edition["editors"][0] == "Edward C. Keefer" and edition["year"] == 1990


def test_head_dateline_and_source_note_give_title_date_and_citation(frus):
    doc = _document(frus[0], 126)
    assert doc["title"] == "Memorandum of a Conversation, Department of State, Washington, October 27, 1956, Noon"
    assert str(doc["date"]) == "1956-10-27" and doc["dateline"] == "Washington, October 27, 1956, Noon"
    citation = doc["citation"]
    assert citation["as_given"] == ("Source: Department of State, Central Files, 764.00/10–2756. Secret. "
                                    "Drafted by Bennett.")
    assert "repository" not in citation  # the US form is read from as_given
    read = load(frus[0]).documents[0].citation
    assert (read.repository, read.series, read.file, read.form) == ("Department of State", "Central Files",
                                                                   "764.00/10–2756", "us")
    assert citation["published"].endswith("Volume XXV, Document 126")
    assert citation["url"] == "https://history.state.gov/historicaldocuments/frus1955-57v25/d126"


def test_footnotes_keep_their_numbers_at_their_calls(frus):
    doc = _document(frus[0], 127)
    assert [n["n"] for n in doc["notes"]] == [2, 3, 4, 5, 6]
    text = " ".join(p if isinstance(p, str) else p["text"] for s in doc["body"] for p in s["paragraphs"])
    assert "Monday.[^2] Tone" in text and "Shawcross[^4] in Mindszenty" in text
    assert doc["notes"][1]["text"].startswith("This specified “respect for each other’s")


def test_persons_are_explicit_mentions_of_the_volume_list(frus):
    root, _err = frus
    persons = yaml.safe_load((root / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    by_id = {p["id"]: p for p in persons}
    assert sorted(by_id) == ["beam", "bennett", "dulles", "lodge", "murphy", "sobolev", "wailes"]  # named only
    assert by_id["lodge"] == {"id": "lodge", "surname": "Lodge", "forenames": "Henry Cabot",
                              "index": "Lodge, Henry Cabot, Jr.",
                              "identification": "Permanent Representative at the United Nations",
                              "variants": ["Henry Cabot Lodge, Jr."]}
    text = yaml.safe_dump(_document(root, 126), allow_unicode=True, width=10000)
    assert "Mr. [Murphy]{person=murphy} emphasized" in text


def test_lists_quotations_milestones_and_closers_become_paragraphs(frus):
    paragraphs = _document(frus[0], 161)["body"][0]["paragraphs"]
    assert paragraphs[1:3] == ["Factors dictating this action include:",
                               "(1) Implications current Soviet military movements;"]
    assert paragraphs[7].endswith('occasion: []{.page n="374"}')
    assert paragraphs[8].startswith("*Begin*. Mr. President:")
    assert paragraphs[-1] == "[*Dulles*]{person=dulles}"


def test_what_has_no_place_is_warned_at_its_line_and_kept(frus):
    root, err = frus
    name = str(FRUS)
    assert f'{name}:325:50: warning: a reference to "#d150", which is not among the imported documents' in err
    assert f"{name}:361:29: warning: a block quotation: printed as ordinary paragraphs" in err
    assert _document(root, 161)["notes"][1]["text"] == "Document 150."
    assert "0 error(s), 0 warning(s)" in err
    assert _document(root, 161)["citation"]["repository"] == "Department of State"  # 123–Wailes: no form


@pytest.mark.slow
def test_the_frus_documents_build_with_notes_on_their_calls_pages_and_an_index(frus, tmp_path):
    root, _err = frus
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
        body, _renderer, _styles = prepare_layout(root, Diagnostics())
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)
    notes = [n for d in body.edition.documents for n in d.notes]
    assert len(notes) == 10
    for note in notes:
        calls, placed = body.places[f"call-{note.anchor}"], body.places[note.anchor]
        assert len(calls) == len(placed) == 1 and calls[0].page_index == placed[0].page_index, note.anchor
    headings = [e.heading for e in index_entries(body)]
    assert headings == ["Beam, Jacob D.", "Bennett, W. Tapley, Jr.", "Dulles, John Foster",
                        "Lodge, Henry Cabot, Jr.", "Murphy, Robert D.", "Sobolev, Arkady N.", "Wailes, Edward T."]
    assert load(root).documents[2].title_text.startswith("Telegram From the Department of State")
