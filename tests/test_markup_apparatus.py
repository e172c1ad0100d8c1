"""The apparatus sign of the inline markup: ``[lemma]{.app H="reading" B="om." E="add. words" lem="N" note="..."}``."""
from edition.diagnostics import Diagnostics, SourcePos
from edition.markup import InlineContext, parse_inline
from edition.model import App, PersonMention, Reading, Text, plain_text

AT = SourcePos("f.yaml", 4, 9)  # where the scalar starts: column 9 of line 4


def parse(source):
    diags = Diagnostics()
    nodes = parse_inline(source, AT, diags, InlineContext(persons=None))
    return nodes, [str(d) for d in diags.sorted()]


def entry(source) -> tuple[App, list[str]]:
    nodes, problems = parse(source)
    apps = [n for n in nodes if isinstance(n, App)]
    assert len(apps) == 1, nodes
    return apps[0], problems


def col(offset):
    return AT.col + offset


def test_an_entry_holds_its_lemma_readings_lemma_witnesses_and_note():
    app, problems = entry('We [met]{.app H="add. here" N="came" B="om." lem="E Bl" note="H\'s words"} there.')
    assert problems == []
    assert plain_text(app.children) == "met"
    assert [(r.kind, r.text, r.witnesses) for r in app.readings] == [
        ("add", "here", ("H",)), ("rdg", "came", ("N",)), ("om", "", ("B",))]
    assert app.lemma_witnesses == ("E", "Bl")
    assert app.note == "H\u2019s words"  # the text's typography: a curly apostrophe
    assert app.pos == SourcePos("f.yaml", 4, col(3))


def test_witnesses_with_the_same_reading_make_one_reading_in_the_order_first_given():
    app, problems = entry('[on]{.app N="upon" Ba="om." H="upon" E="upon"}')
    assert problems == []
    assert [(r.text, r.witnesses) for r in app.readings] == [("upon", ("N", "H", "E")), ("", ("Ba",))]


def test_each_reading_and_siglum_is_placed_at_its_attribute():
    source = '[on]{.app N="upon" H="upon" lem="Bl"}'
    app, _problems = entry(source)
    reading = app.readings[0]
    assert reading.pos == SourcePos("f.yaml", 4, col(source.index("N=")))
    assert reading.witness_pos == (reading.pos, SourcePos("f.yaml", 4, col(source.index("H="))))
    assert app.lemma_pos == SourcePos("f.yaml", 4, col(source.index("lem=")))


def test_the_lemma_keeps_its_own_markup_and_persons():
    app, problems = entry('[[Gomułka]{person=gomulka} *speaks*]{.app R="Гомулка говорит"}')
    assert problems == []
    assert isinstance(app.children[0], PersonMention)
    assert plain_text(app.children) == "Gomułka speaks"
    assert app.readings == (Reading("Гомулка говорит", ("R",), "rdg", app.readings[0].pos),)


def test_escapes_in_a_reading_give_the_characters_and_quotes_stay_straight():
    app, problems = entry(r'[x]{.app R="\"quoted\" \{braces\} \*stars\*"}')
    assert problems == []
    assert app.readings[0].text == '"quoted" {braces} *stars*'


def test_a_reading_of_the_words_om_itself_is_escaped():
    app, problems = entry(r'[x]{.app R="om\."}')
    assert problems == [] and (app.readings[0].kind, app.readings[0].text) == ("rdg", "om.")


def test_an_empty_reading_is_an_error_that_names_om():
    source = '[x]{.app R=""}'
    _app, problems = entry(source)
    assert problems == [f"f.yaml:4:{col(source.index('R='))}: error: an empty reading: write om. for an omission"]


def test_an_addition_without_words_is_an_error():
    _app, problems = entry('[x]{.app R="add. "}')
    assert problems == [f"f.yaml:4:{col(9)}: error: add. needs the words the witness adds: add. words"]


def test_a_siglum_given_twice_is_an_error_at_the_second():
    source = '[x]{.app H="a" N="b" H="c"}'
    _app, problems = entry(source)
    assert problems == [f'f.yaml:4:{col(source.rindex("H="))}: error: "H" is given twice in one apparatus entry '
                        f'(first at line 4, column {col(source.index("H="))})']


def test_an_attribute_that_is_no_siglum_suggests_lem_or_note():
    source = '[x]{.app H="a" no_te="b"}'
    _app, problems = entry(source)
    assert problems == [f'f.yaml:4:{col(source.index("no_te"))}: error: "no_te" in an apparatus entry is neither '
                        f'a siglum (letters and digits) nor lem nor note (did you mean "note"?)']


def test_a_reading_with_markup_is_an_error_and_keeps_its_words():
    app, problems = entry('[x]{.app H="a *firm* line"}')
    assert problems == [f"f.yaml:4:{col(9)}: error: a reading is plain text: it cannot hold emphasis markup"]
    assert app.readings[0].text == "a firm line"


def test_a_siglum_beginning_with_on_is_a_siglum_like_any_other():
    app, problems = entry('[x]{.app On1="y"}')  # the attribute plugin sets "on..." names apart (event handlers)
    assert problems == [] and app.readings[0].witnesses == ("On1",)


def test_a_line_break_inside_a_quoted_value_of_a_literal_block_is_a_space():
    app, problems = entry('[x]{.app H="carried\non" note="two\nlines"}')
    assert problems == []
    assert (app.readings[0].text, app.note) == ("carried on", "two lines")


def test_text_after_an_entry_goes_on():
    nodes, problems = parse('a [b]{.app H="c"} d')
    assert problems == []
    assert [type(n) for n in nodes] == [Text, App, Text] and plain_text(nodes) == "a b d"
