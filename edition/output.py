"""Writing the outputs: files' bytes in, written together or not at all, never half-written.

Takes the files of a build (the PDF, the HTML, the build's stamp) as paths and
bytes; writes them into their folder under a lock (two builds into one folder
take turns), each first to a temporary file beside it, then renames them all
into place, restoring the previous files if a rename fails.  A write fault
(the folder not writable, ``-o`` naming a file or a path under one, a full
disk, a read-only file system) is an ``EditionError`` naming the path and the
reason; the previous outputs are untouched and no temporary file is left, on a
signal too.  Temporary files a killed build left behind are removed by the
next one.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import Diagnostic, EditionError, SourcePos

TEMPORARY = ".tmp-edition-"  # the prefix of this module's temporary files (and of nothing else)
LOCK = ".edition.lock"
REASONS = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
           errno.EACCES: "permission denied", errno.EPERM: "permission denied",
           errno.ENOTDIR: "a part of the path is a file, not a folder", errno.EISDIR: "it is a folder",
           errno.EDQUOT: "the disk quota is exceeded"}


def write_together(files: dict[Path, bytes]) -> None:
    """Write every file, or none: the previous files stay as they were on any failure."""
    if not files:
        return
    folders = {Path(p).parent for p in files}
    for folder in sorted(folders):
        _make_folder(folder)
    with _locked(sorted(folders)[0]), _cleaning_on_signals() as temporaries:
        for folder in folders:
            _remove_stale(folder)
        staged = {}
        for path, data in files.items():
            staged[Path(path)] = _stage(Path(path), data, temporaries)
        _swap_in(staged, temporaries)


def _fault(path: Path, exc: OSError) -> EditionError:
    reason = REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return EditionError([Diagnostic(SourcePos(str(path)), "error", f"cannot write {path}: {reason}; the previous "
                                    f"output is untouched", "write")])


def _make_folder(folder: Path) -> None:
    try:
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fault(folder, exc) from None


@contextmanager
def _locked(folder: Path):
    """An exclusive lock on the folder's lock file, held while the files are written (another build waits)."""
    import fcntl
    try:
        handle = open(folder / LOCK, "a+b")
    except OSError as exc:
        raise _fault(folder / LOCK, exc) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@contextmanager
def _cleaning_on_signals():
    """The temporary files written so far, removed when the block ends, fails, or a SIGTERM or SIGHUP stops
    the process (Ctrl-C raises KeyboardInterrupt, which the block's end handles)."""
    temporaries: list[Path] = []

    def remove() -> None:
        for path in temporaries:
            try:
                path.unlink()
            except FileNotFoundError:
                pass
        temporaries.clear()

    def on_signal(signum, _frame):
        remove()
        raise SystemExit(128 + signum)

    previous = {}
    for number in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[number] = signal.signal(number, on_signal)
        except ValueError:  # not the main thread: the block's own cleanup still runs
            pass
    try:
        yield temporaries
    finally:
        remove()
        for number, handler in previous.items():
            signal.signal(number, handler)


def _remove_stale(folder: Path) -> None:
    """Temporary files of a build that was killed (SIGKILL, power) before it could remove them."""
    for path in folder.glob(f"{TEMPORARY}*"):
        try:
            path.unlink()
        except OSError:
            pass


def _stage(path: Path, data: bytes, temporaries: list[Path]) -> Path:
    """``data`` in a temporary file beside ``path``, flushed to disk, with the mode a new file would have."""
    try:
        fd, name = tempfile.mkstemp(prefix=f"{TEMPORARY}{path.name}.", dir=path.parent)
    except OSError as exc:
        raise _fault(path, exc) from None
    temporary = Path(name)
    temporaries.append(temporary)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
    except OSError as exc:
        raise _fault(path, exc) from None
    return temporary


def _swap_in(staged: dict[Path, Path], temporaries: list[Path]) -> None:
    """Rename each temporary file over its target; if one rename fails, put back the files replaced so far."""
    kept: dict[Path, Path] = {}  # target -> its previous version, kept until every rename is done
    done: list[Path] = []
    try:
        for target, temporary in staged.items():
            if target.exists():
                backup = target.with_name(f"{TEMPORARY}{target.name}.previous")
                try:
                    os.link(target, backup)
                except OSError:  # a file system without hard links
                    shutil.copy2(target, backup)
                temporaries.append(backup)
                kept[target] = backup
            os.replace(temporary, target)
            done.append(target)
    except OSError as exc:
        for target in done:
            if target in kept:
                os.replace(kept[target], target)
            else:
                target.unlink(missing_ok=True)
        raise _fault(target, exc) from None
