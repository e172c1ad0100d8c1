"""The finished files the standards' checks read: the seed edition and a 10-document volume, both profiles.

``built(edition, profile)`` gives a ``BuildResult``: ``edition`` is "seed" (the real edition, built once
a session by the root conftest's ``seed_build``) or "volume" (ten documents written by
``bench/generate.py`` into a temporary folder and built here, once a session).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from edition.diagnostics import Diagnostics

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1792800000"  # as the root conftest's builds


@pytest.fixture(scope="session")
def volume_build(tmp_path_factory):
    from edition.build import build_edition
    built: dict = {}
    root = tmp_path_factory.mktemp("volume10")

    def build(profile: str):
        if not (root / "source").exists():
            subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "10", str(root / "source")],
                           check=True, capture_output=True)
        if profile not in built:
            saved = os.environ.get("SOURCE_DATE_EPOCH")
            os.environ["SOURCE_DATE_EPOCH"] = EPOCH
            try:
                built[profile] = build_edition(root / "source", root / f"out-{profile}", Diagnostics(),
                                               profile=profile)
            finally:
                if saved is None:
                    del os.environ["SOURCE_DATE_EPOCH"]
                else:
                    os.environ["SOURCE_DATE_EPOCH"] = saved
        return built[profile]

    return build


LONG_URL = ("https://digitalarchive.wilsoncenter.org/document/working-notes-from-the-session-of-the-cpsu-cc-"
            "presidium-on-26-october-1956-continuation-of-the-session")
LONG_URL_DOCUMENT = f"""\
title: Working Notes from the Session of the CPSU CC Presidium on 26 October 1956
date: 1956-10-26
citation:
  as_given: >-
    Wilson Center Digital Archive, TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, compiled by V. N. Malin
    <{LONG_URL}>
  url: {LONG_URL}
body:
  - paragraphs:
      - Cde. Gomułka and Cde. Hegedüs, with Liu Shaoqi (刘少奇) and Хрущёв.
"""


@pytest.fixture(scope="session")
def url_build(tmp_path_factory):
    """A one-document edition whose archive URL is longer than a line: the layout must break it."""
    from edition.build import build_edition
    from sources import EDITION_YAML
    built: dict = {}
    root = tmp_path_factory.mktemp("long-url")

    def build(profile: str):
        if profile not in built:
            (root / "source" / "documents").mkdir(parents=True, exist_ok=True)
            (root / "source" / "edition.yaml").write_text(EDITION_YAML)
            (root / "source" / "documents" / "x.yaml").write_text(LONG_URL_DOCUMENT)
            built[profile] = build_edition(root / "source", root / f"out-{profile}", Diagnostics(), profile=profile)
        return built[profile]

    return build


@pytest.fixture
def built(seed_build, volume_build, url_build):
    def get(edition: str, profile: str):
        return {"seed": seed_build, "volume": volume_build, "long-url": url_build}[edition](profile)
    return get


@pytest.fixture
def opened(built):
    """``opened(edition, profile)``: the finished PDF, open in pikepdf (closed after the test)."""
    files = []

    def open_(edition: str, profile: str) -> pikepdf.Pdf:
        pdf = pikepdf.open(built(edition, profile).pdf)
        files.append(pdf)
        return pdf

    yield open_
    for pdf in files:
        pdf.close()
