"""The pipeline, stage by stage, in one place.

    load      reader.load_edition            source/ -> Edition (positions on every node)
    persons   transforms.persons.resolve_persons   Edition -> Edition with person mentions
    number    transforms.numbering               printed note numbers, anchors of mentions
    refs      transforms.references.resolve_references   cross-references -> anchors and labels
    typeset   transforms.glosses.gloss_edition     another numbering's notes glossed ("Note 33 [= n. 9]")
              transforms.typography.typeset_edition   no-break spaces, ranges, curly quotes (for print;
                                                      the TEI export takes the source's text without them)
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

``prepare`` runs the first five (all that ``edition check`` needs), on the
source's text; ``build`` runs them all, the text typeset for print (``load``).
"""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostics
from .model import Edition
from .reader import load_edition
from .transforms.apparatus import check_apparatus
from .transforms.checks import check_edition
from .transforms.glosses import gloss_edition
from .transforms.typography import typeset_edition
from .fonts import coverage, missing_families
from .styles import find_styles
from .transforms.glyphs import check_glyphs
from .transforms.numbering import number_mentions, number_notes
from .transforms.persons import resolve_persons
from .transforms.references import resolve_references


def load(source: Path, diags: Diagnostics, typeset: bool = True) -> Edition | None:
    """Read the source and run the model transforms (persons, numbering, references); with ``typeset``, the
    text is then set for print (glosses, typography)."""
    edition = load_edition(Path(source), diags)
    if edition is None:
        return None
    edition = resolve_persons(edition)
    edition = number_mentions(number_notes(edition))
    edition = resolve_references(edition, diags)
    return typeset_edition(gloss_edition(edition)) if typeset else edition


def check(source: Path, edition: Edition, diags: Diagnostics) -> None:
    """The cross-checks, and that the edition's fonts can print every character."""
    check_edition(edition, diags)
    check_apparatus(edition, diags)
    styles = find_styles(Path(source))
    design = edition.meta.design
    check_glyphs(edition, coverage(design, styles), diags, design.families, missing_families(design, styles))


def prepare(source: Path, diags: Diagnostics, typeset: bool = False) -> Edition | None:
    """Load, resolve and check; every problem goes into ``diags``.  The text is the source's (what ``edition
    check``, the import and the TEI export need) unless ``typeset`` asks for it as printed."""
    edition = load(source, diags, typeset)
    if edition is not None:
        check(source, edition, diags)
    return edition
