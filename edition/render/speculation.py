"""Speculation: the front matter and the index laid out while the body is, from the last build's HTML.

Takes the HTML the last build laid the front matter and the index out from
(kept beside the outputs, ``.NAME.matter.json``) and a ``Renderer``; gives a
``Speculation``, a forked process that lays both out and writes them as PDF
parts on the core the body's layout leaves free.  Both print the text's folios,
so they are known only after the body; most rebuilds leave them unchanged
(an edit that moves no page).  After the body, ``take(kind, html)`` gives the
worker's result only when the HTML this build makes is exactly the one it was
given, else None and the part is laid out as usual: the cache is trusted for
nothing but a guess, and the bytes are those an ordinary build writes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..diagnostics import EditionError
from .documents import Stages, WorkerFailed

KINDS = ("front", "index")


def read_guesses(path: Path) -> dict[str, list[str]]:
    """The last build's matter HTML ({"front": [html, padded], "index": [html]}), or {} if none is usable."""
    from ..cache import read_kept
    data = read_kept(path)
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items()
            if k in KINDS and isinstance(v, list) and v and all(isinstance(s, str) for s in v)}


class Speculation:
    """A worker laying out ``guesses`` (by kind, the HTML strings ``lay_out(kind, htmls)`` takes): a
    ``Stages`` whose values are the parts, or None for a part it could not make."""

    def __init__(self, guesses: dict[str, list[str]], lay_out: Callable[[str, list[str]], Any]):
        self.guesses = guesses
        self.taken: set[str] = set()

        def work(_receive: Callable[[], Any]):
            for kind in KINDS:
                if kind in guesses:
                    try:
                        result = lay_out(kind, guesses[kind])
                    except Exception:  # noqa: BLE001 - the main process lays the part out itself and reports
                        result = None
                    yield kind, result

        self.stages = Stages(work, "speculation")

    def take(self, kind: str, htmls: list[str]) -> Any | None:
        """The worker's part when it was made from exactly ``htmls``; None otherwise (or if it failed)."""
        if self.guesses.get(kind) != htmls:
            return None
        try:
            result = self.stages.take(kind)
        except (EditionError, WorkerFailed):
            return None
        self.taken.add(kind)
        return result

    def close(self) -> None:
        """Reap the worker: at its end when every part was taken, else stopped."""
        if self.taken >= set(self.guesses) & set(KINDS):
            self.stages.finish()
        else:
            self.stages.close()
