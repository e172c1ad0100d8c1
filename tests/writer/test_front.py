"""Front matter content: the contents, the statement of method with the interventions, how to cite the edition."""
from __future__ import annotations

from edition.diagnostics import Diagnostics
from edition.model import plain_text
from edition.pipeline import load
from edition.writer.front import front_matter, how_to_cite
from edition.writer.html import render_front_part
from sources import EDITION_YAML

METHOD = EDITION_YAML + "method: Every word of the archive's text is kept.\n"


def _front(make_edition, document, edition=METHOD, **fields):
    root = make_edition(edition=edition, document=document("Text.", **fields))
    edition = load(root, Diagnostics())
    return edition, front_matter(edition, lambda anchor: 3, index_first=None)


def test_contents_list_the_method_then_each_document_with_its_number_apart(make_edition, document):
    _edition, front = _front(make_edition, document, title="Gomułka and Хрущёв on 26 October 1956")
    assert [(e.label, e.page, e.number) for e in front.contents] == [
        ("Editorial Method", "", ""), ("Gomułka and Хрущёв on 26\u00a0October\u00a01956", "3", "1.")]


def test_the_method_section_prints_the_statement_and_each_documents_interventions(make_edition, document):
    edition, front = _front(make_edition, document, interventions=["The title is printed once."])
    assert [plain_text(p.content) for p in front.method] == ["Every word of the archive\u2019s text is kept."]
    (listed,) = front.interventions
    assert (listed.number, listed.page, [plain_text(p.content) for p in listed.interventions]) == (
        1, "3", ["The title is printed once."])
    html = str(render_front_part(edition, front))
    assert '<h1 class="matter-heading" data-bookmark="Editorial Method">Editorial Method</h1>' in html
    assert "<li>The title is printed once.</li>" in html


def test_no_method_section_when_the_source_has_none(make_edition, document):
    edition, front = _front(make_edition, document, edition=EDITION_YAML)
    assert not front.has_method and [e.label for e in front.contents] == ["A Session"]
    assert "Editorial Method" not in str(render_front_part(edition, front))


def test_how_to_cite_follows_chicago_with_the_title_in_italics(make_edition, document):
    root = make_edition(edition=EDITION_YAML + "subtitle: Gomułka's Letters\n", document=document("Text."))
    assert str(how_to_cite(load(root, Diagnostics()))) == (
        "An Editor, ed. <i>A Volume: Gomułka\u2019s Letters</i>. Somewhere: A Press, 2026.")


def test_how_to_cite_names_two_editors_and_escapes_the_title(make_edition, document):
    root = make_edition(edition=EDITION_YAML.replace("editors: [An Editor]", "editors: [Jan Nowak, Ana Kovács]")
                        .replace("title: A Volume", "title: Notes <b>& Letters</b>"), document=document("Text."))
    assert str(how_to_cite(load(root, Diagnostics()))) == (
        "Jan Nowak and Ana Kovács, eds. <i>Notes &lt;b&gt;&amp; Letters&lt;/b&gt;</i>. Somewhere: A Press, 2026.")
