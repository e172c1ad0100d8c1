"""The CI workflows `edition new` writes, run as a script: every step but the installs, then the artifacts.

The steps run with bash in a new edition, with this environment's ``bin/``
(the repository's .venv under ``make test``) first on PATH in place of the
install steps, which need root and the network.
"""
from __future__ import annotations

import glob
import os
import subprocess
import sys
from pathlib import Path

import yaml

from edition.scaffold import write_new_edition


def _github(root: Path) -> tuple[list[str], list[str]]:
    """The commands of the steps that install nothing, one a line, and the artifact's files."""
    workflow = yaml.safe_load((root / ".github/workflows/edition.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [line for s in steps if "run" in s and not s.get("name", "").startswith("Install")
            for line in s["run"].splitlines() if line.strip()]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    return runs, upload["with"]["path"].split()


def _gitlab(root: Path) -> tuple[list[str], list[str]]:
    job = yaml.safe_load((root / ".gitlab-ci.yml").read_text())["edition"]
    return job["script"], job["artifacts"]["paths"]


def test_both_workflows_run_the_same_commands_and_keep_the_same_files(tmp_path):
    root = tmp_path / "e"
    write_new_edition(root)
    assert _github(root) == _gitlab(root)


def test_the_workflow_checks_builds_both_profiles_preflights_and_keeps_the_results(tmp_path):
    root = tmp_path / "Hegedüs papers"
    write_new_edition(root)
    runs, artifacts = _github(root)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in runs:
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=root, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    kept = sorted(Path(p).name for pattern in artifacts for p in glob.glob(str(root / pattern)))
    assert kept == ["hegedus-papers-print.html", "hegedus-papers-print.pdf", "hegedus-papers.html",
                    "hegedus-papers.pdf", "index.csv", "index.json"]
    assert "Gomułka, Władysław" in (root / "output" / "index.json").read_text(encoding="utf-8")


def test_the_install_steps_name_the_system_libraries(tmp_path):
    root = tmp_path / "e"
    write_new_edition(root)
    for text in ((root / ".github/workflows/edition.yml").read_text(), (root / ".gitlab-ci.yml").read_text()):
        for package in ("libpango-1.0-0", "libharfbuzz-subset0", "fontconfig", "qpdf"):
            assert package in text
        assert 'pip install "$EDITION_REQUIREMENT"' in text
