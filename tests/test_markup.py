import pytest

from edition.diagnostics import Diagnostics, SourcePos
from edition.markup import InlineContext, parse_inline
from edition.model import Emphasis, Gap, Milestone, Note, NoteCall, PersonMention, Sic, Supplied, Text, plain_text

AT = SourcePos("f.yaml", 4, 9)  # where the scalar starts: column 9 of line 4


def parse(source, **ctx):
    """(nodes, diagnostic lines) for one plain one-line scalar starting at AT."""
    diags = Diagnostics()
    nodes = parse_inline(source, AT, diags, InlineContext(**ctx))
    return nodes, [str(d) for d in diags.sorted()]


def col(offset):
    """The column of ``offset`` characters into the scalar."""
    return AT.col + offset


def note(n):
    return Note(n, str(n), (Text(f"Note {n}.", AT),), AT)


def test_plain_text_is_one_text_node_at_the_scalar():
    nodes, problems = parse("Perform the work.")
    assert problems == []
    assert nodes == (Text("Perform the work.", AT),)


def test_emphasis():
    nodes, problems = parse("a *firm* line")
    assert problems == []
    assert [type(n) for n in nodes] == [Text, Emphasis, Text]
    em = nodes[1]
    assert plain_text(em.children) == "firm"
    assert em.pos == SourcePos("f.yaml", 4, col(2))


def test_note_call_carries_its_note_and_points_at_the_call():
    notes = {"1": note(1), "2": note(2)}
    called = []
    nodes, problems = parse("one[^2] two", notes=notes, called=called)
    assert problems == []
    assert nodes[0] == Text("one", AT)
    call = nodes[1]
    assert isinstance(call, NoteCall)
    assert call.note is notes["2"]
    assert call.pos == SourcePos("f.yaml", 4, col(3))
    assert called == [("2", SourcePos("f.yaml", 4, col(3)))]
    assert plain_text(nodes) == "one two"  # a call has no words


def test_note_call_to_a_missing_note_is_an_error_at_the_call():
    nodes, problems = parse("see[^7].", notes={"1": note(1)})
    assert problems == [f"f.yaml:4:{col(3)}: error: note 7 is called but not defined"]
    assert not any(isinstance(n, NoteCall) for n in nodes)


def test_note_call_where_no_notes_may_be_called_is_an_error():
    _, problems = parse("see[^1].")
    assert problems == [f"f.yaml:4:{col(3)}: error: a note call [^1] is not allowed here"]


def test_explicit_person_mention():
    nodes, problems = parse("tov. [Yanoshem Boldotskim]{person=boldoczki}, 26",
                            persons={"boldoczki"})
    assert problems == []
    mention = nodes[1]
    assert isinstance(mention, PersonMention)
    assert mention.person_id == "boldoczki" and mention.explicit
    assert plain_text(mention.children) == "Yanoshem Boldotskim"
    assert mention.pos == SourcePos("f.yaml", 4, col(5))
    assert nodes[2] == Text(", 26", SourcePos("f.yaml", 4, col(44)))


def test_explicit_mention_of_an_unknown_person_is_an_error():
    _, problems = parse("a [x]{person=nobody} b", persons={"boldoczki"})
    assert problems == [f'f.yaml:4:{col(2)}: error: explicit mention names unknown person "nobody"']


def test_explicit_mention_of_a_misspelt_person_suggests_the_id():
    _, problems = parse("a [x]{person=boldoczky} b", persons={"boldoczki", "gomulka"})
    assert problems == [f'f.yaml:4:{col(2)}: error: explicit mention names unknown person "boldoczky" '
                        f'(did you mean "boldoczki"?)']


def test_sic_keeps_the_text_and_its_correction():
    nodes, problems = parse('[Wang Jiaying]{.sic corr="Wang Jiaxiang"}, Hu Qiaomu')
    assert problems == []
    sic = nodes[0]
    assert isinstance(sic, Sic)
    assert plain_text(sic.children) == "Wang Jiaying"
    assert sic.correction == "Wang Jiaxiang"
    assert plain_text(nodes) == "Wang Jiaying, Hu Qiaomu"
    assert plain_text(nodes, with_signs=True) == "Wang Jiaying [sic], Hu Qiaomu"


def test_supplied_text():
    nodes, problems = parse("officers [in the school]{.supplied}.")
    assert problems == []
    assert isinstance(nodes[1], Supplied) and plain_text(nodes[1].children) == "in the school"
    assert plain_text(nodes, with_signs=True) == "officers [in the school]."


def test_gap_with_reason_and_extent():
    nodes, problems = parse('a []{.gap reason=illegible extent="two words"} b')
    assert problems == []
    assert nodes[1] == Gap(SourcePos("f.yaml", 4, col(2)), "illegible", "two words")
    assert plain_text(nodes) == "a  b"


