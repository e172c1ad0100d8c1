"""Laying out documents one by one or in worker processes: same parts, right folios, failures reported."""
from __future__ import annotations

import os

import pytest

from edition.diagnostics import Diagnostic, EditionError, SourcePos
from edition.render.documents import WorkerFailed, lay_out_documents

pytestmark = pytest.mark.slow  # whole editions built (or worker processes started)

PAGES = [3, 4, 1, 6, 2]  # each document's page count before padding


def _lay_out(i, first_folio):
    return {"doc": i, "pages": PAGES[i] + PAGES[i] % 2, "laid_out_with": first_folio, "pid": os.getpid()}


def _write(laid_out, first_folio):
    return {**laid_out, "first_folio": first_folio}


def _pages_of(laid_out):
    return laid_out["pages"]


def _run(jobs, lay_out=_lay_out, needs_folio=lambda i: False, first_folio=1):
    return lay_out_documents(len(PAGES), lay_out, _write, _pages_of, needs_folio, jobs=jobs, first_folio=first_folio)


def test_folios_continue_from_document_to_document_and_every_document_opens_on_a_recto():
    parts = _run(jobs=1)
    assert [p["first_folio"] for p in parts] == [1, 5, 9, 11, 17]
    assert all(p["first_folio"] % 2 == 1 for p in parts)


def test_workers_give_the_same_parts_in_document_order():
    one = _run(jobs=1)
    two = _run(jobs=2)
    strip = [{k: v for k, v in p.items() if k != "pid"} for p in one]
    assert [{k: v for k, v in p.items() if k != "pid"} for p in two] == strip


def test_workers_are_other_processes_and_share_the_documents():
    parts = _run(jobs=2)
    pids = {p["pid"] for p in parts}
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_a_document_that_prints_page_numbers_is_laid_out_knowing_its_first_folio():
    needs = {1, 3}
    for jobs in (1, 2):
        parts = _run(jobs, needs_folio=lambda i: i in needs, first_folio=7)
        assert [p["laid_out_with"] for p in parts] == [None, 11, None, 17, None]
        assert [p["first_folio"] for p in parts] == [7, 11, 15, 17, 23]


def _lay_out_failing(i, first_folio):
    if i == 3:
        raise EditionError([Diagnostic(SourcePos("doc-4.yaml", 2, 5), "error", "note 3 fell on p. 9", "layout-note")])
    return _lay_out(i, first_folio)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_layout_error_in_any_document_stops_the_build_with_its_diagnostics(jobs):
    with pytest.raises(EditionError) as caught:
        _run(jobs, lay_out=_lay_out_failing)
    [diagnostic] = caught.value.diagnostics
    assert str(diagnostic).startswith("doc-4.yaml:2:5: error: note 3 fell on p. 9")


def _lay_out_crashing(i, first_folio):
    if i == 2:
        raise ValueError("a bug")
    return _lay_out(i, first_folio)


def test_an_unexpected_error_in_a_worker_names_the_document_and_carries_the_traceback():
    with pytest.raises(WorkerFailed, match=r"document 3 failed in a worker:(.|\n)*ValueError: a bug"):
        _run(2, lay_out=_lay_out_crashing)


def _lay_out_dying(i, first_folio):
    if i == 1:
        os._exit(3)
    return _lay_out(i, first_folio)


def test_a_worker_that_dies_fails_the_build():
    with pytest.raises(WorkerFailed, match="stopped unexpectedly"):
        _run(2, lay_out=_lay_out_dying)


def test_a_pending_result_is_made_in_another_process():
    from edition.render.documents import Pending
    pending = Pending(lambda: os.getpid())
    assert pending.result() != os.getpid()
    assert pending.result() == pending.result()  # kept once received


def test_a_pending_error_is_raised_with_its_diagnostics_and_a_crash_as_worker_failed():
    from edition.render.documents import Pending
    diagnostic = Diagnostic(SourcePos("x.yaml", 1, 1), "error", "Hegedüs: no such person", "reference")

    def failing():
        raise EditionError([diagnostic])

    with pytest.raises(EditionError) as caught:
        Pending(failing).result()
    assert caught.value.diagnostics == [diagnostic]
    with pytest.raises(WorkerFailed, match="ZeroDivisionError"):
        Pending(lambda: 1 / 0, number=3).result()


def test_a_pending_result_no_longer_wanted_is_stopped():
    import time

    from edition.render.documents import Pending
    pending = Pending(lambda: time.sleep(60))
    pending.close()
    assert not pending.process.is_alive()


def test_stages_are_taken_by_tag_whatever_their_order_and_the_worker_takes_more_work():
    from edition.render.documents import Stages

    def worker(receive):
        yield "facts", ("Gomułka", os.getpid())
        yield "pdf", "%PDF Hegedüs".encode()
        while (asked := receive()) is not None:
            yield asked, asked.upper()

    stages = Stages(worker)
    name, pid = stages.take("facts")
    assert name == "Gomułka" and pid != os.getpid()
    pdf = stages.waiting("pdf")
    stages.send("front")
    assert stages.take("front") == "FRONT"  # read past the PDF, which is kept
    assert pdf.result() == "%PDF Hegedüs".encode() and pdf.result() == "%PDF Hegedüs".encode()
    stages.send("index")
    later = stages.waiting("index")
    stages.finish()  # what it still sends is kept
    assert later.result() == "INDEX" and not stages.process.is_alive()


def test_a_stage_that_fails_raises_its_diagnostics_or_names_the_crash():
    from edition.render.documents import Stages
    diagnostic = Diagnostic(SourcePos("x.yaml", 3, 1), "error", "note 2 fell on p. 3", "layout-note")

    def failing(receive):
        yield "facts", 1
        raise EditionError([diagnostic])

    stages = Stages(failing)
    assert stages.take("facts") == 1
    with pytest.raises(EditionError) as caught:
        stages.waiting("pdf").result()
    assert caught.value.diagnostics == [diagnostic]

    def crashing(receive):
        raise KeyError("刘少奇")
        yield  # a generator

    with pytest.raises(WorkerFailed, match="KeyError"):
        Stages(crashing).take("facts")
    ended = Stages(lambda receive: iter([("facts", 1)]))
    ended.finish()
    with pytest.raises(WorkerFailed, match="without sending pdf"):
        ended.take("pdf")


def test_stages_no_longer_wanted_are_stopped():
    import time

    from edition.render.documents import Stages

    def slow(receive):
        time.sleep(60)
        yield "facts", None

    stages = Stages(slow)
    stages.close()
    assert not stages.process.is_alive()
