"""`edition --version`, finding the edition, output names, --open, --jobs: the command line as a user meets it."""
from __future__ import annotations

import re

import pytest

from edition.cli import main
from sources import EDITION_YAML


def run(capsys, *argv, **kwargs):
    try:
        code = main(list(argv), **kwargs)
    except SystemExit as exc:  # argparse exits for --version and usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_names_the_tool_and_the_supported_libraries(capsys, flag):
    from importlib import metadata
    code, out, _ = run(capsys, flag)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"edition {metadata.version('edition')}"
    assert lines[1] == f"weasyprint {metadata.version('weasyprint')} (supported: 70.0)"
    assert re.fullmatch(r"pypdf [\d.]+ \(supported: [\d.]+\)", lines[2])


def test_check_finds_the_edition_from_a_folder_below(make_edition, capsys, monkeypatch):
    root = make_edition()
    monkeypatch.chdir(root / "documents")
    assert run(capsys, "check", "--strict")[0] == 0


def test_check_takes_the_path_of_edition_yaml(make_edition, capsys, tmp_path, monkeypatch):
    root = make_edition()
    monkeypatch.chdir(tmp_path.parent)
    assert run(capsys, "check", str(root / "edition.yaml"))[0] == 0


@pytest.mark.parametrize("command", ["build", "check", "index", "watch"])
def test_no_edition_found_is_a_usage_error_said_plainly(tmp_path, capsys, monkeypatch, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    code, out, err = run(capsys, command)
    assert code == 2 and out == ""
    assert err.startswith(f"edition: error: no edition.yaml in {empty} or any folder above it")
    assert "Traceback" not in err


def test_build_names_the_pdf_after_the_title_in_output_beside_edition_yaml(make_edition, capsys, monkeypatch):
    root = make_edition(edition=EDITION_YAML.replace("A Volume", "Gomułka’s Letters"))
    monkeypatch.chdir(root / "documents")
    code, _, err = run(capsys, "build", "-q")
    assert code == 0, err
    assert sorted(p.name for p in (root / "output").glob("[!.]*")) == ["gomulkas-letters.html", "gomulkas-letters.pdf"]


def test_a_pdf_name_after_o_is_the_file_and_the_html_goes_beside_it(make_edition, capsys, tmp_path):
    root = make_edition()
    code, _, err = run(capsys, "build", str(root), "-o", str(tmp_path / "out" / "letters.pdf"), "-q",
                       "--profile", "print")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").glob("[!.]*")) == ["letters.html", "letters.pdf"]
    assert not (tmp_path / "out" / "letters.pdf").is_dir()


def test_output_in_edition_yaml_names_both_profiles(make_edition, capsys, tmp_path):
    root = make_edition(edition=EDITION_YAML + "output: hegedus\n")
    for profile in ("screen", "print"):
        assert run(capsys, "build", str(root), "-o", str(tmp_path / "out"), "-q", "--profile", profile)[0] == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["hegedus-print.pdf", "hegedus.pdf"]


def test_an_output_name_with_a_folder_is_an_error_at_its_line(make_edition, capsys):
    root = make_edition(edition=EDITION_YAML + "output: ../elsewhere\n")
    code, _, err = run(capsys, "check", str(root))
    assert code == 1
    assert 'edition.yaml:7:9: error: output "../elsewhere" is not a file name without a folder' in err


def test_open_hands_the_written_pdf_to_the_viewer(make_edition, capsys, tmp_path):
    root = make_edition()
    opened = []
    code, _, _ = run(capsys, "build", str(root), "-o", str(tmp_path / "o"), "-q", "--open",
                     opener=lambda path, stream: opened.append(path))
    assert code == 0 and opened == [tmp_path / "o" / "a-volume.pdf"]


def test_open_opens_nothing_when_the_build_fails(make_edition, capsys, tmp_path):
    root = make_edition(document="title: [unclosed\n")
    opened = []
    code, _, _ = run(capsys, "build", str(root), "-o", str(tmp_path / "o"), "-q", "--open",
                     opener=lambda path, stream: opened.append(path))
    assert code == 1 and opened == []


@pytest.mark.parametrize("command", ["build", "watch"])
@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_below_one_are_usage_errors(make_edition, capsys, command, jobs):
    root = make_edition()
    code, _, err = run(capsys, command, str(root), "--jobs", jobs)
    assert code == 2 and "argument -j/--jobs" in err and "Traceback" not in err


def test_a_file_as_output_folder_is_a_usage_error(make_edition, capsys, tmp_path):
    root = make_edition()
    (tmp_path / "notes.txt").write_text("x")
    code, _, err = run(capsys, "build", str(root), "-o", str(tmp_path / "notes.txt"))
    assert code == 2 and "is a file, not a folder" in err


def test_watch_takes_the_options_of_build():
    from edition.cli import _parser
    subcommands = next(a for a in _parser()._actions if a.dest == "command").choices

    def options(name):
        return {s for a in subcommands[name]._actions for s in a.option_strings}
    assert options("build") - options("watch") == {"--force"}
