"""TEI export: the seed edition and the awkward fixture as valid TEI P5, carrying every note, person and sign."""
from __future__ import annotations

import typing

from edition import model
from edition.model import PersonMention, walk_inlines
from edition.tei.export import WRITERS, export_tei
from edition.tei.ids import XML_ID, local
from edition.tei.schema import validate

from teitools import AWKWARD, GETTYSBURG, NS, SEED, load, tree


def test_the_seed_edition_exports_as_valid_tei_p5(seed_tei):
    assert validate(seed_tei) == []


def test_the_awkward_fixture_exports_as_valid_tei_p5(awkward_tei):
    assert validate(awkward_tei) == []


def test_all_fifteen_notes_at_their_calls_with_number_place_and_the_translator(seed_tei):
    root = tree(seed_tei)
    notes = root.xpath("//t:body//t:note[@place='foot']", namespaces=NS)
    assert [n.get("n") for n in notes] == [str(i) for i in range(1, 16)]
    assert {n.get("resp") for n in notes} == {"#translator"}
    assert root.xpath("//t:teiHeader//t:respStmt[@xml:id='translator']/t:name/text()", namespaces=NS)
    assert root.xpath("//t:TEI//t:titleStmt/t:respStmt/t:resp/text()", namespaces=NS) == ["Translator's Notes"]


def test_notes_of_the_editors_point_at_the_editors(awkward_tei):
    root = tree(awkward_tei)
    resp = root.xpath("//t:TEI[@n='1956-11-04-khrushchev']//t:note[@place='foot']/@resp", namespaces=NS)
    assert resp == ["#editor-1 #editor-2"] * 2
    assert root.xpath("//t:editor[@xml:id='editor-2']/text()", namespaces=NS) == ["刘少奇研究组"]


def test_every_person_once_in_the_list_and_every_mention_pointing_there(seed_edition, seed_tei):
    root = tree(seed_tei)
    persons = root.xpath("/t:teiCorpus/t:standOff/t:listPerson/t:person", namespaces=NS)
    assert [p.get("n") for p in persons] == [p.id for p in seed_edition.persons]
    ids = {p.get("{http://www.w3.org/XML/1998/namespace}id") for p in persons}
    mentions = root.xpath("//t:text//t:persName | //t:abstract//t:persName", namespaces=NS)
    in_model = [n for d in seed_edition.documents for nodes in model.document_texts(d) for n in walk_inlines(nodes)
                if isinstance(n, PersonMention)]
    assert len(mentions) == len(in_model) > 50
    assert all(m.get("ref")[1:] in ids for m in mentions)
    assert [m.get("ref") for m in mentions if m.get("type") != "detected"] == ["#boldoczki"]  # the explicit one


def test_a_person_with_names_dates_identification_and_variants(seed_tei):
    gomulka = tree(seed_tei).xpath("//t:person[@n='gomulka']", namespaces=NS)[0]
    main = gomulka.xpath("t:persName[@type='main']", namespaces=NS)[0]
    assert [(c.tag.split("}")[1], c.text) for c in main] == [("forename", "Władysław"), ("surname", "Gomułka")]
    assert gomulka.xpath("t:persName[@type='variant']/text()", namespaces=NS) == ["Gomulka", "Гомулка"]
    assert gomulka.xpath("t:birth/@when", namespaces=NS) == ["1905"]
    assert gomulka.xpath("t:death/text()", namespaces=NS) == ["1982"]
    assert gomulka.xpath("t:note[@type='identification']/text()", namespaces=NS)[0].startswith("First Secretary")


def test_surname_first_names_keep_their_order_and_misspellings_are_marked(awkward_tei):
    root = tree(awkward_tei)
    liu = root.xpath("//t:person[@n='liu-shaoqi']/t:persName[@type='main']/*", namespaces=NS)
    assert [c.text for c in liu] == ["Liu", "Shaoqi"]
    assert root.xpath("//t:person[@n='hegedus']/t:persName[@subtype='misspelling']/text()", namespaces=NS) \
        == ["Hegedűs"]
    assert root.xpath("//t:person[@n='nagy-imre']//t:surname/@type", namespaces=NS) == ["common"]


def test_the_archival_citation_structured_and_verbatim(seed_edition, seed_tei):
    source = tree(seed_tei).xpath("//t:TEI/t:teiHeader/t:fileDesc/t:sourceDesc", namespaces=NS)[0]
    ident = source.xpath("t:msDesc/t:msIdentifier", namespaces=NS)[0]
    assert [(c.tag.split("}")[1], c.get("type"), c.text) for c in ident] == [
        ("repository", None, "TsKhSD"), ("collection", None, "3"), ("collection", "series", "12"),
        ("idno", "file", "1005")]
    assert source.xpath("t:msDesc//t:locus/text()", namespaces=NS) == ["53-53ob", "62-62ob"]
    cited = source.xpath("t:bibl[@type='citation']", namespaces=NS)
    assert [(c.text, c.get("subtype")) for c in cited] == [(seed_edition.documents[0].citation.as_given, "russian")]


