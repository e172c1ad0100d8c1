"""Writing the outputs: the PDF and its HTML together or not at all, write faults as errors, nothing left behind."""
from __future__ import annotations

import errno
import multiprocessing
import os

import pytest

from edition import output
from edition.cli import main
from edition.diagnostics import EditionError
from edition.output import TEMPORARY, write_together


def _previous(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "edition.pdf").write_bytes(b"old pdf")
    (out / "edition.html").write_bytes(b"old html")
    return out


def _untouched(out) -> bool:
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(TEMPORARY)]
    return ((out / "edition.pdf").read_bytes(), (out / "edition.html").read_bytes(), leftovers) == (
        b"old pdf", b"old html", [])


def test_both_files_are_replaced(tmp_path):
    out = _previous(tmp_path)
    write_together({out / "edition.html": b"new html", out / "edition.pdf": b"new pdf"})
    assert (out / "edition.pdf").read_bytes() == b"new pdf" and (out / "edition.html").read_bytes() == b"new html"
    assert not [p for p in out.iterdir() if p.name.startswith(TEMPORARY)]


@pytest.mark.parametrize("code, reason", [(errno.ENOSPC, "the disk is full"),
                                          (errno.EROFS, "the file system is read-only"),
                                          (errno.EACCES, "permission denied")])
def test_a_write_fault_is_an_error_and_leaves_the_previous_pair(tmp_path, monkeypatch, code, reason):
    out = _previous(tmp_path)
    real = os.fsync
    calls = []

    def failing(fd):
        calls.append(fd)
        if len(calls) == 2:  # the second file fails after the first was written in full
            raise OSError(code, os.strerror(code))
        return real(fd)
    monkeypatch.setattr(output.os, "fsync", failing)
    with pytest.raises(EditionError) as err:
        write_together({out / "edition.html": b"new html", out / "edition.pdf": b"new pdf"})
    assert f"cannot write {out / 'edition.pdf'}: {reason}; the previous output is untouched" in str(err.value)
    assert _untouched(out)


def test_a_rename_that_fails_midway_puts_back_what_was_replaced(tmp_path, monkeypatch):
    out = _previous(tmp_path)
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, "input/output error")
        return real(src, dst)
    monkeypatch.setattr(output.os, "replace", failing)
    with pytest.raises(EditionError):
        write_together({out / "edition.html": b"new html", out / "edition.pdf": b"new pdf"})
    assert _untouched(out)


def test_an_interrupted_write_leaves_no_temporary_file_and_a_killed_ones_are_swept(tmp_path, monkeypatch):
    out = _previous(tmp_path)

    def interrupted(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_together({out / "edition.html": b"new html", out / "edition.pdf": b"new pdf"})
    assert _untouched(out)
    monkeypatch.undo()
    (out / f"{TEMPORARY}edition.pdf.abcd").write_bytes(b"left by a build killed with SIGKILL")
    write_together({out / "edition.pdf": b"new pdf", out / "edition.html": b"new html"})
    assert not [p for p in out.iterdir() if p.name.startswith(TEMPORARY)]


def test_an_output_under_a_file_is_an_error_without_traceback(make_edition, tmp_path, capsys):
    root = make_edition()
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    assert main(["build", str(root), "-o", str(blocker / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{blocker / 'out'}:1:1: error: cannot write {blocker / 'out'}: a part of the path is a file" in err
    assert "Traceback" not in err
    assert main(["build", str(root), "-o", str(blocker), "-q"]) == 2  # a file that is no PDF: a usage error
    assert "is a file, not a folder; give a file name ending in .pdf or a folder" in capsys.readouterr().err


def _writer(folder: str, marker: bytes, rounds: int) -> None:
    for _ in range(rounds):
        write_together({os.path.join(folder, "edition.html"): marker * 2000, os.path.join(folder, "edition.pdf"):
                        marker * 3000})


def test_builds_writing_into_one_folder_take_turns_and_leave_a_matching_pair(tmp_path):
    folder = str(tmp_path)
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(folder, marker, 30)) for marker in (b"a", b"b")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=60)
    html, pdf = (tmp_path / "edition.html").read_bytes(), (tmp_path / "edition.pdf").read_bytes()
    assert html[:1] == pdf[:1] and len(html) == 2000 and len(pdf) == 3000
