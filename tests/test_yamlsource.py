import datetime
import time

import pytest

from edition.diagnostics import Diagnostics, SourcePos
from edition.yamlsource import Dated, Scalar, YList, YMap, YStr, load_yaml


@pytest.fixture
def load(tmp_path):
    """``load(text_or_bytes)`` -> (value, diagnostic lines); the file is shown as ``f.yaml``."""

    def run(content):
        path = tmp_path / "f.yaml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        diags = Diagnostics()
        value = load_yaml(path, "f.yaml", diags)
        return value, [str(d) for d in diags.sorted()]

    return run


def test_keys_and_values_know_their_line_and_column(load):
    data, problems = load("title: Hello\nnested:\n  inner: 42\n")
    assert problems == []
    assert isinstance(data, YMap)
    assert data.key_pos["title"] == SourcePos("f.yaml", 1, 1)
    assert data.pos_of("title") == SourcePos("f.yaml", 1, 8)
    assert data.key_pos["nested"] == SourcePos("f.yaml", 2, 1)
    inner = data["nested"]
    assert inner.key_pos["inner"] == SourcePos("f.yaml", 3, 3)
    assert inner.pos_of("inner") == SourcePos("f.yaml", 3, 10)


def test_strings_carry_position_raw_text_and_style(load):
    data, _ = load('a: plain words\nb: "quoted"\nc: >-\n  folded\n  text\n')
    a, b, c = data["a"], data["b"], data["c"]
    assert isinstance(a, YStr) and a == "plain words"
    assert a.pos == SourcePos("f.yaml", 1, 4) and a.raw == "plain words" and a.style is None
    assert b.pos == SourcePos("f.yaml", 2, 4) and b.raw == '"quoted"' and b.style == '"'
    assert c == "folded text"
    assert c.pos == SourcePos("f.yaml", 3, 4) and c.style == ">"
    assert c.raw.startswith(">-\n  folded")


def test_list_items_know_their_positions(load):
    data, _ = load("items:\n  - one\n  - two\nflow: [a, bb]\n")
    items = data["items"]
    assert isinstance(items, YList) and items.pos == SourcePos("f.yaml", 2, 3)
    assert [i.pos for i in items] == [SourcePos("f.yaml", 2, 5), SourcePos("f.yaml", 3, 5)]
    assert [i.pos.col for i in data["flow"]] == [8, 11]


def test_numbers_booleans_and_dates_keep_value_position_and_raw_text(load):
    data, problems = load("n: 007\nb: true\nd: 1956-10-26\nnothing:\n")
    assert problems == []
    assert isinstance(data["n"], Scalar) and data["n"].value == 7 and data["n"].raw == "007"
    assert data["n"].pos == SourcePos("f.yaml", 1, 4)
    assert isinstance(data["b"], Scalar) and data["b"].value is True
    assert isinstance(data["d"], Dated) and data["d"].value == datetime.date(1956, 10, 26)
    assert data["d"].raw == "1956-10-26" and data["d"].pos == SourcePos("f.yaml", 3, 4)
    assert isinstance(data["nothing"], Scalar) and data["nothing"].value is None


def test_syntax_error_is_a_diagnostic_with_the_parsers_position(load):
    data, problems = load("title: ok\n  bad: indent\n")
    assert data is None
    assert problems == ["f.yaml:2:6: error: YAML syntax: mapping values are not allowed here; either this line is "
                        "indented too far, or it continues a text that contains \": \", which must then be quoted "
                        "(in '...', doubling any ' inside it)"]


def test_unclosed_flow_list_points_where_the_parser_gave_up(load):
    data, problems = load("title: [unclosed\ndate: 1956-10-26\n")
    assert data is None
    assert problems == ["f.yaml:2:5: error: YAML syntax: expected ',' or ']', but got ':'; a text that starts with [ "
                        "is read by YAML as a list: quote the text: title: '[unclosed'"]


def test_duplicate_key_is_reported_at_the_second_key(load):
    data, problems = load("title: a\ndate: x\ntitle: b\n")
    assert problems == ['f.yaml:3:1: error: duplicate key "title" (first at line 1)']
    assert data["title"] == "a"


def test_a_mapping_as_key_is_refused(load):
    _, problems = load("? [a, b]\n: value\n")
    assert problems == ["f.yaml:1:3: error: a mapping key must be a plain value"]


def test_empty_file_is_none_without_a_diagnostic(load):
    assert load("") == (None, [])
    assert load("# only a comment\n") == (None, [])


def test_non_utf8_file_is_a_diagnostic_not_a_traceback(load):
    data, problems = load("title: caf\xe9\n".encode("latin-1"))
    assert data is None
    assert problems == ["f.yaml:1:11: error: not UTF-8 text: invalid continuation byte (byte 0xE9); save the file "
                        "as UTF-8"]


def test_missing_file_is_a_diagnostic(tmp_path):
    diags = Diagnostics()
    assert load_yaml(tmp_path / "absent.yaml", "absent.yaml", diags) is None
    assert [str(d) for d in diags.items] == ["absent.yaml:1:1: error: cannot read file: No such file or directory"]


def test_python_tags_are_not_constructed(load):
    data, problems = load("x: !!python/name:os.system ''\n")
    assert problems == ["f.yaml:1:4: error: bad value: could not determine a constructor for the tag "
                        "'tag:yaml.org,2002:python/name:os.system'"]
    assert data["x"] is None


def test_impossible_date_is_a_diagnostic_not_a_traceback(load):
    data, problems = load("date: 1956-13-45\n")
    assert problems == ['f.yaml:1:7: error: bad value "1956-13-45": month must be in 1..12']
    assert data["date"] is None


def test_recursive_alias_is_a_diagnostic_not_a_traceback(load):
    data, problems = load("a: &loop [1, *loop]\n")
    assert problems == ["f.yaml:1:14: error: a YAML alias refers to the value that contains it"]


def test_deeply_nested_file_is_a_diagnostic_not_a_traceback(load):
    data, problems = load("[" * 1000 + "]" * 1000)
    assert data is None
    assert problems == ["f.yaml:1:65: error: the file nests lists and mappings more than 64 deep (the limit)"]


def test_aliases_up_to_the_limit_are_read_quickly_each_use_in_its_place(load):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 3)]
    lines.append("uses: [*a2, *a2, *a2, *a2, *a2, *a2, *a2]")  # 7 x 1,111 values repeated, and 1,210 above
    started = time.perf_counter()
    data, problems = load("\n".join(lines) + "\n")
    assert problems == []
    assert time.perf_counter() - started < 2
    assert data["uses"][6] == data["a2"] and data["uses"][6] is not data["a2"]
    assert data["uses"][6].pos == SourcePos("f.yaml", 4, 38) and data["uses"][6].pos.anchor_line == 3
    assert data["uses"][6][0][0].pos == SourcePos("f.yaml", 4, 38)  # everything in it stands at the alias


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit(load):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    data, problems = load("\n".join(lines) + "\n")
    assert data is None
    assert problems == ["f.yaml:4:45: error: *a2 repeats the value anchored at line 3 (1,111 values), which makes "
                        "the aliases of the file repeat more than 10,000 values (the limit)"]
