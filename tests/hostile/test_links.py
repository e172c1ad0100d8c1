"""A citation's url becomes a live link in the PDF: only web addresses are allowed."""
from __future__ import annotations

import pytest
from sources import DOCUMENT_YAML, X

AT = "  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob\n"


def with_url(url: str) -> str:
    return DOCUMENT_YAML.replace(AT, AT + f"  url: '{url}'\n")  # line 5, the value at column 8


@pytest.mark.parametrize("url, scheme", [("javascript:alert(document.title)", "javascript"),
                                         ("file:///etc/passwd", "file"),
                                         ("data:text/html,<script>alert(1)</script>", "data"),
                                         ("JavaScript:alert(1)", "javascript")])
def test_a_link_that_is_not_a_web_address_is_an_error(make_edition, run, url, scheme):
    make_edition(document=with_url(url))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:5:8: error: the url "{url}" is not a web address: only http:// and https:// links are printed (a '
        f'"{scheme}:" link could run code or open the reader\'s own files)'])


def test_a_doi_is_asked_for_as_a_web_address(make_edition, run):
    make_edition(document=with_url("doi:10.1080/14682745.2011.573144"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (1, [
        f'{X}:5:8: error: the url "doi:10.1080/14682745.2011.573144" is a DOI, which PDF readers do not open: '
        f'write it as https://doi.org/...'])


def test_a_web_address_is_accepted(make_edition, run):
    make_edition(document=with_url("https://digitalarchive.wilsoncenter.org/document/112920"))
    outcome = run("check", ".")
    assert (outcome.code, outcome.problems) == (0, [])
