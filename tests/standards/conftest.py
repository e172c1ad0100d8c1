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


@pytest.fixture
def built(seed_build, volume_build):
    def get(edition: str, profile: str):
        return (seed_build if edition == "seed" else volume_build)(profile)
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
