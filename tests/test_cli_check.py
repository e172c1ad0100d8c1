import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition.cli import main
from sources import DOCUMENT_YAML, EDITION_YAML, X

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source"


WITH_A_WARNING = DOCUMENT_YAML.replace("Text.", "Text.[^1]") + "notes:\n  - n: 1\n    text: See Note 28 supra.\n"


def run(capsys, *argv):
    """(exit code, stdout, stderr) of ``edition`` called in-process."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits for usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_edition_exits_0(make_edition, capsys):
    root = make_edition()
    code, out, err = run(capsys, "check", str(root))
    assert (code, out, err) == (0, "", "edition check: 0 error(s), 0 warning(s)\n")


def test_errors_exit_1_and_are_printed_as_path_line_col(make_edition, capsys):
    root = make_edition(document=DOCUMENT_YAML + "sumary: x\n")
    code, out, err = run(capsys, "check", str(root))
    assert code == 1 and out == ""
    assert err == (f'{X}:8:1: error: unknown field "sumary" in a document (did you mean "summary"?)\n'
                   "edition check: 1 error(s), 0 warning(s)\n")


def test_warnings_alone_exit_0(make_edition, capsys):
    root = make_edition(document=WITH_A_WARNING)
    code, _, err = run(capsys, "check", str(root))
    assert code == 0
    assert "warning: note 1 refers to \"Note 28 supra\"" in err
    assert err.endswith("edition check: 0 error(s), 1 warning(s)\n")


def test_strict_turns_warnings_into_exit_1(make_edition, capsys):
    root = make_edition(document=WITH_A_WARNING)
    code, _, err = run(capsys, "check", "--strict", str(root))
    assert code == 1
    assert "warning: note 1 refers to" in err


def test_strict_on_a_clean_edition_exits_0(make_edition, capsys):
    code, _, _ = run(capsys, "check", "--strict", str(make_edition()))
    assert code == 0


def test_json_format_prints_a_list_of_diagnostics(make_edition, capsys):
    root = make_edition(document=DOCUMENT_YAML.replace("Text.", "Text.[^1]") + "sumary: x\n"
                        + "notes:\n  - n: 1\n    text: See Note 28 supra.\n")
    code, out, err = run(capsys, "check", "--format", "json", str(root))
    assert code == 1 and err == ""
    items = json.loads(out)
    assert [{k: d[k] for k in ("path", "line", "col", "severity", "message")} for d in items] == [
        {"path": X, "line": 8, "col": 1, "severity": "error",
         "message": 'unknown field "sumary" in a document (did you mean "summary"?)'},
        {"path": X, "line": 10, "col": 5, "severity": "warning",
         "message": 'note 1 refers to "Note 28 supra", which this edition does not contain'},
    ]


def test_json_format_of_a_clean_edition_is_an_empty_list(make_edition, capsys):
    code, out, _ = run(capsys, "check", "--format=json", str(make_edition()))
    assert code == 0 and json.loads(out) == []


def test_unknown_option_is_a_usage_error(make_edition, capsys):
    code, out, err = run(capsys, "check", "--bogus", str(make_edition()))
    assert code == 2
    assert "unrecognized arguments: --bogus" in err and "Traceback" not in err


def test_unknown_format_is_a_usage_error(make_edition, capsys):
    code, _, err = run(capsys, "check", "--format", "xml", str(make_edition()))
    assert code == 2 and "invalid choice: 'xml'" in err


def test_no_command_is_a_usage_error(capsys):
    code, _, err = run(capsys)
    assert code == 2 and "usage: edition" in err


def test_missing_folder_is_a_usage_error(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    code, out, err = run(capsys, "check", str(missing))
    assert (code, out) == (2, "")
    assert err == f"{missing}: error: no such source folder\n"


def test_folder_without_edition_yaml_exits_1(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", ".")
    assert code == 1
    assert "edition.yaml:1:1: error: no edition.yaml in the source folder" in err


BROKEN = {
    "empty document": {"document": b""},
    "a YAML list where a mapping is expected": {"document": "- title: A\n- date: 1956-10-26\n"},
    "binary garbage": {"document": bytes(range(256)) * 4},
    "non-UTF-8 text": {"document": DOCUMENT_YAML.replace("Text.", "Caf\xe9.").encode("latin-1")},
    "a NUL byte": {"document": b"title: a\x00b\n"},
    "an impossible date": {"document": DOCUMENT_YAML.replace("1956-10-26", "1956-13-45")},
    "a recursive alias": {"document": "title: &t [*t]\n"},
    "deep nesting": {"document": "[" * 1000 + "]" * 1000},
    "unclosed quote": {"document": 'title: "unclosed\n'},
    "a scalar document": {"document": "just words\n"},
    "empty edition.yaml": {"edition": ""},
    "a list as edition.yaml": {"edition": "- title: A\n"},
    "binary persons.yaml": {"persons": b"\xff\xfe\x00garbage"},
    "persons not a list": {"persons": "persons: {id: x}\n"},
    "a person not a mapping": {"persons": "persons:\n  - nagy\n  - [a, b]\n"},
    "notes not a list": {"document": DOCUMENT_YAML + "notes: 5\n"},
    "a note not a mapping": {"document": DOCUMENT_YAML + "notes:\n  - just text\n"},
    "body items not mappings": {"document": DOCUMENT_YAML.replace("  - paragraphs:\n      - Text.\n", "  - 3\n  - [a]\n")},
    "citation not a mapping": {"document": DOCUMENT_YAML.replace(
        "citation:\n  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob", "citation: [x]")},
    "documents listed as numbers": {"edition": EDITION_YAML + "documents: [1, 2]\n"},
    "python tag": {"document": "title: !!python/name:os.system ''\n"},
}


@pytest.mark.parametrize("files", BROKEN.values(), ids=BROKEN.keys())
def test_broken_input_is_reported_without_a_traceback(make_edition, capsys, files):
    root = make_edition(**files)
    code, out, err = run(capsys, "check", str(root))
    assert "Traceback" not in err
    assert code == 1
    assert ": error: " in err


def test_broken_input_through_a_subprocess(make_edition):
    root = make_edition(document=bytes(range(256)), persons="persons: [1]\n")
    proc = subprocess.run([sys.executable, "-m", "edition", "check", str(root)], capture_output=True, text=True,
                          cwd=root, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ("persons.yaml:1:11: error: a person must be a mapping of fields\n"
                           f"{X}:2:118: error: not UTF-8 text: invalid start byte (byte 0x80); save the file as UTF-8\n"
                           "edition check: 2 error(s), 0 warning(s)\n")


# ---------------------------------------------------------------- the real source
#
# Notes 3 and 10 cite "Note 33 infra" and "Note 28 supra" (the CWIHP Bulletin's
# numbering).  The source declares them with ``external_notes``; without the
# declarations they are exactly the two warnings of ``edition check``.

DOC_PATH = "source/documents/1956-10-26-presidium-session.yaml"


def _line_of(path, prefix):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))


def test_real_source_is_clean_even_under_strict(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    code, out, err = run(capsys, "check", "source", "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "")
    code, _, err = run(capsys, "check", "--strict", "source")
    assert (code, err) == (0, "edition check: 0 error(s), 0 warning(s)\n")


def test_real_source_declares_exactly_the_two_external_note_references(monkeypatch):
    from edition.reader import load_edition
    from edition.diagnostics import Diagnostics
    monkeypatch.chdir(REPO)
    doc = load_edition(Path("source"), Diagnostics()).documents[0]
    assert {n.number: n.mapped_notes for n in doc.notes if n.mapped_notes} == {3: ((33, 9),), 10: ((28, 4),)}
    assert not any(n.external_notes for n in doc.notes)  # the edition lacks none of the notes they cite


def test_real_source_without_the_declarations_has_exactly_the_two_deliberate_warnings(tmp_path, monkeypatch,
                                                                                        capsys):
    copy = tmp_path / "source"
    shutil.copytree(SOURCE, copy)
    doc = copy / "documents" / "1956-10-26-presidium-session.yaml"
    text = doc.read_text(encoding="utf-8")
    stripped = re.sub(r"(?m)^ *external_notes:.*\n", "", text)
    assert stripped.count("\n") == text.count("\n") - 2, "expected two external_notes declarations"
    doc.write_text(stripped, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "source", "--format", "json")
    assert code == 0 and err == ""
    assert [(d["path"], d["line"], d["col"], d["severity"], d["message"]) for d in json.loads(out)] == [
        (DOC_PATH, _line_of(doc, "  - n: 3"), 5, "warning",
         'note 3 refers to "Note 33 infra", which this edition does not contain'),
        (DOC_PATH, _line_of(doc, "  - n: 10"), 5, "warning",
         'note 10 refers to "Note 28 supra", which this edition does not contain'),
    ]
    code, _, err = run(capsys, "check", "--strict", "source")
    assert code == 1
    assert err.endswith("edition check: 0 error(s), 2 warning(s); --strict: warnings count as errors\n")


def test_real_source_through_a_subprocess():
    proc = subprocess.run([sys.executable, "-m", "edition", "check", "--strict", "source"], capture_output=True,
                          text=True, cwd=REPO, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == "edition check: 0 error(s), 0 warning(s)\n"
