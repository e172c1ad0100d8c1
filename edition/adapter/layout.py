"""The adapter's WeasyPrint layout half: ``lay_out`` keeping the layout context, ``renumber_pages``,
``page_boxes`` (a laid-out page's geometry), the fix of ``split_first_line`` and the hyphenation flag
installed at layout, and WeasyPrint's log records (see ``edition.adapter`` for what each relies on)."""
from __future__ import annotations

import logging
import weakref
from contextlib import contextmanager
from dataclasses import dataclass

INSTALLED: set[str] = set()  # the library functions replaced so far (each once)
_FONT_CONFIGURATIONS: "weakref.WeakSet" = weakref.WeakSet()  # made by ``font_configuration``, for ``release_fonts``


def font_configuration():
    """A new ``weasyprint.text.fonts.FontConfiguration``, remembered so that ``release_fonts`` can remove the
    folder of ``@font-face`` files it makes when the process leaves without collecting it."""
    from weasyprint.text.fonts import FontConfiguration
    config = FontConfiguration()
    _FONT_CONFIGURATIONS.add(config)
    return config


def font_folders() -> dict[int, object]:
    """The folder of ``@font-face`` files each live font configuration has now (None: none yet).  A forked
    worker takes this when it starts, so that it removes only the folders it made (``release_fonts``)."""
    return {id(config): config._folder for config in _FONT_CONFIGURATIONS}


def release_fonts(kept: dict[int, object] | None = None) -> None:
    """Remove the folders of the font configurations still alive, as WeasyPrint does when one is collected
    (``FontConfiguration.__del__`` removes ``_folder``; removing it twice is harmless): a process that leaves
    with ``os._exit`` collects nothing.  ``kept`` (``font_folders()`` of a forked worker's start): the
    folders the parent made, left to it."""
    for config in list(_FONT_CONFIGURATIONS):
        if kept is not None and config._folder is not None and kept.get(id(config)) == config._folder:
            continue
        config.__del__()


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

    _install_hyphenation_flag()
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
    block: str = ""  # the id of the element of the block it stands in (a paragraph's anchor), if it has one
    baseline: float = 0.0  # from the page's top


@dataclass(frozen=True)
class PageBoxes:
    """What a laid-out page holds, in CSS px from the page's top: its content area, the lines of its text
    (in order, the notes' lines apart) and the blocks of its note area (by the id of their element)."""

    content_top: float
    content_bottom: float
    lines: tuple[Line, ...]
    notes: dict[str, Line]  # element id -> its box
    notes_top: float | None  # the note area's top, its rule and the space above it included
    content_left: float = 0.0  # the content area's sides, from the page's left edge
    content_right: float = 0.0

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

    def text_boxes(box):
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.TextBox):
                yield child
            elif not is_line_number(child):  # a line number stands in the margin, not in its line
                yield from text_boxes(child)

    def first_left(line) -> float:
        return min((b.position_x for b in text_boxes(line)), default=line.position_x)

    def walk(box, block: str = "") -> None:
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.LineBox):
                lines.append(Line(child.position_y, child.position_y + child.margin_height(), first_left(child),
                                  block, child.position_y + (child.baseline or 0)))
            elif isinstance(child, boxes.ParentBox):
                element = (child.element.get("id") if child.element is not None
                           and isinstance(child, boxes.BlockContainerBox) else None)
                walk(child, element or block)

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
    left = root.content_box_x()
    return PageBoxes(top, top + root.height, tuple(lines), notes, notes_top, left, left + root.width)


def is_line_number(box) -> bool:
    """The box of a line number in the margin (``writer.inline.line_number_html``): furniture, not text."""
    element = getattr(box, "element", None)
    return (element is not None and getattr(box, "element_tag", None) == "span"
            and "line-number" in (element.get("class") or "").split())


def _install_hyphenation_flag() -> None:
    """Layout marks a text box cut by hyphenation (``edition_hyphenated``): its text then ends with a
    hyphenate-character that its source text does not have at that place."""
    if "hyphenation" in INSTALLED:
        return
    from weasyprint.layout import inline
    original = inline.split_text_box

    def split_text_box(context, box, available_width, skip, is_line_start=True):
        new_box, resume, preserved = original(context, box, available_width, skip, is_line_start)
        if new_box is not None:
            mark = box.style["hyphenate_character"]
            new_box.edition_hyphenated = bool(
                resume is not None and mark and new_box.text.endswith(mark)
                and not box.text.encode()[skip:].decode().startswith(new_box.text))
        return new_box, resume, preserved

    inline.split_text_box = split_text_box
    INSTALLED.add("hyphenation")


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
