"""Shared helpers: tiny edition folders written into tmp_path, and running the checks on them.

The folder fixtures change the working directory to the folder they write, so
diagnostics name files as the user would see them: ``documents/x.yaml:7:9``.
pytest runs with ``--import-mode=importlib``, so test modules cannot import
this file: the helpers are fixtures, and the minimal edition they start from
is in ``sources.py``, which tests import directly.
"""
from __future__ import annotations

import datetime
import os
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from edition.diagnostics import Diagnostics
from edition.model import Edition
from edition.pipeline import prepare
from sources import DOCUMENT_YAML, EDITION_YAML


REPO = Path(__file__).resolve().parents[1]
SEED_SOURCE = REPO / "source"
EPOCH = "1792800000"  # SOURCE_DATE_EPOCH of the tests' builds, as in CI


@contextmanager
def source_date_epoch(value: str = EPOCH):
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """``seed_build("screen" | "print")``: the real edition built once a session (once per xdist worker),
    shared by every test that reads the finished PDF."""
    from edition.build import build_edition
    built = {}

    def build(profile: str = "screen"):
        if profile not in built:
            with source_date_epoch():
                built[profile] = build_edition(SEED_SOURCE, tmp_path_factory.mktemp(f"seed-{profile}"), Diagnostics(),
                                               profile=profile)
        return built[profile]

    return build


@pytest.fixture(scope="session")
def seed_body():
    """The real edition's documents laid out (nothing written): the page of every anchor."""
    from edition.build import prepare_layout
    with source_date_epoch():
        layout, _renderer, _styles = prepare_layout(SEED_SOURCE, Diagnostics())
    return layout


# Property tests draw the same examples on every run (CI must not turn red on a newly drawn case);
# HYPOTHESIS_PROFILE=explore draws new ones, to look for bugs on purpose.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def _content(value) -> bytes:
    """Bytes as given; strings dedented; dicts and lists dumped as YAML."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return textwrap.dedent(value).encode("utf-8")
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000).encode("utf-8")


@pytest.fixture
def make_edition(tmp_path, monkeypatch):
    """``make_edition(document=..., persons=..., edition=..., documents={name: content})`` -> the folder.

    Each content is a YAML string, a dict (dumped to YAML) or bytes (written
    as they are).  ``persons=None`` writes no persons.yaml; ``document`` goes
    to documents/x.yaml unless ``documents`` names the files.
    """
    monkeypatch.chdir(tmp_path)

    def make(document=DOCUMENT_YAML, persons=None, edition=EDITION_YAML, documents=None) -> Path:
        root = tmp_path
        (root / "documents").mkdir(exist_ok=True)
        if edition is not None:
            (root / "edition.yaml").write_bytes(_content(edition))
        if persons is not None:
            (root / "persons.yaml").write_bytes(_content(persons))
        for name, content in (documents or {"x.yaml": document}).items():
            (root / "documents" / name).write_bytes(_content(content))
        return root

    return make


@dataclass
class Checked:
    edition: Edition | None
    diags: Diagnostics

    @property
    def lines(self) -> list[str]:
        """Every diagnostic as ``path:line:col: severity: message``, sorted."""
        return [str(d) for d in self.diags.sorted()]

    @property
    def errors(self) -> list[str]:
        return [str(d) for d in self.diags.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[str]:
        return [str(d) for d in self.diags.sorted() if d.severity == "warning"]

    @property
    def doc(self):
        assert self.edition is not None and self.edition.documents, self.lines
        return self.edition.documents[0]


@pytest.fixture
def check(make_edition):
    """``check(document=..., persons=..., ...)``: write the folder, load, resolve persons and check it."""

    def run(**files) -> Checked:
        root = make_edition(**files)
        diags = Diagnostics()
        edition = prepare(root, diags)
        return Checked(edition, diags)

    return run


@pytest.fixture
def document():
    """``document("para one", "para two[^1]", notes={1: "A note."}, summary="...")`` -> a document dict."""

    def build(*paragraphs, notes=None, **fields) -> dict:
        doc = {
            "title": "A Session",
            "date": datetime.date(1956, 10, 26),
            "citation": {"as_given": "TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob"},
        }
        doc.update(fields)
        doc["body"] = [{"paragraphs": list(paragraphs or ["Text."])}]
        if notes:
            doc["notes"] = [{"n": n, "text": t} for n, t in notes.items()]
        return doc

    return build


def person(pid: str, surname: str, forenames: str = "", **fields) -> dict:
    entry = {"id": pid, "surname": surname}
    if forenames:
        entry["forenames"] = forenames
    entry.update(fields)
    return entry


@pytest.fixture
def persons():
    """``persons(("nagy", "Nagy", "Imre"), ("liu-shaoqi", "Liu", "Shaoqi", {"name_order": ...}))`` -> persons.yaml dict."""

    def build(*entries) -> dict:
        out = []
        for entry in entries:
            fields = entry[-1] if isinstance(entry[-1], dict) else {}
            names = entry[:-1] if fields else entry
            out.append(person(*names, **fields))
        return {"persons": out}

    return build
