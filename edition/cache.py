"""Caches: what lets a build skip work it has done before.

Takes the source folder, the profile and the output paths; gives
- ``input_fingerprint``: a hash of everything a build reads (the source, the
  styles, the tool's own code and templates, the profile, SOURCE_DATE_EPOCH;
  never the output folder, even inside the source): the same fingerprint
  means the same output bytes;
- ``Stamp``: the record an incremental build leaves beside its outputs, and
  ``up_to_date``, which tells from it that nothing changed and the outputs are
  untouched;
- ``IndexCache``: the index of names as the last build found it, so that
  ``edition index`` answers without laying the edition out again when no
  input changed;
- ``reusing``: results kept by a warm process (``edition watch``) under keys
  that hold everything they are made from.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .styles import find_styles, hash_files, own_styles

PACKAGE = Path(__file__).resolve().parent


def input_fingerprint(source: Path, profile_name: str, output: Path | None = None) -> str:
    source = Path(source).resolve()
    skip = Path(output).resolve() if output is not None else None
    h = hashlib.sha256(f"{profile_name}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0{code_digest()}\0".encode())
    for root in dict.fromkeys((source, find_styles(source), own_styles(source))):  # each folder once
        hash_files(h, root, skip)  # (the tool's own code: code_digest, read once per process)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the tool's own code and templates (what a layout depends on besides its input)."""
    h = hashlib.sha256()
    hash_files(h, PACKAGE)
    return h.hexdigest()


KEPT_FILE_LIMIT = 64 << 20  # bytes: a file a build keeps for the next is read only below this size


def read_kept(path: Path) -> object:
    """The JSON value of a file an earlier build kept beside its outputs (None when it is missing, larger
    than ``KEPT_FILE_LIMIT``, or not JSON: such a file is a guess, never a reason to fail)."""
    try:
        path = Path(path)
        if not path.is_file() or path.stat().st_size > KEPT_FILE_LIMIT:  # a device reads without end
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_plans(path: Path) -> dict[str, dict]:
    """The plan cache an earlier build left (empty when there is none or it cannot be read)."""
    data = read_kept(path)
    return data if isinstance(data, dict) else {}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Stamp:
    """What an incremental build records beside its outputs."""

    inputs: str
    pdf: str
    html: str
    pages: int = 0
    front_pages: int = 0
    body_pages: int = 0
    index_pages: int = 0

    def encoded(self) -> bytes:
        return json.dumps(asdict(self), indent=1).encode()

    @classmethod
    def read(cls, path: Path) -> "Stamp | None":
        data: Any = read_kept(path)
        try:
            return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except (TypeError, KeyError):
            return None

    def up_to_date(self, fingerprint: str, pdf: Path, html: Path) -> bool:
        """The inputs are the same and both outputs are as this build wrote them."""
        return (self.inputs == fingerprint and pdf.is_file() and html.is_file()
                and self.pdf == sha256(pdf.read_bytes()) and self.html == sha256(html.read_bytes()))


def index_cache_name(stem: str) -> str:
    return f".{stem}.index.json"


@dataclass(frozen=True)
class IndexCache:
    """The index exports (by format: json, csv, md) of the build whose inputs had fingerprint ``inputs``."""

    inputs: str
    exports: dict[str, str]

    def encoded(self) -> bytes:
        return json.dumps({"inputs": self.inputs, "exports": self.exports}, indent=1, ensure_ascii=False).encode()

    @classmethod
    def read(cls, path: Path) -> "IndexCache | None":
        data: Any = read_kept(path)
        try:
            exports = data["exports"]
            if isinstance(data["inputs"], str) and all(isinstance(v, str) for v in exports.values()):
                return cls(data["inputs"], dict(exports))
        except (TypeError, KeyError, AttributeError):
            pass
        return None


def reusing(cache: dict | None, keys: list | None, jobs: list[Callable], run: Callable[[list], list]) -> list:
    """The jobs' results, ``run`` doing those not in ``cache`` (keys name everything a result is made from;
    a key's kind is its first item, and a new result replaces the kind's old one)."""
    if cache is None or keys is None:
        return run(jobs)
    todo = [k for k, key in enumerate(keys) if key not in cache]
    for k, result in zip(todo, run([jobs[k] for k in todo]) if todo else []):
        for stale in [old for old in cache if old[0] == keys[k][0]]:
            del cache[stale]
        cache[keys[k]] = result
    return [cache[key] for key in keys]
