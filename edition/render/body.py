"""The body: the documents laid out with their notes placed, verified, and written as PDF parts.

Takes the resolved edition, a ``Renderer`` and the profile; gives ``BodyLayout``:
the printed folio of every anchor, the page count, the documents' HTML, and
(when an ``Assembler`` is given) each document written into it as a PDF part
as soon as it and those before it are done.

Each document is laid out on its own (on every core, ``render.documents``),
opens on a recto and ends on a verso (a blank page pads it), so where it starts
changes only its folios: it is laid out with folios from 1 and its margin boxes
are made again with the real folios once the page counts before it are known.
A note pulled back to its page costs a second layout of that document only,
and a warm process (``edition watch``) lays out again only the documents whose
text or first folio changed.  A volume with cross-references between
documents is laid out in one piece, so that the page numbers they print come
from the same layout.  Without an assembler (``edition index``) nothing is
written: the layout gives the folios, and the notes are still verified.

``start_body`` begins the layout; one document (or a volume laid out whole)
on more than one core is laid out by a worker beside the build, which sends
the layout's facts (folios, verified notes, HTML) as soon as it has them and
the PDF when written, so that the build checks the source meanwhile and lays
out front matter and index while the PDF is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable

from markupsafe import Markup

from .. import anchors
from ..clock import iso_stamp
from ..model import CrossRef, Edition, document_texts, walk_inlines
from ..profiles import Profile
from ..progress import document_done
from ..writer.html import render_body_part, render_html
from .documents import Stages, Waiting, can_fork, lay_out_documents
from .finish import write_pdf
from .layout import AnchorPlace, Renderer, renumber_pages
from .placement import LaidOut, lay_out_placing_notes
from .apparatus import entries_of, verify_apparatus
from .line_numbers import line_at, numbered_lines
from .verify import verify_notes

if TYPE_CHECKING:  # the PDF readers are imported when a PDF is assembled, not to lay one out
    from .assemble import Assembler


@dataclass
class BodyLayout:
    """The documents laid out (and written as PDF parts), with the page of every anchor."""

    edition: Edition
    parts: list[int]  # the documents' handles in the assembler (one per document, or one for a volume laid whole)
    pages: int  # even: the last document ends on a verso
    part: Markup  # the documents' HTML, for edition.html
    places: dict[str, list[AnchorPlace]]
    relaxed: frozenset[str]
    passes: int = 0  # layouts of the text, counting those a relaxed paragraph needed
    plans: dict[str, dict] = field(default_factory=dict)  # the plan of each part laid out, by its plan key
    lines: dict[str, int] = field(default_factory=dict)  # a mention's line, where the index cites lines
    worker: "BodyJob | None" = None  # a worker beside the build that laid the text out, still at the build's call

    def folio(self, anchor: str) -> int | None:
        where = self.places.get(anchor)
        return where[0].page_index + 1 if where else None


@dataclass(frozen=True)
class DocumentPart:
    """One document written as a PDF part: its padded page count, anchors (pages within the part)."""

    pdf: bytes
    pages: int
    places: dict[str, list[AnchorPlace]]
    relaxed: frozenset[str]
    passes: int
    html: Markup  # the document's part of the HTML, as the note placement wrote it
    plan_key: str = ""
    plan: dict = field(default_factory=dict)  # its layout plan, as data, for the plan cache
    lines: dict[str, int] = field(default_factory=dict)  # a mention's line number, where the index cites lines


def mention_lines(laid: LaidOut) -> dict[str, int]:
    """The line of every person mentioned in the numbered text of a document with an apparatus (the index
    cites it as "12.4"); mentions elsewhere (headings, notes) are cited by page."""
    out: dict[str, int] = {}
    for doc in laid.edition.documents:
        if not entries_of(doc):
            continue
        lines = numbered_lines(laid.document, doc, laid.edition.meta.design.line_count)
        prefix = anchors.mention(doc.id, 0)[:-1]
        for anchor, spots in laid.places.items():
            if anchor.startswith(prefix) and anchor[len(prefix):].isdigit():
                line = line_at(lines, spots[0].page_index, spots[0].y)
                if line is not None:
                    out[anchor] = line.number
    return out


def page_html(edition: Edition, parts, profile: Profile, linked: bool = False, **options) -> str:
    """A part's page of HTML, dated from ``SOURCE_DATE_EPOCH`` (or the edition's year); for layout it links no
    stylesheet (the build's ``Renderer`` gives the profile's, parsed once), for edition.html it does."""
    return render_html(edition, parts, profile=profile, created=iso_stamp(edition.meta), linked=linked, **options)


class BodyJob:
    """The body's layout, begun by ``start_body``; ``finish(assembler)`` gives the ``BodyLayout``, the
    documents written into the assembler (when one is given).  A worker beside the build, its text
    written, takes more work (``lay_out_beside``) until ``end``; ``cancel`` stops it."""

    def __init__(self, here: Callable[["Assembler | None"], BodyLayout], beside: Stages | None = None,
                 edition: Edition | None = None):
        self.here, self.beside, self.edition = here, beside, edition
        self.writing = False

    def finish(self, assembler: "Assembler | None" = None) -> BodyLayout:
        if self.beside is None or self.edition is None:
            return self.here(assembler)
        part: DocumentPart = self.beside.take("facts")  # the layout, its notes verified: the PDF comes next
        document_done(0, len(self.edition.documents), part.pages)
        if assembler is None:  # nothing to write (``edition index``): the worker has ended
            self.end()
            handles = []
        else:
            handles, self.writing = [assembler.add(self.beside.waiting("pdf"))], True
        return BodyLayout(self.edition, handles, part.pages, part.html, part.places, part.relaxed, part.passes,
                          {part.plan_key: part.plan} if part.plan_key else {}, part.lines,
                          self if self.writing else None)

    def lay_out_beside(self, kind: str, pages: list[str]) -> "Waiting | None":
        """Have the worker, once the text's PDF is written, lay out and write the part ``kind`` (its fonts
        and dictionaries are loaded: a new worker would load them again); None when there is no worker."""
        if self.beside is None or not self.writing:
            return None
        self.beside.send((kind, pages))
        return self.beside.waiting(kind)

    def end(self) -> None:
        """The worker's work is done (every value asked for taken): it ends."""
        if self.beside is not None:
            self.beside.finish()

    def cancel(self) -> None:
        if self.beside is not None:
            self.beside.close()


