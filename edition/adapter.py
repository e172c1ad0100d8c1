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
- ``page_boxes``: the geometry of a laid-out page (``page._page_box``): the
  content area, the lines of the text, the boxes of the note area; the note
  placement measures with it where a long note must be split;
- ``map_element_to_tag``: a custom HTML element tagged as a PDF structure type
  (WeasyPrint's ``_get_pdf_tag`` knows no ``Note``);
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

import logging
from contextlib import contextmanager
from dataclasses import dataclass
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


def lay_out(html, font_config, stylesheets=()):
    """``html`` (a ``weasyprint.HTML``) laid out with ``stylesheets`` (parsed ``weasyprint.CSS``, read before the
    page's own): its ``Document`` and the layout context WeasyPrint used."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.document import Document

    class _KeepingContext(Document):
        context = None

        @classmethod
        def _build_layout_context(cls, *args, **kwargs):
            cls.context = super()._build_layout_context(*args, **kwargs)
            return cls.context

    keep_words_at_line_start()
    options = DEFAULT_OPTIONS.copy()
    options["stylesheets"] = list(stylesheets)
    document = _KeepingContext._render(html, font_config, None, None, options)
    return document, _KeepingContext.context


def keep_words_at_line_start() -> None:
    """Install (once) the fix of WeasyPrint's ``split_first_line`` in ``weasyprint.layout.inline``.

    WeasyPrint 70 measures a text box with its trailing space (the space before the next inline element, a
    person's name, say) when it asks whether the rest of a paragraph fits the line; when it fits but for that
    space, WeasyPrint hyphenates the first word instead and sets its first part alone on the line.  When the
    text fits without its trailing spaces, the fix lays it out again with room for them: the line takes the
    whole text, and the trailing space is dropped at the line's end as usual."""
    from weasyprint.layout import inline
    if getattr(inline.split_first_line, "__module__", "") == __name__:
        return
    original = inline.split_first_line

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        room = _room_for_trailing_spaces(text, style, context, max_width, justification_spacing, result)
        if room:
            return original(text, style, context, max_width + room, justification_spacing, is_line_start,
                            minimum)
        return result

    split_first_line.original = original  # type: ignore[attr-defined]
    inline.split_first_line = split_first_line


def _room_for_trailing_spaces(text, style, context, max_width, justification_spacing, result) -> float:
    """The width of ``text``'s trailing spaces when WeasyPrint broke it inside its first word although the
    text fits ``max_width`` without them; else 0."""
    from weasyprint.text.line_break import create_layout, line_size
    _layout, length, resume_index, *_rest = result
    stripped = text.rstrip(" ")
    if max_width is None or resume_index is None or stripped == text or "\n" in stripped:
        return 0
    if style["white_space"] not in ("normal", "pre-line"):
        return 0
    words = stripped.lstrip(" ")
    first = text.encode()[:length].decode(errors="ignore")[len(stripped) - len(words):]
    if " " in first or len(first) >= len(words.split(" ", 1)[0]):
        return 0  # the break is not inside the first word
    widths = []
    for candidate in (stripped, text):
        layout = create_layout(candidate, style, context, None, justification_spacing)
        widths.append(line_size(layout.get_first_line()[0], style)[0])
        layout.deactivate()
    if widths[0] > max_width:
        return 0
    return widths[1] - widths[0] + 0.01


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


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    left: float  # where its first text begins


@dataclass(frozen=True)
class PageBoxes:
    """What a laid-out page holds, in CSS px from the page's top: its content area, the lines of its text
    (in order, the notes' lines apart) and the blocks of its note area (by the id of their element)."""

    content_top: float
    content_bottom: float
    lines: tuple[Line, ...]
    notes: dict[str, Line]  # element id -> its box
    notes_top: float | None  # the note area's top, its rule and the space above it included

    def line_at(self, y: float) -> Line | None:
        """The line of the text that holds the point at height ``y``."""
        return next((line for line in self.lines if line.top - 0.01 <= y < line.bottom), None)


def content_top(page) -> float:
    """The top of a laid-out page's content area (``page._page_box.content_box_y()``), in CSS px."""
    return page._page_box.content_box_y()


def page_boxes(page) -> PageBoxes:
    """The boxes of a laid-out ``weasyprint.Page`` (``page._page_box`` and its children's geometry)."""
    from weasyprint.formatting_structure import boxes
    root = page._page_box
    top = root.content_box_y()
    lines: list[Line] = []
    notes: dict[str, Line] = {}
    notes_top = None

    def first_left(line) -> float:
        texts = [b for b in line.descendants() if isinstance(b, boxes.TextBox)]
        return min((b.position_x for b in texts), default=line.position_x)

    def walk(box) -> None:
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.LineBox):
                lines.append(Line(child.position_y, child.position_y + child.margin_height(), first_left(child)))
            elif isinstance(child, boxes.ParentBox):
                walk(child)

    for child in root.children:
        if isinstance(child, boxes.MarginBox):
            continue
        if isinstance(child, boxes.FootnoteAreaBox):
            notes_top = child.position_y
            for note in child.children:
                element_id = note.element.get("id") if note.element is not None else None
                if element_id:
                    notes[element_id] = Line(note.position_y, note.position_y + note.margin_height(),
                                             note.position_x)
        else:
            walk(child)
    return PageBoxes(top, top + root.height, tuple(lines), notes, notes_top)


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