def test_editorial_signs_of_the_seed_edition(seed_tei):
    root = tree(seed_tei)
    choices = root.xpath("//t:choice", namespaces=NS)
    assert [("".join(c[0].itertext()), c[1].text) for c in choices] == [("Wang Jiaying", "Wang Jiaxiang"),
                                                                        ("Suslova", "Suslov"),
                                                                        ("Shifrtelgramma", "Shifrtelegramma")]
    assert root.xpath("//t:note[@place='margin']", namespaces=NS)
    assert len(root.xpath("//t:sp/t:speaker", namespaces=NS)) == 8


def test_the_statement_of_method_and_the_interventions_in_the_editorial_declarations(seed_edition, seed_tei):
    root = tree(seed_tei)
    method = root.xpath("/t:teiCorpus/t:teiHeader/t:encodingDesc/t:editorialDecl/t:p", namespaces=NS)
    assert len(method) == len(seed_edition.meta.method) == 3
    assert "".join(method[0].itertext()).startswith("Each document is printed from the text the archive gives")
    items = root.xpath("//t:TEI/t:teiHeader/t:encodingDesc/t:editorialDecl/t:p/t:list[@type='interventions']/t:item",
                       namespaces=NS)
    assert len(items) == len(seed_edition.documents[0].interventions) == 7
    assert "".join(items[0].itertext()).startswith("The body, one run-on paragraph")


def test_a_note_of_another_numbering_points_at_the_note_it_stands_for(seed_tei):
    root = tree(seed_tei)
    refs = root.xpath("//t:note/t:ref[@type='external-note']", namespaces=NS)
    notes = {n.get("{http://www.w3.org/XML/1998/namespace}id"): n.get("n") for n in root.xpath("//t:note[@n]",
                                                                                              namespaces=NS)}
    assert [(r.getparent().get("n"), r.get("n"), notes[r.get("target")[1:]]) for r in refs] == [
        ("3", "33", "9"), ("10", "28", "4")]


def test_supplied_gap_breaks_references_and_speakers(awkward_tei):
    root = tree(awkward_tei)
    assert root.xpath("//t:supplied/text()", namespaces=NS) == ["in the hall"]
    assert [(g.get("reason"), g.get("extent")) for g in root.xpath("//t:gap", namespaces=NS)] == [
        ("illegible", "two words"), ("damage", None)]
    assert root.xpath("//t:pb/@n", namespaces=NS) == ["4"]
    assert root.xpath("//t:milestone[@unit='folio']/@n", namespaces=NS) == ["3ob"]
    ids = set(root.xpath("//@xml:id", namespaces=NS))
    targets = root.xpath("//t:ref[@target]/@target", namespaces=NS)
    assert len(targets) == 5 and all(t[1:] in ids for t in targets)
    assert root.xpath("//t:note[@place='margin']/t:sp/t:speaker//text()", namespaces=NS) == ["Cde. ", "Хрущёв"]


def test_the_export_is_deterministic(seed_tei):
    assert export_tei(load(AWKWARD)) == export_tei(load(AWKWARD))
    assert seed_tei == export_tei(load(SEED))


def test_every_inline_node_type_has_its_one_tei_writer():
    """A node type added to the model (the apparatus) fails here until its writer function exists."""
    assert set(typing.get_args(model.Inline)) <= set(WRITERS)


def test_an_apparatus_entry_is_an_app_in_parallel_segmentation(awkward_tei):
    root = tree(awkward_tei)
    first, second = root.xpath("//t:app", namespaces=NS)
    assert [(local(c.tag), c.get("wit"), c.get("type"), "".join(c.itertext())) for c in first] == [
        ("lem", "#A", None, "Хрущёв answers Gomułka"),
        ("rdg", "#R", None, 'Хрущев "отвечает" {Гомулке} *дважды*'),
        ("rdg", "#H1", None, ""),  # an omission: an empty reading
        ("note", None, None, "R\u2019s words, \"quoted\" in the note")]
    assert first.xpath("t:lem/t:persName/@ref", namespaces=NS) == ["#khrushchev", "#gomulka"]
    addition = second.xpath("t:rdg", namespaces=NS)[0]  # an addition: the lemma's words and the added ones
    assert (addition.get("wit"), addition.get("type"), addition.text) == ("#H1 #R", "add", "then at once")


def test_the_witnesses_are_a_list_in_the_source_description_that_wit_points_into(awkward_tei):
    root = tree(awkward_tei)
    witnesses = root.xpath("//t:TEI[@n='1956-10-24-gomulka']//t:sourceDesc/t:listWit/t:witness", namespaces=NS)
    assert [(w.get(XML_ID), w.get("n"), w.text) for w in witnesses] == [
        ("A", "A", "The Polish original, a typescript with Gomułka's corrections"),
        ("R", "R", "The Russian translation, “Гомулка говорит”"),
        ("H1", "H1", "The Hungarian translation of 1993 (Hegedüs's copy)")]
    assert witnesses[1].xpath("t:msDesc/t:msIdentifier/t:repository/text()", namespaces=NS) == ["RGANI"]
    assert witnesses[1].xpath("t:bibl[@type='citation']/@subtype", namespaces=NS) == ["russian"]
    pointers = {p[1:] for w in root.xpath("//t:app//@wit", namespaces=NS) for p in w.split()}
    assert pointers == {"A", "R", "H1"}


def test_the_gettysburg_example_exports_as_valid_tei_p5():
    assert validate(export_tei(load(GETTYSBURG))) == []