def start_body(edition: Edition, renderer: Renderer, where: str, profile: Profile, writing: bool,
               jobs: int = 1, more: "Callable[[str, list[str]], Any] | None" = None) -> BodyJob:
    """Begin the body's layout.  One document (or a volume laid out whole), on more than one core, is laid
    out (and, ``writing``, written) by a forked worker beside this process, which goes on (checking the
    source, loading what the assembly needs, then the front matter and the index while the worker writes
    the PDF); the worker sends the layout's facts first, then the PDF, then lays out what the build asks
    of it with ``more(kind, pages)`` (the front matter).  Several documents are laid out when the job is
    finished, in workers of their own (``render.documents``)."""
    across = _references_across_documents(edition)
    if not (jobs > 1 and can_fork() and renderer.layout_cache is None and (across or len(edition.documents) == 1)):
        return BodyJob(lambda assembler: lay_out_body(edition, renderer, where, profile, assembler, jobs))
    writer = _PartWriter(renderer, profile, write=writing)
    first_folio = 1 if not across and _prints_page_numbers(edition) else None

    def stages(receive: Callable[[], Any]):
        laid = lay_out_placing_notes(edition, renderer, where, writer.page_html, first_folio)
        part, written = writer.describe(laid, 1)
        yield "facts", part
        if writing:
            yield "pdf", written()
            while (asked := receive()) is not None and more is not None:
                kind, pages = asked
                yield kind, more(kind, pages)

    return BodyJob(lambda assembler: lay_out_body(edition, renderer, where, profile, assembler, jobs),
                   Stages(stages), edition)


def lay_out_body(edition: Edition, renderer: Renderer, where: str, profile: Profile,
                 assembler: "Assembler | None" = None, jobs: int = 1) -> BodyLayout:
    """Lay out the documents and verify every note against its call; with an ``assembler``, write them into
    it as PDF parts (as they come, while later documents are being laid out)."""
    writer = _PartWriter(renderer, profile, write=assembler is not None)
    if not _references_across_documents(edition):
        return _lay_out_each_document(edition, renderer, where, writer, assembler, jobs)
    laid = lay_out_placing_notes(edition, renderer, where, writer.page_html, None)
    part = writer.write(laid, 1)
    handles = [assembler.add(part.pdf)] if assembler is not None else []
    return BodyLayout(edition, handles, part.pages, laid.part, laid.places, laid.relaxed, laid.passes,
                      {part.plan_key: part.plan} if part.plan_key else {}, part.lines)


def _cross_references(edition: Edition):
    """(document, reference) for every cross-reference of the edition."""
    return ((doc, node) for doc in edition.documents for nodes in document_texts(doc) for node in walk_inlines(nodes)
            if isinstance(node, CrossRef))


def _references_across_documents(edition: Edition) -> bool:
    return any(ref.document != doc.id for doc, ref in _cross_references(edition))


def _prints_page_numbers(edition: Edition) -> bool:
    return any(True for _ in _cross_references(edition))


