import json

from edition.diagnostics import Diagnostic, Diagnostics, EditionError, SourcePos, did_you_mean


def test_source_pos_prints_as_path_line_col():
    assert str(SourcePos("documents/x.yaml", 12, 7)) == "documents/x.yaml:12:7"


def test_source_pos_defaults_to_the_start_of_the_file():
    assert str(SourcePos("edition.yaml")) == "edition.yaml:1:1"


def test_diagnostic_prints_position_severity_and_message():
    d = Diagnostic(SourcePos("a.yaml", 3, 4), "error", "something is wrong", code="x")
    assert str(d) == "a.yaml:3:4: error: something is wrong"


def test_diagnostic_as_dict_has_the_fields_of_the_json_format():
    d = Diagnostic(SourcePos("a.yaml", 3, 4), "warning", "look here", code="note-reference")
    assert d.as_dict() == {"path": "a.yaml", "line": 3, "col": 4, "severity": "warning",
                           "code": "note-reference", "message": "look here"}


def test_collector_separates_errors_and_warnings():
    diags = Diagnostics()
    diags.error(SourcePos("a.yaml", 1, 1), "bad")
    diags.warning(SourcePos("a.yaml", 2, 1), "doubtful")
    diags.error(SourcePos("b.yaml", 1, 1), "worse")
    assert [d.message for d in diags.errors] == ["bad", "worse"]
    assert [d.message for d in diags.warnings] == ["doubtful"]


def test_sorted_orders_by_path_then_line_then_column_numerically():
    diags = Diagnostics()
    diags.error(SourcePos("b.yaml", 1, 1), "b1")
    diags.error(SourcePos("a.yaml", 10, 1), "a10")
    diags.error(SourcePos("a.yaml", 9, 30), "a9-30")
    diags.error(SourcePos("a.yaml", 9, 4), "a9-4")
    assert [d.message for d in diags.sorted()] == ["a9-4", "a9-30", "a10", "b1"]


def test_sorted_drops_exact_duplicates_but_keeps_different_messages_at_one_place():
    diags = Diagnostics()
    for _ in range(3):
        diags.error(SourcePos("a.yaml", 1, 1), "same")
    diags.error(SourcePos("a.yaml", 1, 1), "other")
    assert [d.message for d in diags.sorted()] == ["other", "same"]


def test_format_text_is_one_line_per_diagnostic():
    diags = Diagnostics()
    diags.warning(SourcePos("a.yaml", 2, 5), "w")
    diags.error(SourcePos("a.yaml", 1, 3), "e")
    assert diags.format_text() == "a.yaml:1:3: error: e\na.yaml:2:5: warning: w\n"


def test_format_json_is_a_list_of_objects_and_keeps_non_ascii_text():
    diags = Diagnostics()
    diags.error(SourcePos("a.yaml", 1, 3), 'unknown person "Gomułka"')
    out = diags.format_json()
    assert "Gomułka" in out
    assert json.loads(out) == [{"path": "a.yaml", "line": 1, "col": 3, "severity": "error", "code": "",
                                "message": 'unknown person "Gomułka"'}]


def test_format_json_of_nothing_is_an_empty_list():
    assert json.loads(Diagnostics().format_json()) == []


def test_edition_error_carries_the_sorted_diagnostics():
    diags = Diagnostics()
    diags.error(SourcePos("b.yaml", 1, 1), "second")
    diags.error(SourcePos("a.yaml", 1, 1), "first")
    exc = EditionError(diags)
    assert [d.message for d in exc.diagnostics] == ["first", "second"]
    assert str(exc) == "a.yaml:1:1: error: first\nb.yaml:1:1: error: second"


def test_did_you_mean_suggests_the_closest_choice():
    assert did_you_mean("sumary", ["title", "summary", "date"]) == ' (did you mean "summary"?)'
    assert did_you_mean("sci", ["sic", "supplied", "gap"]) == ' (did you mean "sic"?)'


def test_did_you_mean_says_nothing_when_nothing_is_close():
    assert did_you_mean("zzzz", ["title", "summary"]) == ""
    assert did_you_mean("x", []) == ""
