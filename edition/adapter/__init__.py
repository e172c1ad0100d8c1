"""The adapter: every use of WeasyPrint's and pypdf's private internals, and nothing else.

Takes the libraries as installed; gives the few operations the pipeline needs
that their public APIs do not offer.  Each is covered by a contract test
(``tests/test_adapter.py``) that fails with a clear message when a new release
changes what it relies on, and ``check_versions`` names the versions this code
was written and tested against.  No other module imports a private name of
either library.  The package: ``layout.py`` (WeasyPrint's layout),
``tagging.py`` (WeasyPrint's tagged PDF), ``pdfobjects.py`` (pypdf); this
module names the versions and gives the whole API.

WeasyPrint:
- ``lay_out``: ``weasyprint.HTML.render`` as WeasyPrint does it
  (``Document._render``), keeping the layout context, which ``HTML.render``
  discards and ``renumber_pages`` needs;
- ``renumber_pages``: the page counter of every page moved by an offset and the
  margin boxes (running heads, folios) made again, without laying the text out
  again (``context.page_maker``, ``make_margin_boxes``, ``layout_backgrounds``);
- ``page_boxes``: the geometry of a laid-out page (``page._page_box``): the
  content area, the lines of the text, the boxes of the note area; the note
  placement measures with it where a long note must be split;
- ``tagged_by``: a tagged part written with ``edition.render.tagging``'s structure
  tree instead of WeasyPrint's (``weasyprint.pdf.add_tags``, which makes one
  element per page and leaves page furniture unreferenced): the marked
  content of each page (``Stream._tags``, the boxes' ``element`` and
  ``element_tag``, ``link_annotation``), furniture drawn as artifacts and
  replacement texts in the marked content (``Stream.marked``; the pages' boxes:
  ``MarginBox``, leaders' ``is_leader``, ``LineBox``, ``TextBox``); and, at
  layout, text boxes cut by hyphenation flagged
  (``weasyprint.layout.inline.split_text_box``);
- ``font_configuration`` and ``release_fonts``: a font configuration whose
  folder of ``@font-face`` files (``FontConfiguration._folder``, removed by
  its ``__del__``) is removed on demand, for a process that leaves without
  collecting its objects (``edition.cli.run``);
- ``is_ignored_declaration``: tells a CSS declaration WeasyPrint ignored (a
  warning about the stylesheet) from a real layout problem;
- ``keep_words_at_line_start``: a fix of WeasyPrint 70's line breaking
  (``text.line_break.split_first_line`` as ``layout.inline`` calls it): a
  text that fits the line but for its trailing space is taken for one that
  does not fit, and its first word is hyphenated and set alone on a line
  ("for-" / "eign minister, ..."); installed by ``lay_out``.

pypdf:
- ``raw_stream_data`` and ``set_raw_stream_data``: a stream's encoded bytes
  (``StreamObject._data``, and the decoded copy pypdf caches in
  ``decoded_self``), read to digest and deduplicate streams without decoding
  them, written when a stream is recoded;
- ``FinalReference``: an indirect reference to an object of a file being
  written by hand (``IndirectObject`` with no reader behind it).
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .layout import (Line, PageBoxes, content_top, font_configuration, font_folders, is_ignored_declaration,
                     keep_words_at_line_start, lay_out, page_boxes, release_fonts, renumber_pages, weasyprint_messages)
from .pdfobjects import final_reference_class, raw_stream_data, set_raw_stream_data
from .tagging import tagged_by

__all__ = ["Line", "PageBoxes", "check_versions", "content_top", "final_reference_class", "font_configuration",
           "font_folders", "is_ignored_declaration", "keep_words_at_line_start", "lay_out", "page_boxes",
           "raw_stream_data", "release_fonts", "renumber_pages", "set_raw_stream_data", "tagged_by",
           "weasyprint_messages"]

SUPPORTED = {"weasyprint": "70.0", "pypdf": "7.1.1"}


def check_versions() -> list[str]:
    """A sentence for each library whose installed version is not the one this code supports."""
    problems = []
    for name, wanted in SUPPORTED.items():
        try:
            found = version(name)
        except PackageNotFoundError:
            found = "none"
        if found != wanted:
            problems.append(f"edition supports {name} {wanted}, but {found} is installed "
                            f"(pip install '{name}=={wanted}')")
    return problems
