"""Whole-process times of the seed edition, as a user meets them, side by side in one run.

    python bench/whole.py [--reps 5] [--source source]

Every figure but the warm rebuild is the wall time of a fresh process, imports
and start-up included, from ``subprocess`` start to exit (``os.wait4`` gives
its CPU time and peak memory):

- ``build``: ``edition build SOURCE -o <new folder> --quiet`` (a first build:
  no plans cached, nothing to reuse);
- ``rebuild, nothing moved``: the same into a new folder holding what the
  last build kept for the next (``.edition.plans.json``,
  ``.edition.matter.json``, not its stamp): a rebuild after an edit that
  moved no page (the note placement starts from the last plan; front matter
  and index are laid out beside the body, ``render.speculation``);
- ``bare WeasyPrint``: ``python -c "import weasyprint; HTML(filename=...).write_pdf(...)"``
  on the build's own ``edition.html`` (its ``<base>`` points at the styles);
- ``index --format json`` (laid out: no build in the default output folder),
  ``index after a build`` (run where the build's folder is the default
  ``output/``: the build's own index, its inputs unchanged), ``check``,
  ``--version`` (start-up alone);
- the anchors of issue 17, where their programs are installed (else a line
  says which were skipped): Typst (the ``typst`` package from PyPI, compiling
  from Python), reledmac (five pdflatex passes and makeindex) and plain LaTeX
  (``\\footnote``, makeindex, three passes), on the seed edition's text as
  ``bench/anchors.py`` writes it (notes at the foot of their pages, split
  where long; an index of names built by each tool).

With ``--venv DIR`` the ``edition`` commands and bare WeasyPrint run from
that virtual environment instead of this one: ``--venv auto`` makes one in
``bench/results/user-venv`` with ``pip install .`` (the package and its
dependencies as a user gets them, no test extras, not editable), so that the
figures are those of an installed tool rather than of the development
environment (whose editable install and test dependencies, pdfminer's
``cryptography`` among them, pypdf imports when present, cost a few tenths
of a second of start-up).

The runs alternate (build, bare, bare, build, ...), so that a noisy machine's
drift falls on both sides of a ratio; each figure is the median.  The warm
rebuild is measured in one process as ``edition watch`` does it
(``edition.watching.Watcher``): a one-word edit of a document, then the
rebuild, timed, several times (the edit and its undo alternate).

Prints a table and writes ``bench/results/whole.md`` and ``whole.json``.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EDITION = str(BIN / "edition")
PYTHON = sys.executable  # the interpreter bare WeasyPrint runs in (the same environment as EDITION)
BARE = ("import sys, weasyprint; "
        "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])")
ANCHOR_NAMES = ("Typst", "LaTeX with reledmac, 5 passes + makeindex", "plain LaTeX, 3 passes + makeindex")


def run(command: list[str], env: dict | None = None, cwd: Path = REPO) -> dict:
    """One whole process: wall seconds, CPU seconds, peak resident MB; fails on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {proc.returncode}\n{err}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def whole_process(source: Path, reps: int, work: Path) -> dict[str, list[dict]]:
    """Every whole-process figure, ``reps`` runs each, interleaved."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    out: dict[str, list[dict]] = {k: [] for k in ("build", "rebuild, nothing moved", "bare WeasyPrint",
                                                  "index --format json", "index after a build",
                                                  "check", "--version", *ANCHOR_NAMES)}
    anchors = anchor_commands(source, work / "anchors")
    plans: Path | None = None
    for rep in range(reps):
        folder = work / f"build-{rep}" / "output"  # the default output folder of a run in build-<rep>
        cached = work / f"cached-{rep}"
        cached.mkdir()
        if plans is not None:  # what the last build kept for the next: its plans and its matter's HTML
            for kept in plans.parent.glob(".edition.*.json"):
                if kept.name != ".edition.build.json":  # not its stamp: this build must not be "up to date"
                    shutil.copy2(kept, cached / kept.name)
        steps = [("build", [EDITION, "build", str(source), "-o", str(folder), "--quiet"]),
                 ("bare WeasyPrint", None)]
        if rep % 2:
            steps.reverse()
        for name, command in steps:
            if command is None:
                html = folder / "edition.html" if folder.exists() else work / "build-0" / "output" / "edition.html"
                command = [PYTHON, "-c", BARE, str(html), str(work / f"bare-{rep}.pdf")]
            out[name].append(run(command, env))
        plans = folder / ".edition.plans.json"
        if rep and plans.exists():
            out["rebuild, nothing moved"].append(run([EDITION, "build", str(source), "-o", str(cached), "--quiet"],
                                                     env))
        out["index --format json"].append(run([EDITION, "index", "--format", "json", str(source),
                                               "-o", str(work / f"index-{rep}.json")], env))
        out["index after a build"].append(run([EDITION, "index", "--format", "json", str(source), "-o",
                                                str(work / f"index-built-{rep}.json")], env, cwd=folder.parent))
        out["check"].append(run([EDITION, "check", str(source)], env))
        for name, command in anchors.items():
            out[name].append(run(command, env))
        out["--version"].append(run([EDITION, "--version"], env))
    return out


def warm_rebuild(source: Path, work: Path, reps: int) -> list[float]:
    """Seconds of each warm rebuild after a one-word edit, in one process (as ``edition watch``)."""
    from edition.discovery import OutputTarget
    from edition.watching import BuildJob, Watcher
    edition = work / "warm"
    shutil.copytree(source, edition / "source")
    styles = source.parent / "styles"
    if styles.is_dir():
        shutil.copytree(styles, edition / "styles")
    document = sorted((edition / "source" / "documents").glob("*.yaml"))[0]
    text = document.read_text(encoding="utf-8")
    word, other = _a_word(text)
    watcher = Watcher(BuildJob(edition / "source", OutputTarget(edition / "out", "edition"), quiet=True), io.StringIO())
    if not watcher.rebuild():
        raise SystemExit("the warm edition does not build")
    times = []
    for rep in range(reps):
        document.write_text(text.replace(word, other, 1) if rep % 2 == 0 else text, encoding="utf-8")
        start = time.perf_counter()
        ok = watcher.rebuild([document])
        times.append(time.perf_counter() - start)
        if not ok:
            raise SystemExit("a warm rebuild failed")
    return times


def _a_word(text: str) -> tuple[str, str]:
    for word, other in ((" firm ", " strong "), (" troops ", " forces "), (" the ", " a ")):
        if word in text:
            return word, other
    raise SystemExit("no word to edit in the first document")


def user_venv(folder: Path) -> Path:
    """A virtual environment with edition installed as a user installs it (``pip install .``), made once and
    reinstalled on every run (so that it runs this checkout's code)."""
    if not (folder / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run([str(folder / "bin" / "pip"), "install", "-q", "--force-reinstall", "--no-deps", str(REPO)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([str(folder / "bin" / "pip"), "install", "-q", str(REPO)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder


def _typst_installed() -> bool:
    import importlib.util
    return importlib.util.find_spec("typst") is not None


def _latex_installed() -> bool:
    return all(shutil.which(p) for p in ("pdflatex", "makeindex")) and subprocess.run(
        ["kpsewhich", "reledmac.sty"], capture_output=True, text=True).stdout.strip() != ""


def anchor_commands(source: Path, folder: Path) -> dict[str, list[str]]:
    """The anchors whose programs are installed, each as one whole-process command."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import anchors
    paths = anchors.write_sources(source, folder)
    out = {}
    if _typst_installed():
        out[ANCHOR_NAMES[0]] = anchors.typst_command(paths["typst"])
    if _latex_installed():
        out[ANCHOR_NAMES[1]] = anchors.latex_command(paths["reledmac"], 5)
        out[ANCHOR_NAMES[2]] = anchors.latex_command(paths["latex"], 3)
    return out


def anchors_note() -> str:
    missing = ([] if _typst_installed() else ["Typst (pip install typst)"]) + (
        [] if _latex_installed() else ["LaTeX (Debian: texlive-latex-extra texlive-humanities lmodern)"])
    return ("Skipped, not installed here: " + ", ".join(missing) + "." if missing else
            "The anchors set the seed edition's text as bench/anchors.py writes it (not the persons list, contents "
            "or PDF/A finishing; no preflight).")


def table(figures: dict[str, list[dict]], warm: list[float]) -> str:
    build = statistics.median(r["wall"] for r in figures["build"])
    rows = ["| what | median s | × bare WeasyPrint | × build | CPU s | peak MB | runs |",
            "|---|---|---|---|---|---|---|"]
    bare = statistics.median(r["wall"] for r in figures["bare WeasyPrint"])
    for name, runs in figures.items():
        if not runs:
            continue
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        rows.append(f"| {name} | {wall:.2f} | {wall / bare:.2f} | {wall / build:.2f} | {cpu:.2f} | {peak:.0f} "
                    f"| {len(runs)} |")
    if warm:
        median = statistics.median(warm)
        rows.append(f"| warm rebuild after a one-word edit (`edition watch`, in process) | {median:.2f} "
                    f"| {median / bare:.2f} | {median / build:.2f} | | | {len(warm)} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--source", type=Path, default=REPO / "source")
    parser.add_argument("--venv", help="run edition and bare WeasyPrint from this virtual environment "
                                       "('auto': make one with pip install . in bench/results/user-venv)")
    args = parser.parse_args(argv)
    source = args.source.resolve()
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    environment = "this environment (editable install, test extras)"
    if args.venv:
        venv = user_venv(results / "user-venv") if args.venv == "auto" else Path(args.venv).resolve()
        global EDITION, PYTHON
        EDITION, PYTHON = str(venv / "bin" / "edition"), str(venv / "bin" / "python")
        environment = f"`{venv}` (pip install ., no test extras)"
    with tempfile.TemporaryDirectory(prefix="edition-whole-") as tmp:
        work = Path(tmp)
        figures = whole_process(source, args.reps, work)
        warm = warm_rebuild(source, work, max(args.reps, 4))
    load = os.getloadavg()[0]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    text = (f"Whole-process times of `{source.name}/`, {stamp}, {os.cpu_count()} cores, load {load:.2f} "
            f"before the last run; edition and bare WeasyPrint from {environment}.\n\n{table(figures, warm)}\n")
    text += f"\n{anchors_note()}\n"
    print(text)
    (results / "whole.md").write_text(text, encoding="utf-8")
    (results / "whole.json").write_text(json.dumps({"when": stamp, "figures": figures, "warm": warm}, indent=1),
                                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
