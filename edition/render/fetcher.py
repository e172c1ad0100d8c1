"""A URL fetcher that only serves files from the edition's own folders.

Takes the allowed folders; gives a WeasyPrint ``URLFetcher`` that refuses the
network, other schemes, paths outside those folders (after following ``..``
and symbolic links) and remembers what it refused so the build can report it.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class SandboxFetcher(URLFetcher):
    def __init__(self, *roots: Path):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith("file:"):
            self.refused.append(url)
            raise ValueError(f"blocked (not a local file): {url}")
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if not (path.is_file() and any(path.is_relative_to(root) for root in self.roots)):
            self.refused.append(url)
            raise ValueError(f"blocked (outside the edition): {url}")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                  {"Content-Type": mimetypes.guess_type(path.name)[0] or "application/octet-stream"})