def test_folio_and_page_milestones():
    nodes, problems = parse("end []{.folio n=53ob} start []{.page n=4}")
    assert problems == []
    assert nodes[1] == Milestone("folio", "53ob", SourcePos("f.yaml", 4, col(4)))
    assert nodes[3] == Milestone("page", "4", SourcePos("f.yaml", 4, col(28)))


def test_backslash_escaped_brackets_are_literal_and_no_error():
    nodes, problems = parse(r"the \[sic\] of the original")
    assert problems == []
    assert plain_text(nodes) == "the [sic] of the original"
    assert all(isinstance(n, Text) for n in nodes)


def test_stray_opening_bracket_is_an_error_at_the_bracket():
    _, problems = parse("a stray [ in text")
    assert problems == [f'f.yaml:4:{col(8)}: error: unbalanced editorial bracket "[" in "a stray [ in text" '
                        '(write editorial signs as [text]{.supplied}, or escape it as "\\[")']


def test_stray_closing_bracket_after_a_sign_is_an_error_at_the_bracket():
    _, problems = parse("[a]{.sic corr=b} b ]")
    assert problems == [f'f.yaml:4:{col(19)}: error: unbalanced editorial bracket "]" in "b ]" '
                        '(write editorial signs as [text]{.supplied}, or escape it as "\\]")']


def test_a_bracket_without_a_sign_is_an_error():
    _, problems = parse("see [this] here")
    assert len(problems) == 1 and 'unbalanced editorial bracket "["' in problems[0]


@pytest.mark.parametrize("source", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                    "<b>bold</b> &amp; &lt;", "`code`", "[link](http://example.org)x",
                                    "<http://example.org>"])
def test_html_links_code_and_entities_are_not_markup(source):
    nodes, _ = parse(source)
    assert all(isinstance(n, Text) for n in nodes)
    assert plain_text(nodes) == source


def test_script_stays_literal_text():
    nodes, problems = parse("<script>alert(1)</script>")
    assert problems == []
    assert nodes == (Text("<script>alert(1)</script>", AT),)


def test_image_tag_with_file_url_stays_literal_text():
    nodes, problems = parse('<img src="file:///etc/passwd">')
    assert problems == []
    assert len(nodes) == 1 and isinstance(nodes[0], Text)
    # literal, with only the quotes made typographic
    assert nodes[0].value == "<img src=\u201cfile:///etc/passwd\u201d>"


def test_straight_quotes_become_curly():
    nodes, _ = parse('He said "vacillations" and it\'s \'odd\'')
    assert plain_text(nodes) == "He said \u201cvacillations\u201d and it\u2019s \u2018odd\u2019"


def test_text_starting_with_a_quote_is_positioned_at_the_quote():
    nodes, _ = parse('"Directory," it said')
    assert nodes[0].pos == AT


def test_unknown_sign_suggests_the_known_one():
    nodes, problems = parse("the [Suslova]{.sci} text")
    assert problems == [f'f.yaml:4:{col(4)}: error: unknown editorial sign ".sci" (did you mean "sic"?)']
    assert plain_text(nodes) == "the Suslova text"  # the words are kept


def test_two_signs_on_one_span_is_an_error():
    _, problems = parse("[x]{.sic .supplied}")
    assert problems == ["f.yaml:4:9: error: a bracketed span needs exactly one sign: "
                        ".sic, .supplied, .gap, .folio, .page, .app, or person=ID"]


def test_unknown_attribute_of_a_sign_suggests_the_known_one():
    _, problems = parse("[Suslova]{.sic cor=Suslov}")
    assert problems == ['f.yaml:4:9: error: unknown attribute "cor" for .sic (did you mean "corr"?)']


def test_milestone_without_number_is_an_error():
    _, problems = parse("a []{.folio} b")
    assert problems == [f"f.yaml:4:{col(2)}: error: a .folio milestone needs its number: []{{.folio n=53ob}}"]


def test_positions_in_a_folded_block_scalar_follow_the_raw_lines():
    # the scalar ">-" stands at line 4, column 9; its text lines are indented by 4
    raw = ">-\n    first line of text\n    second[^1] line\n"
    diags = Diagnostics()
    nodes = parse_inline("first line of text second[^1] line", AT, diags,
                         InlineContext(notes={"1": note(1)}), raw=raw)
    assert [str(d) for d in diags.items] == []
    assert nodes[0].pos == SourcePos("f.yaml", 5, 5)
    assert nodes[1].pos == SourcePos("f.yaml", 6, 11)


def test_typewriter_dashes_and_ellipses_become_typographic_but_c_in_parentheses_stays():
    from edition.diagnostics import Diagnostics, SourcePos
    from edition.markup import parse_inline
    from edition.model import plain_text
    nodes = parse_inline("pages 5--7 -- and --- then... item (c) and (tm)", SourcePos("x", 1, 1), Diagnostics())
    assert plain_text(nodes) == "pages 5\u20137 \u2013 and \u2014 then\u2026 item (c) and (tm)"
