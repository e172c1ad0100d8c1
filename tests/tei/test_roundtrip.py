"""Round trip: YAML -> TEI -> YAML gives the same model (the seed, the awkward fixture, the Gettysburg example and
its apparatus), and (slow) the same PDF, byte for byte."""
from __future__ import annotations

import os
from itertools import takewhile
from pathlib import Path

import pytest

from edition.build import build_edition
from edition.diagnostics import Diagnostics
from edition.tei.export import export_tei
from teitools import AWKWARD, GETTYSBURG, SEED, load, model_differences

EPOCH = "1792800000"


def test_the_seed_edition_comes_back_as_the_same_model(seed_edition, seed_tei, import_tei):
    root, err, code = import_tei(seed_tei)
    assert code == 0 and "0 error(s), 0 warning(s)" in err, err
    assert model_differences(seed_edition, load(root)) == []


def test_the_awkward_fixture_comes_back_as_the_same_model(awkward_tei, import_tei):
    root, err, code = import_tei(awkward_tei)
    assert code == 0, err
    assert model_differences(load(AWKWARD), load(root)) == []


def test_the_comparison_sees_a_changed_word(seed_edition, seed_tei, import_tei):
    root, _err, _code = import_tei(seed_tei)
    doc = next((root / "documents").glob("*.yaml"))
    doc.write_text(doc.read_text(encoding="utf-8").replace("Perform the work.", "Perform the works."),
                   encoding="utf-8")
    differences = model_differences(seed_edition, load(root))
    assert len(differences) == 1 and "Perform the work" in differences[0]


def test_the_editorial_comment_opening_a_document_comes_back(seed_tei, import_tei):
    root, _err, _code = import_tei(seed_tei)
    original = (SEED / "documents" / "1956-10-26-presidium-session.yaml").read_text(encoding="utf-8")
    again = next((root / "documents").glob("*.yaml")).read_text(encoding="utf-8")
    comment = list(takewhile(lambda line: line.startswith("#"), original.splitlines()))  # the opening comment
    assert comment
    assert again.splitlines()[:len(comment)] == comment


@pytest.fixture
def epoch():
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if saved is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.mark.slow
def test_the_pdf_of_the_reimported_seed_is_byte_identical(seed_tei, import_tei, tmp_path, epoch):
    root, _err, code = import_tei(seed_tei)
    assert code == 0
    original = build_edition(SEED, tmp_path / "a", Diagnostics(), jobs=1)
    again = build_edition(root, tmp_path / "b", Diagnostics(), jobs=1)
    assert Path(again.pdf).read_bytes() == Path(original.pdf).read_bytes()


def test_the_gettysburg_example_and_its_apparatus_come_back_as_the_same_model(import_tei):
    root, err, code = import_tei(export_tei(load(GETTYSBURG)))
    assert code == 0 and "0 error(s), 0 warning(s)" in err, err
    assert model_differences(load(GETTYSBURG), load(root)) == []


def test_the_comparison_sees_a_changed_reading(import_tei):
    root, _err, _code = import_tei(export_tei(load(GETTYSBURG)))
    doc = next((root / "documents").glob("*.yaml"))
    doc.write_text(doc.read_text(encoding="utf-8").replace('N="hallowed"', 'N="hollowed"'), encoding="utf-8")
    differences = model_differences(load(GETTYSBURG), load(root))
    assert len(differences) == 1 and "hallowed" in differences[0]
