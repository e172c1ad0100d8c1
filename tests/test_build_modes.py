"""Build modes: stage progress, incremental builds, watch mode."""
from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from edition.build import build_edition
from edition.cli import main
from edition.diagnostics import Diagnostics
from sources import DOCUMENT_YAML

pytestmark = pytest.mark.slow  # whole editions built (or worker processes started)

DOC = DOCUMENT_YAML.replace("Text.", "Text.[^1]") + "notes:\n  - n: 1\n    text: A note.\n"


def test_verbose_prints_each_stage_and_quiet_prints_nothing(make_edition, tmp_path, capsys):
    root = make_edition(document=DOC)
    assert main(["build", str(root), "-o", str(tmp_path / "v"), "-v"]) == 0
    err = capsys.readouterr().err
    for stage in ("load", "check", "layout", "index", "write", "preflight"):
        assert any(line.startswith(stage) and line.endswith(" s") for line in err.splitlines()), stage
    assert "preflight: passed" in err and "wrote " in err
    assert main(["build", str(root), "-o", str(tmp_path / "q"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_not_a_terminal_gets_a_line_per_stage_and_a_closing_line(make_edition, tmp_path, capsys):
    root = make_edition(document=DOC)
    assert main(["build", str(root), "-o", str(tmp_path / "o")]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert [line.split()[0] for line in lines if line.endswith(" s") and "documents" not in line] == [
        "load", "check", "layout", "index", "write", "preflight"]
    assert lines[-1].startswith("wrote ") and "layout" in lines[-1]


def test_nothing_changed_nothing_rebuilt_and_a_change_rebuilds_like_a_full_build(make_edition, tmp_path, capsys):
    root = make_edition(document=DOC)
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out)]) == 0
    pdf = out / "a-volume.pdf"  # named after the title, "A Volume"
    first = pdf.stat().st_mtime_ns
    capsys.readouterr()
    assert main(["build", str(root), "-o", str(out)]) == 0
    assert "is up to date" in capsys.readouterr().err
    assert pdf.stat().st_mtime_ns == first
    (root / "documents" / "x.yaml").write_text(DOC.replace("Text.", "Changed text."))
    assert main(["build", str(root), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    full = build_edition(root, tmp_path / "full", Diagnostics())
    assert pdf.read_bytes() == full.pdf.read_bytes()
    pdf.write_bytes(b"tampered")  # an output changed by hand is rebuilt
    assert main(["build", str(root), "-o", str(out)]) == 0
    assert pdf.read_bytes() == full.pdf.read_bytes()


class _Lines:
    """Lines of a process's stderr, read by a thread (a pipe's buffer hides lines from select)."""

    def __init__(self, stream):
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.queue.put(line) for line in stream], daemon=True).start()

    def until(self, needle: str, seconds: float = 60) -> str:
        seen, deadline = "", time.monotonic() + seconds
        while needle not in seen and time.monotonic() < deadline:
            try:
                seen += self.queue.get(timeout=0.5)
            except queue.Empty:
                pass
        return seen


def test_watch_rebuilds_on_change_and_survives_errors(make_edition, tmp_path):
    root = make_edition(document=DOC)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.Popen([sys.executable, "-m", "edition", "watch", str(root), "-o", str(out)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    lines = _Lines(proc.stderr)
    try:
        assert "watching" in lines.until("watching")
        # the watcher starts a moment after it says so: write until it reacts (a few tries at most)
        broken = DOC.replace("[^1]", "[^2]")  # an error is reported, and watching goes on
        seen = ""
        for attempt in range(6):
            (root / "documents" / "x.yaml").write_text(broken + f"# {attempt}\n")
            seen = lines.until("waiting", 5)
            if "waiting" in seen:
                break
        assert "not written; waiting" in seen
        (root / "documents" / "x.yaml").write_text(DOC.replace("Text.", "Edited."))
        assert "wrote" in lines.until("wrote")
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


def _volume(make_edition, count=3):
    return make_edition(documents={f"d{k}.yaml": _volume_text(k) for k in range(1, count + 1)})


def test_each_document_is_laid_out_alone_and_a_warm_build_lays_out_only_what_changed(make_edition, tmp_path):
    from edition.render.layout import Renderer
    from edition.styles import find_styles
    root = _volume(make_edition)
    renderer = Renderer(find_styles(root), root)
    renderer.layout_cache = {}
    laid_out = []
    original = renderer.render_keeping_context

    def counting(html):
        laid_out.append(html)
        return original(html)
    renderer.render_keeping_context = counting
    first = build_edition(root, tmp_path / "a", Diagnostics(), renderer=renderer)
    body_renders = [h for h in laid_out if 'class="part part-body"' in h]
    assert len(body_renders) == 3  # one layout per document
    assert first.preflight.ok and first.body_pages >= 5

    laid_out.clear()
    (root / "documents" / "d3.yaml").write_text(_volume_text(3, changed=3))
    second = build_edition(root, tmp_path / "b", Diagnostics(), renderer=renderer)
    body_renders = [h for h in laid_out if 'class="part part-body"' in h]
    assert len(body_renders) == 1 and "Changed text." in body_renders[0]  # only the changed document
    full = build_edition(root, tmp_path / "c", Diagnostics())  # a cold, full build of the same source
    assert second.pdf.read_bytes() == full.pdf.read_bytes()


@pytest.mark.parametrize("profile", ["screen", "print"])
@pytest.mark.parametrize("count", [4, 1])  # four: a worker per document; one: laid out beside the build
def test_documents_laid_out_in_worker_processes_give_the_same_bytes_as_one_process(make_edition, tmp_path, profile,
                                                                                   count):
    root = _volume(make_edition, count=count)
    alone = build_edition(root, tmp_path / "one", Diagnostics(), profile=profile, jobs=1)
    workers = build_edition(root, tmp_path / "two", Diagnostics(), profile=profile, jobs=2)
    assert alone.preflight.ok and workers.preflight.ok
    assert alone.pdf.read_bytes() == workers.pdf.read_bytes()
    assert alone.html.read_bytes() == workers.html.read_bytes()


def _volume_text(k, changed=None):
    text = DOC.replace("A Session", f"Session {k}").replace("1956-10-26", f"1956-10-{10 + k}")
    return text.replace("Text.", ("Changed text. " if k == changed else "") + "Text. " * (40 * k))


def test_documents_laid_out_alone_open_on_rectos_with_continuous_folios(make_edition, tmp_path):
    from pypdf import PdfReader

    from edition.build import prepare_layout
    root = _volume(make_edition, count=4)
    body, _renderer, _styles = prepare_layout(root, Diagnostics())
    openings = [body.folio(doc.id) for doc in body.edition.documents]
    assert all(folio % 2 == 1 for folio in openings), openings
    assert openings == sorted(openings) and len(set(openings)) == 4
    result = build_edition(root, tmp_path / "out", Diagnostics())
    assert result.preflight.ok  # includes: every printed folio equals its page label
    labels = PdfReader(result.pdf).page_labels
    assert labels[result.front_pages:result.front_pages + result.body_pages] == [
        str(n) for n in range(1, result.body_pages + 1)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_note_layout_cannot_keep_on_its_page_fails_the_build_at_the_note_from_any_worker(make_edition, tmp_path,
                                                                                          capsys, jobs, monkeypatch):
    from edition.render import continuation
    monkeypatch.setattr(continuation.Continuer, "step", lambda self, attempt, placement: None)  # no remedy left
    documents = {f"d{k}.yaml": _volume_text(k) for k in range(1, 4)}
    documents["d2.yaml"] = documents["d2.yaml"].replace("text: A note.", "text: " + "A very long note. " * 900)
    root = make_edition(documents=documents)
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "-q", "--jobs", jobs]) == 1
    err = capsys.readouterr().err
    assert re.search(r'documents/d2\.yaml:\d+:\d+: error: document 2 \("Session 2"\), note 1: ', err), err
    assert "Traceback" not in err and not list(out.glob("*.pdf"))


def test_parts_that_cannot_be_joined_fail_the_build_with_a_message_and_write_nothing(make_edition, tmp_path,
                                                                                     capsys, monkeypatch):
    from edition.render import assemble
    root = make_edition(document=DOC)

    def refuse(self, order, meta, labels):
        raise assemble.AssemblyError("named destination 'x' is in part 0 and in part 1")
    monkeypatch.setattr(assemble.Assembler, "finish", refuse)
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "error: the parts of the PDF cannot be joined: named destination 'x' is in part 0 and in part 1" in err
    assert "Traceback" not in err and not out.exists()


def test_the_plans_an_earlier_build_found_save_layouts_and_change_no_byte(tmp_path):
    import json
    import shutil
    root = tmp_path / "source"
    shutil.copytree(Path(__file__).resolve().parents[1] / "source", root)
    # the seed with a long note 3: its document needs a plan (relaxed paragraphs, the note split)
    document = root / "documents" / "1956-10-26-presidium-session.yaml"
    longer = " ".join(["Gomułka's position was weighed against Hegedüs's in Budapest and in Warsaw."] * 70)
    document.write_text(document.read_text(encoding="utf-8").replace("in Note 33 infra.", f"in Note 33 infra. {longer}"),
                        encoding="utf-8")
    cold = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    plans = tmp_path / "out" / ".edition.plans.json"
    (key, plan), = json.loads(plans.read_text()).items()
    assert plan["relaxed"] and plan["splits"] and cold.layout_passes > 1
    warm = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    assert warm.pdf.read_bytes() == cold.pdf.read_bytes() and warm.layout_passes == 1
    unplaced = dict(plan, relaxed=[], splits={}, continuations=[], calls={})
    plans.write_text(json.dumps({key: unplaced}))  # a plan that does not place the notes ...
    again = build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    assert again.pdf.read_bytes() == cold.pdf.read_bytes()  # ... is found anew, as a first build would
    plans.write_text("{not json")
    assert build_edition(root, tmp_path / "out", Diagnostics(), jobs=1).pdf.read_bytes() == cold.pdf.read_bytes()


def test_a_source_with_errors_stops_the_worker_laying_out_its_text_and_reports_the_check(make_edition, tmp_path,
                                                                                          capsys):
    import multiprocessing
    broken = DOC.replace("Text.[^1]", "Text by [Hegedüs]{person=hegedus}.[^1]")  # no such person
    root = make_edition(document=broken)
    out = tmp_path / "out"
    assert main(["build", str(root), "-o", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert "hegedus" in err and "nothing written" in err and "Traceback" not in err
    assert not out.exists() or not list(out.glob("*.pdf"))
    assert multiprocessing.active_children() == []  # the worker was stopped and reaped


def test_the_build_loads_no_pdf_reader_before_its_text_is_being_laid_out(make_edition, tmp_path):
    """The readers (pypdf, pdfium) are loaded beside the layout, by this process, not before it starts."""
    import subprocess
    import sys
    root = make_edition(document=DOC)
    probe = (
        "import sys\n"
        "from edition.render import body\n"
        "start = body.start_body\n"
        "def spy(*a, **k):\n"
        "    print('loaded:', sorted(m for m in ('pypdf', 'pypdfium2') if m in sys.modules), flush=True)\n"
        "    return start(*a, **k)\n"
        "body.start_body = spy\n"
        "import edition.build\n"
        "edition.build.start_body = spy\n"
        "from edition.cli import main\n"
        f"sys.exit(main(['build', {str(root)!r}, '-o', {str(tmp_path / 'out')!r}, '-q', '--jobs', '2']))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "loaded: []" in done.stdout
