"""The source's fields of editorial apparatus: the statement of method, a document's interventions, the heading's form."""
from __future__ import annotations

from edition.model import Supplied, plain_text, walk_inlines
from sources import EDITION_YAML

METHOD = EDITION_YAML + """\
method:
  - Every word of the archive's text is kept.
  - >-
    The editor's words stand in square brackets: \\[*sic*\\] after an error, with
    the correct form.
"""


def test_the_statement_of_method_is_read_paragraph_by_paragraph_with_its_markup(check):
    result = check(edition=METHOD)
    assert result.lines == []
    method = result.edition.meta.method
    assert [plain_text(p.content) for p in method] == [
        "Every word of the archive\u2019s text is kept.",
        "The editor\u2019s words stand in square brackets: [sic] after an error, with the correct form."]
    assert (method[1].pos.line, method[1].pos.col) == (9, 5)


def test_the_statement_may_be_one_text_of_paragraphs_apart(check):
    result = check(edition=EDITION_YAML + "method: |\n  Gomułka's letters are kept.\n\n  Hegedüs's are not.\n")
    assert [plain_text(p.content) for p in result.edition.meta.method] == ["Gomułka\u2019s letters are kept.",
                                                                           "Hegedüs\u2019s are not."]


def test_a_documents_interventions_are_paragraphs_with_markup_and_positions(check, document):
    result = check(document=document("Text.", interventions=["The title is printed once.",
                                                             "[In the margin:]{.supplied} is the editor's."]))
    assert result.lines == []
    first, second = result.doc.interventions
    assert plain_text(first.content) == "The title is printed once."
    assert any(isinstance(n, Supplied) for n in walk_inlines(second.content))


def test_without_them_there_is_no_statement_and_no_interventions(check):
    result = check()
    assert result.edition.meta.method == () and result.doc.interventions == ()


def test_the_document_heading_is_the_citation_block_or_the_frus_form(check):
    assert check().edition.meta.document_heading == "citation"
    assert check(edition=EDITION_YAML + "document_heading: frus\n").edition.meta.document_heading == "frus"
    assert check(edition=EDITION_YAML + "document_heading: fruss\n").errors == [
        'edition.yaml:7:19: error: document_heading must be "citation" or "frus", not "fruss" (did you mean '
        '"frus"?)']
