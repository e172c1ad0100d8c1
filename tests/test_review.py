"""edition check reports the "# REVIEW:" comments an import left, each at its line."""
from __future__ import annotations

from edition.diagnostics import Diagnostics
from edition.review import report_review_comments


def test_each_review_comment_is_a_warning_at_its_line_with_its_continuation():
    text = ("title: Gomułka\n# REVIEW: the short title (for running heads)\n#         is a guess\nshort_title: G\n"
            "body:\n  - paragraphs:\n      # REVIEW: line 21: marker (8) has no note: kept as text\n"
            "      - 'A text with # REVIEW: inside is text'\n")
    diags = Diagnostics()
    report_review_comments(text, "doc.yaml", diags)
    assert [str(d) for d in diags.sorted()] == [
        "doc.yaml:2:1: warning: left for review by the import: the short title (for running heads) is a guess",
        "doc.yaml:7:7: warning: left for review by the import: line 21: marker (8) has no note: kept as text"]

