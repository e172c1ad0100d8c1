"""`edition new`: a small working edition that passes `check --strict` and builds at once."""
from __future__ import annotations

import json

import pytest
import yaml

from edition.cli import main
from edition.scaffold import FILES, requirement_from, title_from_folder


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    return (code, *capsys.readouterr())


@pytest.fixture
def new_edition(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", "gomułka-letters")
    assert code == 0, err
    return tmp_path / "gomułka-letters"


def test_new_writes_the_edition_the_persons_a_sample_and_the_ci_workflows(new_edition):
    written = sorted(str(p.relative_to(new_edition)) for p in new_edition.rglob("*") if p.is_file())
    assert written == sorted(FILES.values())
    assert (new_edition / ".gitignore").read_text().splitlines()[-1] == "/output/"
    persons = yaml.safe_load((new_edition / "persons.yaml").read_text(encoding="utf-8"))["persons"]
    assert len(persons) == 2 and any(not p["surname"].isascii() for p in persons)


def test_the_new_edition_passes_check_strict_and_builds_at_once(new_edition, capsys, monkeypatch):
    monkeypatch.chdir(new_edition)
    code, _, err = run(capsys, "check", "--strict")
    assert (code, err) == (0, "edition check: 0 error(s), 0 warning(s)\n")
    code, _, err = run(capsys, "build", "-q")
    assert code == 0, err
    pdf = new_edition / "output" / "gomulka-letters.pdf"
    from pypdf import PdfReader
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Gomułka Letters" in text and "Gomułka, Władysław" in text and "Nagy, Imre" in text


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("Hegedüs\n")
    code, _, err = run(capsys, "new", str(tmp_path))
    assert code == 2 and "the folder is not empty" in err and "--force" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_force_writes_into_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("Hegedüs\n")
    assert run(capsys, "new", str(tmp_path), "--force", "--title", 'Liu Shaoqi: "Talks", 1956')[0] == 0
    assert (tmp_path / "notes.txt").read_text() == "Hegedüs\n"
    assert yaml.safe_load((tmp_path / "edition.yaml").read_text())["title"] == 'Liu Shaoqi: "Talks", 1956'


def test_the_title_is_made_from_the_folder_name(tmp_path):
    assert title_from_folder(tmp_path / "the_malin-notes") == "The Malin Notes"
    assert title_from_folder(tmp_path / "хрущёв") == "Хрущёв"


def test_ci_installs_from_the_repository_pip_recorded():
    recorded = {"url": "https://git.example.org/edition.git",
                "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "v0.1.0"}}
    assert requirement_from(json.dumps(recorded)) == "edition @ git+https://git.example.org/edition.git@0123abc"
    assert requirement_from(json.dumps({"url": "file:///work/edition", "dir_info": {"editable": True}})) == ""
    assert requirement_from("") == ""


def test_the_install_option_goes_into_both_workflows(tmp_path, capsys):
    requirement = "edition @ git+https://git.example.org/e.git@v1"
    assert run(capsys, "new", str(tmp_path / "e"), "--install", requirement)[0] == 0
    github = yaml.safe_load((tmp_path / "e" / ".github/workflows/edition.yml").read_text())
    gitlab = yaml.safe_load((tmp_path / "e" / ".gitlab-ci.yml").read_text())
    assert github["env"]["EDITION_REQUIREMENT"] == requirement
    assert gitlab["edition"]["variables"]["EDITION_REQUIREMENT"] == requirement
