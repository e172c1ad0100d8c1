"""Persons read from TEI: names in their order, ids from names, shared surnames found by full names only."""
from __future__ import annotations

import yaml

from teitools import tei

PERSONS = ('<standOff><listPerson>'
           '<person xml:id="p1"><persName><surname>Liu</surname> <forename>Shaoqi</forename></persName>'
           '<persName type="variant">刘少奇</persName><death when="1969"/><occupation>CPC</occupation></person>'
           '<person xml:id="p2"><persName>Nagy, Imre</persName></person>'
           '<person xml:id="p3"><persName>Nagy, Ferenc</persName></person>'
           '<person xml:id="p4"><persName>Hegedüs András</persName><floruit>1956</floruit></person>'
           '</listPerson></standOff>')


def _persons(import_tei, body):
    source = tei(body).replace("</teiHeader>", "</teiHeader>" + PERSONS)
    root, err, code = import_tei(source)
    assert code == 0, err
    return {p["id"]: p for p in yaml.safe_load((root / "persons.yaml").read_text(encoding="utf-8"))["persons"]}, err


def test_surname_first_order_variants_and_dates(import_tei):
    persons, _err = _persons(import_tei, '<p><persName ref="#p1">Liu Shaoqi</persName></p>')
    assert persons == {"liu": {"id": "liu", "surname": "Liu", "forenames": "Shaoqi", "name_order": "surname-first",
                               "died": "1969", "identification": "CPC", "variants": ["刘少奇"]}}


def test_persons_sharing_a_surname_are_found_by_their_full_names_only(import_tei):
    persons, _err = _persons(import_tei, '<p><persName ref="#p2">Imre Nagy</persName> and '
                                         '<persName corresp="#p3">Ferenc Nagy</persName></p>')
    assert sorted(persons) == ["nagy-ferenc", "nagy-imre"]
    assert all(p["match_surname"] is False for p in persons.values())


def test_a_name_without_parts_is_split_with_a_warning_and_unknown_parts_kept(import_tei):
    persons, err = _persons(import_tei, '<p><persName ref="#p4">Hegedüs</persName></p>')
    assert '"Hegedüs András" has no surname marked: taken as forenames "Hegedüs" and surname "András"' in err
    assert "<floruit> of a person: its text is kept in the identification" in err
    assert persons["andras"]["identification"] == "1956"


def test_the_import_adds_new_persons_to_an_existing_authority_keeping_its_text(import_tei, tmp_path):
    root = tmp_path / "imported"
    root.mkdir()
    existing = "# our authority\npersons:\n  - id: nagy\n    surname: Nagy\n    forenames: Imre\n"
    (root / "persons.yaml").write_text(existing, encoding="utf-8")
    source = tei('<p><persName ref="#p2">Imre Nagy</persName>, <persName ref="#p1">Liu Shaoqi</persName></p>')
    _root, err, code = import_tei(source.replace("</teiHeader>", "</teiHeader>" + PERSONS), root=root)
    assert code == 0, err
    text = (root / "persons.yaml").read_text(encoding="utf-8")
    assert text.startswith(existing)
    ids = [p["id"] for p in yaml.safe_load(text)["persons"]]
    assert ids == ["nagy", "liu"]  # Imre Nagy is the authority's "nagy": not added twice
    assert "[Imre Nagy]{person=nagy}" in next((root / "documents").glob("*.yaml")).read_text(encoding="utf-8")
