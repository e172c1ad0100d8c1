"""Inline nodes to HTML: escaping, calls with their notes, editorial signs."""
from __future__ import annotations

from dataclasses import replace

from edition.diagnostics import Diagnostics, SourcePos
from edition.markup import InlineContext, parse_inline
from edition.model import Note, Text
from edition.writer.inline import render_inlines

POS = SourcePos("x.yaml", 1, 1)


def html(source, notes=None):
    diags = Diagnostics()
    nodes = parse_inline(source, POS, diags, InlineContext(notes=notes))
    assert not diags.items, diags.format_text()
    return str(render_inlines(nodes))


def test_source_text_is_escaped():
    out = html('<script>alert(1)</script> <img src="file:///etc/passwd"> & more')
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp; more" in out


def test_a_note_call_is_a_linked_superscript_followed_by_its_note():
    note = Note(3, "3", (Text("A <b>note</b>.", POS),), POS, anchor="d-n3")
    out = html("Text.[^3] More.", {"3": note})
    assert ('<a class="call" id="call-d-n3" href="#d-n3"><sup>3</sup></a>'
            '<edition-note class="fn" id="d-n3" data-n="3">') in out
    assert "A &lt;b&gt;note&lt;/b&gt;." in out


def test_editorial_signs_print_as_editions_print_them():
    out = html("[Suslova]{.sic corr=Suslov} [in the school]{.supplied} []{.gap extent=\"two words\"} "
               "[]{.folio n=53ob}")
    assert 'Suslova</span>\u00a0<span class="sic">[<i>sic</i>:\u00a0Suslov]</span>' in out  # the correction printed
    assert '<span class="supplied">[in the school]</span>' in out
    assert "[<i>two words illegible</i>]" in out
    assert "[<i>l.</i>\u00a053ob]" in out


def test_a_note_call_is_tied_to_the_word_before_it():
    note = Note(15, "15", (Text("A note.", POS),), POS, anchor="d-n15")
    out = html("Cdes. Molotov, Zhukov, and Malenkov are to fly off.[^15]", {"15": note})
    assert out.startswith("Cdes. Molotov, Zhukov, and Malenkov are to fly ")
    assert '<span class="nobreak">off.<a class="call" id="call-d-n15"' in out
    out = html("Text *emphasised*[^15] more.", {"15": note})
    assert '<span class="nobreak"><em>emphasised</em><a class="call"' in out


def test_an_apparatus_entry_prints_its_lemma_only_anchored_and_escaped():
    diags = Diagnostics()
    nodes = parse_inline('We [<met> *Gomułka*]{.app H="came & went"} there.', POS, diags, InlineContext())
    app = nodes[1]
    out = str(render_inlines((nodes[0], replace(app, anchor="d-a1"), nodes[2])))
    # the lemma's end is marked too, so the layout knows the line its entry is keyed to
    assert out == (
        'We <span class="lemma" id="d-a1">&lt;met&gt; <em>Gomułka</em>'
        '<span class="lemma-end" id="d-a1-end"></span></span> there.'
    )
