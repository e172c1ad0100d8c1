"""Front matter content: the laid-out text's page numbers in, what the front matter prints out.

Takes the edition and the printed folio of each document (read from the
layout); gives ``FrontMatter``: the contents entries (labels, folios, links),
the statement of editorial method with each document's interventions, the
persons listed (those the edition mentions, sorted as the index sorts them)
and the blank pages that make the text begin on a recto; and the "how to cite
this edition" line of the imprint (Chicago: the title in italics, "Place:
Publisher, Year").  ``writer.html.render_front_part`` prints it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from .. import anchors
from ..model import Edition, Paragraph, Person
from ..transforms.checks import mentioned_person_ids
from ..transforms.index import sort_keys

LABELS = {"method": "Editorial Method", "persons": "Persons", "index": "Index"}


@dataclass(frozen=True)
class ContentsEntry:
    label: str
    page: str  # the folio of the text, or "" for a page of the front matter (found in its own layout)
    href: str
    level: int = 1
    number: str = ""  # a document's number, set apart from its title ("1.")


@dataclass(frozen=True)
class DocumentInterventions:
    """A document's interventions as the method section lists them, under the document's number and title."""

    number: int
    title: str
    page: str
    href: str
    interventions: tuple[Paragraph, ...]


@dataclass(frozen=True)
class FrontMatter:
    """What the front matter prints that only layout knows."""

    contents: tuple[ContentsEntry, ...] = ()
    persons: tuple[Person, ...] = ()
    pad_pages: int = 0
    method: tuple[Paragraph, ...] = ()
    interventions: tuple[DocumentInterventions, ...] = ()

    @property
    def has_method(self) -> bool:
        return bool(self.method or self.interventions)


def persons_in_edition(edition: Edition) -> tuple[Person, ...]:
    """The persons the edition mentions, in index order."""
    mentioned = mentioned_person_ids(edition)
    persons = [p for p in edition.persons if p.id in mentioned]
    keys = sort_keys(p.index_form for p in persons)
    return tuple(sorted(persons, key=lambda p: keys[p.index_form]))


def front_matter(edition: Edition, folio_of: Callable[[str], int | None], index_first: int | None) -> FrontMatter:
    """The contents (method, persons list, each document with its folio, the index), the statement of method
    with the documents' interventions, and the persons listed."""
    persons = persons_in_edition(edition)
    interventions = tuple(
        DocumentInterventions(doc.number, doc.title_text, str(folio_of(anchors.document(doc.id))),
                              anchors.href(anchors.document(doc.id)), doc.interventions)
        for doc in edition.documents if doc.interventions)
    entries = []
    if edition.meta.method or interventions:
        entries.append(ContentsEntry(LABELS["method"], "", anchors.href(anchors.METHOD)))
    if persons:
        entries.append(ContentsEntry(LABELS["persons"], "", anchors.href(anchors.PERSONS)))
    for doc in edition.documents:
        entries.append(ContentsEntry(doc.title_text, str(folio_of(anchors.document(doc.id))),
                                     anchors.href(anchors.document(doc.id)), number=f"{doc.number}."))
    if index_first is not None:
        entries.append(ContentsEntry(LABELS["index"], str(index_first), anchors.href(anchors.INDEX)))
    return FrontMatter(contents=tuple(entries), persons=persons, method=edition.meta.method,
                       interventions=interventions)


def how_to_cite(edition: Edition) -> Markup:
    """The Chicago Manual of Style's bibliography form: "Editors, ed. *Title: Subtitle*. Place: Publisher,
    Year." (the parts the edition gives)."""
    meta = edition.meta
    editors = _join_names(list(meta.editors))
    title = meta.title + (f": {meta.subtitle}" if meta.subtitle else "")
    published = ", ".join(x for x in (meta.publisher, str(meta.year)) if x)
    if meta.place:
        published = f"{meta.place}: {published}"
    eds = f", ed{'s' if len(meta.editors) > 1 else ''}." if editors else ""
    return Markup("%s%s <i>%s</i>. %s.") % (editors, eds, title, published)


def _join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]
