"""``edition new``: a folder in, a small working edition written into it.

``write_new_edition(folder, title, force, install)`` copies the templates in
``edition/new/`` (package data): ``edition.yaml`` with the title, a
``persons.yaml`` of two persons, a sample document with two notes, persons
found in the text and one marked by hand, and a citation; a ``.gitignore``
for ``output/``; CI workflows for GitHub Actions and GitLab CI that install
the tool (``install``: a pip requirement, by default where this copy was
installed from when pip recorded a repository), check, build both profiles,
preflight and keep the results.  It refuses a folder that is not empty unless
``force``, and returns the paths written.  The result passes
``edition check --strict`` and builds as it is (tested).
"""
from __future__ import annotations

import datetime
import json
from importlib import resources
from pathlib import Path

from .discovery import UsageError

# template (in edition/new/) -> where it goes in the new edition
FILES = {
    "edition.yaml": "edition.yaml",
    "persons.yaml": "persons.yaml",
    "documents/1956-10-24-sample.yaml": "documents/1956-10-24-sample.yaml",
    "gitignore": ".gitignore",
    "github-workflow.yml": ".github/workflows/edition.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}


def write_new_edition(folder: Path, title: str | None = None, force: bool = False,
                      install: str | None = None) -> list[Path]:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: error: is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError(f"{folder}: error: the folder is not empty: choose a new one, or pass --force to write "
                         f"the new edition's files into it (files of the same names are replaced)")
    values = {"@@TITLE@@": _yaml_string(title or title_from_folder(folder)),
              "@@YEAR@@": str(datetime.date.today().year),
              "@@INSTALL@@": (install if install is not None else installed_from()).replace('"', '\\"')}
    templates = resources.files("edition") / "new"
    written = []
    for name, target in FILES.items():
        text = (templates / name).read_text(encoding="utf-8")
        for token, value in values.items():
            text = text.replace(token, value)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def title_from_folder(folder: Path) -> str:
    """"the-malin-notes" -> "The Malin Notes"; "New Edition" when the name gives no words."""
    words = Path(folder).resolve().name.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "New Edition"


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def installed_from() -> str:
    """A pip requirement for this copy of the tool when pip recorded the repository it came from
    (PEP 610: ``pip install git+URL``), else "" (the workflows then ask for one)."""
    from importlib import metadata
    try:
        return requirement_from(metadata.distribution("edition").read_text("direct_url.json") or "")
    except metadata.PackageNotFoundError:
        return ""


def requirement_from(direct_url: str) -> str:
    """``edition @ git+URL@COMMIT`` from the text of a ``direct_url.json`` naming a git repository, else ""."""
    origin = json.loads(direct_url) if direct_url.strip() else {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") != "git" or not origin.get("url", "").startswith(("https://", "ssh://", "git@")):
        return ""
    return f"edition @ git+{origin['url']}@{vcs.get('commit_id', '')}".rstrip("@")
