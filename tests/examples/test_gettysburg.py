"""The Gettysburg example: the base text plus the apparatus gives back every word of each of the five copies.

Each copy's text is rebuilt from the document (the Bliss copy, with every
apparatus entry read as that witness reads it) and compared, word for word,
with the copy's whole transcription in ``examples/gettysburg/transcriptions.yaml``
(sources: ``examples/gettysburg/README.md``).  Words are compared without
punctuation, hyphenation or paragraphing, which the apparatus does not record.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from edition.diagnostics import Diagnostics
from edition.model import CONTAINERS, App, Document, Inline, Text
from edition.pipeline import prepare

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gettysburg"
SIGLA = ("N", "H", "E", "Ba", "Bl")


@pytest.fixture(scope="module")
def address() -> Document:
    diags = Diagnostics()
    edition = prepare(EXAMPLE, diags)
    assert edition is not None and not diags.items, diags.format_text()
    return edition.documents[0]


@pytest.fixture(scope="module")
def transcriptions() -> dict[str, str]:
    return yaml.safe_load((EXAMPLE / "transcriptions.yaml").read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    """The words of a text: punctuation and hyphens are spaces, quotation marks nothing; case kept."""
    return re.sub(r"[.,;:!?\-\u2013\u2014]", " ", re.sub(r"[\"\u201c\u201d\u2018\u2019]", "", text)).split()


def as_read_by(siglum: str, nodes: tuple[Inline, ...]) -> str:
    """A run of the base text as the witness ``siglum`` reads it, each apparatus entry applied."""
    out = []
    for node in nodes:
        if isinstance(node, App):
            out.append(_entry_as_read_by(siglum, node))
        elif isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, CONTAINERS):
            out.append(as_read_by(siglum, node.children))
    return "".join(out)


def _entry_as_read_by(siglum: str, app: App) -> str:
    lemma = as_read_by(siglum, app.children)
    reading = next((r for r in app.readings if siglum in r.witnesses), None)
    if reading is None:
        return lemma
    return {"rdg": reading.text, "om": "", "add": f"{lemma} {reading.text}"}[reading.kind]


def witness_text(doc: Document, siglum: str) -> str:
    return " ".join(as_read_by(siglum, block.content) for section in doc.sections for block in section.blocks)


@pytest.mark.parametrize("siglum", SIGLA)
def test_every_word_of_each_copy_comes_back_from_the_base_text_and_the_apparatus(address, transcriptions, siglum):
    assert words(witness_text(address, siglum)) == words(transcriptions[siglum])


def test_the_comparison_sees_a_word_the_apparatus_lacks(address, transcriptions):
    assert words(witness_text(address, "H")) != words(transcriptions["H"].replace("carried on", "carried out"))


def test_each_entry_accounts_for_all_five_copies_once(address):
    entries = [n for s in address.sections for b in s.blocks for n in b.content if isinstance(n, App)]
    assert len(entries) == 16
    for app in entries:
        given = list(app.lemma_witnesses) + [s for r in app.readings for s in r.witnesses]
        assert sorted(given) == sorted(SIGLA), app


def test_the_five_copies_are_the_declared_witnesses(address):
    assert [w.siglum for w in address.witnesses] == list(SIGLA)
    assert all(w.citation is not None and w.citation.as_given for w in address.witnesses)
