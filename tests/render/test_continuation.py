"""Long notes: a note too long for its call's page starts there and continues on the following pages.

Each note's words are numbered tokens (w0001 w0002 ...), so the PDF's text shows
where every word fell: once each, in order, the first on the call's page.
"""
from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from edition.build import build_edition
from edition.diagnostics import Diagnostics, EditionError
from edition.render import continuation
from sources import EDITION_YAML

pytestmark = pytest.mark.slow  # whole documents laid out several times

TOKEN = re.compile(r"\bw\d{4}\b")
TEXT = ("The Presidium heard Cde. Gomułka’s letter and the report from Budapest, where Hegedüs had asked for "
        "troops; the discussion went on late into the night and resumed the next morning. ")


def tokens(n: int, start: int = 1) -> str:
    return " ".join(f"w{k:04d}" for k in range(start, start + n))


def document(paragraphs: list[str], notes: dict[int, str]) -> str:
    body = "".join(f"      - >-\n        {p}\n" for p in paragraphs)
    note_text = "".join(f"  - n: {n}\n    text: >-\n      {text}\n" for n, text in notes.items())
    return ("title: A Session\ndate: 1956-10-26\ncitation:\n  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob\n"
            f"body:\n  - paragraphs:\n{body}notes:\n{note_text}")


def pages(pdf) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def where(texts: list[str], pattern: str) -> list[int]:
    return [i for i, text in enumerate(texts) if re.search(pattern, text)]


def note_pages(texts: list[str], total: int) -> list[int]:
    """The page of each token of a note, checking that every token is printed once and in order."""
    found = [(i, m.group(0)) for i, text in enumerate(texts) for m in TOKEN.finditer(text)]
    assert [tok for _page, tok in found] == tokens(total).split(), "every word of the note once, in order"
    return [page for page, _tok in found]


@pytest.fixture
def build(make_edition, tmp_path):
    def run(paragraphs, notes, **edition):
        root = make_edition(document=document(paragraphs, notes), edition=EDITION_YAML + "".join(
            f"{k}: {v}\n" for k, v in edition.items()))
        return build_edition(root, tmp_path / "out", Diagnostics(), jobs=1)
    return run


@pytest.mark.parametrize("words", [900, 2000])
def test_a_long_note_starts_on_its_calls_page_and_continues_on_the_following_pages(build, words):
    result = build([TEXT * 6 + "The letter was read.[^1] " + TEXT * 4, TEXT * 12], {1: tokens(words)})
    texts = pages(result.pdf)
    call_page = where(texts, r"read\.1")[0]
    spread = note_pages(texts, words)
    assert spread[0] == call_page, "the note begins on its call's page"
    on = sorted(set(spread))
    assert on == list(range(call_page, call_page + len(on))) and len(on) >= (2 if words == 900 else 3)
    assert texts[call_page].count("w0001") == 1 and re.search(r"\b1\.?\s+w0001", texts[call_page])  # "1." (Chicago)
    for page in on[1:]:  # a continuation is unnumbered and stands first in its page's notes
        assert not re.search(r"\b1\.?\s+w\d{4}", texts[page])


def test_a_note_called_near_the_end_continues_on_pages_after_the_text(build):
    result = build([TEXT * 3 + "Last words.[^1]"], {1: tokens(2500)})
    texts = pages(result.pdf)
    spread = note_pages(texts, 2500)
    assert spread[0] == where(texts, r"words\.1")[0] and len(set(spread)) >= 3


def test_a_paragraph_with_thirty_notes_sets_each_on_its_calls_page(build):
    calls = " ".join(f"Point {k} was raised.[^{k}]" for k in range(1, 31))
    notes = {k: f"Note {k} names Cde. Gomułka and Hegedüs; " + " ".join(["it explains the point at length."] * (k % 7))
             for k in range(1, 31)}
    result = build([TEXT * 4, calls, TEXT * 4], notes)
    assert result.preflight.ok  # the preflight finds every note at the foot of its call's page
    texts = pages(result.pdf)
    for k in range(1, 31):
        call = where(texts, rf"raised\.{k}\b")
        note = where(texts, rf"(?m)^\s*{k}\.?\s+Note\s{k} names")  # "Note 1" tied
        assert call and note and call[0] == note[0], k


def test_with_no_remedy_left_the_build_fails_at_the_note_saying_what_to_do(build, monkeypatch):
    monkeypatch.setattr(continuation.Continuer, "step", lambda self, attempt, placement: None)
    with pytest.raises(EditionError) as err:
        build([TEXT * 6 + "The letter was read.[^1] " + TEXT * 4], {1: tokens(2000)})
    message = str(err.value)
    assert re.search(r"documents/x\.yaml:\d+:\d+: error: document 1 \(\"A Session\"\), note 1: ", message)
    assert "shorten the note or split it" in message and "Traceback" not in message


@pytest.mark.parametrize("words", [900, 2000])
def test_the_seed_edition_with_note_3_lengthened_builds_and_passes_preflight(tmp_path, words):
    import shutil
    from pathlib import Path
    root = tmp_path / "source"
    shutil.copytree(Path(__file__).resolve().parents[2] / "source", root)
    path = root / "documents" / "1956-10-26-presidium-session.yaml"
    text = path.read_text(encoding="utf-8")
    end = "      in Note 33 infra.\n"
    assert end in text
    path.write_text(text.replace(end, end.rstrip("\n") + " " + tokens(words) + "\n", 1), encoding="utf-8")
    result = build_edition(root, tmp_path / "out", Diagnostics())
    assert result.preflight.ok
    texts = pages(result.pdf)
    spread = note_pages(texts, words)
    call_page = where(texts, r"p\.m\.\s*3")[0]
    assert spread[0] == call_page and sorted(set(spread)) == list(range(call_page, max(spread) + 1))
