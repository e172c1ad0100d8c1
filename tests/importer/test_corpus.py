"""The corpus of stored archive pages: no structure error silent, every word kept, the draft of persons usable."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from importer.corpus_measure import CORPUS, expectations, measure
from edition.cli import main
from edition.diagnostics import Diagnostics
from edition.pipeline import prepare

NAMES = sorted(p.name for p in CORPUS.glob("*.txt"))
SOURCE = Path(__file__).resolve().parents[2] / "source"


@pytest.fixture(scope="module")
def measured():
    return measure()


def test_the_corpus_has_25_pages_each_with_its_source_and_expectations():
    assert len(NAMES) >= 25
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    want = expectations()
    for name in NAMES:
        row = next(line for line in readme.splitlines() if line.startswith(f"| {name[:-4]} |"))
        assert "http" in row, name
        assert name in want


def test_no_structure_error_is_silent(measured):
    items, _ = measured
    assert [i for i in items if i.status == "silent"] == []


def test_every_class_of_the_issue_occurs_in_the_corpus(measured):
    items, _ = measured
    kinds = {i.kind for i in items}
    assert {"paragraph", "note", "call", "marker", "enumerator", "unparsed", "truncation", "citation",
            "header"} <= kinds
    whats = {i.what for i in items}
    assert "marker 8 missing" in whats and "marker 1 missing" in whats
    truncated = [i for i in items if i.kind == "truncation"]
    assert {i.what for i in truncated} >= {"body", "summary", "note 1", "input"}


def test_persons_recall_at_least_90_percent_and_no_false_entry(measured):
    _, people = measured
    assert people["found"] >= 0.9 * people["listed"], people["missed"]
    assert people["false"] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_word_is_kept_and_the_document_loads(load, name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    loaded = load(text, persons=True, name=name)
    assert not loaded.lost_words(text), loaded.imported.yaml
    errors = [e for e in loaded.checked.items if e.severity == "error" and "citation" not in e.message
              and e.code != "citation"]
    assert errors == []


def test_the_draft_of_persons_pasted_into_the_authority_passes_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "ed"
    (root / "documents").mkdir(parents=True)
    (root / "edition.yaml").write_text("title: A Volume\neditors: [An Editor]\npublisher: A Press\nplace: There\n"
                                       "year: 2026\nlanguage: en\n", encoding="utf-8")
    shutil.copy(SOURCE / "persons.yaml", root / "persons.yaml")
    files = [str(CORPUS / n) for n in NAMES if not n.startswith("16-")]  # 15 and 16 are one document
    assert main(["import", *files, "-o", str(root / "documents"), "--draft-persons", "draft.yaml"]) == 0
    draft = yaml.safe_load((tmp_path / "draft.yaml").read_text(encoding="utf-8"))["persons"]
    ids = [p["id"] for p in draft]
    authority = yaml.safe_load((root / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    assert len(ids) == len(set(ids)) and not set(ids) & {p["id"] for p in authority}
    assert {"konev", "ochab", "rakosi", "gero"} <= set(ids)
    assert not any(p["surname"] in ("Briefing", "Deqing") for p in draft)
    chinese = next(p for p in draft if p["surname"] == "Hao")
    assert chinese == {"id": "hao-deqing", "surname": "Hao", "forenames": "Deqing", "name_order": "surname-first"}
    kadar = next(p for p in draft if p["id"] == "kadar")
    assert kadar["surname"] == "Kádár" and "Kadar" in kadar["variants"]
    (root / "persons.yaml").write_text(yaml.safe_dump({"persons": authority + draft}, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    diags = Diagnostics()
    prepare(root, diags)
    person_errors = [str(d) for d in diags.items if d.severity == "error" and (
        "persons.yaml" in str(d.pos) or d.code in ("duplicate-id", "variant-claimed", "person-unknown"))]
    assert person_errors == []
