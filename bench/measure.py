"""One measurement, in its own process; prints one JSON object on the last line of stdout.

    python bench/measure.py build SOURCE OUT     the whole build (build_edition, screen profile)
    python bench/measure.py bare HTML            bare WeasyPrint: HTML(filename=HTML).write_pdf()
    python bench/measure.py check SOURCE         edition check in process: prepare() only
    python bench/measure.py warm SOURCE OUT      build_edition twice in one process (watch mode)

Every figure is this process's own: wall time (perf_counter), CPU time of
this process and of its children (qpdf, run by preflight), and the peak
resident set size (``ru_maxrss``).  Imports happen before the clock starts,
so start-up is not counted.

``build`` also records the package's own stage times (``edition.progress``,
when the build takes a ``progress``) and times the build's stages by wrapping the functions that
``edition.build`` calls in the build's own process (a few calls per build, so
the wrapping costs nothing measurable): loading, the documents' layout (done
by workers, whose inner stages are not seen), each part added to the PDF, the
index and front matter workers, the assembly's finish, preflight and its
rules, writing the files.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path


def _usage() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_self": own.ru_utime + own.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime,
            "maxrss_mb": own.ru_maxrss / 1024, "children_maxrss_mb": kids.ru_maxrss / 1024}


class Stages:
    """Time spent in named functions of ``edition.build`` (and calls counted)."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.peak_mb: dict[str, float] = {}  # the process's peak RSS when the stage last returned
        self.current: list[str] = []

    def wrap(self, owner, attr: str, name: str | None = None, by_context: bool = False) -> None:
        original = getattr(owner, attr)
        stages = self

        def timed(*args, **kwargs):
            label = name or attr
            if by_context and stages.current:
                label = f"{label}[{stages.current[-1]}]"
            stages.current.append(name or attr)
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                stages.seconds[label] += time.perf_counter() - start
                stages.calls[label] += 1
                stages.peak_mb[label] = _peak_rss_mb()
                stages.current.pop()

        setattr(owner, attr, timed)

    def as_dict(self) -> dict:
        return {k: {"seconds": round(v, 3), "calls": self.calls[k], "peak_mb_after": round(self.peak_mb[k])}
                for k, v in sorted(self.seconds.items())}


def _peak_rss_mb() -> float:
    """The peak resident set size so far (VmHWM), in MB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class MemorySampler:
    """The peak memory of this process and every process it started (layout workers, preflight's readers,
    qpdf), added up as PSS (proportional set size: a page shared by forked processes counts once
    in all), sampled every 50 ms from /proc."""

    def __init__(self):
        import threading
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in [me] + _descendants(me)) / 1024)
            self._stop.wait(0.05)


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        parent = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
            except OSError:
                continue
            found.extend(kids)
            stack.extend(kids)
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tolerate_preflight_failures(build, stages: Stages) -> None:
    """Let the build finish when preflight fails, recording the failures.

    Preflight still runs in full (its time is counted); only its verdict is
    recorded instead of stopping the build, so that a volume whose preflight
    fails can still be timed.  The failures are reported with the figures."""
    checked = build.preflight
    stages.preflight_failures = []

    def preflight(*args, **kwargs):
        report = checked(*args, **kwargs)
        stages.preflight_failures.extend(f"{f.rule}: {f.message}" for f in report.failures)
        report.findings[:] = [f for f in report.findings if f.ok]
        return report

    build.preflight = preflight


def instrument() -> Stages:
    """Wrap what ``edition.build`` calls; a function the package no longer has is skipped."""
    import edition.build as build
    import edition.render.layout as layout
    stages = Stages()
    for attr, name in (("load", "load"), ("lay_out_body", "body_layout"), ("render_body_part", "html_body"),
                       ("index_entries", "index_entries"), ("render_index_part", "html_index"),
                       ("render_front_part", "html_front"), ("side_by_side", "index_front_workers"),
                       ("preflight", "preflight"), ("write_atomically", "write_files")):
        if hasattr(build, attr):
            stages.wrap(build, attr, name)
    try:  # the body's layout begun beside the check (start_body), finished by BodyJob.finish
        from edition.render.body import BodyJob
    except ImportError:
        pass
    else:
        stages.wrap(BodyJob, "finish", "body_layout")
    stages.wrap(layout.Renderer, "render_keeping_context", "weasyprint_render", by_context=True)
    try:
        import edition.preflight as pre
        from edition.render.assemble import Assembler
    except ImportError:
        pass
    else:
        stages.wrap(Assembler, "add", "assemble_add", by_context=True)
        stages.wrap(Assembler, "finish", "assemble_finish")
        for attr in dir(pre):
            if attr.startswith("_check_") or attr == "_pages":
                stages.wrap(pre, attr, f"preflight.{attr.lstrip('_')}")
        if not hasattr(build, "preflight"):  # loaded by the build when it runs: wrapped where it lives
            stages.wrap(pre, "preflight", "preflight")
    import edition.preflight as where_preflight_is
    _tolerate_preflight_failures(build if hasattr(build, "preflight") else where_preflight_is, stages)
    return stages


def _build_kwargs(build_edition, **wanted) -> dict:
    """The keyword arguments ``build_edition`` accepts, of those wanted (its signature is evolving)."""
    import inspect
    accepted = inspect.signature(build_edition).parameters
    return {k: v for k, v in wanted.items() if k in accepted and v is not None}


def _progress():
    try:
        from edition.progress import Progress
    except ImportError:
        return None
    return Progress("quiet")


class GcClock:
    """Time spent in Python's cyclic garbage collector (``gc.callbacks``), by generation."""

    def __init__(self):
        import gc
        self.seconds = [0.0, 0.0, 0.0]
        self.collections = [0, 0, 0]
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds[info["generation"]] += time.perf_counter() - self._start
            self.collections[info["generation"]] += 1

    def as_dict(self) -> dict:
        return {"seconds": round(sum(self.seconds), 3), "by_generation": [round(s, 3) for s in self.seconds],
                "collections": self.collections}


