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
    note = str(source_note(result.doc))
    assert note.endswith("Witnesses: R: The Russian original &lt;typescript&gt; (TsKhSD, F. 3, Op. 12, D. 1005, "
                         "Ll. 53\u201353ob); H: The Hungarian translation (Hegedüs&#39;s copy).")


def test_a_document_without_witnesses_says_nothing_of_them(check):
    assert "Witnesses" not in str(source_note(check().doc))
