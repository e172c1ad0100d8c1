"""Headers: the edition's and each document's metadata in, TEI header elements out.

``corpus_header`` gives the ``teiCorpus`` header (titles, editors, translator,
publication, licence, page setup, keywords); ``person_list`` the authority
as a ``listPerson``; ``document_header`` each ``TEI``'s header (titles, the
notes' responsibility, the archival citation in ``msDesc`` and ``bibl``, the
summary as ``abstract``, date, languages, participants and guests).  The
element names and where each field goes are listed in the README ("TEI").
"""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from ..model import Citation, Document, Edition, EditionMeta, Person, Variant, Witness
from .ids import APPLICATION, XML_ID, tei, xml_id

_WHEN = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")
DEFAULT_BLEED = "3mm"


def sub(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A child TEI element with optional text and attributes (``xml_id`` gives ``xml:id``)."""
    el = etree.SubElement(parent, tei(name))
    for key, value in attrs.items():
        el.set(XML_ID if key == "xml_id" else key, value)
    if text:
        el.text = text
    return el


def translator_heading(heading: str) -> bool:
    """Whether a document's notes heading ("Translator's Notes") names the translator as their author."""
    return "translat" in heading.lower()


def notes_resp(edition: Edition, doc: Document) -> str:
    """The ``@resp`` of a document's notes: the translator, or the editors."""
    if translator_heading(doc.notes_heading):
        return "#translator"
    return " ".join(f"#editor-{i}" for i in range(1, len(edition.meta.editors) + 1)) or "#translator"


def _needs_translator(edition: Edition) -> bool:
    return bool(edition.meta.translator) or any(notes_resp(edition, d) == "#translator"
                                                for d in edition.documents if d.notes)


def corpus_header(edition: Edition, version: str,
                  paragraphs: Callable[[etree._Element, str, tuple], None] | None = None) -> etree._Element:
    """The corpus's header; ``paragraphs(parent, tag, inlines)`` writes the statement of method's paragraphs."""
    meta = edition.meta
    header = etree.Element(tei("teiHeader"))
    file_desc = sub(header, "fileDesc")
    titles = sub(file_desc, "titleStmt")
    sub(titles, "title", meta.title, type="main")
    if meta.subtitle:
        sub(titles, "title", meta.subtitle, type="sub")
    for i, editor in enumerate(meta.editors, 1):
        sub(titles, "editor", editor, xml_id=f"editor-{i}")
    if _needs_translator(edition):
        resp = sub(titles, "respStmt", xml_id="translator")
        sub(resp, "resp", "translation")
        sub(resp, "name", meta.translator)
    _publication(sub(file_desc, "publicationStmt"), meta)
    if meta.series:
        sub(sub(file_desc, "seriesStmt"), "title", meta.series)
    if meta.acknowledgement:
        sub(sub(file_desc, "notesStmt"), "note", meta.acknowledgement, type="acknowledgement")
    sub(sub(file_desc, "sourceDesc"), "p", "Each document of the corpus describes its own source.")
    encoding = sub(header, "encodingDesc")
    app = sub(sub(encoding, "appInfo"), "application", ident=APPLICATION, version=version)
    sub(app, "label", "edition")
    if meta.output:  # the name of the built files
        sub(app, "desc", meta.output, type="output")
    tags = sub(encoding, "tagsDecl")
    page = f"@page {{ size: {meta.page.width} {meta.page.height}; bleed: {meta.bleed} }}"
    sub(tags, "rendition", page, scheme="css", xml_id="page")
    if meta.note_numbering != "per-document":
        sub(tags, "rendition", meta.note_numbering, scheme="free", xml_id="note-numbering")
    if meta.document_heading != "citation":
        sub(tags, "rendition", meta.document_heading, scheme="free", xml_id="document-heading")
    design = meta.design
    if (design.line_every, design.line_count, design.line_locators) != (5, "document", False):
        locators = "line" if design.line_locators else "page"
        lines = f"every {design.line_every}; count {design.line_count}; locators {locators}"
        sub(tags, "rendition", lines, scheme="free", xml_id="line-numbering")
    if meta.method and paragraphs is not None:  # the statement of editorial method
        decl = sub(encoding, "editorialDecl")
        for paragraph in meta.method:
            paragraphs(decl, "p", paragraph.content)
    profile = sub(header, "profileDesc")
    sub(sub(profile, "langUsage"), "language", ident=meta.language)
    if meta.keywords:
        keywords = sub(sub(profile, "textClass"), "keywords")
        for word in meta.keywords:
            sub(keywords, "term", word)
    return header


def _publication(stmt: etree._Element, meta: EditionMeta) -> None:
    sub(stmt, "publisher", meta.publisher)
    sub(stmt, "pubPlace", meta.place)
    date = sub(stmt, "date", meta.year)
    if _WHEN.fullmatch(meta.year):
        date.set("when", meta.year)
    if meta.licence:
        sub(sub(stmt, "availability"), "licence", meta.licence)


# ---------------------------------------------------------------- persons


def person_list(persons: tuple[Person, ...], person_ids: dict[str, str]) -> etree._Element:
    listing = etree.Element(tei("listPerson"))
    for person in persons:
        _person(listing, person, person_ids)
    return listing


def _person(listing: etree._Element, person: Person, person_ids: dict[str, str]) -> None:
    el = sub(listing, "person", xml_id=person_ids[person.id], n=person.id)
    name = sub(el, "persName", type="main")
    parts = [("surname", person.surname), ("forename", person.forenames)]
    for i, (part, value) in enumerate(parts if person.surname_first else parts[::-1]):
        child = sub(name, part, value)
        if part == "surname" and not person.match_surname:
            child.set("type", "common")  # a common surname: found only with the forenames
        if i == 0:
            child.tail = " "
    default_index = person.display_name if person.surname_first else (
        f"{person.surname}, {person.forenames}" if person.forenames else person.surname)
    if person.index_form != default_index:
        sub(el, "persName", person.index_form, type="index")
    for variant in person.variants:
        _variant(el, variant)
    for tag, value in (("birth", person.born), ("death", person.died)):
        if value:
            date = sub(el, tag, value)
            if _WHEN.fullmatch(value):
                date.set("when", value)
    if person.identification:
        sub(el, "note", person.identification, type="identification")
    for other in person.see_also:
        sub(el, "ptr", type="see-also", target=f"#{person_ids.get(other, xml_id(other))}")


def _variant(el: etree._Element, variant: Variant) -> None:
    name = sub(el, "persName", variant.form, type="variant")
    if variant.misspelling:
        name.set("subtype", "misspelling")


# ---------------------------------------------------------------- a document


def document_header(edition: Edition, doc: Document, preamble: str, person_ids: dict[str, str],
                    paragraphs: Callable[[etree._Element, str, tuple], None],
                    witness_ids: dict[str, str] | None = None) -> etree._Element:
    """A document's header; ``paragraphs(parent, tag, inlines)`` writes the summary's inline content,
    ``witness_ids`` gives the ``xml:id`` of each witness by its siglum."""
    header = etree.Element(tei("teiHeader"))
    file_desc = sub(header, "fileDesc")
    titles = sub(file_desc, "titleStmt")
    sub(titles, "title", doc.title_text, type="main")
    if doc.short_title != doc.title_text:
        sub(titles, "title", doc.short_title, type="short")
    if doc.notes or doc.notes_heading != "Notes":
        resp = sub(titles, "respStmt")
        sub(resp, "resp", doc.notes_heading)
        for target in notes_resp(edition, doc).split():
            sub(resp, "name", ref=target)
    sub(sub(file_desc, "publicationStmt"), "p", f"Published in {edition.meta.title}, {edition.meta.year}.")
    source = sub(file_desc, "sourceDesc")
    _source(source, doc.citation, doc.title_text, doc.original_language)
    if doc.witnesses:
        _witnesses(source, doc.witnesses, witness_ids or {})
    if preamble or doc.interventions:
        decl = sub(sub(header, "encodingDesc"), "editorialDecl")
        if preamble:  # the comment opening the document's file
            sub(decl, "p", preamble)
        if doc.interventions:  # the editor's interventions, one item each
            listing = sub(sub(decl, "p"), "list", type="interventions")
            for item in doc.interventions:
                paragraphs(listing, "item", item.content)
    profile = sub(header, "profileDesc")
    if doc.summary:
        abstract = sub(profile, "abstract")
        for paragraph in doc.summary:
            paragraphs(abstract, "p", paragraph.content)
    sub(sub(profile, "creation"), "date", when=doc.date.isoformat())
    sub(sub(profile, "langUsage"), "language", doc.contents or None, ident=doc.language)
    if doc.participants or doc.guests:
        partic = sub(profile, "particDesc")
        if doc.participants:
            listing = sub(partic, "listPerson", type="participants")
            for pid, _pos in doc.participants:
                sub(listing, "person", sameAs=f"#{person_ids.get(pid, xml_id(pid))}")
        if doc.guests:
            listing = sub(partic, "listPerson", type="guests")
            for guest in doc.guests:
                person = sub(listing, "person", sameAs=f"#{person_ids.get(guest.person_id, xml_id(guest.person_id))}")
                if guest.affiliation:
                    sub(person, "affiliation", guest.affiliation)
    return header


SHELFMARK = (("collection", "collection", None), ("series", "collection", "series"), ("file", "idno", "file"),
             ("item", "idno", "item"), ("box", "idno", "box"), ("folder", "idno", "folder"))


def _witnesses(desc: etree._Element, witnesses: tuple[Witness, ...], ids: dict[str, str]) -> None:
    """``listWit``: each witness's description, and its citation as a document's (``msDesc``, ``bibl``)."""
    listing = sub(desc, "listWit")
    for w in witnesses:
        el = sub(listing, "witness", w.description, xml_id=ids.get(w.siglum, xml_id(w.siglum)), n=w.siglum)
        if w.citation is not None:
            _source(el, w.citation, w.description, "")


def _source(desc: etree._Element, c: Citation, title: str, original_language: str) -> None:
    """The citation: ``msDesc`` (repository, collection, series, file, item, box, folder, folios) when any is
    known, the verbatim form as ``bibl type="citation"`` (``subtype``: its national form), the rest as
    ``bibl type="details"``."""
    if c.repository or c.folios or any(getattr(c, name) for name, _tag, _type in SHELFMARK):
        ms = sub(desc, "msDesc")
        ident = sub(ms, "msIdentifier")
        if c.repository:
            sub(ident, "repository", c.repository)
        for name, tag, kind in SHELFMARK:
            if getattr(c, name):
                el = sub(ident, tag, getattr(c, name))
                if kind:
                    el.set("type", kind)
        if c.folios:
            item = sub(sub(ms, "msContents"), "msItem")
            for leaves in c.folios:
                sub(item, "locus", leaves)
            sub(item, "title", title)
    cited = sub(desc, "bibl", c.as_given, type="citation")
    if c.form:
        cited.set("subtype", c.form)
    details = [("respStmt", c.compiler), ("textLang", original_language), ("relatedItem", c.published),
               ("distributor", c.digital_archive), ("ptr", c.url)]
    if any(value for _tag, value in details):
        bibl = sub(desc, "bibl", type="details")
        if c.compiler:
            resp = sub(bibl, "respStmt")
            sub(resp, "resp", "compiled by")
            sub(resp, "name", c.compiler)
        if original_language:
            sub(bibl, "textLang", original_language)
        if c.published:
            sub(sub(bibl, "relatedItem", type="published"), "bibl", c.published)
        if c.digital_archive:
            sub(bibl, "distributor", c.digital_archive)
        if c.url:
            sub(bibl, "ptr", target=c.url)
