"""Anchors: the one place where the names of link targets are made.

Takes model objects (documents, sections, notes, persons); gives the HTML ids
that the writer prints, the layout reads back (page of every anchor) and the
index, contents, cross-references, verification and preflight look up.  A
document's anchors all begin with its id; the edition's own pages use the
names in ``RESERVED`` (which a document id may therefore not take).
"""
from __future__ import annotations

from .series import APPARATUS

RESERVED = frozenset({"half-title", "title-page", "imprint", "contents", "persons", "index", "doc", "call",
                      "person", "idx", "method"})
CALL_PREFIX = "call-"


def document(doc_id: str) -> str:
    """The document's title (what contents and references point at)."""
    return doc_id


def article(doc_id: str) -> str:
    """The document's whole article element."""
    return f"doc-{doc_id}"


def section(doc_id: str, section_id: str) -> str:
    return f"{doc_id}-{section_id}"


def paragraph(section_anchor: str, n: int) -> str:
    """The n-th (1-based) block of a section."""
    return f"{section_anchor}-p{n}"


def note(doc_id: str, prefix: str, label: str) -> str:
    """A note of a series (``prefix`` from the series: "n" for the notes)."""
    return f"{doc_id}-{prefix}{label}"


def call(note_anchor: str) -> str:
    """The call of the note whose anchor is ``note_anchor``."""
    return f"{CALL_PREFIX}{note_anchor}"


def note_of_call(call_anchor: str) -> str | None:
    return call_anchor[len(CALL_PREFIX):] if call_anchor.startswith(CALL_PREFIX) else None


def note_part(note_anchor: str, part: int) -> str:
    """Part 2, 3, ... of a note split across pages (part 1 is the note's own anchor)."""
    return note_anchor if part == 1 else f"{note_anchor}-c{part}"


def apparatus_block(block: str, word: int) -> str:
    """The apparatus block of a page, set with word ``word`` of paragraph ``block`` (the page's first)."""
    return f"{word_prefix(block)}{word}-app"


def line_number(block: str, word: int) -> str:
    """A line number in the margin, set with word ``word`` of paragraph ``block``."""
    return f"{word_prefix(block)}{word}-ln"


def lemma_end(entry_anchor: str) -> str:
    """The end of an apparatus entry's lemma in the text (its start is the entry's anchor)."""
    return f"{entry_anchor}-end"


def document_end(doc_id: str) -> str:
    """A place after a document's last paragraph (where a note's continuation is set when no text follows)."""
    return f"{doc_id}-end"


def word_prefix(block_anchor: str) -> str:
    """Marks of the words of a paragraph or a note (``<prefix><n>``), read by the note placement."""
    return f"{block_anchor}-w"


def mention(doc_id: str, k: int) -> str:
    """The k-th person mention of a document, in reading order."""
    return f"{doc_id}-m{k}"


def apparatus_entry(doc_id: str, k: int) -> str:
    """The k-th entry of a document's critical apparatus (its lemma in the text), in reading order:
    ``<doc>-a<k>``, a note of the series ``apparatus``."""
    return note(doc_id, APPARATUS.anchor_prefix, str(k))


def participant(doc_id: str, person_id: str) -> str:
    return f"{doc_id}-part-{person_id}"


def guest(doc_id: str, person_id: str) -> str:
    return f"{doc_id}-guest-{person_id}"


def person_entry(person_id: str) -> str:
    """A person's entry in the persons list of the front matter."""
    return f"person-{person_id}"


def index_entry(person_id: str) -> str:
    """A person's entry in the index (the target of See and See also references)."""
    return f"idx-{person_id}"


CONTENTS = "contents"
METHOD = "method"  # the statement of editorial method and the documents' interventions
PERSONS = "persons"
INDEX = "index"


def href(anchor: str) -> str:
    return f"#{anchor}"