def measure_build(source: str, out: str) -> dict:
    from edition.build import build_edition
    from edition.diagnostics import Diagnostics
    stages = instrument()
    progress = _progress()
    kwargs = _build_kwargs(build_edition, progress=progress)
    gc_clock = GcClock()
    before = _usage()
    with MemorySampler() as memory:
        start = time.perf_counter()
        result = build_edition(Path(source), Path(out), Diagnostics(), **kwargs)
        wall = time.perf_counter() - start
    after = _usage()
    return {"mode": "build", "wall": wall, "pages": result.pages, "front_pages": result.front_pages,
            "body_pages": result.body_pages, "index_pages": result.index_pages,
            "relaxed_paragraphs": result.relaxed_paragraphs,
            "body_passes": (getattr(result, "layout_passes", None)
                            or stages.calls.get("weasyprint_render[body_layout]", 0)),
            "cpu": (after["cpu_self"] - before["cpu_self"]) + (after["cpu_children"] - before["cpu_children"]),
            "cpu_children": after["cpu_children"] - before["cpu_children"],
            "maxrss_mb": after["maxrss_mb"], "children_maxrss_mb": after["children_maxrss_mb"],
            "all_processes_peak_mb": memory.peak_mb,
            "preflight_failures": stages.preflight_failures, "gc": gc_clock.as_dict(),
            "progress_stages": {k: round(v, 3) for k, v in (progress.times.items() if progress else ())},
            "stages": stages.as_dict()}


def measure_bare(html: str) -> dict:
    import weasyprint
    gc_clock = GcClock()
    before = _usage()
    with MemorySampler() as memory:
        start = time.perf_counter()
        data = weasyprint.HTML(filename=html).write_pdf()
        wall = time.perf_counter() - start
    after = _usage()
    import io
    from pypdf import PdfReader
    return {"mode": "bare", "wall": wall, "bytes": len(data), "pages": len(PdfReader(io.BytesIO(data)).pages),
            "gc": gc_clock.as_dict(),
            "cpu": after["cpu_self"] - before["cpu_self"], "maxrss_mb": after["maxrss_mb"],
            "all_processes_peak_mb": memory.peak_mb}


def measure_check(source: str) -> dict:
    from edition.diagnostics import Diagnostics
    from edition.pipeline import prepare
    times = []
    for _ in range(3):
        diags = Diagnostics()
        start = time.perf_counter()
        edition = prepare(Path(source), diags)
        times.append(time.perf_counter() - start)
    return {"mode": "check", "first": times[0], "best": min(times), "times": times, "errors": len(diags.errors),
            "warnings": len(diags.warnings), "documents": len(edition.documents) if edition else 0,
            "maxrss_mb": _usage()["maxrss_mb"]}


def measure_warm(source: str, out: str) -> dict:
    """Builds in one process as ``edition watch`` does them (one ``Renderer`` and its cache of laid-out
    documents and written parts kept across builds): the first, one with nothing changed, and three
    after a word of the first document's text changed (a copy of the edition is edited)."""
    import re
    import shutil
    import statistics
    import tempfile
    from edition.build import build_edition, find_styles
    from edition.diagnostics import Diagnostics
    from edition.render.layout import Renderer
    work = Path(tempfile.mkdtemp(prefix="edition-watch-")) / "edition"
    shutil.copytree(source, work)
    renderer = Renderer(find_styles(work), work)
    renderer.layout_cache = {}  # as edition watch sets them
    renderer.page_cache = {}

    def build() -> float:
        start = time.perf_counter()
        build_edition(work, Path(out), Diagnostics(), renderer=renderer)
        return time.perf_counter() - start

    first, unchanged = build(), build()
    document = sorted((work / "documents").glob("*.yaml"))[0]
    edited = []
    for k in range(3):  # a word of the text changes, and changes back: what an editor's save does
        text = document.read_text(encoding="utf-8")
        text = (re.sub(r"\bsituation\b", "situations", text, count=1) if k % 2 == 0
                else text.replace("situations", "situation", 1))
        document.write_text(text, encoding="utf-8")
        edited.append(build())
    shutil.rmtree(work.parent, ignore_errors=True)
    return {"mode": "warm", "first": first, "second": unchanged, "unchanged": unchanged,
            "edited": statistics.median(edited), "edited_runs": edited, "maxrss_mb": _usage()["maxrss_mb"]}


def main(argv: list[str]) -> int:
    mode, *args = argv
    result = {"build": measure_build, "bare": measure_bare, "check": measure_check, "warm": measure_warm}[mode](*args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
