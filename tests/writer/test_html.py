"""The HTML writer's helpers: parts laid out alone, the citation block's source note."""
from markupsafe import Markup

from edition.writer.html import point_links_elsewhere, source_note


def test_links_to_anchors_the_part_holds_stay_and_others_go_to_the_scheme():
    part = Markup('<p id="here">a</p><a href="#here">1</a><a href="#gomulka-m3">2</a><a href="https://x.org/#y">3</a>')
    assert point_links_elsewhere(part, "edition-part:") == Markup(
        '<p id="here">a</p><a href="#here">1</a><a href="edition-part:gomulka-m3">2</a><a href="https://x.org/#y">3</a>')


def test_a_data_attribute_naming_an_anchor_is_not_a_link_nor_an_anchor():
    part = Markup('<span data-href="#doc-x"></span><a href="#persons">P</a><i data-id="persons"></i>')
    assert point_links_elsewhere(part, "edition-part:") == Markup(
        '<span data-href="#doc-x"></span><a href="edition-part:persons">P</a><i data-id="persons"></i>')


def test_the_citation_block_lists_the_witnesses_with_where_they_are_kept(check):
    result = check(document="""\
        title: A Session
        date: 1956-10-26
        citation:
          as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
        witnesses:
          - siglum: R
            description: The Russian original <typescript>.
            citation:
              as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
          - siglum: H
            description: The Hungarian translation (Hegedüs's copy)
        body:
          - paragraphs:
              - Text.
        """)
    note = str(source_note(result.doc)).replace("\u00a0", " ")  # the ties of "F. 3" read as spaces
    assert note.endswith("Witnesses: R: The Russian original &lt;typescript&gt; (TsKhSD, F. 3, Op. 12, D. 1005, "
                         "Ll. 53\u201353ob); H: The Hungarian translation (Hegedüs&#39;s copy).")


def test_a_document_without_witnesses_says_nothing_of_them(check):
    assert "Witnesses" not in str(source_note(check().doc))


# ---------------------------------------------------------------- what the writer sets for print

from edition.writer.html import published_html, set_for_print, url_html, verbatim  # noqa: E402

URL = "https://wilson-center-digital-archive.dvincitest.com/document/111881"


def test_a_url_breaks_only_after_its_slashes_and_reads_as_the_url():
    html = str(url_html(URL))
    assert html == ('<a class="url" href="https://wilson-center-digital-archive.dvincitest.com/document/111881">'
                    '<span class="url-part">https://</span>'
                    '<span class="url-part">wilson-center-digital-archive.dvincitest.com/</span>'
                    '<span class="url-part">document/</span><span class="url-part">111881</span></a>')
    assert "".join(part for part in html.split("<") if part.startswith("span")).count(">") == 4


def test_a_part_of_a_url_too_long_for_a_line_may_break_anywhere():
    assert '<span class="url-long">' in str(url_html("https://example.org/" + "a-very-long-segment-" * 4))


def test_a_verbatim_citation_keeps_its_characters_and_links_its_url():
    html = str(verbatim(f'"Notes" <{URL}>, p.389 & more'))
    assert html.startswith("&#34;Notes&#34; &lt;<a class=\"url\"") and html.endswith("&gt;, p.389 &amp; more")


def test_the_title_of_a_periodical_or_volume_is_set_in_italics():
    assert str(published_html("CWIHP Bulletin 8–9, p. 389")) == "<i>CWIHP Bulletin</i> 8–9, p. 389"
    assert str(published_html("Foreign Relations of the United States, 1955–1957, Document 126")) == (
        "<i>Foreign Relations of the United States</i>, 1955–1957, Document 126")
    assert str(published_html("*Magyar Nemzet*, the issue of 23 October")) == (
        "<i>Magyar Nemzet</i>, the issue of 23 October")
    assert str(published_html("a typescript")) == "a typescript"  # no number, no comma: as it is


def test_a_compound_breaks_only_at_its_own_hyphen_and_a_chinese_name_is_never_hyphenated():
    part = Markup('<p id="x-p1">A Military-Revolutionary Committee; <span class="person" id="x-m1" '
                  'data-person="deng-xiaoping">Deng Xiaoping</span>, <span class="person" data-person="nagy">'
                  'Nagy</span></p>')
    out = str(set_for_print(part, frozenset({"deng-xiaoping"})))
    assert 'A <span class="compound">Military-Revolutionary</span> Committee' in out
    assert 'id="x-p1"' in out  # a hyphenated attribute is left alone
    assert 'data-person="deng-xiaoping" data-name-order="surname-first">Deng Xiaoping' in out
    assert 'data-person="nagy">Nagy' in out
