"""The edition's styles: where they are, and a hash of what they hold.

``find_styles(source)`` gives the ``styles/`` folder beside the source folder,
else the tool's own; ``hash_files`` feeds a folder's files into a hash (for
fingerprints and the warm layout cache).  The fonts they hold are ``fonts``'.
"""
from __future__ import annotations

import os
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
