"""Source files that are symbolic links out of the source folder are refused at the file; links inside it are read."""
from __future__ import annotations

import hashlib
import os

from sources import DOCUMENT_YAML, EDITION_YAML, X

from edition.styles import hash_files

PARTICIPANT = DOCUMENT_YAML.replace("body:", "participants: [gomulka]\nbody:")


def _outside(tmp_path, name: str, text: str):
    """A file beside (not inside) the source folder, which is tmp_path."""
    target = tmp_path.parent / f"{tmp_path.name}-{name}"
    target.write_text(text, encoding="utf-8")
    return target


def test_a_document_linked_from_outside_is_refused(make_edition, run, tmp_path):
    make_edition()
    target = _outside(tmp_path, "secret.yaml", DOCUMENT_YAML)
    (tmp_path / "documents" / "x.yaml").unlink()
    (tmp_path / "documents" / "x.yaml").symlink_to(target)
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:1:1: error: a symbolic link to {target}, which is outside the source folder: a source file must lie "
        f"inside it"])


def test_persons_linked_to_a_system_file_are_refused_without_knock_on_errors(make_edition, run, tmp_path):
    make_edition(document=PARTICIPANT, persons="persons: []\n")
    (tmp_path / "persons.yaml").unlink()
    (tmp_path / "persons.yaml").symlink_to("/etc/passwd")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        "persons.yaml:1:1: error: a symbolic link to /etc/passwd, which is outside the source folder: a source file "
        "must lie inside it"])  # and no 'participant "gomulka" is not in persons.yaml'


def test_an_edition_yaml_linked_from_outside_is_refused(make_edition, run, tmp_path):
    make_edition()
    target = _outside(tmp_path, "edition.yaml", EDITION_YAML)
    (tmp_path / "edition.yaml").unlink()
    (tmp_path / "edition.yaml").symlink_to(target)
    outcome = run("check", ".")
    assert outcome.code == 1
    assert outcome.problems == [f"edition.yaml:1:1: error: a symbolic link to {target}, which is outside the source "
                                f"folder: a source file must lie inside it"]


def test_a_link_inside_the_source_folder_is_read(make_edition, run, tmp_path):
    make_edition()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "documents" / "x.yaml").rename(tmp_path / "drafts" / "x.yaml")
    (tmp_path / "documents" / "x.yaml").symlink_to(tmp_path / "drafts" / "x.yaml")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (0, [])


def test_a_pipe_named_like_a_document_is_refused_not_read(make_edition, run_isolated, tmp_path):
    make_edition()
    os.mkfifo(tmp_path / "documents" / "y.yaml")  # reading it would wait for ever
    outcome = run_isolated("check", ".", cpu_bound=3)
    assert (outcome.code, outcome.problems) == (1, [
        "documents/y.yaml:1:1: error: not a regular file (a folder, device or pipe): a source must be a YAML file"])


def test_the_change_hash_does_not_read_through_links_out_of_its_folder(tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "edition.css").write_text("p { color: black }", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret one", encoding="utf-8")
    (styles / "leak.css").symlink_to(outside)

    def digest() -> str:
        h = hashlib.sha256()
        hash_files(h, styles)
        return h.hexdigest()

    before = digest()
    outside.write_text("secret two, longer", encoding="utf-8")
    assert digest() == before  # the outside file was not read
    (styles / "leak.css").unlink()
    (styles / "leak.css").symlink_to(tmp_path / "elsewhere.txt")
    assert digest() != before  # but the link itself counts
