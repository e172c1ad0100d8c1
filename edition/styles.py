"""The edition's styles: where they are, and which characters their fonts can print.

``find_styles(source)`` gives the ``styles/`` folder beside the source folder,
else the tool's own; ``font_coverage(styles)`` the characters every text face
of the vendored fonts lacks nothing of (union of the faces the stylesheet uses).
"""
from __future__ import annotations

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
    """Feed every file below ``root`` (names and bytes, in order) into the hash ``h``; caches and
    ``skip`` (an output folder inside the source, say) left out."""
    root = Path(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and not (skip is not None and p.resolve().is_relative_to(skip))):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


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
