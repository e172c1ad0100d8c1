"""Build modes: stage progress, incremental builds, watch mode."""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from edition.build import build_edition
from edition.cli import main
from edition.diagnostics import Diagnostics

DOC = """\
title: A Session
date: 1956-10-26
citation:
  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
body:
  - paragraphs:
      - Text.[^1]
notes:
  - n: 1
    text: A note.
"""


def test_verbose_prints_each_stage_and_quiet_prints_nothing(make_edition, tmp_path, capsys):
    root = make_edition(document=DOC)
    assert main(["build", str(root), "-o", str(tmp_path / "v"), "-v"]) == 0
    err = capsys.readouterr().err
    for stage in ("load", "check", "layout", "index", "front", "write", "preflight"):
        assert any(line.startswith(stage) and line.endswith(" s") for line in err.splitlines()), stage
    assert "preflight: passed" in err and "wrote " in err
    assert main(["build", str(root), "-o", str(tmp_path / "q"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_not_a_terminal_gets_one_closing_line(make_edition, tmp_path, capsys):
    root = make_edition(document=DOC)
    assert main(["build", str(root), "-o", str(tmp_path / "o")]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wrote ") and "layout" in lines[0]


def test_nothing_changed_nothing_rebuilt_and_a_change_rebuilds_like_a_full_build(make_edition, tmp_path, capsys):
    root = make_edition(document=DOC)
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out)]) == 0
    pdf = out / "edition.pdf"
    first = pdf.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["build", str(root), "-o", str(out)]) == 0
    assert "is up to date" in capsys.readouterr().err
    assert pdf.stat().st_mtime_ns == first
    (root / "documents" / "x.yaml").write_text(DOC.replace("Text.", "Changed text."))
    assert main(["build", str(root), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    full = build_edition(root, tmp_path / "full", Diagnostics())
    assert pdf.read_bytes() == full.pdf.read_bytes()
    pdf.write_bytes(b"tampered")  # an output changed by hand is rebuilt
    assert main(["build", str(root), "-o", str(out)]) == 0
    assert pdf.read_bytes() == full.pdf.read_bytes()


class _Lines:
    """Lines of a process's stderr, read by a thread (a pipe's buffer hides lines from select)."""

    def __init__(self, stream):
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.queue.put(line) for line in stream], daemon=True).start()

    def until(self, needle: str, seconds: float = 60) -> str:
        seen, deadline = "", time.monotonic() + seconds
        while needle not in seen and time.monotonic() < deadline:
            try:
                seen += self.queue.get(timeout=0.5)
            except queue.Empty:
                pass
        return seen


def test_watch_rebuilds_on_change_and_survives_errors(make_edition, tmp_path):
    root = make_edition(document=DOC)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.Popen([sys.executable, "-m", "edition", "watch", str(root), "-o", str(out)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    lines = _Lines(proc.stderr)
    try:
        assert "watching" in lines.until("watching")
        # the watcher starts a moment after it says so: write until it reacts (a few tries at most)
        broken = DOC.replace("[^1]", "[^2]")  # an error is reported, and watching goes on
        seen = ""
        for attempt in range(6):
            (root / "documents" / "x.yaml").write_text(broken + f"# {attempt}\n")
            seen = lines.until("waiting", 5)
            if "waiting" in seen:
                break
        assert "not written; waiting" in seen
        (root / "documents" / "x.yaml").write_text(DOC.replace("Text.", "Edited."))
        assert "wrote" in lines.until("wrote")
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()
