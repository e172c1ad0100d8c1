"""Inputs that asked for unbounded time or memory stop early, at their place, within a bound."""
from __future__ import annotations

from sources import DOCUMENT_YAML, EDITION_YAML, X

from edition.limits import MAX_ALIAS_VALUES, MAX_SOURCE_BYTES, MAX_TEXT_CHARS, MAX_YAML_DEPTH, MAX_YAML_NODES

HEAD = DOCUMENT_YAML.split("body:")[0]  # title, date, citation: 4 lines


def alias_bomb() -> str:
    """About 400 bytes whose aliases make a million paragraphs: p5 holds 10 x p4, ..., p0 ten paragraphs."""
    lines = ["body:", "  - paragraphs: &p0 [a, b, c, d, e, f, g, h, i, j]"]
    lines += [f"  - paragraphs: &p{i} [" + ", ".join([f"*p{i - 1}"] * 10) + "]" for i in range(1, 5)]
    lines.append("  - paragraphs: *p4")
    return HEAD + "\n".join(lines) + "\n"


def test_an_alias_bomb_stops_at_the_alias_that_crosses_the_limit(make_edition, run_isolated):
    make_edition(document=alias_bomb())
    outcome = run_isolated("check", ".", cpu_bound=3, memory_mb=150)
    # p1 repeats 10 x 11 values, p2 10 x 111; each *p2 in p3 adds 1,111 more: the 8th passes 10,000
    line = 5 + 4
    col = alias_bomb().splitlines()[line - 1].index("*p2") + 1 + 7 * len("*p2, ")
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:{line}:{col}: error: *p2 repeats the value anchored at line 8 (1,111 values), which makes the aliases "
        f"of the file repeat more than {MAX_ALIAS_VALUES:,} values (the limit)"])


def test_a_file_of_too_many_values_stops_at_the_value_past_the_limit(make_edition, run_isolated):
    # 14 values before the list (mapping, keys, values); the list's k-th item is value 14 + k, on line 6 + k
    items = MAX_YAML_NODES - 14 + 1
    make_edition(document=HEAD + "body:\n  - paragraphs:\n" + "      - x\n" * items)
    outcome = run_isolated("check", ".", cpu_bound=5, memory_mb=250)
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:{6 + items}:9: error: the file holds more than {MAX_YAML_NODES:,} values (the limit)"])


def test_lists_nested_past_the_limit_stop_where_they_pass_it(make_edition, run_isolated):
    make_edition(document="[" * 100_000 + "]" * 100_000)
    outcome = run_isolated("check", ".", cpu_bound=3, memory_mb=150)
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:1:{MAX_YAML_DEPTH + 1}: error: the file nests lists and mappings more than {MAX_YAML_DEPTH} deep "
        f"(the limit)"])


def test_a_file_over_the_size_limit_is_refused_unread(make_edition, run_isolated):
    big = DOCUMENT_YAML + "# " + "x" * MAX_SOURCE_BYTES + "\n"
    make_edition(document=big)
    outcome = run_isolated("check", ".", cpu_bound=3, memory_mb=100)
    size = len(big.encode())
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:1:1: error: the file is {size:,} bytes; a source file may be at most {MAX_SOURCE_BYTES:,} bytes "
        f"({MAX_SOURCE_BYTES // 2**20} MB, the limit): split it"])


def test_a_text_field_over_the_limit_is_refused_unparsed(make_edition, run_isolated):
    words = MAX_TEXT_CHARS // 5 + 1
    make_edition(document=DOCUMENT_YAML.replace("      - Text.", "      - " + "word " * words))
    outcome = run_isolated("check", ".", cpu_bound=3, memory_mb=150)
    assert (outcome.code, outcome.problems) == (1, [
        f"{X}:7:9: error: the text is {5 * words - 1:,} characters long; a text field may hold at most "
        f"{MAX_TEXT_CHARS:,} (the limit): split it into paragraphs"])


def test_a_huge_page_is_refused_by_check_with_the_allowed_range(make_edition, run):
    make_edition(edition=EDITION_YAML + "page:\n  size: 100000in 100000in\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        'edition.yaml:8:9: error: page size "100000in 100000in" is out of range: each side must be between 50 mm '
        'and 1000 mm (2in and 39.4in)'])


def test_an_empty_page_is_refused_by_check_with_the_allowed_range(make_edition, run):
    make_edition(edition=EDITION_YAML + "page:\n  size: 0in 0in\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        'edition.yaml:8:9: error: page size "0in 0in" is out of range: each side must be between 50 mm and 1000 mm '
        '(2in and 39.4in)'])


def test_a_huge_bleed_is_refused(make_edition, run):
    make_edition(edition=EDITION_YAML + "print:\n  bleed: 9in\n")
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        'edition.yaml:8:10: error: bleed "9in" is out of range: at most 25 mm (3mm is usual)'])


def flate_bomb(decoded_mb: int) -> bytes:
    """A one-page PDF whose content stream is a few hundred kB that decompress to ``decoded_mb`` MB of spaces."""
    import zlib
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(squeeze.compress(chunk) for _ in range(decoded_mb)) + squeeze.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_decompression_bomb_is_refused_by_preflight_in_bounded_memory(tmp_path, run_isolated):
    from edition.limits import MAX_DECODED_STREAM_BYTES
    (tmp_path / "bomb.pdf").write_bytes(flate_bomb((MAX_DECODED_STREAM_BYTES >> 20) + 64))
    outcome = run_isolated("preflight", str(tmp_path / "bomb.pdf"), cpu_bound=10, memory_mb=300)
    assert outcome.code == 1
    assert "object 4: its streams decompress to more than 256 MB (a decompression bomb?)" in outcome.err
