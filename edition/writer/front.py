"""Front matter content: the laid-out text's page numbers in, what the front matter prints out.

Takes the edition and the printed folio of each document (read from the
layout); gives ``FrontMatter``: the contents entries (labels, folios, links),
the persons listed (those the edition mentions, sorted as the index sorts
them) and the blank pages that make the text begin on a recto; and the "how to
cite this edition" line of the imprint.  ``writer.html.render_front_part``
prints it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import anchors
from ..model import Edition, Person
from ..transforms.checks import mentioned_person_ids
from ..transforms.index import sort_key

LABELS = {"persons": "Persons", "index": "Index"}


@dataclass(frozen=True)
class ContentsEntry:
    label: str
    page: str  # the folio of the text, or "" for a page of the front matter (found in its own layout)
    href: str
    level: int = 1


@dataclass(frozen=True)
class FrontMatter:
    """What the front matter prints that only layout knows."""

    contents: tuple[ContentsEntry, ...] = ()
    persons: tuple[Person, ...] = ()
    pad_pages: int = 0


def persons_in_edition(edition: Edition) -> tuple[Person, ...]:
    """The persons the edition mentions, in index order."""
    mentioned = mentioned_person_ids(edition)
    return tuple(sorted((p for p in edition.persons if p.id in mentioned), key=lambda p: sort_key(p.index_form)))


def front_matter(edition: Edition, folio_of: Callable[[str], int | None], index_first: int | None) -> FrontMatter:
    """The contents (persons list, each document with its folio, the index) and the persons listed."""
    persons = persons_in_edition(edition)
    entries = [ContentsEntry(LABELS["persons"], "", anchors.href(anchors.PERSONS))] if persons else []
    for doc in edition.documents:
        entries.append(ContentsEntry(f"{doc.number}. {doc.title_text}", str(folio_of(anchors.document(doc.id))),
                                     anchors.href(anchors.document(doc.id))))
    if index_first is not None:
        entries.append(ContentsEntry(LABELS["index"], str(index_first), anchors.href(anchors.INDEX)))
    return FrontMatter(contents=tuple(entries), persons=persons)


def how_to_cite(edition: Edition) -> str:
    meta = edition.meta
    editors = _join_names(list(meta.editors))
    title = meta.title + (f": {meta.subtitle}" if meta.subtitle else "")
    where = ", ".join(x for x in (meta.place, meta.publisher, str(meta.year)) if x)
    return f"{editors}, ed{'s' if len(meta.editors) > 1 else ''}., {title} ({where})."


def _join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]
