"""Helpers for the importer's tests: fixtures' texts, importing them, loading the result as an edition, words.

Word conservation is checked on the loaded edition: the words of every field
(inline markup parsed, note calls counted by their numbers, note numbers,
the ``unparsed`` field's text) must include every word of the input, each
as often as the input has it.  The layout's labels ("Citation:", ...) are
structure, not words, and are left out of the input's count.
"""
from __future__ import annotations

import os

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from edition.diagnostics import Diagnostics
from edition.importer import Imported, import_text
from edition.model import NoteCall, plain_text, walk_inlines
from edition.pipeline import prepare
from edition.reader import _read_persons

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
REPO = HERE.parents[1]
SEED = REPO / ".." / "shared" / "seeds" / "000_97dc423e5a65572e.txt"

EDITION_YAML = "title: A Volume\neditors: [An Editor]\npublisher: A Press\nplace: Somewhere\nyear: 2026\nlanguage: en\n"
_LABELS = re.compile(r"^[ \t]*(?:\*\*)?(?:Citation|(?:Document )?Summary|Original [Ll]anguage|Contents?|Title|Date)"
                     r"(?:\*\*)?[ \t]*:?", re.M)
_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def words(text: str) -> Counter:
    """Words (``\\w+``), NFC; a superscript number is a word of its own, in plain digits."""
    text = _SUPERSCRIPT.sub(lambda m: f" {m.group().translate(_DIGITS)} ", unicodedata.normalize("NFC", text))
    return Counter(re.findall(r"\w+", text))


def input_words(text: str) -> Counter:
    """The words of an input text, without the layout's labels."""
    return words(_LABELS.sub(" ", text))


@dataclass
class Loaded:
    """An imported document loaded back through the pipeline (``prepare``)."""

    imported: Imported
    diags: Diagnostics  # the import's warnings
    checked: Diagnostics  # what prepare (edition check) says
    raw: dict  # the YAML as plain data
    edition: object

    @property
    def doc(self):
        assert self.edition is not None and self.edition.documents, self.check_lines
        return self.edition.documents[0]

    @property
    def warnings(self) -> list[str]:
        return [str(d) for d in self.diags.sorted()]

    @property
    def check_lines(self) -> list[str]:
        return [str(d) for d in self.checked.sorted()]

    @property
    def check_errors(self) -> list[str]:
        return [str(d) for d in self.checked.sorted() if d.severity == "error" and not self.left_to_the_editor(d)]

    @staticmethod
    def left_to_the_editor(d) -> bool:
        """Check's errors that an import leaves by design, each with a REVIEW comment: a citation or a body
        the input did not give."""
        return d.code == "field-empty" and ('"as_given"' in d.message or "has no text" in d.message)

    def output_words(self) -> Counter:
        doc = self.doc
        found = Counter()
        for text in (plain_text(doc.title), doc.dateline, doc.original_language, doc.contents,
                     doc.citation.as_given):
            found += words(text)
        if "notes_heading" in self.raw:
            found += words(doc.notes_heading)
        runs = [p.content for p in doc.summary]
        for section in doc.sections:
            runs.append(section.heading)
            for block in section.blocks:
                runs += [block.speaker, block.content]
        for note in doc.notes:
            found += words(str(note.number))
            runs.append(note.content)
        for run in runs:
            found += words(plain_text(run))
            found += Counter(n.note.label for n in walk_inlines(run) if isinstance(n, NoteCall))
        for item in self.raw.get("unparsed") or []:
            found += words(item["text"])
        return found

    def lost_words(self, text: str) -> Counter:
        return input_words(text) - self.output_words()


def load_imported(text: str, root: Path, name: str = "input.txt", persons_yaml: Path | None = None) -> Loaded:
    """Import ``text``, write it as the only document of an edition in ``root`` and load that edition."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "documents").mkdir(exist_ok=True)
    (root / "edition.yaml").write_text(EDITION_YAML, encoding="utf-8")
    persons = ()
    if persons_yaml is not None:
        (root / "persons.yaml").write_bytes(persons_yaml.read_bytes())
        persons = tuple(_read_persons(root, Diagnostics()))
    diags = Diagnostics()
    imported = import_text(text, name, persons, diags)
    (root / "documents" / imported.file_name).write_text(imported.yaml, encoding="utf-8")
    checked = Diagnostics()
    edition = prepare(root, checked)
    return Loaded(imported, diags, checked, yaml.safe_load(imported.yaml), edition)


@pytest.fixture
def load(tmp_path, monkeypatch):
    """``load(text_or_fixture_name, persons=False)`` -> Loaded; the working directory is the edition's folder."""
    monkeypatch.chdir(tmp_path)

    def run(text: str, persons: bool = False, name: str | None = None) -> Loaded:
        if text.endswith(".txt") and "\n" not in text:
            name = name or text
            text = (FIXTURES / text).read_text(encoding="utf-8")
        return load_imported(text, tmp_path / "edition", name or "input.txt",
                             REPO / "source" / "persons.yaml" if persons else None)

    return run


@pytest.fixture(scope="session")
def importer_tools():
    """(load_imported, input_words), for tests that cannot take function-scoped fixtures (hypothesis)."""
    return load_imported, input_words


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        if os.environ.get("CI"):  # CI has ../shared beside its clone: a missing seed is a failure there
            pytest.fail(f"the seed text is not at {SEED}")
        pytest.skip(f"the seed text is not at {SEED}")
    return SEED.read_text(encoding="utf-8")
