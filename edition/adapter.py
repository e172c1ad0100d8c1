"""The adapter: every use of WeasyPrint's and pypdf's private internals, and nothing else.

Takes the libraries as installed; gives the few operations the pipeline needs
that their public APIs do not offer.  Each is covered by a contract test
(``tests/test_adapter.py``) that fails with a clear message when a new release
changes what it relies on, and ``check_versions`` names the versions this code
was written and tested against.  No other module imports a private name of
either library.

WeasyPrint:
- ``lay_out``: ``weasyprint.HTML.render`` as WeasyPrint does it
  (``Document._render``), keeping the layout context, which ``HTML.render``
  discards and ``renumber_pages`` needs;
- ``renumber_pages``: the page counter of every page moved by an offset and the
  margin boxes (running heads, folios) made again, without laying the text out
  again (``context.page_maker``, ``make_margin_boxes``, ``layout_backgrounds``);
- ``map_element_to_tag``: a custom HTML element tagged as a PDF structure type
  (WeasyPrint's ``_get_pdf_tag`` knows no ``Note``);
- ``is_ignored_declaration``: tells a CSS declaration WeasyPrint ignored (a
  warning about the stylesheet) from a real layout problem.

pypdf:
- ``raw_stream_data`` and ``set_raw_stream_data``: a stream's encoded bytes
  (``StreamObject._data``, and the decoded copy pypdf caches in
  ``decoded_self``), read to digest and deduplicate streams without decoding
  them, written when a stream is recoded;
- ``FinalReference``: an indirect reference to an object of a file being
  written by hand (``IndirectObject`` with no reader behind it).
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from functools import cache
from importlib.metadata import PackageNotFoundError, version

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


# ------------------------------------------------------------------ WeasyPrint


def lay_out(html, font_config):
    """``html`` (a ``weasyprint.HTML``) laid out: its ``Document`` and the layout context WeasyPrint used."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.document import Document

    class _KeepingContext(Document):
        context = None

        @classmethod
        def _build_layout_context(cls, *args, **kwargs):
            cls.context = super()._build_layout_context(*args, **kwargs)
            return cls.context

    document = _KeepingContext._render(html, font_config, None, None, DEFAULT_OPTIONS.copy())
    return document, _KeepingContext.context


def renumber_pages(document, context, offset: int) -> None:
    """Add ``offset`` to the page counter of every page and make its margin boxes again (the text is not
    laid out again).  Only for documents whose text prints no page number, since those are set in layout."""
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.layout.page import make_margin_boxes
    if not offset:
        return
    seen: set[int] = set()
    for _resume, _next, _right, page_state, _remake in context.page_maker:
        counters = page_state[1]
        if id(counters) not in seen and "page" in counters:
            seen.add(id(counters))
            counters["page"] = [value + offset for value in counters["page"]]
    for i, page in enumerate(document.pages):
        box = page._page_box
        context.current_page = i + 1
        kept = tuple(child for child in box.children if not isinstance(child, MarginBox))
        box.children = kept + tuple(make_margin_boxes(context, box, context.page_maker[i + 1][3]))
        layout_backgrounds(box, context.get_image_from_uri)


_TAGS: dict[str, str] = {}


def map_element_to_tag(element: str, tag: str) -> None:
    """Tag every ``<element>`` of the HTML as the PDF structure type ``tag`` (e.g. "Note") when WeasyPrint
    writes a tagged PDF; idempotent."""
    from weasyprint.pdf import tags
    _TAGS[element] = tag
    if getattr(tags._get_pdf_tag, "__module__", "") != __name__:
        original = tags._get_pdf_tag

        def _get_pdf_tag(name):
            return _TAGS.get(name) or original(name)
        _get_pdf_tag.__module__ = __name__
        tags._get_pdf_tag = _get_pdf_tag


def is_ignored_declaration(record: logging.LogRecord) -> bool:
    """WeasyPrint's warning that it ignored a CSS declaration or rule (the stylesheet's problem, not the
    layout's): its message template begins "Ignored"."""
    return isinstance(record.msg, str) and record.msg.startswith("Ignored")


@contextmanager
def weasyprint_messages():
    """The records WeasyPrint logs at WARNING or above while the block runs, in a list."""
    records: list[logging.LogRecord] = []

    class _Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = _Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)

# ------------------------------------------------------------------ pypdf


def raw_stream_data(stream) -> bytes:
    """A pypdf stream's bytes as stored in the file (still encoded)."""
    return stream._data


def set_raw_stream_data(stream, data: bytes) -> None:
    """Replace a pypdf stream's stored (encoded) bytes (and forget its decoded copy); the caller sets
    /Filter to match."""
    stream._data = data
    if getattr(stream, "decoded_self", None) is not None:
        stream.decoded_self = None


@cache
def final_reference_class():
    """``IndirectObject`` for a file written by hand: written as ``n 0 R``, with no reader to resolve it."""
    from pypdf.generic import IndirectObject

    class FinalReference(IndirectObject):
        def __init__(self, number: int):
            super().__init__(number, 0, None)

    return FinalReference
