"""Progress of a build: stage names in, a bar (terminal) or plain lines (``--verbose``) and stage times out.

On a terminal a tqdm bar names the running stage; elsewhere (CI) nothing is
printed unless ``--verbose`` asks for a line per stage; ``--quiet`` silences
both.  ``times`` keeps each stage's seconds for the closing summary.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import TextIO

STAGES = ("load", "check", "layout", "index", "write", "preflight")


class Progress:
    def __init__(self, mode: str = "auto", stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.mode = mode  # auto | quiet | verbose
        self.times: dict[str, float] = {}
        self._bar = None
        if mode == "auto" and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm
            self._bar = tqdm(total=len(STAGES), file=self.stream, leave=False, unit="stage",
                             bar_format="{desc:<10} {bar:20} {n_fmt}/{total_fmt} stages")

    @contextmanager
    def stage(self, name: str):
        if self._bar is not None:
            self._bar.set_description_str(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - start
            if self._bar is not None:
                self._bar.update(1)
            if self.mode == "verbose":
                print(f"{name:<10} {self.times[name]:6.2f} s", file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def summary(self) -> str:
        parts = " · ".join(f"{name} {seconds:.2f} s" for name, seconds in self.times.items())
        return f"{parts} · total {sum(self.times.values()):.2f} s"


SILENT = Progress("quiet")
