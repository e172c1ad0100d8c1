"""Reading TEI from elsewhere: positions of problems, nothing lost, nothing expanded, text read back exactly."""
from __future__ import annotations

import yaml

from edition.model import App, Gap, Milestone, Sic, Supplied, Text, plain_text
from teitools import load, tei

def paragraphs(root):
    doc = yaml.safe_load(next((root / "documents").glob("*.yaml")).read_text(encoding="utf-8"))
    return [p if isinstance(p, str) else p["text"] for s in doc["body"] for p in s["paragraphs"]]


def test_an_unknown_element_is_warned_at_its_line_and_column_and_its_text_kept(import_tei):
    root, err, code = import_tei(tei('<p>Before <foo>kept words</foo> after.</p>'))
    assert code == 0
    assert f"{root.parent / 'in.xml'}:3:11: warning: <foo> has no place in the edition's model: its text is kept" \
        in err
    assert paragraphs(root) == ["Before kept words after."]


def test_malformed_xml_is_an_error_at_its_position_and_nothing_is_written(import_tei):
    root, err, code = import_tei(tei("<p>Gomułka <hi>unclosed</p>"))
    assert code == 1
    assert ":3:27: error: not well-formed XML:" in err and "Traceback" not in err
    assert not (root / "documents").exists()


def test_a_file_that_is_not_tei_is_an_error(import_tei):
    _root, err, code = import_tei("<html><body/></html>")
    assert code == 1 and "in.xml:1:1: error: not TEI: the root element is <html>" in err


def test_entities_are_never_expanded(import_tei):
    doctype = '<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY big "Хрущёв Хрущёв">]>\n'
    root, err, code = import_tei(tei("<p>A &secret; and &big;.</p>", before=doctype))
    assert code == 0
    assert "the entity reference &secret; is not expanded" in err
    assert paragraphs(root) == ["A &secret; and &big;."]
    assert "root:" not in (root / "documents").iterdir().__next__().read_text(encoding="utf-8")


def test_text_that_looks_like_markup_reads_back_as_the_same_characters(import_tei):
    words = 'He said "no" -- [garble] *stars* _under_ back\\slash ... {braces} and Hegedüs\'s 刘少奇.'
    root, _err, code = import_tei(tei(f"<p>{words}</p>"))
    assert code == 0
    doc = load(root).documents[0]
    assert plain_text(doc.sections[0].blocks[0].content) == words


def test_editorial_signs_of_other_encoders_are_read(import_tei):
    body = ('<p>A <choice><sic>Gomólka</sic><corr>Gomułka</corr></choice>, <supplied>hall</supplied>, '
            '<gap reason="illegible" quantity="2" unit="words"/><pb n="7"/><milestone unit="folio" n="3ob"/>'
            '<lb/>end.</p>')
    root, err, code = import_tei(tei(body))
    assert code == 0, err
    nodes = load(root).documents[0].sections[0].blocks[0].content
    kinds = [(type(n).__name__, getattr(n, "correction", getattr(n, "extent", getattr(n, "n", "")))) for n in nodes
             if not isinstance(n, Text)]
    assert kinds == [("Sic", "Gomułka"), ("Supplied", ""), ("Gap", "2 words"), ("Milestone", "7"),
                     ("Milestone", "3ob")]
    assert isinstance(nodes[1], Sic) and isinstance(nodes[3], Supplied)
    assert isinstance(nodes[5], Gap) and isinstance(nodes[6], Milestone)


def test_notes_without_numbers_or_with_repeated_ones_are_numbered_with_a_warning(import_tei):
    root, err, code = import_tei(tei('<p>One<note>first</note> two<note n="1">second</note>.</p>'))
    assert code == 0
    assert "a note without a number: numbered 1" in err and 'note numbered "1": numbered 2' in err
    assert paragraphs(root) == ["One[^1] two[^2]."]


