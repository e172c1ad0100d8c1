"""Fonts of the design: families in, the files that hold them and the characters they can print out.

Takes a ``Design`` (its body family and the fallback chain) and the edition's
styles folder; gives, for each family, its font files (the vendored EB
Garamond; files in the edition's ``styles/fonts/``; else the fonts installed
on the machine, found with fontconfig's ``fc-list``), ``coverage`` (the code
points some family of the chain can print), ``missing_families`` (families of
the chain not found), and ``pdf_font_names`` (how WeasyPrint names their
embedded subsets, for the preflight's check that every font is the design's).
"""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from .design import VENDORED, Design

VENDORED_FACES = ("EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "EBGaramond08-Regular.otf",
                  "EBGaramond08-Italic.otf")
FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc")


def family_files(family: str, styles: Path) -> tuple[tuple[Path, int], ...]:
    """(file, index in a collection) for every face of ``family``: vendored, in the edition's styles, or
    installed."""
    if family == VENDORED:
        return tuple((Path(styles) / "fonts" / name, 0) for name in VENDORED_FACES
                     if (Path(styles) / "fonts" / name).is_file())
    own = _styles_families(Path(styles).resolve())
    return own.get(family.casefold()) or _installed(family)


@lru_cache(maxsize=8)
def _styles_families(styles: Path) -> dict[str, tuple[tuple[Path, int], ...]]:
    """The families of the font files in ``styles/fonts/``, by their name (case-folded)."""
    found: dict[str, list[tuple[Path, int]]] = {}
    folder = styles / "fonts"
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.suffix.lower() in FONT_SUFFIXES:
            for index, name in _names_in(path):
                found.setdefault(name.casefold(), []).append((path, index))
    return {k: tuple(v) for k, v in found.items()}


def _names_in(path: Path) -> list[tuple[int, str]]:
    """(index, family name) of each font in a file (several in a collection)."""
    from fontTools.ttLib import TTCollection, TTFont
    out = []
    try:
        with open(path, "rb") as handle:
            fonts = (list(TTCollection(handle, lazy=True)) if path.suffix.lower() in (".ttc", ".otc")
                     else [TTFont(handle, lazy=True)])
            for index, font in enumerate(fonts):
                names = font["name"]
                family = names.getDebugName(16) or names.getDebugName(1)
                if family:
                    out.append((index, family))
    except Exception:  # noqa: BLE001 - not a font: it names no family
        return []
    return out


@lru_cache(maxsize=32)
def _installed(family: str) -> tuple[tuple[Path, int], ...]:
    """The faces of an installed family, as fontconfig lists them (none when fontconfig is not there)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run([fc_list, f":family={family}", "file", "index"], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = []
    for line in sorted(set(out.splitlines())):
        file, _, rest = line.partition(":")
        index = rest.strip().removeprefix("index=").strip()
        if file:
            faces.append((Path(file), int(index) if index.isdigit() else 0))
    return tuple(faces)


@lru_cache(maxsize=64)
def _cmap(path: Path, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont
    try:
        with open(path, "rb") as handle, TTFont(handle, lazy=True, fontNumber=index) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001 - an unreadable font covers nothing
        return frozenset()


class Coverage:
    """The code points some family of the design's chain can print (``cp in coverage``); a fallback family's
    fonts are read only when a character is not in the families before it (a CJK font is large)."""

    def __init__(self, design: Design, styles: Path):
        self.families = list(design.families)
        self.styles = Path(styles)
        self.covered: set[int] = set()
        self.read = 0  # families read so far

    def __contains__(self, cp: object) -> bool:
        if not isinstance(cp, int):
            return False
        while cp not in self.covered and self.read < len(self.families):
            for path, index in family_files(self.families[self.read], self.styles):
                self.covered |= _cmap(path, index)
            self.read += 1
        return cp in self.covered

    def __bool__(self) -> bool:
        return any(family_files(f, self.styles) for f in self.families)


def coverage(design: Design, styles: Path) -> Coverage:
    return Coverage(design, styles)


def missing_families(design: Design, styles: Path) -> tuple[str, ...]:
    return tuple(f for f in design.families if not family_files(f, styles))


def pdf_font_names(design: Design) -> tuple[str, ...]:
    """The BaseFont names (without subset tag) WeasyPrint gives the design's families: the family name with
    hyphens for spaces (the vendored faces are declared as "EB Garamond Edition" and its 8 pt "... 08")."""
    names = []
    for family in design.families:
        if family == VENDORED:
            names += [f"{VENDORED} Edition", f"{VENDORED} Edition 08"]
        else:
            names.append(family)
    return tuple(n.replace(" ", "-") for n in names)
