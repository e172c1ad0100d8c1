"""The commands: ``edition export --format tei`` and ``edition import FILE.xml``, their output and exit codes."""
from __future__ import annotations

from edition.cli import main
from edition.tei.schema import validate
from teitools import FRUS, SEED


def test_export_writes_a_valid_tei_file(tmp_path, capsys):
    out = tmp_path / "edition.xml"
    assert main(["export", "--format", "tei", str(SEED), "-o", str(out)]) == 0
    assert validate(out.read_bytes()) == []
    assert f"edition export: wrote {out} (TEI P5, valid)" in capsys.readouterr().err


def test_export_without_output_goes_to_standard_output(capsysbinary):
    assert main(["export", str(SEED), "--no-validate"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<teiCorpus")


def test_export_of_a_broken_edition_writes_nothing(tmp_path, capsys):
    (tmp_path / "edition.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["export", str(tmp_path), "-o", str(tmp_path / "x.xml")]) == 1
    assert not (tmp_path / "x.xml").exists()
    assert "edition.yaml:1:" in capsys.readouterr().err


def test_import_hands_xml_files_to_the_tei_importer(tmp_path, capsys):
    out = tmp_path / "frus" / "documents"
    assert main(["import", str(FRUS), "-o", str(out)]) == 0
    assert len(list(out.glob("*.yaml"))) == 3
    assert (out.parent / "persons.yaml").is_file() and (out.parent / "edition.yaml").is_file()
    assert "now checks with 0 error(s), 0 warning(s)" in capsys.readouterr().err


def test_an_existing_document_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "documents"
    assert main(["import", str(FRUS), "-o", str(out)]) == 0
    (out / "frus1955-57v25-d126.yaml").write_text("edited by hand\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(FRUS), "-o", str(out)]) == 1
    assert "frus1955-57v25-d126.yaml exists; not overwritten (use --force)" in capsys.readouterr().err
    assert (out / "frus1955-57v25-d126.yaml").read_text(encoding="utf-8") == "edited by hand\n"
    assert main(["import", str(FRUS), "-o", str(out), "--force"]) == 0
    assert (out / "frus1955-57v25-d126.yaml").read_text(encoding="utf-8") != "edited by hand\n"


def test_new_persons_go_to_a_draft_when_asked(tmp_path, capsys):
    out, draft = tmp_path / "documents", tmp_path / "draft.yaml"
    (tmp_path / "persons.yaml").write_text("persons: []\n", encoding="utf-8")
    assert main(["import", str(FRUS), "-o", str(out), "--draft-persons", str(draft)]) == 0
    assert (tmp_path / "persons.yaml").read_text(encoding="utf-8") == "persons: []\n"
    assert "murphy" in draft.read_text(encoding="utf-8")
