"""`edition build` and `edition index` on tiny editions: safety, atomic output, exit codes, export formats."""
from __future__ import annotations

import csv
import io
import json

import pdfplumber

from edition.cli import main

HOSTILE = """\
title: 'A <script>alert(1)</script> Session'
date: 1956-10-26
citation:
  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
summary: 'See <img src="file:///etc/passwd"> and <link rel="attachment" href="file:///etc/hostname">.'
body:
  - paragraphs:
      - Text by Gomułka.[^1]
notes:
  - n: 1
    text: 'A note with <style>@import url(http://127.0.0.1/x.css);</style>.'
"""
PERSONS = {"persons": [{"id": "gomulka", "surname": "Gomułka", "forenames": "Władysław", "variants": ["Gomulka"]}]}


def _text(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages), [
            a for page in pdf.pages for a in (page.annots or [])]


def test_hostile_strings_print_as_text_and_load_nothing(make_edition, tmp_path, capsys):
    root = make_edition(document=HOSTILE, persons=PERSONS)
    assert main(["build", str(root), "-o", str(tmp_path / "out"), "-q"]) == 0
    text, _annots = _text(tmp_path / "out" / "a-volume.pdf")
    flat = " ".join(text.split()).translate(str.maketrans("\u201c\u201d", '""'))  # smart quotes
    assert "<script>alert(1)</script>" in flat
    assert '<img src="file:///etc/passwd">' in flat
    assert "@import url(http://127.0.0.1/x.css);" in flat
    pdf_bytes = (tmp_path / "out" / "a-volume.pdf").read_bytes()
    assert b"/EmbeddedFile" not in pdf_bytes


def test_a_failed_build_exits_1_and_leaves_the_previous_output_untouched(make_edition, tmp_path, capsys):
    root = make_edition(document=HOSTILE, persons=PERSONS)
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 0
    before = (out / "a-volume.pdf").read_bytes()  # named after the title, "A Volume"
    broken = HOSTILE.replace("[^1]", "[^2]")
    (root / "documents" / "x.yaml").write_text(broken)
    capsys.readouterr()
    assert main(["build", str(root), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "error: note 2 is called but not defined" in err
    assert "Traceback" not in err
    assert (out / "a-volume.pdf").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [".a-volume.build.json", ".a-volume.index.json",
                                                   ".a-volume.matter.json", ".a-volume.plans.json",
                                                   ".edition.lock", "a-volume.html", "a-volume.pdf"]


def test_index_export_formats(make_edition, tmp_path, capsys):
    root = make_edition(document=HOSTILE, persons=PERSONS)
    assert main(["index", str(root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["entries"]
    assert entry["heading"] == "Gomułka, Władysław" and entry["id"] == "gomulka"
    assert entry["locators"] == [{"text": "1", "first_page": 1, "last_page": 1, "notes": []}]
    assert main(["index", str(root), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["heading"] == "Gomułka, Władysław" and rows[0]["page"] == "1"
    out = tmp_path / "index.md"
    assert main(["index", str(root), "--format", "md", "-o", str(out)]) == 0
    assert "- Gomułka, Władysław, 1" in out.read_text()


def test_index_after_a_build_is_the_build_s_own_until_an_input_changes(make_edition, tmp_path, capsys,
                                                                      monkeypatch):
    root = make_edition(document=HOSTILE, persons=PERSONS)
    monkeypatch.chdir(tmp_path)  # the default output folder: ./output
    assert main(["index", str(root), "--format", "md"]) == 0
    laid_out = capsys.readouterr().out
    assert main(["build", str(root), "-q"]) == 0
    cache = tmp_path / "output" / ".a-volume.index.json"
    assert main(["index", str(root), "--format", "md"]) == 0
    assert capsys.readouterr().out == laid_out  # the build's index is the one a layout finds
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["exports"]["md"] = "- from the build\n"
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert main(["index", str(root), "--format", "md"]) == 0
    assert capsys.readouterr().out == "- from the build\n"  # read, not laid out again
    doc = root / "documents" / "x.yaml"
    doc.write_text(doc.read_text().replace("Text by", "Words by"))
    assert main(["index", str(root), "--format", "md"]) == 0
    assert capsys.readouterr().out == laid_out  # an input changed: laid out again


def test_build_of_a_broken_source_prints_diagnostics_without_traceback(make_edition, tmp_path, capsys):
    root = make_edition(document="title: [unclosed\n")
    assert main(["build", str(root), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "documents/x.yaml:2:1: error: YAML syntax" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
