"""A document's witnesses (for the critical apparatus): read with their citations, each problem at its field."""
from __future__ import annotations

from sources import DOCUMENT_YAML, X

WITNESSES = """\
witnesses:
  - siglum: N
    description: The Nicolay copy
    citation:
      as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
  - siglum: Hu1993
    description: The Hungarian translation (Hegedüs's copy), 1993
"""


def with_witnesses(text: str) -> str:
    return DOCUMENT_YAML + text


def test_witnesses_are_read_in_order_with_their_citations(check):
    result = check(document=with_witnesses(WITNESSES))
    assert result.lines == []
    n, hu = result.doc.witnesses
    assert (n.siglum, n.description, hu.siglum, hu.citation) == ("N", "The Nicolay copy", "Hu1993", None)
    assert n.citation is not None and (n.citation.repository, n.citation.folios, n.citation.form) == (
        "TsKhSD", ("53-53ob",), "russian")
    assert str(n.pos) == f"{X}:9:5"


def test_a_document_without_witnesses_has_none(check):
    assert check().doc.witnesses == ()


def test_a_siglum_given_twice_is_an_error_at_the_second(check):
    result = check(document=with_witnesses(WITNESSES + "  - siglum: N\n    description: Again\n"))
    assert result.lines == [f'{X}:15:13: error: duplicate siglum "N" (first at line 9)']
    assert [w.siglum for w in result.doc.witnesses] == ["N", "Hu1993"]


def test_a_siglum_must_be_letters_and_digits_and_not_a_name_of_the_markup(check):
    result = check(document=with_witnesses("witnesses:\n  - siglum: N-2\n    description: a\n"
                                           "  - siglum: lem\n    description: b\n"))
    message = 'must be letters and digits (A-Z, a-z, 0-9), and not lem, note, id, class, ref, person'
    assert result.lines == [f'{X}:9:13: error: siglum "N-2" {message}', f'{X}:11:13: error: siglum "lem" {message}']


def test_a_witness_needs_its_description_and_knows_its_fields(check):
    result = check(document=with_witnesses("witnesses:\n  - siglum: N\n    descripton: a\n"))
    assert result.lines == [f'{X}:9:5: error: a witness lacks the required field "description"',
                            f'{X}:10:5: error: unknown field "descripton" in a witness (did you mean "description"?)']
