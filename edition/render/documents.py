"""Documents laid out one by one, on every core: documents in, one written PDF part per document out.

Takes a count of documents and two functions, ``lay_out(i, first_folio)`` (the
document laid out, its notes placed, not yet written) and ``write(laid_out,
first_folio)`` (its running heads and folios made with the real numbers, its notes
verified, its PDF written); returns what ``write`` returns, in document order.

Every document opens on a recto and ends on a verso (a blank page pads it to an
even count), so where a document starts changes its folios and nothing else.  So
each document is laid out with folios from 1, and only its margin boxes are made
again once the page counts of the documents before it are known.  A document that
prints page numbers in its text (a cross-reference "p. 41") is laid out only once
its first folio is known (``needs_folio(i)``).

With ``jobs`` above 1, worker processes (forked, so they share the loaded edition,
the fonts and WeasyPrint's imports) take the documents in order: each lays one out,
reports its page count, waits for its first folio, writes it and sends the part
back.  The parent hands out the documents and the folios.  Both ways run the same
functions in the same order for each document, so they give the same bytes.

Smaller helpers for one job beside the build: ``Pending`` (a function's result
made in a forked process), ``Stages`` (a generator's values, sent as they come:
the text's layout facts, then its PDF) and ``side_by_side`` (several at once).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from contextlib import contextmanager
from multiprocessing.connection import wait
from typing import Any, Callable, TypeVar

from .. import adapter
from ..diagnostics import EditionError

Part = TypeVar("Part")


@contextmanager
def fewer_collections():
    """A layout allocates millions of small objects that live until the PDF is written; collecting them
    again and again cost a quarter to a third of a large build.  Collect less often while building,
    then restore the process's settings."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lay_out_documents(count: int, lay_out: Callable, write: Callable[..., Part], pages_of: Callable[[Any], int],
                      needs_folio: Callable[[int], bool], jobs: int = 1, first_folio: int = 1,
                      deliver: Callable[[int, Part], Part] | None = None) -> list[Part]:
    """Every document laid out and written; ``pages_of(laid_out)`` is the document's padded page count.

    ``deliver(i, part)``, when given, receives each part as soon as it and those before it are
    written, in document order, and returns what to keep of it (so a caller can take the PDF away)."""
    deliver = deliver or (lambda _i, part: part)
    if jobs <= 1 or count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _one_by_one(count, lay_out, write, pages_of, needs_folio, first_folio, deliver)
    return _in_workers(count, lay_out, write, pages_of, needs_folio, min(jobs, count), first_folio, deliver)


def _one_by_one(count, lay_out, write, pages_of, needs_folio, first_folio, deliver):
    parts, folio = [], first_folio
    for i in range(count):
        laid_out = lay_out(i, folio if needs_folio(i) else None)
        pages = pages_of(laid_out)
        part = write(laid_out, folio)
        del laid_out
        parts.append(deliver(i, part))
        folio += pages
    return parts


class WorkerFailed(RuntimeError):
    pass


def _in_workers(count, lay_out, write, pages_of, needs_folio, jobs, first_folio, deliver):
    context = multiprocessing.get_context("fork")
    workers = []
    for _ in range(jobs):
        here, there = context.Pipe()
        process = context.Process(target=_work, args=(there, lay_out, write, pages_of, needs_folio), daemon=True)
        process.start()
        there.close()
        workers.append((here, process))
    holder = {}  # document -> the worker's connection
    pages: list[int | None] = [None] * count
    firsts = [first_folio]  # first folio of documents 0 .. len(firsts) - 1
    told: set[int] = set()
    parts: list = [None] * count
    received = delivered = 0
    following = iter(range(count))

    def hand_out(conn) -> None:
        i = next(following, None)
        conn.send(i)
        if i is not None:
            holder[i] = conn
            tell_folios()

    def tell_folios() -> None:
        while len(firsts) < count and pages[len(firsts) - 1] is not None:
            firsts.append(firsts[-1] + pages[len(firsts) - 1])
        for i, conn in holder.items():
            if i < len(firsts) and i not in told:
                told.add(i)
                conn.send(("folio", firsts[i]))

    try:
        for conn, _process in workers:
            hand_out(conn)
        while received < count:
            for conn in wait([conn for conn, _ in workers if conn in holder.values()]):
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    raise WorkerFailed("a layout worker stopped unexpectedly") from None
                kind, i, payload = message
                if kind == "pages":
                    pages[i] = payload
                    tell_folios()
                elif kind == "part":
                    parts[i] = payload
                    received += 1
                    del holder[i]
                    hand_out(conn)
                    while delivered < count and parts[delivered] is not None:
                        parts[delivered] = deliver(delivered, parts[delivered])
                        delivered += 1
                elif kind == "error":
                    raise EditionError(payload)
                else:
                    raise WorkerFailed(f"layout of document {i + 1} failed in a worker:\n{payload}")
    except BrokenPipeError:
        raise WorkerFailed("a layout worker stopped unexpectedly") from None
    finally:
        for conn, process in workers:
            if process.is_alive() and received < count:
                process.terminate()
            process.join()
            conn.close()
    return parts


def _work(conn, lay_out, write, pages_of, needs_folio) -> None:
    """A worker's loop: a document's index in, ("pages", i, n) then ("part", i, part) out."""
    kept = adapter.font_folders()
    while (i := conn.recv()) is not None:

        def one_document(i=i):
            folio = _folio(conn) if needs_folio(i) else None
            laid_out = lay_out(i, folio)
            conn.send(("pages", i, pages_of(laid_out)))
            return write(laid_out, folio if folio is not None else _folio(conn))
        kind, payload = _outcome(one_document)
        conn.send(("part" if kind == "ok" else kind, i, payload))
        gc.collect()  # the document's boxes are cyclic garbage; the parent's objects are frozen, not walked
    leave_worker(conn, kept)


