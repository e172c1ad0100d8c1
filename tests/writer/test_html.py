"""The HTML writer's helpers for parts laid out alone."""
from markupsafe import Markup

from edition.writer.html import point_links_elsewhere


def test_links_to_anchors_the_part_holds_stay_and_others_go_to_the_scheme():
    part = Markup('<p id="here">a</p><a href="#here">1</a><a href="#gomulka-m3">2</a><a href="https://x.org/#y">3</a>')
    assert point_links_elsewhere(part, "edition-part:") == Markup(
        '<p id="here">a</p><a href="#here">1</a><a href="edition-part:gomulka-m3">2</a><a href="https://x.org/#y">3</a>')


def test_a_data_attribute_naming_an_anchor_is_not_a_link_nor_an_anchor():
    part = Markup('<span data-href="#doc-x"></span><a href="#persons">P</a><i data-id="persons"></i>')
    assert point_links_elsewhere(part, "edition-part:") == Markup(
        '<span data-href="#doc-x"></span><a href="edition-part:persons">P</a><i data-id="persons"></i>')
