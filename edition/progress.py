"""Progress of a build: stages and laid-out documents in; a bar, plain lines, and stage times out.

``Progress(mode)`` shows the build as it goes:

- ``auto``: on a terminal a tqdm bar names the running stage and, during
  layout, counts documents and pages; elsewhere (CI, a log file) a line per
  stage with its time, and during layout a line every ``every_documents``
  documents or ``every_seconds`` seconds, whichever comes first;
- ``verbose``: the plain lines, on a terminal too;
- ``bar``: the bar on a terminal, nothing elsewhere (``edition watch``);
- ``quiet``: nothing.

``stage(name)`` times a stage (``times`` keeps the seconds for the closing
summary); ``document_done(index, total, pages)`` is told of each document as
it is laid out.  The layout reaches the running build's ``Progress`` through
the module function ``document_done``, which forwards to the innermost stage
running (and does nothing outside a build).
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, TextIO

STAGES = ("load", "check", "layout", "index", "write", "preflight")
MODES = ("auto", "verbose", "bar", "quiet")

_running: list["Progress"] = []  # the Progress objects with a stage running, innermost last


def document_done(index: int, total: int, pages: int) -> None:
    """Tell the running build's progress that document ``index`` (0-based) of ``total`` is laid out."""
    if _running:
        _running[-1].document_done(index, total, pages)


class Progress:
    def __init__(self, mode: str = "auto", stream: TextIO | None = None, every_documents: int = 10,
                 every_seconds: float = 10.0, clock: Callable[[], float] = time.perf_counter):
        if mode not in MODES:
            raise ValueError(f"progress mode {mode!r} is not one of {MODES}")
        self.stream = stream or sys.stderr
        self.mode = mode
        self.times: dict[str, float] = {}
        self.every_documents = every_documents
        self.every_seconds = every_seconds
        self.clock = clock
        terminal = getattr(self.stream, "isatty", lambda: False)()
        self.lines = mode == "verbose" or (mode == "auto" and not terminal)
        self._bar = None
        if mode in ("auto", "bar") and terminal:
            from tqdm import tqdm
            self._bar = tqdm(total=len(STAGES), file=self.stream, leave=False, unit="stages",
                             bar_format="{desc:<10} {bar:20} {n_fmt}/{total_fmt} {unit}{postfix}")
        self._stage = ""
        self._stage_start = 0.0
        self._pages = 0
        self._last_line = (0, 0.0)  # documents and time at the last line printed

    @contextmanager
    def stage(self, name: str):
        self._stage, self._pages = name, 0
        self._last_line = (0, self.clock())
        if self._bar is not None:
            self._bar.set_description_str(name)
        self._stage_start = self.clock()
        _running.append(self)
        try:
            yield
        finally:
            _running.remove(self)
            self.times[name] = self.times.get(name, 0.0) + self.clock() - self._stage_start
            if self._bar is not None:
                self._back_to_stages(self._bar)
            if self.lines:
                self._print(f"{name:<10} {self.times[name]:6.2f} s")

    def document_done(self, index: int, total: int, pages: int) -> None:
        """Document ``index`` (0-based, in order) of ``total`` is laid out, with ``pages`` pages."""
        self._pages += pages
        done, now = index + 1, self.clock()
        if self._bar is not None:
            if self._bar.total != total or self._bar.unit != "documents":
                self._bar.reset(total=total)
                self._bar.unit = "documents"
            self._bar.n = done
            self._bar.set_postfix_str(f"{self._pages} pages", refresh=False)
            self._bar.refresh()
        elif self.lines:
            last_done, last_time = self._last_line
            if done == total or done - last_done >= self.every_documents or now - last_time >= self.every_seconds:
                self._last_line = (done, now)
                self._print(f"{self._stage or 'layout':<10} {done}/{total} documents, {self._pages} pages, "
                            f"{now - self._stage_start:.1f} s")

    def _back_to_stages(self, bar) -> None:
        if bar.unit != "stages":
            bar.reset(total=len(STAGES))
            bar.unit = "stages"
            bar.set_postfix_str("", refresh=False)
        bar.n = min(len(self.times), len(STAGES))
        bar.refresh()

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def summary(self) -> str:
        parts = " · ".join(f"{name} {seconds:.2f} s" for name, seconds in self.times.items())
        return f"{parts} · total {sum(self.times.values()):.2f} s"


SILENT = Progress("quiet")
