"""The console script as a process: ``edition.cli.run`` leaves with ``os._exit`` once ``main`` returns, so
what it printed must be flushed, its exit code kept and WeasyPrint's temporary font folders removed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a whole process with WeasyPrint's imports


def _edition(*args: str, cwd: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_build_prints_everything_exits_0_and_leaves_no_font_folder(make_edition, tmp_path):
    root = make_edition()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    done = _edition("build", str(root), "-o", str(tmp_path / "out"), "-v", "--jobs", "2", cwd=tmp_path, tmp=tmp)
    assert done.returncode == 0, done.stderr
    assert "preflight: passed" in done.stderr and done.stderr.rstrip().endswith(")")  # the last line whole
    assert (tmp_path / "out").is_dir() and not list(tmp.iterdir())  # weasyprint-* removed, the workers' too
    again = _edition("build", str(root), "-o", str(tmp_path / "out"), "-q", "--force", "--jobs", "2", cwd=tmp_path,
                     tmp=tmp)  # a rebuild: front matter and index laid out beside the text from the last build's
    assert again.returncode == 0, again.stderr
    assert not list(tmp.iterdir())


def test_the_exit_codes_of_errors_and_usage_are_kept(make_edition, tmp_path):
    root = make_edition(document="title: [unclosed\n")
    broken = _edition("check", str(root), cwd=tmp_path, tmp=tmp_path)
    assert broken.returncode == 1 and "x.yaml:2:1: error: YAML syntax" in broken.stderr
    assert _edition("build", "--profile", "none", cwd=tmp_path, tmp=tmp_path).returncode == 2


def test_the_index_on_stdout_reaches_a_pipe_whole(make_edition, tmp_path):
    root = make_edition()
    done = _edition("index", str(root), "--format", "json", cwd=tmp_path, tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(("]", "}"))
