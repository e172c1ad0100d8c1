"""The pipeline, stage by stage, in one place.

    load      reader.load_edition            source/ -> Edition (positions on every node)
    persons   transforms.persons.resolve_persons   Edition -> Edition with person mentions
    number    transforms.numbering               printed note numbers, anchors of mentions
    refs      transforms.references.resolve_references   cross-references -> anchors and labels
    check     transforms.checks.check_edition      Edition -> diagnostics
              transforms.apparatus.check_apparatus   apparatus entries against the witnesses -> diagnostics
              transforms.glyphs.check_glyphs       characters the fonts lack -> diagnostics
    html      writer.html.render_html        Edition (+ page numbers) -> paged HTML
    layout    render.documents.lay_out_documents   each document's HTML -> laid out (on every core),
              render.layout.Renderer               notes verified, written as a PDF part
    index     transforms.index.build_index    mentions + pages -> index entries; front matter and
                                              index laid out and written as parts
    write     render.assemble.Assembler      PDF parts -> one PDF (structure tree, links, bookmarks),
                                             finished: labels, metadata, ids, print
    preflight preflight.preflight            the final PDF checked before it is written

``prepare`` runs the first five (all that ``edition check`` needs);
``build`` runs them all.
"""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostics
from .model import Edition
from .reader import load_edition
from .transforms.apparatus import check_apparatus
from .transforms.checks import check_edition
from .fonts import coverage, missing_families
from .styles import find_styles
from .transforms.glyphs import check_glyphs
from .transforms.numbering import number_mentions, number_notes
from .transforms.persons import resolve_persons
from .transforms.references import resolve_references


def load(source: Path, diags: Diagnostics) -> Edition | None:
    """Read the source and run the model transforms (persons, numbering, references)."""
    edition = load_edition(Path(source), diags)
    if edition is None:
        return None
    edition = resolve_persons(edition)
    edition = number_mentions(number_notes(edition))
    return resolve_references(edition, diags)


def check(source: Path, edition: Edition, diags: Diagnostics) -> None:
    """The cross-checks, and that the edition's fonts can print every character."""
    check_edition(edition, diags)
    check_apparatus(edition, diags)
    styles = find_styles(Path(source))
    design = edition.meta.design
    check_glyphs(edition, coverage(design, styles), diags, design.families, missing_families(design, styles))


def prepare(source: Path, diags: Diagnostics) -> Edition | None:
    """Load, resolve and check; every problem goes into ``diags``."""
    edition = load(source, diags)
    if edition is not None:
        check(source, edition, diags)
    return edition
