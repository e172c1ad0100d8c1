"""The tool as a user installs it: a wheel built from this tree, installed into a fresh virtual environment,
starts a new edition, checks it and builds it with the styles and fonts the wheel carries."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOT_PACKAGED = shutil.ignore_patterns(".git", ".venv", "output", "build", "share", "__pycache__", ".pytest_cache",
                                      ".hypothesis", "results", "*.egg-info")


def _run(argv, cwd, env, timeout=600):
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, argv))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_starts_checks_and_builds_a_new_edition(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    tree = tmp_path / "tree"
    shutil.copytree(REPO, tree, ignore=NOT_PACKAGED)  # so that building leaves this tree as it was
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(tree)],
         tmp_path, env)
    (wheel,) = (tmp_path / "dist").glob("edition-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env)
    edition = str(venv / "bin" / "edition")

    assert _run([edition, "--version"], tmp_path, env).stdout.startswith("edition ")
    _run([edition, "new", "Gomułka letters"], tmp_path, env)
    root = tmp_path / "Gomułka letters"
    _run([edition, "check", "--strict"], root, env)
    _run([edition, "build", "-q"], root, env)
    _run([edition, "build", "-q", "--profile", "print"], root, env)
    assert sorted(p.name for p in (root / "output").glob("*.pdf")) == ["gomulka-letters-print.pdf",
                                                                       "gomulka-letters.pdf"]
    assert " new " in _run([edition, "completion", "bash"], tmp_path, env).stdout
    assert ".TH EDITION" in _run([edition, "manpage"], tmp_path, env).stdout

    # the first edition, copied to a folder outside the repository, builds with the wheel's styles and fonts
    seed = tmp_path / "malin"
    shutil.copytree(REPO / "source", seed / "source")
    _run([edition, "build", "-q"], seed, env)
    _run([edition, "preflight", "output/edition.pdf"], seed, env)
