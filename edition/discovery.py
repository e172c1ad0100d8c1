"""Where the edition is, and where its outputs go.

``find_source(given, cwd)`` takes what the user typed (a folder, the path of
``edition.yaml``, or nothing) and gives a ``Found``: the source folder and the
folder that the default ``output/`` belongs in.  With nothing given it looks
for ``edition.yaml`` in the current folder and every folder above it (as git
and MkDocs look for their configuration), and in a ``source/`` folder beside
it (this repository's layout).  ``output_target(option, source, profile,
default_folder)`` gives the folder and the file stem of the PDF and HTML: the
stem of ``-o NAME.pdf``, else ``output:`` of ``edition.yaml``, else a slug of
the edition's title, ``-print`` added for the print profile.
``UsageError`` carries a message for exit code 2.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics

CONFIG = "edition.yaml"
SUBFOLDER = "source"  # this repository's layout: source/edition.yaml beside styles/ and output/
FALLBACK_STEM = "edition"
SLUG_LIMIT = 60


class UsageError(Exception):
    """A command line that cannot be acted on (exit 2); the message says why."""


@dataclass(frozen=True)
class Found:
    source: Path  # the folder holding edition.yaml
    base: Path  # where a relative default output/ goes: the folder the edition was found in


@dataclass(frozen=True)
class OutputTarget:
    folder: Path
    stem: str  # the PDF is folder/stem.pdf, the HTML folder/stem.html

    @property
    def pdf(self) -> Path:
        return self.folder / f"{self.stem}.pdf"


def find_source(given: Path | None, cwd: Path) -> Found:
    """The edition named on the command line, or the one found from ``cwd`` upward."""
    if given is None:
        return _search_upward(cwd)
    if given.is_file():
        if given.name != CONFIG:
            raise UsageError(f"{given}: error: not an edition: give its folder or its {CONFIG}")
        return Found(given.parent, cwd)
    if not given.is_dir():
        raise UsageError(f"{given}: error: no such source folder")
    return Found(given, cwd)


def _search_upward(cwd: Path) -> Found:
    for folder in (cwd, *cwd.parents):
        for candidate in (folder, folder / SUBFOLDER):
            if (candidate / CONFIG).is_file():
                return Found(_shown(candidate, cwd), _shown(folder, cwd))
    raise UsageError(f"edition: error: no {CONFIG} in {cwd} or any folder above it (nor in a {SUBFOLDER}/ "
                     f"folder there): give the edition's folder, or run `edition new FOLDER` to start one")


def _shown(folder: Path, cwd: Path) -> Path:
    """``folder`` relative to ``cwd`` when it is inside it, so that messages name files as the user sees them."""
    try:
        return folder.relative_to(cwd)
    except ValueError:
        return folder


def output_target(option: Path | None, source: Path, profile: str, default_folder: Path) -> OutputTarget:
    """The output folder and file stem for ``-o option`` (a file ending in .pdf, or a folder)."""
    if option is not None and option.suffix.lower() == ".pdf":
        if option.is_dir():
            raise UsageError(f"{option}: error: is a folder; give a file name ending in .pdf or a folder")
        return OutputTarget(option.parent, option.stem)
    folder = default_folder if option is None else option
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: error: is a file, not a folder; give a file name ending in .pdf or a folder")
    stem = edition_stem(source)
    return OutputTarget(folder, f"{stem}-print" if profile == "print" else stem)


def edition_stem(source: Path) -> str:
    """``output:`` of edition.yaml, else a slug of the title, else "edition" (problems are left to the build)."""
    from .reader import _read_meta
    meta = _read_meta(Path(source), Diagnostics())[0] if (Path(source) / CONFIG).is_file() else None
    if meta is None:
        return FALLBACK_STEM
    return meta.output or title_slug(meta.title) or FALLBACK_STEM


def title_slug(title: str) -> str:
    """"Gomułka's Letters, 1956" -> "gomulkas-letters-1956": ASCII words (anyascii transliterates any
    script; apostrophes dropped) joined by hyphens, cut at a word to at most 60 characters."""
    from anyascii import anyascii
    out = ""
    for word in re.findall(r"[a-z0-9]+", anyascii(title).lower().replace("'", "")):
        if len(out) + len(word) + 1 > SLUG_LIMIT and out:
            break
        out = f"{out}-{word}" if out else word[:SLUG_LIMIT]
    return out
