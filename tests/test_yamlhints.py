import yaml

from edition.yamlhints import hint_for_syntax_error, hint_for_unused_anchor


def hint(text: str) -> str:
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return hint_for_syntax_error(text, exc)
    raise AssertionError("no syntax error")


def test_a_text_opening_with_a_bracket_is_shown_quoted():
    assert hint("p:\n  - []{.folio n=53ob} Gomułka's text\n") == (
        "; a text that starts with [ is read by YAML as a list: quote the text: - '[]{.folio n=53ob} Gomułka''s text'")


def test_a_key_and_its_text_keep_the_key_outside_the_quotes():
    assert hint("text: Хрущёв: we must\n") == "; a text that contains \": \" must be quoted: text: 'Хрущёв: we must'"


def test_a_continued_line_gets_the_general_advice():
    assert hint("text: one\n  two: three\n").startswith("; either this line is indented too far")


def test_a_tab():
    assert hint("a:\n\t- b\n") == "; a tab cannot indent YAML: indent with spaces"


def test_an_unused_anchor_on_a_text_line():
    mark = yaml.compose("- &Co wrote\n", Loader=yaml.SafeLoader).value[0].start_mark
    assert hint_for_unused_anchor("- &Co wrote\n", "Co", mark) == (
        'the YAML anchor "&Co" is never used, so "&Co" is not part of the text: if it should be, quote the text: '
        "- '&Co wrote'")
