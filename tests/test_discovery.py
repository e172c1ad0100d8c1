"""Finding the edition from the current folder, and naming its outputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition.discovery import UsageError, edition_stem, find_source, output_target, title_slug
from sources import EDITION_YAML


def _edition(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yaml").write_text(EDITION_YAML + extra, encoding="utf-8")
    return folder


def test_nothing_given_finds_edition_yaml_in_the_current_folder(tmp_path):
    _edition(tmp_path)
    assert find_source(None, tmp_path).source == Path(".")


def test_nothing_given_finds_edition_yaml_in_a_folder_above(tmp_path):
    _edition(tmp_path)
    below = tmp_path / "documents" / "drafts"
    below.mkdir(parents=True)
    found = find_source(None, below)
    assert found.source == tmp_path and found.base == tmp_path


def test_nothing_given_finds_a_source_folder_as_in_this_repository(tmp_path):
    _edition(tmp_path / "source")
    found = find_source(None, tmp_path)
    assert found.source == Path("source") and found.base == Path(".")


def test_the_path_of_edition_yaml_itself_names_its_folder(tmp_path):
    root = _edition(tmp_path / "Gomułka letters")
    assert find_source(root / "edition.yaml", tmp_path).source == root


def test_another_file_is_a_usage_error(tmp_path):
    (tmp_path / "persons.yaml").write_text("persons: []\n")
    with pytest.raises(UsageError, match="not an edition: give its folder or its edition.yaml"):
        find_source(tmp_path / "persons.yaml", tmp_path)


def test_no_edition_anywhere_says_so_plainly(tmp_path):
    with pytest.raises(UsageError) as caught:
        find_source(None, tmp_path)
    assert f"no edition.yaml in {tmp_path} or any folder above it" in str(caught.value)
    assert "edition new" in str(caught.value)


def test_a_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such source folder"):
        find_source(tmp_path / "nowhere", tmp_path)


@pytest.mark.parametrize("title, slug", [
    ("The Malin Notes", "the-malin-notes"),
    ("Gomułka’s Letters, 1956", "gomulkas-letters-1956"),
    ("Hegedüs András: jegyzetek", "hegedus-andras-jegyzetek"),
    ("Записки Хрущёва", "zapiski-khrushcheva"),
    ("刘少奇", "liushaoqi"),
    ("—", ""),
])
def test_the_title_slug_is_ascii_words_joined_by_hyphens(title, slug):
    assert title_slug(title) == slug


def test_the_title_slug_is_cut_at_a_word():
    slug = title_slug("Liu Shaoqi " * 10)
    assert slug == "liu-shaoqi-" * 5 + "liu" and len(slug) <= 60


def test_the_default_name_comes_from_the_title_and_the_print_profile_adds_print(tmp_path):
    root = _edition(tmp_path)
    assert output_target(None, root, "screen", tmp_path / "output").pdf == tmp_path / "output" / "a-volume.pdf"
    assert output_target(None, root, "print", tmp_path / "output").stem == "a-volume-print"


def test_output_in_edition_yaml_names_the_files(tmp_path):
    root = _edition(tmp_path, "output: malin\n")
    assert edition_stem(root) == "malin"
    assert output_target(tmp_path / "out", root, "print", Path("output")).pdf == tmp_path / "out" / "malin-print.pdf"


def test_a_pdf_name_is_used_as_given_whatever_the_profile(tmp_path):
    root = _edition(tmp_path)
    target = output_target(tmp_path / "out" / "Letters.PDF", root, "print", Path("output"))
    assert (target.folder, target.stem) == (tmp_path / "out", "Letters")


def test_a_file_given_as_the_output_folder_is_a_usage_error(tmp_path):
    root = _edition(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        output_target(tmp_path / "notes.txt", root, "screen", Path("output"))


def test_an_unreadable_edition_yaml_falls_back_to_edition(tmp_path):
    (tmp_path / "edition.yaml").write_text("title: [unclosed\n")
    assert edition_stem(tmp_path) == "edition"
