from pathlib import Path

from edition.diagnostics import Diagnostics, SourcePos
from edition.fields import Fields, is_empty
from edition.yamlsource import load_yaml


def read(tmp_path: Path, text: str, fields: dict, or_text: bool = False):
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    data = load_yaml(tmp_path / "f.yaml", "f.yaml", diags)
    f = Fields(data, fields, "a thing", SourcePos("f.yaml"), diags, or_text=or_text)
    return f, [str(d) for d in diags.sorted()]


def test_emptiness():
    assert is_empty("  ") and is_empty([]) and is_empty({}) and not is_empty("Gomułka") and not is_empty(None)


def test_a_blank_required_field_and_a_blank_item(tmp_path):
    f, problems = read(tmp_path, "name: ' '\nlist: [a, '']\n", {"name": True, "list": False})
    assert f.texts("list") == ["a"]
    problems += [str(d) for d in f.diags.sorted() if str(d) not in problems]
    assert problems == ['f.yaml:1:7: error: the required field "name" in a thing is empty',
                        'f.yaml:2:11: error: an item of "list" in a thing is empty']


def test_printed_fields_keep_their_place_and_raw_text(tmp_path):
    f, _ = read(tmp_path, "title: Liu Shaoqi\nnames: [Хрущёв, 刘少奇]\n", {"title": True, "names": False})
    assert [(x.text, x.pos.line, x.pos.col, x.raw) for x in f.located("title", "names")] == [
        ("Liu Shaoqi", 1, 8, "Liu Shaoqi"), ("Хрущёв", 2, 9, "Хрущёв"), ("刘少奇", 2, 17, "刘少奇")]


def test_a_text_read_as_a_field_is_one_error_when_text_may_stand_there(tmp_path):
    f, problems = read(tmp_path, "Cde. Hegedüs: we agree\n", {"text": True}, or_text=True)
    assert not f.ok
    assert problems == ['f.yaml:1:1: error: a thing reads as a field "Cde. Hegedüs" (YAML takes ": " for the end of '
                        "a field name): quote the whole text: - 'Cde. Hegedüs: we agree'"]
