"""Any script and any volume: Chinese, Cyrillic and Arabic set in the design's fallback fonts, and the
opening page of every document of a volume laid out in one piece without a running head."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from edition.build import build_edition
from edition.diagnostics import Diagnostics
from edition.pipeline import prepare
from sources import EDITION_YAML

pytestmark = pytest.mark.slow

CABLE = """\
title: Cable from the Chinese Embassy in Budapest to the 外交部
date: 1956-10-30
citation:
  as_given: PRC FMA 109-01040-01, 1-3
body:
  - paragraphs:
      - Liu Shaoqi (刘少奇) reported to the 外交部 that the situation was grave.[^1] Хрущёв and Gomułka agreed.
      - The cable quotes a heading in Arabic, العربية, as received.
notes:
  - n: 1
    text: The cable reached the 外交部 on 31 October; Liu Shaoqi annotated it “刘少奇阅”.
"""
PERSONS = {"persons": [{"id": "liu-shaoqi", "surname": "Liu", "forenames": "Shaoqi", "name_order": "surname-first",
                        "variants": ["刘少奇"]}]}


def _texts(pdf) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def test_chinese_cyrillic_and_arabic_build_with_their_glyphs_embedded(make_edition, tmp_path):
    root = make_edition(document=CABLE, persons=PERSONS)
    diags = Diagnostics()
    prepare(root, diags)
    assert diags.items == []  # every character is in a font of the design's chain: no warning
    result = build_edition(root, tmp_path / "out", Diagnostics())
    assert result.preflight.ok
    fonts = {str(f.get_object()["/BaseFont"]) for page in PdfReader(result.pdf).pages
             for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("Noto-Serif-CJK-SC" in f for f in fonts) and any("Noto-Naskh-Arabic" in f for f in fonts)
    text = "".join(_texts(result.pdf))
    for word in ("刘少奇", "外交部", "Хрущёв", "Gomułka"):
        assert word in text, word


def _volume_document(k: int, other: int) -> str:
    return (f"title: Session {k}\nshort_title: Session {k}\ndate: 1956-10-{20 + k}\ncitation:\n"
            f"  as_given: TsKhSD, F. 3, Op. 12, D. {1000 + k}, Ll. 1-2\nbody:\n  - paragraphs:\n"
            + "".join(f"      - Paragraph {p} of session {k}, long enough to fill some of the page with words "
                      f"about the situation in Hungary and Poland that the Presidium discussed at length.\n"
                      for p in range(1, 25))
            + f"      - See []{{ref=\"doc:d{other}\"}}.\n")


def test_each_document_of_a_volume_laid_out_whole_opens_without_a_running_head(make_edition, tmp_path):
    root = make_edition(documents={"d1.yaml": _volume_document(1, 2), "d2.yaml": _volume_document(2, 1)},
                        edition=EDITION_YAML)
    result = build_edition(root, tmp_path / "out", Diagnostics())
    texts = _texts(result.pdf)
    reader = PdfReader(result.pdf)
    labels = reader.page_labels
    for k in (1, 2):
        opening = reader.get_destination_page_number(reader.named_destinations[f"d{k}"])  # the document's title
        last = [line for line in texts[opening].splitlines() if line.strip()][-1].strip()
        assert last == labels[opening], (k, last)  # a drop folio alone: no running head
        following = [line for line in texts[opening + 1].splitlines() if line.strip()][-1]
        assert following.strip() != labels[opening + 1]  # the next page has its running head beside the folio
