"""Speculation: front matter and index laid out from the last build's HTML while the body is laid out.

A rebuild takes the worker's parts only when this build makes the very same page HTML; the bytes are
those of a build without it; a changed or tampered guess is laid out as usual.
"""
from __future__ import annotations

import json

import pytest

from edition.build import build_edition
from edition.diagnostics import Diagnostics
from edition.render import matter
from edition.render.documents import usable_cores
from edition.render.speculation import read_guesses
from sources import DOCUMENT_YAML

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(usable_cores() < 2, reason="speculation needs a core the body leaves free")]

DOCUMENT = DOCUMENT_YAML.replace("Text.", "Gomułka spoke; Hegedüs listened; Хрущёв and Liu Shaoqi were told.[^1]") + (
    "notes:\n  - n: 1\n    text: A note naming 刘少奇.\n")
PERSONS = {"persons": [
    {"id": "gomulka", "surname": "Gomułka", "forenames": "Władysław"},
    {"id": "hegedus", "surname": "Hegedüs", "forenames": "András"},
    {"id": "khrushchev", "surname": "Хрущёв", "forenames": "Никита"},
    {"id": "liu", "surname": "Liu", "forenames": "Shaoqi", "name_order": "surname-first",
     "variants": ["刘少奇"]}]}


@pytest.fixture
def laid_out_here(monkeypatch):
    """The kinds of part (front, index) this process laid out itself (a worker's count stays in the worker)."""
    kinds: list[str] = []
    original = matter.lay_out_part

    def counting(renderer, profile, where, kind, pages):
        kinds.append(kind)
        return original(renderer, profile, where, kind, pages)

    monkeypatch.setattr(matter, "lay_out_part", counting)
    return kinds


def test_a_rebuild_takes_the_parts_laid_out_beside_the_body_and_writes_the_same_bytes(make_edition, tmp_path,
                                                                                        laid_out_here):
    root = make_edition(document=DOCUMENT, persons=PERSONS)
    first = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    before = first.pdf.read_bytes()
    assert laid_out_here == ["front", "index"]
    assert set(read_guesses(tmp_path / "out" / ".edition.matter.json")) == {"front", "index"}
    laid_out_here.clear()
    again = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    assert laid_out_here == []  # both taken from the worker
    assert again.pdf.read_bytes() == before
    fresh = build_edition(root, tmp_path / "fresh", Diagnostics(), jobs=1)  # no guesses: laid out here
    assert fresh.pdf.read_bytes() == before


def test_a_changed_text_or_a_tampered_guess_is_laid_out_as_usual(make_edition, tmp_path, laid_out_here):
    root = make_edition(document=DOCUMENT, persons=PERSONS)
    build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    guesses = tmp_path / "out" / ".edition.matter.json"
    data = json.loads(guesses.read_text(encoding="utf-8"))
    data["index"] = [html.replace("Gomułka", "INJECTED") for html in data["index"]]
    guesses.write_text(json.dumps(data), encoding="utf-8")
    laid_out_here.clear()
    result = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    assert laid_out_here == ["index"]  # the front matter from the worker, the index not
    assert b"INJECTED" not in result.pdf.read_bytes() and b"INJECTED" not in result.html.read_bytes()
    doc = root / "documents" / "x.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("title: A Session", "title: A Session of the Presidium"),
                   encoding="utf-8")
    laid_out_here.clear()
    changed = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    assert laid_out_here == ["front"]  # the contents name the new title; the index is the same
    assert changed.preflight is not None and changed.preflight.ok


def test_kept_files_that_are_too_large_or_not_files_are_no_guesses(tmp_path, monkeypatch):
    from edition import cache
    kept = tmp_path / ".edition.matter.json"
    kept.write_text(json.dumps({"front": ["<p>x</p>"]}), encoding="utf-8")
    assert read_guesses(kept) == {"front": ["<p>x</p>"]}
    monkeypatch.setattr(cache, "KEPT_FILE_LIMIT", 8)
    assert read_guesses(kept) == {} and cache.read_plans(kept) == {}
    device = tmp_path / ".edition.plans.json"
    device.symlink_to("/dev/zero")  # read whole, it would never end
    assert cache.read_plans(device) == {} and read_guesses(device) == {}
    (tmp_path / "broken.json").write_bytes(b"\xff{not json")
    assert read_guesses(tmp_path / "broken.json") == {} and cache.IndexCache.read(tmp_path / "broken.json") is None
