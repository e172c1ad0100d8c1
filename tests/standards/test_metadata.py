"""Metadata of the finished files: XMP identification, ids, dates; the file identifier; PDF/A's intent."""
from __future__ import annotations

import pytest

from standards.pdf_metadata import check_identifier, check_xmp
from standards.pdf_print import check_output_intent

pytestmark = pytest.mark.slow  # whole editions built
FILES = [(edition, profile) for edition in ("seed", "volume") for profile in ("screen", "print")]


@pytest.mark.parametrize("edition,profile", FILES)
def test_the_xmp_identifies_the_standards_and_agrees_with_the_info_dictionary(opened, edition, profile):
    """ISO 19005-2 6.6.2.3, 6.6.4; ISO 14289-1 5, 7.1; ISO 15930-7 (metadata); ISO 32000-1 14.3.2, 14.3.3."""
    assert check_xmp(opened(edition, profile), profile) == []


@pytest.mark.parametrize("edition,profile", FILES)
def test_the_file_has_an_identifier(opened, edition, profile):
    """ISO 19005-2 6.1.3; ISO 32000-1 14.4."""
    assert check_identifier(opened(edition, profile)) == []


@pytest.mark.parametrize("edition", ["seed", "volume"])
def test_the_archival_file_has_one_pdfa_output_intent(opened, edition):
    """ISO 19005-2 6.2.3; ISO 32000-1 14.11.5."""
    assert check_output_intent(opened(edition, "screen"), "screen") == []
