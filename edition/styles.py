"""The edition's styles: where they are, and which characters their fonts can print.

``find_styles(source)`` gives the ``styles/`` folder beside the source folder,
else the tool's own; ``font_coverage(styles)`` the characters every text face
of the vendored fonts lacks nothing of (union of the faces the stylesheet uses).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_CLONE_STYLES = Path(__file__).resolve().parent.parent / "styles"  # a clone, or an editable install
_WHEEL_STYLES = Path(__file__).resolve().parent / "_styles"  # an installed wheel: setup.py copies them there
PACKAGE_STYLES = _CLONE_STYLES if (_CLONE_STYLES / "edition.css").is_file() else _WHEEL_STYLES
TEXT_FACES = ("EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "EBGaramond08-Regular.otf",
              "EBGaramond08-Italic.otf")


def find_styles(source: Path) -> Path:
    """The edition's own ``styles/`` beside its source folder, else the tool's."""
    own = Path(source).resolve().parent / "styles"
    return own if (own / "edition.css").is_file() else PACKAGE_STYLES


def hash_files(h, root: Path, skip: Path | None = None) -> None:
    """Feed every regular file below ``root`` (names and bytes, in order) into the hash ``h``; caches and
    ``skip`` (an output folder inside the source, say) left out.

    Symbolic links are not followed out of ``root``: a link to a file inside it counts as that file's
    bytes, any other link as its target's name (so that changing the link still changes the hash, and
    nothing outside the folder is read).  Linked folders are not entered.  Files are read in pieces."""
    root = Path(root)
    inside = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root):  # does not enter linked folders
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            path = Path(folder, name)
            target = _resolved(path)
            if skip is None or target is None or not target.is_relative_to(skip):
                found.append((path, target))
    for path, target in sorted(found):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        if path.is_symlink() and not (target is not None and target.is_relative_to(inside) and target.is_file()):
            h.update(b"link\0" + os.fsencode(os.readlink(path)))
        elif path.is_file():
            with open(path, "rb") as handle:
                for piece in iter(lambda: handle.read(1 << 20), b""):
                    h.update(piece)
        h.update(b"\0")


def _resolved(path: Path) -> Path | None:
    """Where a path leads, links followed; None for a link that loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=8)
def font_coverage(styles: Path) -> frozenset[int]:
    """Code points that at least one of the edition's text faces has (empty if the fonts are not there)."""
    from fontTools.ttLib import TTFont
    covered: set[int] = set()
    for name in TEXT_FACES:
        path = Path(styles) / "fonts" / name
        if path.is_file():
            with TTFont(path, lazy=True) as font:
                covered.update(font.getBestCmap())
    return frozenset(covered)
