"""Text extraction from the screen files with pdftotext (poppler): hyphenated words and broken URLs whole.

ISO 32000-1 9.10 (extraction of text content) and 14.9.4 (replacement text): the words a reader, a
search or a screen reader gets must be the text's words.  The layout's own line ends are read with a
second extractor (pdfplumber, which ignores replacement text) to find the words and URLs that really
were broken, so that the test cannot pass for want of a broken word.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess

import pdfplumber
import pytest

pytestmark = [pytest.mark.slow,  # whole editions built
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")]
EDITIONS = ["seed", pytest.param("volume", id="volume10")]
HYPHENATION = "\u2010"  # what the layout prints at a line end when it hyphenates (WeasyPrint's hyphenate-character)
URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def layout_lines(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def shown_words(result, joined: bool = False) -> str:
    """The text of the edition's HTML (the build writes it beside the PDF), which no layout hyphenates;
    ``joined``: the pieces of a URL (spans that say where it may break) joined."""
    body = result.pdf.with_suffix(".html").read_text().split("<body>", 1)[1]
    if joined:
        body = re.sub(r'<a class="url" href="([^"]+)">.*?</a>', r"\1", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def hyphenated_heads(lines: list[str]) -> list[str]:
    """The first parts of the words the layout hyphenated at a line end ("recom" of "recom‐")."""
    return [re.findall(r"\w+$", line[:-1])[0] for line in lines
            if line.endswith(HYPHENATION) and re.search(r"\w$", line[:-1])]


@pytest.mark.parametrize("edition", EDITIONS)
def test_hyphenated_words_extract_whole(built, edition):
    """ISO 32000-1 14.9.4, 9.10: pdftotext gives "recommended", not "recom- mended" nor "recom‐ mended"."""
    result = built(edition, "screen")
    heads = hyphenated_heads(layout_lines(result.pdf))
    source = set(re.findall(r"\w+", shown_words(result)))
    extracted = set(re.findall(r"\w+", pdftotext(result.pdf)))
    assert heads, "the layout hyphenates some words"
    for head in heads:
        assert head in source or head not in extracted, f"{head!r}: a word's first part extracted alone"
        assert any(word.startswith(head) and word != head for word in source & extracted), head


def test_the_seeds_hyphenated_words_are_the_ones_the_issue_names(built):
    words = re.findall(r"\w+", pdftotext(built("seed", "screen").pdf))
    assert "recommended" in words and "Rokossowski" in words
    assert not {"recom", "recommen", "Rokos", "mended", "sowski"} & set(words)


def test_a_url_broken_across_lines_extracts_as_the_url(built):
    """ISO 32000-1 14.9.4: a URL broken after a slash, or within a segment too long for a line, reads whole."""
    result = built("long-url", "screen")
    urls = URL.findall(shown_words(result, joined=True))
    text = pdftotext(result.pdf)
    tails = [line.split()[-1].lstrip("<(") for line in layout_lines(result.pdf) if line.split()]
    broken = [tail for tail in tails if tail.startswith("http") and tail.rstrip(".,;:)>") not in urls]
    assert urls and broken, "the edition prints a URL longer than a line, and the layout breaks it"
    for url in set(urls):
        assert text.count(url) == urls.count(url), url


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_url_extracts_whole(built, edition):
    result = built(edition, "screen")
    urls = URL.findall(shown_words(result, joined=True))
    text = pdftotext(result.pdf)
    assert urls
    for url in set(urls):
        assert text.count(url) == urls.count(url), url
