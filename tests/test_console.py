"""Problems in order of cause, the system viewer, and library output kept from the terminal."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from edition.console import library_messages, looks_like_pdf, open_in_viewer, root_causes_first, viewer_command
from edition.diagnostics import Diagnostic, SourcePos


def _d(path, line, message, code="", severity="error"):
    return Diagnostic(SourcePos(path, line, 1), severity, message, code)


def test_the_authority_broken_comes_before_the_unknown_persons_it_causes():
    knock_on = _d("documents/1956-10-26-gomułka.yaml", 9, 'unknown person "gomulka"', "person-unknown")
    field = _d("documents/1956-10-26-gomułka.yaml", 3, "wrong type", "type")
    cause = _d("persons.yaml", 4, "YAML syntax: mapping values are not allowed here")
    volume = _d("edition.yaml", 7, 'unknown field "titel"', "field-unknown")
    assert root_causes_first([knock_on, field, cause, volume, cause]) == [volume, cause, field, knock_on]


def test_within_a_file_an_unreadable_file_comes_first():
    late = _d("documents/x.yaml", 2, "YAML syntax: could not find expected ':'")
    early = _d("documents/x.yaml", 1, 'document lacks the required field "body"', "field-missing")
    assert root_causes_first([early, late]) == [late, early]


def test_the_viewer_is_the_platforms_own():
    pdf = Path("out/Gomułka.pdf")
    assert viewer_command(pdf, "darwin") == ["open", str(pdf)]
    assert viewer_command(pdf, "win32")[:3] == ["cmd", "/c", "start"]
    assert viewer_command(pdf, "linux", which=lambda p: p == "wslview") == ["wslview", str(pdf)]
    assert viewer_command(pdf, "linux", which=lambda p: None) is None


def test_opening_launches_the_viewer_without_waiting():
    launched, stream = [], io.StringIO()
    assert open_in_viewer(Path("a.pdf"), stream, launch=launched.append, command=lambda p: ["xdg-open", str(p)])
    assert launched == [["xdg-open", "a.pdf"]] and stream.getvalue() == ""


def test_no_viewer_is_said_once_and_is_not_an_error():
    stream = io.StringIO()
    assert not open_in_viewer(Path("a.pdf"), stream, launch=lambda argv: None, command=lambda p: None)
    assert stream.getvalue() == "edition: cannot open a.pdf: no viewer found (xdg-open, wslview); open it yourself\n"


def test_a_viewer_that_cannot_start_is_said():
    def fail(argv):
        raise FileNotFoundError(2, "No such file or directory")
    stream = io.StringIO()
    assert not open_in_viewer(Path("a.pdf"), stream, launch=fail, command=lambda p: ["xdg-open", str(p)])
    assert "xdg-open: No such file or directory" in stream.getvalue()


def test_what_a_library_logs_is_kept_not_printed(capfd):
    with library_messages("pypdf") as said:
        logging.getLogger("pypdf._reader").warning("EOF marker not found")
    assert said == ["EOF marker not found"]
    assert capfd.readouterr().err == ""
    assert logging.getLogger("pypdf").propagate


def test_a_pdf_is_known_by_its_header(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"\n%PDF-1.7\n")
    (tmp_path / "b.pdf").write_text("Хрущёв\n", encoding="utf-8")
    assert looks_like_pdf(tmp_path / "a.pdf") and not looks_like_pdf(tmp_path / "b.pdf")
