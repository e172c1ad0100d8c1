"""The structure tree made from what WeasyPrint draws: HTML elements and marked sequences in, nodes out."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from edition.render.tagging import Annotated, Marked, Node, Tagger

HTML = """<html lang="en"><body>
<article id="art" lang="en"><p id="turn"><span class="speaker">Gomułka</span>—We must act.<span class="nobreak">now<a
class="call" id="c3" href="#n3"><sup>3</sup></a><edition-note id="n3"><a href="#c3">3</a> A note on Хрущёв.</edition-note></span>
<span id="ru" lang="ru">Хрущёв</span></p>
<dl><dt id="t1">Hegedüs, András</dt><dd id="d1">Prime minister</dd><dt id="t2">Liu Shaoqi</dt><dd id="d2a">Of the
CPC</dd><dd id="d2b">Vice-chairman</dd></dl><div id="blank"></div>
<ul><li id="li"><a id="toc" href="#art">Contents</a></li></ul></article></body></html>"""


def tree(*items_of) -> tuple[Node, dict]:
    root = ET.fromstring(HTML)
    ids = {e.get("id"): e for e in root.iter() if e.get("id")}
    tagger = Tagger({"edition-note": "Note"})
    tagger.start(root)
    items = [item(ids) for item in items_of]
    return tagger.structure(items), ids


def mark(element_id, page=0, mcid=0, text="x", pseudo=""):
    return lambda ids: Marked(page, mcid, ids[element_id], pseudo, text)


def roles(node: Node) -> list:
    return [(kid.role, roles(kid)) if isinstance(kid, Node) else "mcid" for kid in node.kids
            if isinstance(kid, Node) or isinstance(kid, Marked)]


def test_a_paragraph_across_a_page_break_is_one_element_holding_both_pages_content():
    document, _ = tree(mark("turn", 0, 5), mark("turn", 1, 0))
    (article,) = document.kids
    (paragraph,) = article.kids
    assert paragraph.role == "P" and [(m.page, m.mcid) for m in paragraph.kids] == [(0, 5), (1, 0)]


def test_a_note_follows_its_call_inside_the_paragraph_with_its_id_and_number_as_label():
    document, _ = tree(mark("turn", text="We must act."), mark("c3", text="3"), mark("n3", 1, 4, " A note"),
                       lambda ids: Marked(1, 3, ids["n3"][0], "", "3"))
    paragraph = document.kids[0].kids[0]
    nobreak = paragraph.kids[1]
    assert [k.role for k in nobreak.kids] == ["Link", "Note"]
    note = nobreak.kids[1]
    assert note.id == "n3" and note.kids[0].role == "Lbl" and note.kids[0].kids[0].role == "Link"
    assert nobreak.kids[0].contents == "Note 3"
    assert note.kids[0].kids[0].contents == "Note 3, back to its call in the text"


def test_a_term_and_its_descriptions_are_one_list_item():
    document, _ = tree(mark("t1"), mark("d1"), mark("t2"), mark("d2a"), mark("d2b"))
    (dl,) = document.kids[0].kids
    assert roles(dl) == [("LI", [("Lbl", ["mcid"]), ("LBody", ["mcid"])]),
                         ("LI", [("Lbl", ["mcid"]), ("LBody", ["mcid"]), ("LBody", ["mcid"])])]


def test_an_element_without_content_makes_no_element():
    document, _ = tree(mark("t1"))
    assert [node.role for node in document.walk()] == ["Document", "Art", "L", "LI", "Lbl"]


def test_a_span_in_another_language_says_so_and_one_in_the_documents_does_not():
    document, _ = tree(mark("ru", text="Хрущёв"))
    span = list(document.walk())[-1]
    assert span.role == "Span" and span.lang == "ru"
    assert document.kids[0].lang is None  # the article is in the document's language


def test_annotations_of_boxes_inside_a_link_go_to_the_link_with_its_description():
    document, ids = tree(mark("toc", text="Contents"),
                         lambda ids: Annotated(0, ids["toc"], "annotation"),
                         lambda ids: Annotated(0, ids["toc"], "inner box's annotation"))
    link = [node for node in document.walk() if node.role == "Link"][0]
    assert [getattr(kid, "annotation", None) for kid in link.kids][1:] == ["annotation", "inner box's annotation"]
    assert link.contents == "Contents"
    assert [n.role for n in document.walk()] == ["Document", "Art", "L", "LI", "LBody", "Link"]


def test_a_link_showing_only_a_number_is_described_as_a_page_and_a_title_wins():
    root = ET.fromstring('<html lang="en"><body><p><a id="a" href="#x">12</a><a id="b" href="#x" '
                         'title="page 3, note 4">3n4</a></p></body></html>')
    tagger = Tagger()
    tagger.start(root)
    a, b = root.iter("a")
    document = tagger.structure([Marked(0, 0, a, "", "12"), Marked(0, 1, b, "", "3n4")])
    assert [n.contents for n in document.walk() if n.role == "Link"] == ["Page 12", "page 3, note 4"]


def test_a_note_called_in_a_heading_follows_the_heading():
    root = ET.fromstring('<html lang="en"><body><section><h2 id="h">On Hungary<a id="c" href="#n">9</a>'
                         '<edition-note id="n"><a href="#c">9</a> A long note.</edition-note></h2>'
                         '<p id="p">Text.</p></section></body></html>')
    ids = {e.get("id"): e for e in root.iter() if e.get("id")}
    tagger = Tagger({"edition-note": "Note"})
    tagger.start(root)
    items = [Marked(0, 0, ids["h"], "", "On Hungary"), Marked(0, 1, ids["c"], "", "9"),
             Marked(0, 2, ids["p"], "", "Text."), Marked(0, 3, ids["n"][0], "", "9"),
             Marked(0, 4, ids["n"], "", " A long note.")]
    (section,) = tagger.structure(items).kids
    assert [k.role for k in section.kids] == ["H2", "Note", "P"]
    assert [k.role for k in section.kids[0].kids if isinstance(k, Node)] == ["Link"]


def test_a_long_notes_continuation_on_the_next_page_is_part_of_the_note():
    from edition.anchors import note_part
    root = ET.fromstring(f'<html lang="en"><body><p id="p1">Text<a id="c" href="#n">1</a><edition-note id="n">'
                         f'<a href="#c">1</a> A long note</edition-note></p><p id="p2"><edition-note '
                         f'id="{note_part("n", 2)}">that goes on.</edition-note> More text.</p></body></html>')
    ids = {e.get("id"): e for e in root.iter() if e.get("id")}
    tagger = Tagger({"edition-note": "Note"})
    tagger.start(root)
    items = [Marked(0, 0, ids["p1"], "", "Text"), Marked(0, 1, ids["c"], "", "1"),
             Marked(0, 2, ids["n"], "", " A long note"), Marked(1, 0, ids["p2"], "", "More text."),
             Marked(1, 1, ids[note_part("n", 2)], "", "that goes on.")]
    notes = [n for n in tagger.structure(items).walk() if n.role == "Note"]
    assert len(notes) == 1 and [(k.page, k.text) for k in notes[0].kids if isinstance(k, Marked)] == [
        (0, " A long note"), (1, "that goes on.")]


def test_a_link_opening_a_note_is_its_label_only_when_it_leads_back_to_the_call():
    root = ET.fromstring('<html lang="en"><body><p>Text<a id="c" href="#n">1</a><edition-note id="n"><a id="u" '
                         'href="https://digitalarchive.wilsoncenter.org/document/111881">A link</a> opens the note.'
                         '</edition-note></p></body></html>')
    tagger = Tagger({"edition-note": "Note"})
    tagger.start(root)
    link = root.find(".//*[@id='u']")
    (note,) = [n for n in tagger.structure([Marked(0, 0, link, "", "A link")]).walk() if n.role == "Note"]
    assert [k.role for k in note.kids] == ["Link"]
