"""The critical apparatus, checked: a resolved ``Edition`` in, diagnostics out.

Each entry (``[lemma]{.app H="reading" lem="N" note="..."}``, an ``App`` node)
is checked against its document: the sigla of its readings and of ``lem``
must be the document's declared witnesses (with a did-you-mean); a document
with entries must declare witnesses at all (said once, at its first entry,
as the root cause); the lemma may not be empty; an entry may not stand
inside another (the markup cannot express two entries that overlap, so an
entry inside another is the one form overlap can take); a siglum may not be
both the lemma's and a reading's; an entry needs readings; a reading that
repeats the lemma is a warning.  For now entries stand in body paragraphs
only (not in titles, summaries, headings, speakers' names or notes): the
apparatus is keyed to the line numbers of the body text.
"""
from __future__ import annotations

from typing import Iterator

from .. import anchors
from ..diagnostics import Diagnostics, did_you_mean
from ..markup import APP_OWN
from ..model import CONTAINERS, App, Document, Edition, Inline, plain_text

BODY = ""  # the place of a body paragraph's text: the only place entries may stand


def check_apparatus(edition: Edition, diags: Diagnostics) -> None:
    for doc in edition.documents:
        _check_document(doc, diags)


def apparatus_entries(doc: Document) -> Iterator[tuple[App, App | None, str]]:
    """Every entry of a document in reading order, with the entry it stands inside (or None) and its place
    ("" for a body paragraph, else what the place is: "the title", "note 3", ...)."""
    for nodes, place in _runs(doc):
        yield from ((app, outer, place) for app, outer in _entries(nodes, None))


def _runs(doc: Document) -> Iterator[tuple[tuple[Inline, ...], str]]:
    yield doc.title, "the document's title"
    for p in doc.summary:
        yield p.content, "the summary"
    for s in doc.sections:
        yield s.heading, "a section heading"
        for b in s.blocks:
            yield b.speaker, "a speaker's name"
            yield b.content, BODY
    for n in doc.notes:
        yield n.content, f"note {n.label}"


def _entries(nodes: tuple[Inline, ...], outer: App | None) -> Iterator[tuple[App, App | None]]:
    for node in nodes:
        if isinstance(node, App):
            yield node, outer
            yield from _entries(node.children, node)
        elif isinstance(node, CONTAINERS):
            yield from _entries(node.children, outer)


def _check_document(doc: Document, diags: Diagnostics) -> None:
    found = list(apparatus_entries(doc))
    if not found:
        return
    sigla = [w.siglum for w in doc.witnesses]
    if not sigla:
        diags.error(found[0][0].pos, f"an apparatus entry, but the document declares no witnesses: list them under "
                                     f"witnesses: (siglum, description) in {doc.path}", code="app-witnesses")
    for app, outer, place in found:
        _check_entry(app, outer, place, sigla, diags)
    _check_section_ids(doc, len(found), diags)


def _check_entry(app: App, outer: App | None, place: str, sigla: list[str], diags: Diagnostics) -> None:
    if outer is not None:
        diags.error(app.pos, f"an apparatus entry inside another (the one at line {outer.pos.line}, column "
                             f"{outer.pos.col}): entries may not nest or overlap; make one entry of the longer "
                             f"passage, with each witness's reading of all of it", code="app-overlap")
    if place != BODY:
        diags.error(app.pos, f"an apparatus entry in {place}: for now apparatus entries stand in body paragraphs "
                             f"only (the apparatus is keyed to the line numbers of the body text)", code="app-place")
    lemma = plain_text(app.children)
    if not lemma.strip():
        diags.error(app.pos, 'an apparatus entry with an empty lemma: the lemma is the base text\'s words, '
                             '[words]{.app SIGLUM="reading"}', code="app-lemma")
    elif lemma != lemma.strip():
        diags.warning(app.pos, f'the lemma "{lemma}" begins or ends with a space: put the space outside the '
                               f'brackets, or the apparatus prints it', code="app-lemma")
    if not app.readings:
        diags.error(app.pos, 'an apparatus entry without readings: give each witness\'s reading as '
                             'SIGLUM="words", SIGLUM="om." or SIGLUM="add. words"', code="app-readings")
    if sigla:
        _check_sigla(app, sigla, diags)
    for reading in app.readings:
        if reading.kind == "rdg" and lemma.strip() and reading.text == lemma:
            diags.warning(reading.pos, f'the reading of {" ".join(reading.witnesses)} is the lemma itself '
                                       f'("{lemma}"): list those witnesses in lem="..." instead', code="app-same")


def _check_sigla(app: App, sigla: list[str], diags: Diagnostics) -> None:
    known = ", ".join(sigla)
    for siglum in app.lemma_witnesses:
        if siglum not in sigla:
            diags.error(app.lemma_pos or app.pos, f'lem names "{siglum}", which is not a witness of this document '
                                                  f'({known}){did_you_mean(siglum, sigla)}', code="app-siglum")
    for reading in app.readings:
        for siglum, at in zip(reading.witnesses, reading.witness_pos or (reading.pos,) * len(reading.witnesses)):
            if siglum not in sigla:  # "lemma" or "notes" is more likely a misspelt attribute than a witness
                diags.error(at, f'"{siglum}" is not a witness of this document ({known})'
                                f'{did_you_mean(siglum, [*sigla, *APP_OWN])}', code="app-siglum")
            elif siglum in app.lemma_witnesses:
                diags.error(at, f'"{siglum}" is given both for the lemma (lem) and for a reading: a witness has '
                                f'one reading', code="app-siglum")


def _check_section_ids(doc: Document, entries: int, diags: Diagnostics) -> None:
    """A section id such as "a3" would give its section the anchor of the third entry."""
    taken = {anchors.apparatus_entry(doc.id, k) for k in range(1, entries + 1)}
    for section in doc.sections:
        if section.anchor in taken:
            diags.error(section.pos, f'section id "{section.anchor.removeprefix(doc.id + "-")}" is the name of an '
                                     f'apparatus entry\'s anchor: choose another id', code="duplicate-id")
