"""`edition preflight` on what is not a good PDF: one clear error, no stray lines from pypdf."""
from __future__ import annotations

from edition.cli import main


def test_a_file_that_is_not_a_pdf_gets_one_error_and_nothing_else(tmp_path, capfd):
    path = tmp_path / "Gomułka.pdf"
    path.write_text("Władysław Gomułka, notes\n", encoding="utf-8")
    assert main(["preflight", str(path)]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    assert err == f"{path}: error: not a PDF file (it has no %PDF- header)\n"


def test_a_broken_pdf_fails_with_what_pypdf_said_inside_the_report(tmp_path, capfd):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    assert main(["preflight", str(path)]) == 1
    out, err = capfd.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"preflight {path}") and lines[-1].startswith("preflight: ")
    assert "  pypdf said: EOF marker not found" in lines
    assert any(line.startswith("  FAIL readers") for line in lines)


def test_a_missing_file_is_a_usage_error(tmp_path, capfd):
    assert main(["preflight", str(tmp_path / "none.pdf")]) == 2
    assert capfd.readouterr().err.endswith("none.pdf: error: no such file\n")