def _outcome(function) -> tuple[str, object]:
    """("ok", result), ("error", diagnostics) or ("crash", traceback): what a worker sends its parent."""
    try:
        return "ok", function()
    except EditionError as error:
        return "error", list(error.diagnostics)
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        return "crash", traceback.format_exc()


def _folio(conn) -> int:
    kind, first = conn.recv()
    assert kind == "folio"
    return first


class Pending:
    """A function's result being made in a forked process of its own (its memory goes when it ends): a
    ``Stages`` of one value.  ``result()`` waits for it and raises what the function raised.  The result
    must pickle."""

    def __init__(self, function: Callable[[], Any], number: int = 1):
        def one(_receive: Callable[[], Any]):
            yield "result", function()

        self.stages = Stages(one, f"layout job {number}")
        self.taken, self.value = False, None

    def result(self) -> Any:
        if not self.taken:
            self.value, self.taken = self.stages.take("result"), True
            self.stages.finish()
        return self.value

    @property
    def process(self):
        return self.stages.process

    def close(self) -> None:
        """Stop the worker if it still runs (its result no longer wanted) and reap it."""
        self.stages.close()


class Stages:
    """A generator run in a forked process of its own, talking with this one.  It yields (tag, value) pairs,
    each sent here as it comes; ``take(tag)`` waits for the value of that tag (keeping any that come
    before it) and raises what the generator raised.  The generator is given ``receive``, which waits for
    what this process ``send``s it (None: nothing more).  The values must pickle."""

    def __init__(self, generator: Callable[[Callable[[], Any]], Any], name: str = "layout"):
        context = multiprocessing.get_context("fork")
        self.name = name  # what the worker does, for a message
        self.conn, there = context.Pipe()
        self.process = context.Process(target=_run_stages, args=(there, generator), daemon=True)
        self.process.start()
        there.close()
        self.values: dict[str, Any] = {}
        self.done = False

    def take(self, tag: str) -> Any:
        while tag not in self.values:
            if self.done:
                raise WorkerFailed(f"a layout worker ended without sending {tag}")
            try:
                kind, payload = self.conn.recv()
            except (EOFError, OSError):
                kind, payload = "stopped", None
            if kind == "ok":
                self.values[payload[0]] = payload[1]
                continue
            self.close()
            if kind == "error":
                raise EditionError(payload)
            if kind == "crash":
                raise WorkerFailed(f"{self.name} failed in a worker:\n{payload}")
            raise WorkerFailed("a layout worker stopped unexpectedly")
        return self.values.pop(tag)

    def send(self, value: Any) -> None:
        self.conn.send(value)

    def waiting(self, tag: str) -> "Waiting":
        """The value of ``tag``, taken like a ``Pending``'s result (``result()``)."""
        return Waiting(self, tag)

    def finish(self) -> None:
        """Tell the worker there is nothing more to do, keep what it still sends (a value not yet taken can
        be), and reap it."""
        if not self.done:
            try:
                self.conn.send(None)
            except OSError:
                pass
            while True:
                try:
                    kind, payload = self.conn.recv()
                except (EOFError, OSError):
                    break
                if kind == "ok":
                    self.values[payload[0]] = payload[1]
        self.done = True
        self.process.join()
        self.conn.close()

    def close(self) -> None:
        """Stop the worker if it still runs (its values no longer wanted) and reap it."""
        if self.process.is_alive() and not self.done:
            self.process.terminate()
        self.process.join()
        self.conn.close()


class Waiting:
    """A value a ``Stages`` worker will send, taken like a ``Pending``'s result."""

    def __init__(self, stages: Stages, tag: str):
        self.stages, self.tag, self.value, self.taken = stages, tag, None, False

    def result(self) -> Any:
        if not self.taken:
            self.value, self.taken = self.stages.take(self.tag), True
        return self.value

    def close(self) -> None:
        self.stages.close()


def _run_stages(conn, generator) -> None:
    kept = adapter.font_folders()
    try:
        for value in generator(conn.recv):
            conn.send(("ok", value))
    except EditionError as error:
        conn.send(("error", list(error.diagnostics)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        conn.send(("crash", traceback.format_exc()))
    leave_worker(conn, kept)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def side_by_side(functions: list[Callable[[], Part]], jobs: int,
                 meanwhile: Callable[[], object] | None = None) -> list[Part]:
    """Each function's result; with ``jobs`` above 1, each runs in a forked process of its own (its memory
    goes when it ends) and they run at the same time, while this process calls ``meanwhile`` (if given;
    else it is called after them).  Their results must pickle."""
    if jobs <= 1 or len(functions) <= 1 or not can_fork():
        results = [function() for function in functions]
        if meanwhile is not None:
            meanwhile()
        return results
    running = [Pending(function, number) for number, function in enumerate(functions, 1)]
    try:
        if meanwhile is not None:
            meanwhile()
        return [pending.result() for pending in running]
    finally:
        for pending in running:
            pending.close()


def leave_worker(conn, kept: dict[int, object]) -> None:
    """A forked worker's end: the folders of fonts it made removed (``kept``: those it had when it started,
    its parent's), and out without running the parent's exit handlers or flushing its buffers."""
    conn.close()
    adapter.release_fonts(kept)
    os._exit(0)