class _PartWriter:
    """Gives a laid-out document its folios, verifies its notes, pads it to an even count and writes it."""

    def __init__(self, renderer: Renderer, profile: Profile, write: bool):
        self.renderer, self.profile, self.writing = renderer, profile, write

    def page_html(self, edition: Edition, parts, **options) -> str:
        return page_html(edition, parts, self.profile, **options)

    def write(self, laid: LaidOut, first_folio: int) -> DocumentPart:
        part, written = self.describe(laid, first_folio)
        return replace(part, pdf=written()) if self.writing else part

    def describe(self, laid: LaidOut, first_folio: int) -> tuple[DocumentPart, Callable[[], bytes]]:
        """The part with its notes verified, but no PDF yet, and the function that writes the PDF."""
        verify_notes(laid.placements, folio=lambda i: str(i + first_folio))
        for doc in laid.edition.documents:
            verify_apparatus(laid, doc, laid.edition.meta.design, folio=lambda i: str(i + first_folio))
        pages = list(laid.document.pages)
        padded = len(pages) + len(pages) % 2  # the next document opens on a recto
        lines = mention_lines(laid) if laid.edition.meta.design.line_locators else {}

        def written() -> bytes:
            renumber_pages(laid.document, laid.context, first_folio - laid.first_folio)
            padding = self._blank_verso(laid.edition).pages if len(pages) < padded else []
            return write_pdf(laid.document.copy(pages + padding), self.profile)

        return DocumentPart(b"", padded, laid.places, laid.relaxed, laid.passes, laid.part, laid.plan_key,
                            laid.plan.as_data(), lines), written

    def _blank_verso(self, edition: Edition):
        """A blank verso, laid out anew for each use (WeasyPrint's pages keep state from being drawn)."""
        blank, _problems = self.renderer.render(self.page_html(edition, [Markup('<div class="blank-verso"></div>')]))
        return blank


def _lay_out_each_document(edition: Edition, renderer: Renderer, where: str, writer: _PartWriter,
                           assembler: Assembler | None, jobs: int) -> BodyLayout:
    alone = [replace(edition, documents=(doc,)) for doc in edition.documents]
    needs_folio = [_prints_page_numbers(e) for e in alone]

    def lay_out(i: int, first_folio: int | None) -> LaidOut:
        return lay_out_placing_notes(alone[i], renderer, where, writer.page_html, first_folio)

    def pages_of(laid: LaidOut) -> int:
        return len(laid.document.pages) + len(laid.document.pages) % 2

    handles: list[int] = []

    def deliver(_i: int, part: DocumentPart) -> DocumentPart:
        if assembler is not None:
            handles.append(assembler.add(part.pdf))
        document_done(_i, len(alone), part.pages)
        return replace(part, pdf=b"")  # the PDF is in the assembler now

    if renderer.layout_cache is None or assembler is None:
        parts = lay_out_documents(len(alone), lay_out, writer.write, pages_of, needs_folio.__getitem__, jobs,
                                  deliver=deliver)
    else:
        parts = _reusing_unchanged(alone, renderer.layout_cache, renderer.styles_digest, writer, lay_out,
                                   needs_folio, deliver)
    places: dict[str, list[AnchorPlace]] = {}
    relaxed: frozenset[str] = frozenset()
    before = 0
    for part in parts:
        for anchor, where_list in part.places.items():
            places.setdefault(anchor, []).extend(replace(w, page_index=w.page_index + before) for w in where_list)
        relaxed = relaxed | part.relaxed
        before += part.pages
    html = Markup("").join(part.html for part in parts)
    return BodyLayout(edition, handles, before, html, places, relaxed, sum(part.passes for part in parts),
                      {part.plan_key: part.plan for part in parts if part.plan_key},
                      {anchor: line for part in parts for anchor, line in part.lines.items()})


def _reusing_unchanged(alone: list[Edition], cache: dict, styles: str, writer: _PartWriter,
                       lay_out: Callable[[int, int | None], LaidOut], needs_folio: list[bool],
                       deliver: Callable[[int, DocumentPart], DocumentPart]) -> list[DocumentPart]:
    """A warm process: a document whose HTML, styles and first folio are unchanged is not laid out again."""
    fresh: dict = {}
    parts = []
    folio = 1
    for i, one in enumerate(alone):
        key = ("document", writer.profile.name, folio, styles, writer.page_html(one, [render_body_part(one)]))
        part = cache.get(key) or writer.write(lay_out(i, folio if needs_folio[i] else None), folio)
        fresh[key] = part
        parts.append(deliver(i, part))
        folio += part.pages
    for key in [key for key in cache if key[0] == "document" and key not in fresh]:
        del cache[key]  # keep this build's documents, and only them, for the next build
    cache.update(fresh)
    return parts
