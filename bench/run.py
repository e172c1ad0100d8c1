"""The benchmark: synthetic editions of 1, 10 and 100 documents, built and measured.

    python bench/run.py [--sizes 1,10,100] [--reps 3] [--reps-large 2] [--workdir DIR]

(``make bench`` runs it with the defaults.)  For each size it generates the
edition (``bench/generate.py``), then measures, each in a fresh process
(``bench/measure.py``) so that peak memory is the build's own:

- the whole build (``build_edition``, screen profile): wall time, pages,
  pages per second, peak RSS, CPU time over wall time (above 1.3 means more
  than one core worked), layout passes of the text and relaxed paragraphs,
  preflight failures, time per stage;
- bare WeasyPrint: ``HTML(filename=<the build's edition.html>).write_pdf()``,
  alternating with the builds (build, bare, bare, build, ...) so that drift of
  a noisy machine falls on both alike; the ratio of the medians;
- ``edition check``: ``prepare()`` in process (start-up excluded) and the CLI's
  wall time (start-up included);
- watch rebuilds: ``build_edition`` of the one-document edition called again
  in the same process with the same ``Renderer`` and cache (as ``edition
  watch`` does), with nothing changed and after a word of the text changed.

Prints a table with each figure against its target (PASS/FAIL) and writes
``bench/results/latest.json`` and ``bench/results/latest.md``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
MEASURE = HERE / "measure.py"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

TARGETS = {
    "overhead": 0.10,          # build over bare WeasyPrint, at most +10%
    "per_page_growth": 0.10,   # time per page at 100 documents within 10% of that at 10
    "peak_mb": 600,            # peak memory of the 100-document build
    "cores": 1.3,              # CPU time / wall time of the 100-document build above this: both cores work
    "check_in_process": 0.5,   # "well under a second": half a second, start-up excluded
    "check_cli": 1.0,          # the command, start-up included
    "watch": 0.5,              # edition watch: a rebuild of the one-document edition after an edit
}

_T0 = time.perf_counter()
LOADS: list[float] = []  # the 1-minute load average after each measurement: others' work on a shared machine


def say(message: str) -> None:
    print(f"[{time.perf_counter() - _T0:6.0f} s] {message}", flush=True)


# ---------------------------------------------------------------- running measurements

def measure(mode: str, *args: str) -> dict:
    """Run ``bench/measure.py`` in a fresh process; its last stdout line is the JSON result."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1792800000")
    proc = subprocess.run([sys.executable, str(MEASURE), mode, *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO)
    lines = proc.stdout.strip().splitlines()
    LOADS.append(os.getloadavg()[0])
    if proc.returncode != 0 or not lines:
        tail = "\n".join(proc.stderr.strip().splitlines()[-8:])
        return {"mode": mode, "error": f"exit {proc.returncode}: {tail}"}
    result = json.loads(lines[-1])
    result["load_after"] = LOADS[-1]
    return result


def cli_check(source: Path, runs: int = 3) -> dict:
    exe = Path(sys.executable).with_name("edition")
    command = [str(exe)] if exe.is_file() else [sys.executable, "-m", "edition"]
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([*command, "check", str(source)], capture_output=True, text=True, cwd=REPO)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return {"median": statistics.median(times), "times": times, "exit": code}


def summarize_failures(failures: list[str]) -> dict:
    rules = Counter(f.split(":", 1)[0] for f in failures)
    return {"count": len(failures), "by_rule": dict(rules), "examples": failures[:3]}


def run_size(n: int, edition: Path, out: Path, reps: int) -> dict:
    builds, bares = [], []
    for rep in range(reps):
        order = ("build", "bare") if rep % 2 == 0 else ("bare", "build")
        for what in order:
            if what == "build":
                say(f"{n:>3} documents: build {len(builds) + 1}/{reps} ...")
                r = measure("build", edition, out)
                if "preflight_failures" in r:
                    r["preflight_failures"] = summarize_failures(r["preflight_failures"])
                builds.append(r)
                say(f"{n:>3} documents: build {len(builds)}/{reps}: "
                    + (f"{r['wall']:.1f} s, {r['pages']} pages, {r['maxrss_mb']:.0f} MB" if "wall" in r
                       else r["error"]))
            else:
                html = out / "edition.html"  # written by the first build (each rep starts or ends with one)
                if not html.is_file():
                    bares.append({"mode": "bare", "error": f"no {html}: the build failed"})
                    continue
                say(f"{n:>3} documents: bare WeasyPrint {len(bares) + 1}/{reps} ...")
                r = measure("bare", html)
                bares.append(r)
                say(f"{n:>3} documents: bare WeasyPrint {len(bares)}/{reps}: "
                    + (f"{r['wall']:.1f} s, {r['pages']} pages, {r['maxrss_mb']:.0f} MB" if "wall" in r
                       else r["error"]))
    say(f"{n:>3} documents: edition check ...")
    check = measure("check", edition)
    check["cli"] = cli_check(edition)
    return {"documents": n, "builds": builds, "bares": bares, "check": check}


# ---------------------------------------------------------------- figures

def _median(runs: list[dict], key: str):
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else None


def _median_run(runs: list[dict]) -> dict | None:
    ok = sorted((r for r in runs if "wall" in r), key=lambda r: r["wall"])
    return ok[(len(ok) - 1) // 2] if ok else None


def figures(size: dict) -> dict:
    builds, bares = size["builds"], size["bares"]
    wall, bare = _median(builds, "wall"), _median(bares, "wall")
    typical = _median_run(builds) or {}
    pages = typical.get("pages")
    cpu = _median([{"r": r["cpu"] / r["wall"]} for r in builds if "wall" in r], "r")
    return {
        "documents": size["documents"], "pages": pages, "bare_pages": _median(bares, "pages"),
        "build_s": wall, "bare_s": bare, "ratio": wall / bare if wall and bare else None,
        "build_runs": [round(r["wall"], 2) for r in builds if "wall" in r],
        "bare_runs": [round(r["wall"], 2) for r in bares if "wall" in r],
        "pages_per_s": pages / wall if pages and wall else None,
        "s_per_page": wall / pages if pages and wall else None,
        "peak_mb": max((r.get("all_processes_peak_mb") or r["maxrss_mb"] for r in builds if "maxrss_mb" in r),
                       default=None),
        "main_peak_mb": max((r["maxrss_mb"] for r in builds if "maxrss_mb" in r), default=None),
        "bare_peak_mb": max((r.get("all_processes_peak_mb") or r["maxrss_mb"] for r in bares if "maxrss_mb" in r),
                            default=None),
        "cpu_over_wall": cpu,
        "body_passes": typical.get("body_passes"), "relaxed": typical.get("relaxed_paragraphs"),
        "preflight_failures": (typical.get("preflight_failures") or {}).get("count", 0),
        "preflight_by_rule": (typical.get("preflight_failures") or {}).get("by_rule", {}),
        "check_s": size["check"].get("first"), "check_best_s": size["check"].get("best"),
        "check_cli_s": size["check"].get("cli", {}).get("median"),
        "check_errors": size["check"].get("errors"),
        "stages": typical.get("stages", {}), "progress_stages": typical.get("progress_stages", {}),
        "gc_s": (typical.get("gc") or {}).get("seconds"),
        "errors": [r["error"] for r in builds + bares if "error" in r] + (
            [size["check"]["error"]] if "error" in size["check"] else []),
    }


def verdicts(by_size: dict[int, dict], warm: dict) -> list[tuple[str, str, str, str]]:
    rows = []

    def verdict(ok) -> str:
        return "n/a" if ok is None else ("PASS" if ok else "FAIL")

    for n, f in sorted(by_size.items()):
        r = f["ratio"]
        rows.append((f"build overhead over bare WeasyPrint, {n} doc(s)",
                     f"{(r - 1) * 100:+.0f}% ({f['build_s']:.1f} s / {f['bare_s']:.1f} s)" if r else "error",
                     f"<= +{TARGETS['overhead'] * 100:.0f}%", verdict(r <= 1 + TARGETS["overhead"] if r else None)))
    f10, f100 = by_size.get(10), by_size.get(100)
    if f10 and f100 and f10["s_per_page"] and f100["s_per_page"]:
        growth = f100["s_per_page"] / f10["s_per_page"] - 1
        rows.append(("time per page, 100 docs vs 10 docs",
                     f"{growth * 100:+.0f}% ({f100['s_per_page'] * 1000:.0f} vs {f10['s_per_page'] * 1000:.0f} ms)",
                     f"<= +{TARGETS['per_page_growth'] * 100:.0f}%", verdict(growth <= TARGETS["per_page_growth"])))
    else:
        rows.append(("time per page, 100 docs vs 10 docs", "not measured", "<= +10%", "n/a"))
    if f100 and f100["peak_mb"]:
        peak = f"{f100['peak_mb']:.0f} MB" + (f" (bare WeasyPrint {f100['bare_peak_mb']:.0f} MB)"
                                              if f100["bare_peak_mb"] else "")
        rows.append(("peak memory, 100 docs", peak, f"<= {TARGETS['peak_mb']} MB",
                     verdict(f100["peak_mb"] <= TARGETS["peak_mb"])))
        rows.append(("both cores used, 100 docs (CPU time / wall time)", f"{f100['cpu_over_wall']:.2f}",
                     f"> {TARGETS['cores']}", verdict(f100["cpu_over_wall"] > TARGETS["cores"])))
    else:
        rows.append(("peak memory, 100 docs", "not measured", f"<= {TARGETS['peak_mb']} MB", "n/a"))
        rows.append(("both cores used, 100 docs (CPU time / wall time)", "not measured", f"> {TARGETS['cores']}",
                     "n/a"))
    big = by_size[max(by_size)]
    n = max(by_size)
    if big["check_s"] is not None:
        rows.append((f"edition check, {n} docs, in process (prepare, first call)", f"{big['check_s']:.2f} s",
                     f"< {TARGETS['check_in_process']} s", verdict(big["check_s"] < TARGETS["check_in_process"])))
    if big["check_cli_s"] is not None:
        rows.append((f"edition check, {n} docs, command (start-up included)", f"{big['check_cli_s']:.2f} s",
                     f"< {TARGETS['check_cli']} s", verdict(big["check_cli_s"] < TARGETS["check_cli"])))
    if "edited" in warm:
        rows.append(("watch rebuild, 1 doc, after a word of its text changed", f"{warm['edited']:.2f} s "
                     f"(runs {', '.join(f'{t:.2f}' for t in warm['edited_runs'])})", f"< {TARGETS['watch']} s",
                     verdict(warm["edited"] < TARGETS["watch"])))
    if "second" in warm:
        cold = by_size.get(1, {}).get("build_s")
        note = f" (first {warm['first']:.2f} s" + (f"; cold process {cold:.2f} s)" if cold else ")")
        rows.append(("watch rebuild, 1 doc, nothing changed", f"{warm['second']:.2f} s{note}",
                     "(no target)", "info"))
    for n, f in sorted(by_size.items()):
        if f["preflight_failures"]:
            rules = ", ".join(f"{k} {v}" for k, v in sorted(f["preflight_by_rule"].items()))
            rows.append((f"preflight of the {n}-doc build", f"{f['preflight_failures']} failure(s): {rules}",
                         "0 (else nothing is written)", "FAIL"))
    return rows


# ---------------------------------------------------------------- report

def machine() -> dict:
    try:
        from importlib.metadata import version
        weasy = version("weasyprint")
    except Exception:  # noqa: BLE001 - the report says "unknown"
        weasy = "unknown"
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {"nproc": usable, "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "weasyprint": weasy, "platform": platform.platform(), "processor": _cpu_model(),
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load_start": os.getloadavg()[0], "tree": _tree()}


def _tree() -> str:
    """The commit measured, and whether the package had uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO,
                              timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "edition", "styles"], capture_output=True,
                               text=True, cwd=REPO, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}{' + uncommitted changes in ' + str(len(dirty.splitlines())) + ' file(s)' if dirty else ''}"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _fmt(value, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


def table(m: dict, by_size: dict[int, dict], rows, warm: dict, total_s: float) -> str:
    load = (f"load average {m['load_start']:.2f} at start, {statistics.median(LOADS):.2f} median and "
            f"{max(LOADS):.2f} max after measurements" if LOADS else f"load average {m['load_start']:.2f} at start")
    out = [f"edition benchmark, {m['date']}: nproc {m['nproc']}, Python {m['python']}, WeasyPrint {m['weasyprint']}, "
           f"{m['processor']}; {m['platform']}; commit {m.get('tree', 'unknown')}; run took {total_s / 60:.1f} min; "
           f"{load}", ""]
    head = ("docs", "pages", "build s", "bare s", "build/bare", "pages/s", "ms/page", "peak MB", "bare MB",
            "cpu/wall", "passes", "relaxed", "check s", "check CLI s")
    body = []
    for n, f in sorted(by_size.items()):
        body.append((str(n), _fmt(f["pages"], "d"), _fmt(f["build_s"], ".2f"), _fmt(f["bare_s"], ".2f"),
                     _fmt(f["ratio"], ".2f"), _fmt(f["pages_per_s"], ".2f"),
                     _fmt(f["s_per_page"] and f["s_per_page"] * 1000, ".0f"), _fmt(f["peak_mb"], ".0f"),
                     _fmt(f["bare_peak_mb"], ".0f"), _fmt(f["cpu_over_wall"], ".2f"), _fmt(f["body_passes"], "d"),
                     _fmt(f["relaxed"], "d"), _fmt(f["check_s"], ".3f"), _fmt(f["check_cli_s"], ".2f")))
    out += _aligned(head, body)
    reps = ", ".join(f"{n}: build {f['build_runs']} bare {f['bare_runs']}" for n, f in sorted(by_size.items()))
    out += ["", f"runs (s): {reps}", ""]
    out += _aligned(("figure", "measured", "target", "result"), rows)
    n = max(by_size)
    stages = by_size[n]["stages"]
    if stages:
        wall = by_size[n]["build_s"]
        out += ["", f"where the time goes, {n} doc(s) (the median build; nested stages are indented):"]
        out += _aligned(("stage", "s", "% of build", "calls", "peak MB after"),
                        [(("  " if _nested(k) else "") + k, f"{v['seconds']:.2f}",
                          f"{v['seconds'] / wall * 100:.0f}%" if wall else "-", str(v["calls"]),
                          str(v.get("peak_mb_after", "-"))) for k, v in _stage_order(stages)])
        if by_size[n]["gc_s"] is not None and wall:
            out.append(f"Python's garbage collector ran {by_size[n]['gc_s']:.1f} s of that build "
                       f"({by_size[n]['gc_s'] / wall * 100:.0f}%), spread over the stages.")
    errors = [e for f in by_size.values() for e in f["errors"]] + ([warm["error"]] if "error" in warm else [])
    if errors:
        out += ["", "errors:"] + [f"  {e}" for e in errors]
    return "\n".join(out) + "\n"


STAGE_ORDER = ("load", "body_layout", "html_body", "assemble_add[body_layout]", "weasyprint_render[body_layout]",
               "index_entries", "html_index", "html_front", "index_front_workers", "weasyprint_render",
               "assemble_add", "assemble_finish", "preflight", "write_files")


def _nested(name: str) -> bool:
    return name.startswith("preflight.") or name in ("html_body", "weasyprint_render[body_layout]",
                                                     "assemble_add[body_layout]")


def _stage_order(stages: dict):
    known = [(k, stages[k]) for k in STAGE_ORDER if k in stages]
    rest = sorted((k, v) for k, v in stages.items() if k not in STAGE_ORDER)
    # preflight's own rules right after preflight
    out = []
    for k, v in known:
        out.append((k, v))
        if k == "preflight":
            out += [(rk, rv) for rk, rv in rest if rk.startswith("preflight.")]
    return out + [(rk, rv) for rk, rv in rest if not rk.startswith("preflight.")]


def _aligned(head, rows) -> list[str]:
    rows = [tuple(map(str, r)) for r in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h)) for i, h in enumerate(head)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark the build on synthetic editions.")
    p.add_argument("--sizes", default="1,10,100", help="numbers of documents, comma-separated (default 1,10,100)")
    p.add_argument("--reps", type=int, default=3, help="builds and bare renders per size up to 10 documents")
    p.add_argument("--reps-large", type=int, default=2, help="builds and bare renders per size above 10 documents")
    p.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    p.add_argument("--workdir", type=Path, default=RESULTS / "work", help="where the editions and PDFs go")
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--from-json", type=Path, metavar="LATEST_JSON",
                   help="measure nothing: print the report of an earlier run from its latest.json")
    args = p.parse_args(argv)
    if args.from_json:
        return reprint(args.from_json)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    info = machine()
    say(f"machine: nproc {info['nproc']}, Python {info['python']}, WeasyPrint {info['weasyprint']}")

    editions = {}
    for n in sizes:
        editions[n] = generate.generate(n, args.workdir / f"edition-{n}", seed=args.seed)
        problems = generate.validate(editions[n])
        if problems:
            print("\n".join(problems), file=sys.stderr)
            say(f"the generated {n}-document edition does not pass edition check; stopping")
            return 1
    say(f"generated editions of {', '.join(map(str, sizes))} document(s) in {args.workdir}")

    raw = {}
    for n in sizes:
        raw[n] = run_size(n, editions[n], args.workdir / f"output-{n}", args.reps if n <= 10 else args.reps_large)
    smallest = min(sizes)
    say(f"warm rebuild of the {smallest}-document edition ...")
    warm = measure("warm", editions[smallest], args.workdir / f"output-{smallest}-warm")
    if "error" not in warm:
        say(f"warm rebuild: first {warm['first']:.2f} s, second {warm['second']:.2f} s")

    by_size = {n: figures(raw[n]) for n in sizes}
    rows = verdicts(by_size, warm)
    total = time.perf_counter() - _T0
    text = table(info, by_size, rows, warm, total)
    print()
    print(text, end="")
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.md").write_text(text, encoding="utf-8")
    (args.results / "latest.json").write_text(json.dumps({
        "machine": info, "targets": TARGETS, "seed": args.seed, "sizes": sizes, "seconds": total,
        "figures": {str(n): f for n, f in by_size.items()}, "verdicts": rows, "warm": warm, "loads": LOADS,
        "raw": {str(n): r for n, r in raw.items()}}, indent=1), encoding="utf-8")
    say(f"wrote {args.results / 'latest.md'} and {args.results / 'latest.json'}")
    return 0


def reprint(path: Path) -> int:
    saved = json.loads(path.read_text(encoding="utf-8"))
    LOADS[:] = saved.get("loads", [])
    by_size = {int(n): figures(r) for n, r in saved["raw"].items()}
    print(table(saved["machine"], by_size, verdicts(by_size, saved["warm"]), saved["warm"], saved["seconds"]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
