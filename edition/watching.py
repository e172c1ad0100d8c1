"""``edition watch``: build, then rebuild on every change of the source or the styles, in one warm process.

``Watcher(job, stream)`` holds what a build needs (a ``BuildJob``: source,
output target, profile, strictness, workers, how much to print) and a warm
renderer, so that unchanged documents are not laid out again nor unchanged
pages read again by preflight.  ``rebuild(changed)`` builds once and reports
on ``stream``: a stamp with the local time and the files that changed
(relative to the current folder), the problems root causes first, and what
was written or that nothing was.  ``watch(job, stream)`` runs the loop on the
events of ``watchfiles``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, TextIO

from .console import format_diagnostics
from .diagnostics import Diagnostics, EditionError
from .discovery import OutputTarget


@dataclass(frozen=True)
class BuildJob:
    """A build as the command line asks for it (``edition build`` and ``edition watch`` share it)."""

    source: Path
    target: OutputTarget
    profile: str = "screen"
    strict: bool = False
    jobs: int | None = None
    quiet: bool = False
    verbose: bool = False


def shown(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to the current folder when it is below it, else as it is."""
    cwd = (cwd or Path.cwd()).resolve()
    resolved = Path(path).resolve()
    return str(resolved.relative_to(cwd)) if resolved.is_relative_to(cwd) else str(path)


class Watcher:
    def __init__(self, job: BuildJob, stream: TextIO, clock: Callable[[], str] = lambda: time.strftime("%H:%M:%S")):
        from .profiles import profile_named
        from .render.layout import Renderer
        from .styles import find_styles
        self.job, self.stream, self.clock = job, stream, clock
        self.styles = find_styles(job.source)
        self.renderer = Renderer(self.styles, job.source, profile_named(job.profile))
        self.renderer.layout_cache = {}  # documents that did not change are not laid out again
        self.renderer.page_cache = {}  # nor are pages that did not change read again by preflight

    def say(self, message: str) -> None:
        print(f"[{self.clock()}] {message}", file=self.stream, flush=True)

    def rebuild(self, changed: Iterable[Path] = ()) -> bool:
        """Build once; True when the PDF was written."""
        from .build import build_edition
        from .progress import Progress
        job = self.job
        names = sorted({shown(path) for path in changed})
        if names and not job.quiet:
            self.say(f"changed: {', '.join(names)}")
        diags = Diagnostics()
        self.renderer.forget_changed_stylesheets()  # a changed stylesheet is parsed again, once for this build
        progress = Progress("quiet" if job.quiet else "verbose" if job.verbose else "bar", self.stream)
        start = time.perf_counter()
        try:
            result = build_edition(job.source, job.target.folder, diags, strict=job.strict, profile=job.profile,
                                   progress=progress, renderer=self.renderer, jobs=job.jobs, name=job.target.stem)
        except EditionError as exc:
            progress.close()
            self.stream.write(format_diagnostics(exc.diagnostics))
            errors = sum(1 for d in exc.diagnostics if d.severity == "error") or len(exc.diagnostics)
            if names and job.quiet:
                self.say(f"changed: {', '.join(names)}")
            self.say(f"{errors} problem(s); not written; waiting for the next change")
            return False
        progress.close()
        self.stream.write(format_diagnostics(diags.items))
        if job.verbose and result.preflight is not None:
            self.stream.write(result.preflight.format())
        if not job.quiet:
            self.say(f"wrote {result.pdf} ({result.pages} pages) in {time.perf_counter() - start:.2f} s")
        return True


def watch(job: BuildJob, stream: TextIO, on_written: Callable[[Path], None] | None = None) -> int:
    """Build, then rebuild on every change until interrupted (Ctrl-C); ``on_written`` gets the first PDF."""
    from watchfiles import watch as file_changes
    watcher = Watcher(job, stream)
    output = job.target.folder.resolve()

    def not_output(_change, path: str) -> bool:  # the build's own writes must not trigger builds
        return not Path(path).resolve().is_relative_to(output)

    if watcher.rebuild() and on_written is not None:
        on_written(job.target.pdf)
    if not job.quiet:
        print(f"watching {job.source} and {watcher.styles} (Ctrl-C to stop)", file=stream, flush=True)
    for changes in file_changes(job.source, watcher.styles, watch_filter=not_output, raise_interrupt=False):
        watcher.rebuild(Path(path) for _change, path in changes)
    return 0
