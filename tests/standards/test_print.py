"""The print files (PDF/X-4): page boxes, crop marks, output intent, colour, links, page count."""
from __future__ import annotations

import pytest

from standards.pdf_print import check_boxes, check_device_colour, check_marks, check_output_intent

pytestmark = pytest.mark.slow  # whole editions built
EDITIONS = ["seed", pytest.param("volume", id="volume10")]
BLEED_MM = 3  # edition.yaml of the seed (and of the volumes generated from it)


@pytest.mark.parametrize("edition", EDITIONS)
def test_boxes_bleed_and_slug(opened, edition):
    """ISO 32000-1 14.11.2; ISO 15930-7 (page boundaries)."""
    assert check_boxes(opened(edition, "print"), BLEED_MM) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_crop_marks_outside_the_bleed_on_every_page_on_the_k_plate(opened, edition):
    """ISO 15930-7 and ISO 32000-1 14.11.2: marks in the slug, 5 mm at least, offset by the bleed, 100 % K."""
    assert check_marks(opened(edition, "print")) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_output_intent_names_a_registered_printing_condition_with_its_profile(opened, edition):
    """ISO 32000-1 14.11.5 (Table 365); ISO 15930-7 (output intent)."""
    pdf = opened(edition, "print")
    assert check_output_intent(pdf, "print") == []
    intent = pdf.Root.OutputIntents[0]
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert "characterization data" in str(intent.Info) and "ArgyllCMS" in str(intent.Info)


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_device_rgb_no_annotations_and_an_even_page_count(opened, edition):
    """ISO 15930-7 (colour: a CMYK output intent admits no DeviceRGB; no annotations on the printed page)."""
    pdf = opened(edition, "print")
    assert check_device_colour(pdf) == []
    assert not any("/Annots" in page.obj for page in pdf.pages)
    assert len(pdf.pages) % 2 == 0
