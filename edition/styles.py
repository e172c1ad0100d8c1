"""The edition's styles: where they are, and a hash of what they hold.

``find_styles(source)`` gives the ``styles/`` folder beside the source folder,
else the tool's own; ``hash_files`` feeds a folder's files into a hash (for
fingerprints and the warm layout cache).  The fonts they hold are ``fonts``'.
"""
from __future__ import annotations

from pathlib import Path

_CLONE_STYLES = Path(__file__).resolve().parent.parent / "styles"  # a clone, or an editable install
_WHEEL_STYLES = Path(__file__).resolve().parent / "_styles"  # an installed wheel: setup.py copies them there
PACKAGE_STYLES = _CLONE_STYLES if (_CLONE_STYLES / "edition.css").is_file() else _WHEEL_STYLES


PACKAGED_SHEETS = ("edition.css", "print.css")


def own_styles(source: Path) -> Path:
    """The edition's own ``styles/`` folder, beside its source folder (it may not exist)."""
    return Path(source).resolve().parent / "styles"


def find_styles(source: Path) -> Path:
    """The folder of the stylesheets the profiles name (edition.css, print.css) and the vendored fonts: the
    edition's own ``styles/`` when it holds an ``edition.css`` (a design of its own), else the tool's."""
    own = own_styles(source)
    return own if (own / "edition.css").is_file() else PACKAGE_STYLES


def own_stylesheets(source: Path) -> tuple[str, ...]:
    """The edition's own stylesheets (``styles/*.css`` but the packaged names), as file URLs in name order:
    written after the design's rules, they override the packaged stylesheets and the design."""
    own = own_styles(source)
    if not own.is_dir():
        return ()
    return tuple(p.as_uri() for p in sorted(own.glob("*.css")) if p.name not in PACKAGED_SHEETS)


def hash_files(h, root: Path, skip: Path | None = None) -> None:
    """Feed every file below ``root`` (names and bytes, in order) into the hash ``h``; caches and
    ``skip`` (an output folder inside the source, say) left out."""
    root = Path(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and not (skip is not None and p.resolve().is_relative_to(skip))):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
