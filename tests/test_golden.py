"""A golden check of the look: a few pages of the edition as low-resolution images, compared with references.

The references live in tests/golden/.  A change that moves text shows up
here and in review; refresh them on purpose with ``make golden``, which runs
this file as a script, and look at the new images before committing them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
DPI = 40
# page label -> reference name: title page, a document's first page, a page of several notes, the index
PAGES = {"iii": "title-page", "1": "document-opening", "2": "footnotes", "5": "index"}
MEAN_TOLERANCE = 1.5       # mean absolute difference per channel, 0-255
PIXEL_TOLERANCE = 0.01     # share of pixels differing by more than 64


def render_pages(pdf: Path) -> dict:
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    labels = PdfReader(pdf).page_labels
    document = pdfium.PdfDocument(str(pdf))
    images = {}
    for label, name in PAGES.items():
        page = document[labels.index(label)]
        images[name] = page.render(scale=DPI / 72).to_pil().convert("L")
    document.close()
    return images


def build(out: Path) -> Path:
    from edition.build import build_edition
    from edition.diagnostics import Diagnostics
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1792800000")
    return build_edition(REPO / "source", out, Diagnostics()).pdf


def compare(image, reference) -> tuple[float, float]:
    from PIL import ImageChops, ImageStat
    if image.size != reference.size:
        return 255.0, 1.0
    diff = ImageChops.difference(image, reference)
    mean = ImageStat.Stat(diff).mean[0]
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:]) / (image.size[0] * image.size[1])
    return mean, changed


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(seed_build):
    return render_pages(seed_build("screen").pdf)


@pytest.mark.parametrize("name", sorted(PAGES.values()))
def test_page_looks_as_the_reference(pages, name, tmp_path):
    from PIL import Image
    reference_path = GOLDEN / f"{name}.png"
    assert reference_path.is_file(), f"no reference {reference_path.name}: run `make golden`"
    image = pages[name]
    mean, changed = compare(image, Image.open(reference_path).convert("L"))
    if mean > MEAN_TOLERANCE or changed > PIXEL_TOLERANCE:
        image.save(tmp_path / f"{name}.png")
        pytest.fail(f"{name}: mean difference {mean:.2f}, {changed:.1%} of pixels changed; "
                    f"new image at {tmp_path / (name + '.png')} (refresh on purpose with `make golden`)")


if __name__ == "__main__" and "--refresh" in sys.argv:
    import tempfile
    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, image in render_pages(build(Path(tmp))).items():
            image.save(GOLDEN / f"{name}.png", optimize=True)
            print(f"wrote {GOLDEN / (name + '.png')}")
