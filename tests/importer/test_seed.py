"""The seed imported into a copy of the edition: it passes `edition check`, keeps the seed's words, and builds.

The hand transcription (source/documents/1956-10-26-presidium-session.yaml)
is the editor's reading of the same text: the import must agree with it on
every note and on the body's words and calls, and differ only where an
editor's judgement comes in (structure, [sic], explicit mentions).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from edition.build import build_edition
from edition.cli import main
from edition.diagnostics import Diagnostics
from edition.model import NoteCall, plain_text, walk_inlines
from edition.pipeline import prepare

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "source"
NAME = "1956-10-26-working-notes-from-the-session-of-the-cpsu-cc-presidium.yaml"


@pytest.fixture
def edition_copy(tmp_path, monkeypatch, seed_text) -> Path:
    """A copy of the edition (edition.yaml without its documents list, persons.yaml) with the seed imported."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "source"
    (root / "documents").mkdir(parents=True)
    meta = yaml.safe_load((SOURCE / "edition.yaml").read_text(encoding="utf-8"))
    meta.pop("documents", None)
    (root / "edition.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copy(SOURCE / "persons.yaml", root / "persons.yaml")
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    assert main(["import", "seed.txt", "-o", "source/documents"]) == 0
    return root


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("\u2019", "'"))


def body_words_and_calls(doc) -> tuple[list[str], list[str]]:
    found, calls = [], []
    for section in doc.sections:
        found += words(plain_text(section.heading))
        calls += [n.note.label for n in walk_inlines(section.heading) if isinstance(n, NoteCall)]
        for block in section.blocks:
            found += words(plain_text(block.speaker)) + words(plain_text(block.content))
            calls += [n.note.label for n in walk_inlines(block.content) if isinstance(n, NoteCall)]
    return found, calls


def test_the_import_warns_of_each_irregularity_of_the_seed(capsys, tmp_path, monkeypatch, seed_text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    assert main(["import", "seed.txt", "-o", "out", "--persons", str(SOURCE)]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[:9] == [
        "seed.txt:24:1: warning: the body opens by repeating the title: the repetition is kept in unparsed",
        "seed.txt:24:76: warning: a run-on paragraph of 413 words: give it its structure",
        "seed.txt:44:1: warning: note 9 is broken by a blank line: the text from here is joined to it",
        "seed.txt:44:721: warning: note 10 is run together with note 9: separated at ¹⁰",
        "seed.txt:44:1020: warning: note 11 is run together with note 10: separated at ¹¹",
        "seed.txt:44:1415: warning: note 12 is run together with note 11: separated at ¹²",
        "seed.txt:44:1539: warning: note 13 is run together with note 12: separated at ¹³",
        "seed.txt:44:1758: warning: note 14 is run together with note 13: separated at ¹⁴",
        "seed.txt:44:1861: warning: note 15 is run together with note 14: separated at ¹⁵",
    ]
    assert "  names not in the authority: Yanoshem Boldotskim (seed.txt:34)" in err


def test_the_imported_seed_passes_check_and_agrees_with_the_hand_transcription(edition_copy, capsys):
    capsys.readouterr()
    assert main(["check", str(edition_copy)]) == 0
    err = capsys.readouterr().err
    assert "0 error(s)" in err
    assert f"source/documents/{NAME}" in err and "document has unparsed text from import: review it" in err

    imported = prepare(edition_copy, Diagnostics()).documents[0]
    hand = prepare(SOURCE, Diagnostics()).documents[0]
    assert imported.date == hand.date and imported.dateline == hand.dateline
    assert imported.title_text == hand.title_text
    assert imported.citation.as_given == " ".join(hand.citation.as_given.split())
    for key in ("repository", "collection", "series", "file", "folios", "compiler", "digital_archive", "url", "form"):
        assert getattr(imported.citation, key) == getattr(hand.citation, key), key
    assert [words(plain_text(p.content)) for p in imported.summary] == \
        [words(plain_text(p.content)) for p in hand.summary]
    assert (imported.original_language, imported.contents, imported.notes_heading) == \
        (hand.original_language, hand.contents, hand.notes_heading)
    assert [n.number for n in imported.notes] == list(range(1, 16))
    for mine, theirs in zip(imported.notes, hand.notes):
        assert words(plain_text(mine.content)) == words(plain_text(theirs.content)), mine.number
    assert body_words_and_calls(imported) == body_words_and_calls(hand)


@pytest.mark.slow
def test_the_imported_seed_builds(edition_copy, tmp_path):
    result = build_edition(edition_copy, tmp_path / "output", Diagnostics())
    assert result.pdf.is_file() and result.pages > 4
