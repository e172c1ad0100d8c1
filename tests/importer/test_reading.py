"""Reading inputs: the encoding found (or the file refused, naming it), limits on size and line length kept."""
from __future__ import annotations

import time

import pytest

from edition.cli import main
from edition.importer.reading import MAX_INPUT_BYTES, MAX_LINE_CHARS, ReadError, decode

TEXT = "October 26, 1956\n\n**Jegyzőkönyv — Gomułka, Hegedüs**\n\nA body with Hegedüs and 刘少奇 in it.\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_and_utf16_without_one_are_read(encoding):
    assert decode(TEXT.encode(encoding)).text.lstrip("\ufeff") == TEXT
    assert decode(TEXT.encode(encoding)).guess == ""


def test_a_legacy_encoding_is_guessed_with_a_warning_at_the_first_line_that_is_not_utf8():
    text = "October 26, 1956\n\n**Jegyzőkönyv**\n\nA body about Hegedüs.\n"
    found = decode(text.encode("iso-8859-2"))
    assert "Hegedüs" in found.text and "Jegyzőkönyv" in found.text
    assert found.guess.startswith("not UTF-8: read as") and found.guess_line == 3


def test_a_binary_file_is_an_error_naming_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary \x00 stream\n" * 20)
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    assert main(["import", "scan.pdf", "ok.txt", "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert "scan.pdf:2:1: error: not a text file" in err  # the first NUL byte
    assert "Traceback" not in err and (tmp_path / "out").is_dir()


def test_a_utf16_file_imports_through_the_command(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_bytes(TEXT.encode("utf-16"))
    assert main(["import", "in.txt", "-o", "out"]) == 0
    written = next((tmp_path / "out").iterdir()).read_text(encoding="utf-8")
    assert "Gomułka, Hegedüs" in written and "刘少奇" in written


def test_an_input_over_the_size_limit_is_refused_without_reading_it_whole(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with (tmp_path / "big.txt").open("w", encoding="utf-8") as out:  # one line of 10 MB, generated here
        for _ in range(10):
            out.write("word " * 200_000)
    started = time.perf_counter()
    assert main(["import", "big.txt", "-o", "out"]) == 1
    assert time.perf_counter() - started < 5
    assert f"big.txt: error: the input is larger than {MAX_INPUT_BYTES:,} bytes" in capsys.readouterr().err


def test_a_line_over_the_limit_is_an_error_at_its_line():
    with pytest.raises(ReadError) as exc:
        decode(("A title\n\n" + "x" * (MAX_LINE_CHARS + 1) + "\n").encode())
    assert exc.value.line == 3 and "over the limit" in str(exc.value)


def test_a_line_just_under_the_limit_imports_in_bounded_time(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sentence = "Cde. Mikoyan said the troops must stay.(1) The council met at noon and agreed. "
    line = (sentence * (MAX_LINE_CHARS // len(sentence)))[:MAX_LINE_CHARS - 10]
    (tmp_path / "long.txt").write_text(f"October 26, 1956\n\n**A Long Line**\n\n{line}\n", encoding="utf-8")
    started = time.perf_counter()
    assert main(["import", "long.txt", "-o", "out"]) == 0
    assert time.perf_counter() - started < 30
