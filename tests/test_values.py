import pytest

from edition.values import bleed_problem, language_problem, length_mm, link_problem, page_size


def test_lengths_in_millimetres():
    assert [length_mm(x) for x in ("156mm", "6in", "1.5cm", "72pt", "6 in", "6")] == [
        156, pytest.approx(152.4), 15, pytest.approx(25.4), None, None]


def test_a_page_size_by_name_or_by_sides():
    assert page_size("Royal") == (("156mm", "234mm"), "")
    assert page_size("6in 9in") == (("6in", "9in"), "")


def test_a_page_side_out_of_range_names_the_range():
    sizes, problem = page_size("40mm 1001mm")
    assert sizes is None
    assert problem == ('page size "40mm 1001mm" is out of range: each side must be between 50 mm and 1000 mm '
                       '(2in and 39.4in)')


def test_a_bleed_at_most_25mm():
    assert bleed_problem("3mm") == "" and bleed_problem("0.125in") == ""
    assert bleed_problem("26mm") == 'bleed "26mm" is out of range: at most 25 mm (3mm is usual)'
    assert bleed_problem("lots") == 'bleed "lots" is not a length such as 3mm or 0.125in'


def test_language_tags_and_names():
    assert [language_problem(t) for t in ("en", "ru", "hu", "zh-Hans", "en-GB", "de-1901")] == [""] * 6
    assert language_problem("Magyar").endswith('(did you mean "hu"?)')
    assert language_problem("русский").endswith('(did you mean "ru"?)')
    assert language_problem("xx").endswith("such as en, ru, hu or zh-Hans")  # no suggestion for nothing
    assert language_problem("e" * 10_000).startswith('language "' + "e" * 40 + '..."')


def test_only_web_links():
    assert link_problem("https://digitalarchive.wilsoncenter.org/document/112920") == ""
    assert link_problem("http://example.org") == ""
    assert "has no scheme" in link_problem("digitalarchive.wilsoncenter.org")
    assert "names no host" in link_problem("https:///etc/passwd")
    assert "spaces or control characters" in link_problem("https://example.org/a\nb")
    assert 'a "vbscript:" link could run code' in link_problem("vbscript:msgbox")
