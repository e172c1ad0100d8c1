"""``edition import``: files and standard input in, documents out; never over a document unless forced."""
from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from edition.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = Path(__file__).resolve().parents[2] / "source"
DOCUMENT = "1956-10-30-declaration-on-the-principles-of-relations.yaml"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An edition folder ``ed/`` with the real persons.yaml, the input ``in.txt``; the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ed" / "documents").mkdir(parents=True)
    shutil.copy(SOURCE / "persons.yaml", tmp_path / "ed" / "persons.yaml")
    shutil.copy(FIXTURES / "broken_notes.txt", tmp_path / "in.txt")
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_one_document_named_by_date_and_title(workdir, capsys):
    code, out, err = run(capsys, "import", "in.txt", "-o", "ed/documents")
    assert code == 0
    written = workdir / "ed" / "documents" / DOCUMENT
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["title"] == "Declaration on the Principles of Relations"
    assert "in.txt:27:1: warning: note 1 is broken by a blank line: the text from here is joined to it\n" in err
    assert f"edition import: wrote ed/documents/{DOCUMENT}" in err
    assert out == ""


def test_an_existing_document_is_not_overwritten_without_force(workdir, capsys):
    target = workdir / "ed" / "documents" / DOCUMENT
    target.write_text("an editor's work\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "in.txt", "-o", "ed/documents")
    assert code == 1
    assert f"in.txt: error: ed/documents/{DOCUMENT} exists; not overwritten (use --force)" in err
    assert target.read_text(encoding="utf-8") == "an editor's work\n"
    code, _, _ = run(capsys, "import", "--force", "in.txt", "-o", "ed/documents")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# Imported by `edition import`")


def test_standard_input(workdir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO((FIXTURES / "orphans.txt").read_text(encoding="utf-8")))
    code, _, err = run(capsys, "import", "-", "-o", "ed/documents")
    assert code == 0
    assert "<stdin>:21:109: warning: marker (8) has no note: kept as text" in err
    assert (workdir / "ed/documents/1956-10-28-working-notes-from-the-session-of-the-presidium.yaml").is_file()


def test_an_unreadable_input_fails_but_the_others_are_written(workdir, capsys):
    code, _, err = run(capsys, "import", "missing.txt", "in.txt", "-o", "ed/documents")
    assert code == 1
    assert "missing.txt: error: cannot read" in err
    assert (workdir / "ed" / "documents" / DOCUMENT).is_file()


def test_two_inputs_that_give_one_name_do_not_overwrite_each_other(workdir, capsys):
    shutil.copy(workdir / "in.txt", workdir / "again.txt")
    code, _, err = run(capsys, "import", "in.txt", "again.txt", "-o", "ed/documents")
    assert code == 1
    assert "was just written from in.txt; not overwritten" in err


def test_usage_errors_exit_2(workdir, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    assert run(capsys, "import", "in.txt", "--persons", "in.txt")[0] == 2
    (workdir / "file").write_text("x", encoding="utf-8")
    assert run(capsys, "import", "in.txt", "-o", "file")[0] == 2


def test_persons_default_beside_the_output_folder_and_draft_persons(workdir, capsys):
    shutil.copy(FIXTURES / "unicode.txt", workdir / "in.txt")
    (workdir / "in.txt").write_text((workdir / "in.txt").read_text(encoding="utf-8")
                                    + "\nCde. Ignatov and Cde. Mikoyan agreed.\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "in.txt", "-o", "ed/documents", "--draft-persons", "draft.yaml")
    assert code == 0
    assert "  persons of the authority: brezhnev (1), hegedus (3), mikoyan (1), nagy (2)" in err
    assert "  names not in the authority: Ignatov (in.txt:31)" in err
    draft = yaml.safe_load((workdir / "draft.yaml").read_text(encoding="utf-8"))
    assert draft == {"persons": [{"id": "ignatov", "surname": "Ignatov"}]}
    code, _, err = run(capsys, "import", "--force", "in.txt", "-o", "ed/documents", "--persons", "elsewhere")
    assert code == 1 and "elsewhere: error: no such file or folder" in err
    (workdir / "elsewhere").mkdir()
    code, _, err = run(capsys, "import", "--force", "in.txt", "-o", "ed/documents", "--persons", "elsewhere")
    assert code == 1 and "elsewhere: error: no persons.yaml there" in err


def test_the_draft_persons_file_is_not_overwritten_without_force(workdir, capsys):
    (workdir / "draft.yaml").write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "in.txt", "-o", "ed/documents", "--draft-persons", "draft.yaml")
    assert code == 1 and "draft.yaml: error: exists; not overwritten (use --force)" in err
    assert (workdir / "draft.yaml").read_text(encoding="utf-8") == "mine\n"
