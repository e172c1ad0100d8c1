"""Hostile inputs: each case runs the command line (``edition.cli.main``) on a tiny edition and is bounded.

``run(*argv)`` runs in this process, capturing standard error, and bounds the
CPU time; ``run_isolated(*argv)`` runs in a child process under RLIMIT_CPU and
RLIMIT_AS and bounds the child's CPU time and peak memory (for the cases that
once ran without bound).  Both fail a case that prints a traceback, and check
that ``edition check``'s count equals the errors it printed.  The folder is
written by ``make_edition`` (tests/conftest.py), which makes it the working
directory, so messages name ``documents/x.yaml`` as a user would see it.
"""
from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from edition.cli import main

REPO = Path(__file__).resolve().parents[2]
IN_PROCESS_CPU_S = 3.0
# the child writes its peak resident memory (VmHWM: its own, not the forked test process's) where it is told
RUNNER = """import atexit, os, re, sys
def _peak():
    with open("/proc/self/status") as status, open(os.environ["EDITION_TEST_PEAK"], "w") as out:
        out.write(re.search(r"VmHWM:\\s*(\\d+) kB", status.read())[1])
atexit.register(_peak)
from edition.cli import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass
class Outcome:
    code: int
    err: str
    cpu_s: float
    peak_mb: float | None = None  # of the child process, when isolated

    @property
    def problems(self) -> list[str]:
        """The ``path:line:col: severity: message`` lines, as printed."""
        return [line for line in self.err.splitlines() if re.match(r"[^:\s]+:\d+:\d+: (error|warning): ", line)]


def _checked(outcome: Outcome, argv: tuple[str, ...], cpu_bound: float) -> Outcome:
    assert "Traceback" not in outcome.err and "Error:" not in outcome.err.replace("error:", ""), outcome.err
    assert outcome.cpu_s < cpu_bound, f"{argv}: {outcome.cpu_s:.2f} s of CPU (bound {cpu_bound} s)"
    summary = re.search(r"edition check: (\d+) error\(s\), (\d+) warning\(s\)", outcome.err)
    if summary:  # the count is the number of problems printed
        printed = [line.split(": ")[1] for line in outcome.problems]
        assert (int(summary[1]), int(summary[2])) == (printed.count("error"), printed.count("warning")), outcome.err
    return outcome


@pytest.fixture
def run(capsys):
    """``run("check", ".")`` -> Outcome, in this process, within IN_PROCESS_CPU_S of CPU."""

    def call(*argv: str, cpu_bound: float = IN_PROCESS_CPU_S) -> Outcome:
        capsys.readouterr()
        started = time.process_time()
        try:
            code = main(list(argv))
        except BaseException:  # noqa: BLE001 - a traceback is the failure this suite looks for
            pytest.fail(f"{argv} raised:\n{traceback.format_exc()}")
        outcome = Outcome(code, capsys.readouterr().err, time.process_time() - started)
        return _checked(outcome, argv, cpu_bound)

    return call


@pytest.fixture
def run_isolated():
    """``run_isolated("check", ".", cpu_bound=5, memory_mb=200)`` -> Outcome from a child process.

    The child may use at most ``2 * cpu_bound`` seconds of CPU (RLIMIT_CPU), 1.5 GB of address space
    (RLIMIT_AS) and ``4 * cpu_bound + 10`` seconds in all (SIGALRM), so that a case without bound ends; the case then asserts that it used less than
    ``cpu_bound`` seconds and ``memory_mb`` of resident memory.  ``prelude`` runs first (to stub a loop)."""

    def call(*argv: str, cpu_bound: float = 5.0, memory_mb: float = 250.0, prelude: str = "") -> Outcome:
        def limits() -> None:
            resource.setrlimit(resource.RLIMIT_CPU, (int(2 * cpu_bound) + 1, int(2 * cpu_bound) + 2))
            resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
            signal.alarm(int(4 * cpu_bound) + 10)  # a child that waits (on a pipe, say) ends too

        with tempfile.TemporaryDirectory() as tmp:
            peak = Path(tmp, "peak")
            env = {**os.environ, "PYTHONPATH": str(REPO), "EDITION_TEST_PEAK": str(peak)}
            with open(Path(tmp, "err"), "w+b") as err:
                proc = subprocess.Popen([sys.executable, "-c", prelude + RUNNER, *argv], stdin=subprocess.DEVNULL,
                                        stdout=err, stderr=err, preexec_fn=limits, env=env)
                _pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
                err.seek(0)
                text = err.read().decode("utf-8", errors="replace")
            peak_mb = int(peak.read_text()) / 1024 if peak.exists() else float("inf")  # none: it was killed
        outcome = Outcome(proc.returncode, text, usage.ru_utime + usage.ru_stime, peak_mb)
        _checked(outcome, argv, cpu_bound)
        assert outcome.peak_mb < memory_mb, f"{argv}: {outcome.peak_mb:.0f} MB (bound {memory_mb} MB)"
        return outcome

    return call
