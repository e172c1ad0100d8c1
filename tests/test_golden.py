"""A golden check of the look: a few pages of the edition as low-resolution images, compared with references.

The references live in tests/golden/.  A change that moves text shows up
here and in review; refresh them on purpose with ``make golden``, which runs
this file as a script, and look at the new images before committing them.
The refresh rewrites only the references that the test would reject: a page
within the tolerance keeps its reference, so ``make golden`` on a clean clone
leaves the tree clean.  (A reference and today's page differ by a few grey
pixels when a change moved anti-aliased edges by less than the tolerance: the
footnotes page differs by 29 pixels, none by more than 64 of 255, since note
calls were tied to the word before them, after its reference was made.)
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


# the seed edition in the other designs (and another body font): the document's first two pages
DESIGNS = {"a5": "design: a5\n", "royal": "design: royal\n",
           "dejavu": "font:\n  family: DejaVu Serif\n  fallback: [Noto Serif CJK SC]\n"}
DESIGN_PAGES = {"1": "opening", "2": "notes"}


def render_pages(pdf: Path, pages: dict | None = None, prefix: str = "") -> dict:
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    labels = PdfReader(pdf).page_labels
    document = pdfium.PdfDocument(str(pdf))
    images = {}
    for label, name in (pages or PAGES).items():
        name = prefix + name
        page = document[labels.index(label)]
        images[name] = page.render(scale=DPI / 72).to_pil().convert("L")
    document.close()
    return images


def build(out: Path, design: str = "") -> Path:
    """The seed edition built into ``out``; with ``design``, from a copy whose edition.yaml adds those lines."""
    import shutil

    from edition.build import build_edition
    from edition.diagnostics import Diagnostics
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1792800000")
    source = REPO / "source"
    if design:
        source = out / "source"
        shutil.copytree(REPO / "source", source)
        with (source / "edition.yaml").open("a", encoding="utf-8") as handle:
            handle.write(design)
    return build_edition(source, out / "output", Diagnostics()).pdf


def design_pages(out: Path) -> dict:
    """The pages of the seed edition in each of the other designs."""
    images = {}
    for name, lines in DESIGNS.items():
        (out / name).mkdir()
        images.update(render_pages(build(out / name, lines), DESIGN_PAGES, f"design-{name}-"))
    return images


def compare(image, reference) -> tuple[float, float]:
    from PIL import ImageChops, ImageStat
    if image.size != reference.size:
        return 255.0, 1.0
    diff = ImageChops.difference(image, reference)
    mean = ImageStat.Stat(diff).mean[0]
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:]) / (image.size[0] * image.size[1])
    return mean, changed


pytestmark = pytest.mark.slow


def looks_the_same(mean: float, changed: float) -> bool:
    return mean <= MEAN_TOLERANCE and changed <= PIXEL_TOLERANCE


def refresh(images: dict, golden: Path = GOLDEN) -> list[str]:
    """Write the images whose reference is missing or that the test would reject; keep the others."""
    from PIL import Image
    golden.mkdir(exist_ok=True)
    written = []
    for name, image in images.items():
        path = golden / f"{name}.png"
        if path.is_file():
            mean, changed = compare(image, Image.open(path).convert("L"))
            if looks_the_same(mean, changed):
                print(f"kept {path} (within the tolerance: mean difference {mean:.2f}, {changed:.1%} changed)")
                continue
        image.save(path, optimize=True)
        written.append(name)
        print(f"wrote {path}")
    return written


def test_refresh_keeps_references_within_the_tolerance_and_rewrites_the_others(tmp_path):
    from PIL import Image, ImageDraw
    page = Image.new("L", (40, 60), 255)
    ImageDraw.Draw(page).rectangle((5, 5, 30, 10), fill=0)
    grey_edge = page.copy()
    grey_edge.putpixel((31, 7), 200)  # an anti-aliased edge moved by a pixel
    moved = Image.new("L", (40, 60), 255)
    ImageDraw.Draw(moved).rectangle((5, 40, 30, 45), fill=0)  # the text moved
    for name in ("same", "moved"):
        page.save(tmp_path / f"{name}.png")
    before = (tmp_path / "same.png").read_bytes()
    assert refresh({"same": grey_edge, "moved": moved, "new": page}, tmp_path) == ["moved", "new"]
    assert (tmp_path / "same.png").read_bytes() == before


@pytest.fixture(scope="module")
def pages(seed_build):
    return render_pages(seed_build("screen").pdf)


@pytest.fixture(scope="module")
def other_designs(tmp_path_factory):
    return design_pages(tmp_path_factory.mktemp("designs"))


@pytest.mark.parametrize("name", sorted(PAGES.values()) + sorted(f"design-{d}-{p}" for d in DESIGNS
                                                                  for p in DESIGN_PAGES.values()))
def test_page_looks_as_the_reference(request, name, tmp_path):
    from PIL import Image
    reference_path = GOLDEN / f"{name}.png"
    assert reference_path.is_file(), f"no reference {reference_path.name}: run `make golden`"
    image = request.getfixturevalue("other_designs" if name.startswith("design-") else "pages")[name]
    mean, changed = compare(image, Image.open(reference_path).convert("L"))
    if not looks_the_same(mean, changed):
        image.save(tmp_path / f"{name}.png")
        pytest.fail(f"{name}: mean difference {mean:.2f}, {changed:.1%} of pixels changed; "
                    f"new image at {tmp_path / (name + '.png')} (refresh on purpose with `make golden`)")


if __name__ == "__main__" and "--refresh" in sys.argv:
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        refresh({**render_pages(build(Path(tmp))), **design_pages(Path(tmp))})
