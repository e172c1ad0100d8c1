"""Build: a source folder in, ``edition.pdf`` and ``edition.html`` out.

Runs the pipeline's stages in order (see ``pipeline``): prepare the model,
write the body's HTML and lay it out once, verify every note against its
call, read the page of every anchor, then write and lay out only the parts
that need those page numbers (the index, then the front matter with contents
and persons list), combine the laid-out pages without laying out the body
again, and finish the PDF.  Nothing is written unless every stage succeeded.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .diagnostics import Diagnostic, Diagnostics, EditionError, SourcePos
from .model import Edition, Person
from .pipeline import prepare_or_fail
from .preflight import Report, preflight
from .render.finish import LabelRange, edition_date, pdf_bytes, write_atomically
from .render.layout import (Renderer, layout_failure, note_placements, page_map, paragraphs_to_relax,
                            verify_notes)
from .transforms.checks import mentioned_person_ids
from .transforms.index import IndexEntry, build_index, collect_mentions, sort_key
from .writer.html import (ContentsEntry, FrontMatter, paragraph_anchors, render_body_part, render_front_part,
                          render_html, render_index_part)

PACKAGE_STYLES = Path(__file__).resolve().parent.parent / "styles"


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    html: Path
    pages: int
    front_pages: int
    body_pages: int
    index_pages: int
    relaxed_paragraphs: int
    preflight: Report


@dataclass
class BodyLayout:
    """The documents laid out once, with the printed folio of every anchor."""

    edition: Edition
    document: object  # weasyprint.Document
    part: str
    places: dict
    relaxed: frozenset
    profile: str = "screen"

    def folio(self, anchor: str) -> int | None:
        where = self.places.get(anchor)
        return where[0].page_index + 1 if where else None


def find_styles(source: Path) -> Path:
    """The edition's own ``styles/`` beside its source folder, else the tool's."""
    own = Path(source).resolve().parent / "styles"
    return own if (own / "edition.css").is_file() else PACKAGE_STYLES


def persons_in_edition(edition: Edition) -> tuple[Person, ...]:
    mentioned = mentioned_person_ids(edition)
    return tuple(sorted((p for p in edition.persons if p.id in mentioned), key=lambda p: sort_key(p.index_form)))


def page_html(edition: Edition, parts, profile: str, **options) -> str:
    """A part's HTML for layout, dated from ``SOURCE_DATE_EPOCH`` (or the edition's year)."""
    created = edition_date(edition.meta).strftime("%Y-%m-%dT%H:%M:%SZ")
    return render_html(edition, parts, profile=profile, created=created, **options)


def lay_out_body(edition: Edition, renderer: Renderer, where: str, profile: str = "screen",
                 passes: int = 4) -> BodyLayout:
    """Lay out the documents; where a note left its call's page, relax widow and orphan control
    of the paragraphs involved and lay out again (a few passes at most); then verify every note."""
    paragraphs = {doc.id: paragraph_anchors(doc) for doc in edition.documents}
    relaxed: frozenset[str] = frozenset()
    for _ in range(passes):
        body_part = render_body_part(edition, relaxed)
        body, problems = renderer.render(page_html(edition, [body_part], profile))
        if problems:
            raise layout_failure(where, "layout of the text failed: " + "; ".join(problems))
        places = page_map(body)
        placements = note_placements(edition, places)
        more = paragraphs_to_relax(placements, places, paragraphs) - relaxed
        if all(p.ok for p in placements) or not more:
            break
        relaxed = relaxed | more
    verify_notes(placements, folio=lambda i: str(i + 1))
    return BodyLayout(edition, body, body_part, places, relaxed, profile)


def prepare_layout(source: Path, diags: Diagnostics, strict: bool = False,
                   profile: str = "screen") -> tuple[BodyLayout, Renderer, Path]:
    source = Path(source)
    edition = prepare_or_fail(source, diags, strict)
    styles = find_styles(source)
    renderer = Renderer(styles, source)
    return lay_out_body(edition, renderer, str(source), profile), renderer, styles


def index_entries(body: BodyLayout) -> tuple[IndexEntry, ...]:
    return build_index(body.edition, collect_mentions(body.edition), body.folio)


OUTPUT_NAMES = {"screen": "edition", "print": "edition-print"}


def build_edition(source: Path, output: Path, diags: Diagnostics, strict: bool = False,
                  profile: str = "screen") -> BuildResult:
    """Build one profile: ``screen`` writes edition.pdf, ``print`` edition-print.pdf (and the HTML beside it)."""
    source, output = Path(source), Path(output)
    body, renderer, styles = prepare_layout(source, diags, strict, profile)
    edition = body.edition
    body_pages = len(body.document.pages)

    # the index: laid out alone, starting on the first recto after the text (none when nobody is named)
    entries = index_entries(body)
    blank_first = body_pages % 2 == 1
    index_part, index, index_first = Markup(""), None, None
    if entries:
        index_part = render_index_part(edition, entries, blank_first)
        index, problems = renderer.render(page_html(edition, [index_part], profile, first_page=body_pages + 1,
                                                    starts_left=blank_first))
        _fail_on(problems, source, "index")
        index_first = body_pages + 1 + (1 if blank_first else 0)

    persons = persons_in_edition(edition)
    front_info = FrontMatter(contents=_contents(body, index_first, bool(persons)), persons=persons)
    front_part = render_front_part(edition, front_info)
    front, problems = renderer.render(page_html(edition, [front_part], profile))
    if len(front.pages) % 2:  # the text must begin on a recto
        front_info = FrontMatter(front_info.contents, front_info.persons, pad_pages=1)
        front_part = render_front_part(edition, front_info)
        front, problems = renderer.render(page_html(edition, [front_part], profile))
    _fail_on(problems, source, "front matter")

    labels = [LabelRange(0, "roman"), LabelRange(len(front.pages), "arabic")]
    parts = [front, body.document] + ([index] if index is not None else [])
    data = pdf_bytes(parts, edition.meta, labels, profile)
    html = page_html(edition, [front_part, body.part] + ([index_part] if index is not None else []), profile,
                     base_href=styles.as_uri() + "/")

    name = OUTPUT_NAMES[profile]
    pdf_path, html_path = output / f"{name}.pdf", output / f"{name}.html"
    report = preflight(pdf_path, edition=edition, profile=profile, data=data)
    if not report.ok:
        raise EditionError([Diagnostic(SourcePos(str(pdf_path)), "error", f"preflight {f.rule}: {f.message}",
                                       "preflight") for f in report.failures])
    write_atomically(html.encode("utf-8"), html_path)
    write_atomically(data, pdf_path)
    return BuildResult(pdf_path, html_path, _page_count(data), len(front.pages),
                       body_pages, len(index.pages) if index is not None else 0, len(body.relaxed), report)


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)


def _fail_on(problems: list[str], source: Path, part: str) -> None:
    # links into another part resolve only once the parts are combined
    real = [p for p in problems if not p.startswith("No anchor #")]
    if real:
        raise layout_failure(str(source), f"layout of the {part} failed: " + "; ".join(real))


def _contents(body: BodyLayout, index_first: int | None, with_persons: bool) -> tuple[ContentsEntry, ...]:
    entries = [ContentsEntry("Persons", "", "#persons")] if with_persons else []
    for doc in body.edition.documents:
        entries.append(ContentsEntry(f"{doc.number}. {doc.title_text}", str(body.folio(doc.id)), f"#{doc.id}"))
    if index_first is not None:
        entries.append(ContentsEntry("Index", str(index_first), "#index"))
    return tuple(entries)
