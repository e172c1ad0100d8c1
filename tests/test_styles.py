import hashlib
import os

from edition.styles import hash_files


def digest(root) -> str:
    h = hashlib.sha256()
    hash_files(h, root)
    return h.hexdigest()


def test_a_link_inside_the_folder_counts_as_its_files_bytes(tmp_path):
    (tmp_path / "a.css").write_text("one", encoding="utf-8")
    (tmp_path / "b.css").symlink_to(tmp_path / "a.css")
    before = digest(tmp_path)
    (tmp_path / "a.css").write_text("two", encoding="utf-8")
    assert digest(tmp_path) != before


def test_links_that_loop_or_lead_nowhere_and_pipes_are_not_read(tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "gone").symlink_to(tmp_path / "nothing")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "linked-folder").symlink_to("/etc", target_is_directory=True)
    assert len(digest(tmp_path)) == 64
