"""Progress: a line per stage and every N documents without a terminal, a bar counting documents on one."""
from __future__ import annotations

import io

import pytest

from edition.progress import Progress, document_done


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _lay_out(progress: Progress, clock: Clock, total: int, seconds_each: float = 0.1, pages: int = 4) -> None:
    with progress.stage("layout"):
        for i in range(total):
            clock.now += seconds_each
            document_done(i, total, pages)


def test_without_a_terminal_a_line_every_ten_documents_and_at_the_last():
    stream, clock = io.StringIO(), Clock()
    _lay_out(Progress("auto", stream, clock=clock), clock, 25)
    lines = stream.getvalue().splitlines()
    assert [line.split()[1] for line in lines[:-1]] == ["10/25", "20/25", "25/25"]
    assert lines[0] == "layout     10/25 documents, 40 pages, 1.0 s"
    assert lines[-1] == "layout       2.50 s"


def test_without_a_terminal_a_slow_document_is_reported_after_ten_seconds():
    stream, clock = io.StringIO(), Clock()
    _lay_out(Progress("auto", stream, clock=clock), clock, 4, seconds_each=6.0)
    assert [line.split()[1] for line in stream.getvalue().splitlines()[:-1]] == ["2/4", "4/4"]


def test_each_stage_gets_a_line_with_its_time():
    stream, clock = io.StringIO(), Clock()
    progress = Progress("verbose", stream, clock=clock)
    for name in ("load", "check"):
        with progress.stage(name):
            clock.now += 0.25
    assert stream.getvalue() == "load         0.25 s\ncheck        0.25 s\n"
    assert progress.summary() == "load 0.25 s · check 0.25 s · total 0.50 s"


def test_on_a_terminal_the_bar_counts_documents_and_pages_then_stages_again():
    stream, clock = Terminal(), Clock()
    progress = Progress("auto", stream, clock=clock)
    with progress.stage("layout"):
        for i in range(3):
            document_done(i, 3, 5)
            if i == 1:
                assert (progress._bar.n, progress._bar.total, progress._bar.unit) == (2, 3, "documents")
    assert "3/3 documents, 15 pages" in stream.getvalue()
    assert (progress._bar.n, progress._bar.total, progress._bar.unit) == (1, 6, "stages")
    progress.close()
    assert "layout" not in stream.getvalue().splitlines()[-1]  # no stage lines on a terminal


@pytest.mark.parametrize("mode, terminal", [("quiet", True), ("quiet", False), ("bar", False)])
def test_quiet_and_bar_without_a_terminal_print_nothing(mode, terminal):
    stream, clock = (Terminal() if terminal else io.StringIO()), Clock()
    _lay_out(Progress(mode, stream, clock=clock), clock, 12)
    assert stream.getvalue() == ""


def test_a_document_done_outside_any_stage_is_ignored():
    stream = io.StringIO()
    Progress("verbose", stream)
    document_done(0, 1, 3)
    assert stream.getvalue() == ""


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="not one of"):
        Progress("loud")


def test_a_build_reports_each_document_as_it_is_laid_out(make_edition, tmp_path):
    from edition.build import build_edition
    from edition.diagnostics import Diagnostics
    from sources import DOCUMENT_YAML
    documents = {f"d{k}.yaml": DOCUMENT_YAML.replace("A Session", f"Session {k}").replace("26", f"2{k}")
                 for k in range(1, 4)}
    root = make_edition(documents=documents)
    stream = io.StringIO()
    build_edition(root, tmp_path / "out", Diagnostics(), progress=Progress("verbose", stream, every_documents=1),
                  jobs=1)
    counts = [line.split()[1] for line in stream.getvalue().splitlines() if "documents," in line]
    assert counts == ["1/3", "2/3", "3/3"]
