"""Every fixture (and the seed): imported, the document loads without errors, keeps every word, reads as meant."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition.importer.emit import escape_markup
from edition.model import plain_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES.parent / "corpus"  # the stored archive pages: the same checks hold for them
NAMES = sorted(p.name for p in FIXTURES.glob("*.txt")) + sorted(f"../corpus/{p.name}" for p in CORPUS.glob("*.txt"))
WARNING = re.compile(r"^[^:]+\.txt:\d+:\d+: warning: \S.*$")
_CURLY = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def test_there_is_a_fixture_for_each_irregularity():
    assert len(NAMES) >= 12


@pytest.mark.parametrize("name", NAMES)
def test_the_document_loads_without_errors(load, name):
    loaded = load(name, persons=True)
    assert loaded.check_errors == []
    assert loaded.doc.sections and loaded.doc.sections[0].blocks


@pytest.mark.parametrize("name", NAMES)
def test_every_word_of_the_input_is_kept(load, name):
    loaded = load(name, persons=True)
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert not loaded.lost_words(text), loaded.imported.yaml


def test_every_word_of_the_seed_is_kept(load, seed_text):
    loaded = load(seed_text, persons=True, name="seed.txt")
    assert loaded.check_errors == []
    assert not loaded.lost_words(seed_text)


@pytest.mark.parametrize("name", NAMES)
def test_warnings_name_the_input_line_and_column(load, name):
    for line in load(name).warnings:
        assert WARNING.match(line), line
        assert line.startswith(name + ":")


@pytest.mark.parametrize("name", NAMES)
def test_the_loaded_text_reads_exactly_as_imported(load, name):
    """Escaping survives the markup parser: each loaded field is the imported text (quotes aside)."""
    loaded = load(name)
    draft, doc = loaded.imported.draft, loaded.doc

    def same(parsed, meant: str) -> None:
        got = "".join(plain_text(parsed).translate(_CURLY).split())
        meant = meant.replace("--", "–")  # the markup's typography: "--" prints as an en dash (README)
        assert got == "".join(meant.translate(_CURLY).split()), (got, meant)

    same(doc.title, draft.title)
    for parsed, meant in zip(doc.summary, draft.summary):
        same(parsed.content, meant)
    blocks = doc.sections[0].blocks
    assert len(blocks) == len(draft.body)
    for block, paragraph in zip(blocks, draft.body):
        same(block.content, "".join(s.text for s in paragraph.segments if s.kind != "call"))
    assert [n.number for n in doc.notes] == sorted(n.number for n in draft.notes)
    for note in draft.notes:
        same(next(n for n in doc.notes if n.number == note.number).content, note.text)


@pytest.mark.parametrize("name", NAMES)
def test_long_texts_are_folded_block_scalars(load, name):
    """Readable YAML: long texts folded over lines (``>-``), never one long quoted line."""
    yaml_text = load(name).imported.yaml
    for line in yaml_text.split("\nunparsed:")[0].splitlines():  # unparsed keeps the input's lines as they are
        words = line.split()
        unbreakable = max((len(w) for w in words), default=0) > 40  # a URL: YAML cannot fold inside it
        assert len(line) <= 120 or len(words) <= 3 or unbreakable, f"a long text on one line: {line[:80]}"
    assert ">-\n" in yaml_text


def test_escape_markup_escapes_the_markup_characters():
    assert escape_markup(r"[KB] {x} *a* _b_ c\d `e`") == r"\[KB\] \{x\} \*a\* \_b\_ c\\d \`e\`"
