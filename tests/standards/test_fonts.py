"""Fonts of the finished files: subset names and font programs (read with pikepdf and fontTools)."""
from __future__ import annotations

import pytest

from standards.pdf_fonts import check_font_programs, check_subset_tags

pytestmark = pytest.mark.slow  # whole editions built
FILES = [(edition, profile) for edition in ("seed", "volume") for profile in ("screen", "print")]


@pytest.mark.parametrize("edition,profile", FILES)
def test_a_subset_tag_names_one_program(opened, edition, profile):
    """ISO 32000-1 9.6.4: six capital letters, "+", the PostScript name; one tag for one subset."""
    assert check_subset_tags(opened(edition, profile)) == []


@pytest.mark.parametrize("edition,profile", FILES)
def test_every_font_is_embedded_with_the_glyphs_widths_and_unicode_values_it_shows(opened, edition, profile):
    """ISO 19005-2 6.2.11.4.1, 6.2.11.5, 6.2.11.7.2; ISO 14289-1 7.21.4.1, 7.21.5, 7.21.7."""
    assert check_font_programs(opened(edition, profile)) == []
