"""Build: a source folder in, ``edition.pdf`` and ``edition.html`` out.

Runs the pipeline's stages in order (see ``pipeline``): prepare the model,
write the body's HTML and lay it out once, verify every note against its
call, read the page of every anchor, then write and lay out the parts that
need those page numbers (front matter with contents and persons list),
combine the laid-out pages and finish the PDF.  Nothing is written unless
every stage succeeded.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyuca

from .diagnostics import Diagnostics, EditionError
from .model import Edition, Person
from .pipeline import prepare_or_fail
from .render.finish import LabelRange, pdf_bytes, write_atomically
from .render.layout import (Renderer, layout_failure, note_placements, page_map, paragraphs_to_relax,
                            verify_notes)
from .transforms.checks import mentioned_person_ids
from .transforms.numbering import number_mentions
from .writer.html import (ContentsEntry, FrontMatter, paragraph_anchors, render_body_part, render_front_part,
                          render_html)

PACKAGE_STYLES = Path(__file__).resolve().parent.parent / "styles"
_COLLATOR = pyuca.Collator()


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    html: Path
    pages: int
    front_pages: int
    body_pages: int


def find_styles(source: Path) -> Path:
    """The edition's own ``styles/`` beside its source folder, else the tool's."""
    own = Path(source).resolve().parent / "styles"
    return own if (own / "edition.css").is_file() else PACKAGE_STYLES


def sort_key(text: str):
    return _COLLATOR.sort_key(text)


def persons_in_edition(edition: Edition) -> tuple[Person, ...]:
    mentioned = mentioned_person_ids(edition)
    return tuple(sorted((p for p in edition.persons if p.id in mentioned), key=lambda p: sort_key(p.index_form)))


def build_edition(source: Path, output: Path, diags: Diagnostics, strict: bool = False) -> BuildResult:
    source, output = Path(source), Path(output)
    edition = number_mentions(prepare_or_fail(source, diags, strict))
    styles = find_styles(source)
    renderer = Renderer(styles, source)

    body, body_part, places = lay_out_body(edition, renderer, str(source))

    front_info = FrontMatter(contents=_contents(edition, places), persons=persons_in_edition(edition))
    front_part = render_front_part(edition, front_info)
    front, problems = renderer.render(render_html(edition, [front_part]))
    if len(front.pages) % 2:  # the text must begin on a recto
        front_info = FrontMatter(front_info.contents, front_info.persons, pad_pages=1)
        front_part = render_front_part(edition, front_info)
        front, problems = renderer.render(render_html(edition, [front_part]))
    if problems:
        raise layout_failure(str(source), "layout of the front matter failed: " + "; ".join(problems))

    labels = [LabelRange(0, "roman"), LabelRange(len(front.pages), "arabic")]
    data = pdf_bytes([front, body], edition.meta, labels)
    html = render_html(edition, [front_part, body_part], base_href=styles.as_uri() + "/")

    pdf_path, html_path = output / "edition.pdf", output / "edition.html"
    write_atomically(html.encode("utf-8"), html_path)
    write_atomically(data, pdf_path)
    return BuildResult(pdf_path, html_path, len(front.pages) + len(body.pages), len(front.pages), len(body.pages))


def lay_out_body(edition: Edition, renderer: Renderer, where: str, passes: int = 4):
    """Lay out the documents; where a note left its call's page, relax widow and orphan control
    of the paragraphs involved and lay out again (a few passes at most); then verify every note."""
    paragraphs = {doc.id: paragraph_anchors(doc) for doc in edition.documents}
    relaxed: frozenset[str] = frozenset()
    for _ in range(passes):
        body_part = render_body_part(edition, relaxed)
        body, problems = renderer.render(render_html(edition, [body_part]))
        if problems:
            raise layout_failure(where, "layout of the text failed: " + "; ".join(problems))
        places = page_map(body)
        placements = note_placements(edition, places)
        more = paragraphs_to_relax(placements, places, paragraphs) - relaxed
        if all(p.ok for p in placements) or not more:
            break
        relaxed = relaxed | more
    verify_notes(placements, folio=lambda i: str(i + 1))
    return body, body_part, places


def _contents(edition: Edition, places) -> tuple[ContentsEntry, ...]:
    entries = []
    for doc in edition.documents:
        page = places[doc.id][0].page_index + 1
        entries.append(ContentsEntry(f"{doc.number}. {doc.title_text}", str(page), f"#{doc.id}"))
    return tuple(entries)
