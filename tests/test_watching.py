"""`edition watch`'s rebuilds: stamped with the time and the changed files, root causes first, build's options."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from edition.discovery import OutputTarget
from edition.watching import BuildJob, Watcher
from sources import DOCUMENT_YAML

MENTION = DOCUMENT_YAML.replace("Text.", "Text by [Wiesław]{person=gomulka}.")
PERSONS = {"persons": [{"id": "gomulka", "surname": "Gomułka", "forenames": "Władysław"}]}


def _watcher(root: Path, tmp_path: Path, **options) -> tuple[Watcher, io.StringIO]:
    stream = io.StringIO()
    job = BuildJob(root, OutputTarget(tmp_path / "out", "gomulka"), **options)
    return Watcher(job, stream, clock=lambda: "21:09:56"), stream


def test_a_rebuild_is_stamped_with_the_time_and_the_changed_files(make_edition, tmp_path):
    root = make_edition(document=MENTION, persons=PERSONS)
    watcher, stream = _watcher(root, tmp_path)
    assert watcher.rebuild([root / "documents" / "x.yaml", root / "persons.yaml", root / "documents" / "x.yaml"])
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[21:09:56] changed: documents/x.yaml, persons.yaml"
    assert lines[-1].startswith(f"[21:09:56] wrote {tmp_path / 'out' / 'gomulka.pdf'} (")


def test_the_broken_authority_is_printed_not_the_unknown_person_it_causes(make_edition, tmp_path):
    root = make_edition(document=MENTION, persons="persons:\n  - id: gomulka\n    surname: [Gomułka\n")
    watcher, stream = _watcher(root, tmp_path)
    assert not watcher.rebuild([root / "persons.yaml"])
    lines = stream.getvalue().splitlines()
    problems = [line for line in lines if ": error: " in line]
    assert problems[0].startswith("persons.yaml:") and "YAML syntax" in problems[0]
    assert not any("gomulka" in line for line in problems[1:])  # a knock-on of the cause: left out
    assert lines[-1] == f"[21:09:56] {len(problems)} problem(s); not written; waiting for the next change"
    assert not (tmp_path / "out").exists()


def test_strict_makes_a_warning_stop_the_rebuild(make_edition, tmp_path):
    with_warning = MENTION.replace("Text by", "Text.[^1] By") + "notes:\n  - n: 1\n    text: See Note 28 supra.\n"
    root = make_edition(document=with_warning, persons=PERSONS)
    relaxed, _ = _watcher(root, tmp_path)
    assert relaxed.rebuild()
    strict, stream = _watcher(root, tmp_path / "strict", strict=True)
    assert not strict.rebuild()
    assert "warning: note 1 refers to" in stream.getvalue()


@pytest.mark.parametrize("quiet", [True, False])
def test_quiet_prints_nothing_when_all_is_well(make_edition, tmp_path, quiet):
    root = make_edition(document=MENTION, persons=PERSONS)
    watcher, stream = _watcher(root, tmp_path, quiet=quiet)
    assert watcher.rebuild([root / "documents" / "x.yaml"])
    assert (stream.getvalue() == "") is quiet


def test_verbose_prints_the_stages_and_the_preflight(make_edition, tmp_path):
    root = make_edition(document=MENTION, persons=PERSONS)
    watcher, stream = _watcher(root, tmp_path, verbose=True)
    assert watcher.rebuild()
    text = stream.getvalue()
    assert "layout     1/1 documents" in text and "preflight: passed" in text