def test_a_person_pointer_to_nothing_is_warned_and_the_name_kept(import_tei):
    root, err, code = import_tei(tei('<p><persName ref="#nobody">Liu Shaoqi</persName> spoke.</p>'))
    assert code == 0
    assert ':3:4: warning: <persName> points at "#nobody", which is no person of this file' in err
    assert paragraphs(root) == ["Liu Shaoqi spoke."]


def test_our_export_edited_by_hand_is_read_with_warnings_not_a_traceback(seed_tei, import_tei):
    edited = seed_tei.replace(b'<date when="1956-10-26">October 26, 1956</date>', b"<date>October 26</date>")
    root, err, code = import_tei(edited)
    assert code == 0
    assert "warning: no date (dateline/date/@when): dated 0001-01-01; correct it" in err
    assert "Traceback" not in err and (root / "documents").is_dir()


def test_quotations_get_their_marks_and_combined_renditions_their_emphasis(import_tei):
    root, err, code = import_tei(tei('<p>He said <q>no</q> and <hi rend="bold italic">Kádár</hi>.</p>'))
    assert code == 0 and "<q>" not in err and "plain text" not in err, err
    assert paragraphs(root) == ["He said “no” and *Kádár*."]


def with_witnesses(body: str) -> str:
    """A TEI file whose header lists two witnesses, one with an xml:id that is no siglum of the markup."""
    return tei(body).replace("<sourceDesc><p>S</p></sourceDesc>", '<sourceDesc><listWit><witness xml:id="ms-A">'
                             'Manuscript <hi>A</hi></witness><witness xml:id="B">Print B</witness></listWit>'
                             '</sourceDesc>')


def test_an_apparatus_of_another_encoder_is_read_with_its_witnesses(import_tei):
    root, err, code = import_tei(with_witnesses(
        '<p>We <app><lem wit="#ms-A">met</lem><rdg wit="#B">came</rdg></app> and <app><lem>went</lem>'
        '<rdg wit="#B" type="add">went home</rdg><note>Print B adds <hi>home</hi></note></app>, '
        '<app><lem>Hegedüs</lem><rdg wit="#B"/></app>.</p>'))
    assert code == 0 and "now checks with 0 error(s)" in err, err
    assert 'the witness "ms-A" is written "msA" (a siglum of the markup is letters and digits)' in err
    doc = load(root).documents[0]
    assert [(w.siglum, w.description) for w in doc.witnesses] == [("msA", "Manuscript A"), ("B", "Print B")]
    apps = [n for n in doc.sections[0].blocks[0].content if isinstance(n, App)]
    assert [(plain_text(a.children), a.lemma_witnesses, [(r.kind, r.text, r.witnesses) for r in a.readings], a.note)
            for a in apps] == [("met", ("msA",), [("rdg", "came", ("B",))], ""),
                               ("went", (), [("add", "home", ("B",))], "Print B adds home"),
                               ("Hegedüs", (), [("om", "", ("B",))], "")]


def test_what_the_apparatus_markup_cannot_say_is_warned_at_its_line_and_kept_for_check(import_tei):
    root, err, code = import_tei(with_witnesses(
        '<p>A <app><lem>x</lem><rdg>y</rdg><rdg wit="#B" type="add">z</rdg><witDetail wit="#B">w</witDetail>'
        '</app> <app><rdg wit="#B">too</rdg></app>.</p>'))
    assert code == 0
    assert ':3:23: warning: a reading without @wit: kept under the siglum "UNKNOWN", which edition check reports' \
        in err
    assert ':3:35: warning: a reading of type "add" that does not begin with the lemma ("x"): kept as the ' \
           "witnesses' reading in place of the lemma" in err
    assert ":3:67: warning: <witDetail> in an apparatus entry has no place in the edition's model: left out" in err
    assert ":3:107: warning: an apparatus entry without a lemma" in err
    assert paragraphs(root) == ['A [x]{.app UNKNOWN="y" B="z"} []{.app B="too"}.']
    assert '"UNKNOWN" is not a witness of this document' in err and "an apparatus entry with an empty lemma" in err
