"""Print pages: boxes with a slug, and crop marks outside the bleed."""
from __future__ import annotations

import re

from edition.render.marks import MARK_GAP_MM, MARK_MM, PT_PER_MM, SLUG_MM, boxes_with_slug, crop_marks

TRIM = [0.0, 0.0, 432.0, 648.0]
BLEED = [-8.5, -8.5, 440.5, 656.5]


def test_the_media_box_is_the_bleed_box_and_a_slug():
    boxes = boxes_with_slug(BLEED, TRIM)
    assert boxes["/TrimBox"] == TRIM and boxes["/BleedBox"] == BLEED
    assert [round(b - m, 2) for b, m in zip(BLEED[:2], boxes["/MediaBox"][:2])] == [round(SLUG_MM * PT_PER_MM, 2)] * 2


def test_eight_marks_on_the_trim_lines_outside_the_bleed_within_the_slug_on_the_k_plate():
    content = crop_marks(TRIM, BLEED).decode()
    assert content.startswith("Q q ") and " 0 0 0 1 K " in content and content.endswith(" S Q")
    lines = [tuple(map(float, m)) for m in re.findall(r"(\S+) (\S+) m (\S+) (\S+) l", content)]
    assert len(lines) == 8
    for x0, y0, x1, y1 in lines:
        assert abs(abs(x1 - x0) + abs(y1 - y0) - MARK_MM * PT_PER_MM) < 0.01  # horizontal or vertical, 6 mm
        horizontal = y0 == y1
        near = min(abs(x0 - 216), abs(x1 - 216)) - 216 if horizontal else min(abs(y0 - 324), abs(y1 - 324)) - 324
        assert abs(near - (8.5 + MARK_GAP_MM * PT_PER_MM)) < 0.01  # starts beyond the bleed
        assert (y0 in (0.0, 648.0)) if horizontal else (x0 in (0.0, 432.0))  # on a trim line
