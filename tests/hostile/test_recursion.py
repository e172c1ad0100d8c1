"""Inline markup nested past the limit: a positioned error in check, build and watch, never a RecursionError."""
from __future__ import annotations

from sources import DOCUMENT_YAML, X

from edition.limits import MAX_INLINE_NESTING

TOO_DEEP = (f"{X}:7:106: error: emphasis and bracketed spans are nested more than {MAX_INLINE_NESTING} deep here "
            "(the limit): close some of them")


def nested(depth: int) -> str:
    """A document whose paragraph (line 7, opening quote at column 9) nests emphasis ``depth`` deep."""
    return DOCUMENT_YAML.replace("      - Text.", "      - '" + "*a " * depth + "x" + " b*" * depth + "'")


def test_emphasis_nested_1000_deep_is_an_error_in_check(make_edition, run_isolated):
    make_edition(document=nested(1000))
    outcome = run_isolated("check", ".", cpu_bound=5)
    assert (outcome.code, outcome.problems) == (1, [TOO_DEEP])


def test_emphasis_nested_500_deep_is_an_error_in_build_and_nothing_is_written(make_edition, run_isolated):
    root = make_edition(document=nested(500))
    outcome = run_isolated("build", ".", "-o", "out", cpu_bound=15, memory_mb=400)
    assert (outcome.code, outcome.problems) == (1, [TOO_DEEP])
    assert not (root / "out" / "edition.pdf").exists()


def test_emphasis_nested_500_deep_is_reported_by_watch_which_goes_on(make_edition, run_isolated):
    make_edition(document=nested(500))
    stub = "import watchfiles\nwatchfiles.watch = lambda *args, **kwargs: iter(())  # one build, then no change\n"
    outcome = run_isolated("watch", ".", "-o", "out", cpu_bound=15, memory_mb=400, prelude=stub)
    assert outcome.code == 0  # watch reports, then waits for the next change
    assert outcome.problems == [TOO_DEEP]
    assert "not written; waiting for the next change" in outcome.err


def test_spans_inside_emphasis_count_toward_the_limit(make_edition, run):
    spans = "[" * 18 + "x" + "]{.supplied}" * 18  # markdown-it itself nests spans at most 20 deep
    make_edition(document=DOCUMENT_YAML.replace("      - Text.", "      - '" + "*a " * 20 + spans + " b*" * 20 + "'"))
    outcome = run("check", ".")
    assert outcome.code == 1
    assert [p.split(": ", 1)[1] for p in outcome.problems] == [TOO_DEEP.split(": ", 1)[1]]
    assert outcome.problems[0].startswith(f"{X}:7:{9 + 1 + 3 * 20 + (MAX_INLINE_NESTING - 20)}:")


def test_nesting_at_the_limit_is_accepted(make_edition, run):
    make_edition(document=nested(MAX_INLINE_NESTING))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (0, [])
