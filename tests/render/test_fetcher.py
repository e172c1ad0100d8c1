"""The sandboxed fetcher serves only the edition's own files."""
from __future__ import annotations

import pytest

from edition.render.fetcher import SandboxFetcher


@pytest.fixture
def sandbox(tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "a.css").write_text("p{}")
    (tmp_path / "secret.txt").write_text("secret")
    (styles / "link.txt").symlink_to(tmp_path / "secret.txt")
    return SandboxFetcher(styles), styles


def test_serves_a_file_inside_the_edition(sandbox):
    fetcher, styles = sandbox
    response = fetcher.fetch((styles / "a.css").as_uri())
    assert response.read() if hasattr(response, "read") else True


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x.png",
    "https://example.org/font.otf",
    "ftp://example.org/x",
])
def test_refuses_the_network(sandbox, url):
    fetcher, _ = sandbox
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_refuses_files_outside_the_edition(sandbox):
    fetcher, styles = sandbox
    for url in ("file:///etc/passwd", styles.as_uri() + "/../secret.txt", (styles / "link.txt").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 3
