"""What the commands print and start besides their output: problems in order of cause, and a viewer.

``root_causes_first(diagnostics)`` orders problems so that a cause comes
before its consequences: the volume (``edition.yaml``) before the names
authority (``persons.yaml``) before the documents and the rest, and within
each, problems that stop a file being read (YAML syntax, unreadable text)
first; problems that follow from others (an unknown person, a reference to
nothing, an authority entry never mentioned) come last.
``open_in_viewer(path)`` opens a finished file with the system's viewer
(``open`` on macOS, ``start`` on Windows, ``xdg-open`` or WSL's ``wslview``
elsewhere), or says that none is available; the tests inject their own.
``library_messages("pypdf")`` keeps what a library logs or warns while reading a
file, so that it is reported once, in the command's own words, not printed stray.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, TextIO

from .diagnostics import Diagnostic

FILE_ORDER = {"edition.yaml": 0, "persons.yaml": 1}
UNREADABLE = ("YAML syntax", "not UTF-8 text", "cannot read file")
KNOCK_ON_CODES = frozenset({"person-unknown", "ref-dangling", "unmentioned", "unlisted"})


def root_causes_first(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(diagnostics))

    def cause_order(d: Diagnostic):
        return (d.code in KNOCK_ON_CODES, FILE_ORDER.get(Path(d.pos.path).name, 2),
                not d.message.startswith(UNREADABLE), d.pos.path, d.pos.line, d.pos.col, d.message)

    return sorted(unique, key=cause_order)


def format_diagnostics(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(f"{d}\n" for d in root_causes_first(diagnostics))


Launcher = Callable[[list[str]], object]


def viewer_command(path: Path, platform: str = sys.platform,
                   which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command that opens ``path`` in the system's viewer, or None when there is none."""
    if platform == "darwin":
        return ["open", str(path)]
    if platform == "win32":
        return ["cmd", "/c", "start", "", str(path)]
    for program in ("xdg-open", "wslview"):
        if which(program):
            return [program, str(path)]
    return None


def _launch(command: list[str]) -> object:
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def open_in_viewer(path: Path, stream: TextIO, launch: Launcher = _launch,
                   command: Callable[[Path], list[str] | None] = viewer_command) -> bool:
    """Open ``path`` without waiting for the viewer; False (and a message) when it cannot be opened."""
    argv = command(path)
    if argv is None:
        print(f"edition: cannot open {path}: no viewer found (xdg-open, wslview); open it yourself",
              file=stream)
        return False
    try:
        launch(argv)
    except OSError as exc:
        print(f"edition: cannot open {path}: {argv[0]}: {exc.strerror or exc}", file=stream)
        return False
    return True


PDF_HEADER_WINDOW = 1024  # a PDF's header must begin within its first 1024 bytes (ISO 32000-2, 7.5.2)


def looks_like_pdf(path: Path) -> bool:
    with open(path, "rb") as f:
        return b"%PDF-" in f.read(PDF_HEADER_WINDOW)


@contextmanager
def library_messages(*loggers: str):
    """Keep what the named libraries log (and any warning raised) in a list instead of printing it."""
    import logging
    import warnings
    kept: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append(record.getMessage())

    handler, saved = Keep(), []
    for name in loggers:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield kept
        kept.extend(str(w.message) for w in caught)
    finally:
        for logger, propagate in saved:
            logger.removeHandler(handler)
            logger.propagate = propagate
