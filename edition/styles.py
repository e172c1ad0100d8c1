"""The edition's styles: where they are, and which characters their fonts can print.

``find_styles(source)`` gives the ``styles/`` folder beside the source folder,
else the tool's own; ``font_coverage(styles)`` the characters every text face
of the vendored fonts lacks nothing of (union of the faces the stylesheet uses).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PACKAGE_STYLES = Path(__file__).resolve().parent.parent / "styles"
TEXT_FACES = ("EBGaramond12-Regular.otf", "EBGaramond12-Italic.otf", "EBGaramond08-Regular.otf",
              "EBGaramond08-Italic.otf")


def find_styles(source: Path) -> Path:
    """The edition's own ``styles/`` beside its source folder, else the tool's."""
    own = Path(source).resolve().parent / "styles"
    return own if (own / "edition.css").is_file() else PACKAGE_STYLES


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
