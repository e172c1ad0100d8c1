"""Fixtures of the TEI tests: the editions they export, and TEI files imported into a fresh folder."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from edition.tei.export import export_tei
from teitools import AWKWARD, load, SEED


@pytest.fixture(scope="session")
def seed_edition():
    return load(SEED)


@pytest.fixture(scope="session")
def seed_tei(seed_edition) -> bytes:
    return export_tei(seed_edition)


@pytest.fixture(scope="session")
def awkward_tei() -> bytes:
    return export_tei(load(AWKWARD))


@pytest.fixture
def import_tei(tmp_path):
    """``import_tei(xml_bytes_str_or_path)`` -> (edition folder, stderr text, exit code): the file imported
    into a fresh folder (documents/, persons.yaml, edition.yaml)."""
    from edition.tei.importer import import_tei_files

    def run(source, name: str = "in.xml", root: Path | None = None, **options):
        path = source if isinstance(source, Path) else tmp_path / name
        if not isinstance(source, Path):
            path.write_bytes(source if isinstance(source, bytes) else source.encode("utf-8"))
        root = root or tmp_path / "imported"
        err = io.StringIO()
        code = import_tei_files([str(path)], root / "documents", err=err, **options)
        return root, err.getvalue(), code

    return run
