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
- ``tagged_by``: a tagged part written with ``edition.render.tagging``'s structure
  tree instead of WeasyPrint's (``weasyprint.pdf.add_tags``, which makes one
  element per page and leaves page furniture unreferenced): the marked
  content of each page (``Stream._tags``, the boxes' ``element`` and
  ``element_tag``, ``link_annotation``), furniture drawn as artifacts and
  replacement texts in the marked content (``Stream.marked``; the pages' boxes:
  ``MarginBox``, leaders' ``is_leader``, ``LineBox``, ``TextBox``); and, at
  layout, text boxes cut by hyphenation flagged
  (``weasyprint.layout.inline.split_text_box``);
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
from typing import Any
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
            elif not _is_line_number(child):  # a line number stands in the margin, not in its line
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


# ------------------------------------------------------------------ WeasyPrint: tagging

_TAGGER: list = []  # (tagger, what drawing must know) of the part being written (a stack)
_INSTALLED: set[str] = set()


@contextmanager
def tagged_by(tagger, document):
    """While the block runs, a tagged PDF that WeasyPrint writes of ``document`` gets ``tagger``'s
    structure tree (``edition.render.tagging``) instead of its own, page furniture drawn as artifacts,
    and the replacement texts the tagger gives for text runs (``edition.render.extraction``)."""
    _install_tagging()
    _TAGGER.append((tagger, _drawing_facts(document, tagger)))
    try:
        yield
    finally:
        _TAGGER.pop()


def _install_tagging() -> None:
    if "tagging" in _INSTALLED:
        return
    import weasyprint.pdf
    from weasyprint.pdf.stream import Stream
    original_tags, original_marked = weasyprint.pdf.add_tags, Stream.marked

    def add_tags(pdf, document, pdf_version, page_streams):
        if not _TAGGER:
            return original_tags(pdf, document, pdf_version, page_streams)
        _write_structure(pdf, _TAGGER[-1][0], document, page_streams)

    def marked(self, box, tag):
        if self._tags is None or not _TAGGER:
            return original_marked(self, box, tag)
        return _marked(self, box, tag, _TAGGER[-1][1])

    weasyprint.pdf.add_tags, Stream.marked = add_tags, marked
    _INSTALLED.add("tagging")


def _install_hyphenation_flag() -> None:
    """Layout marks a text box cut by hyphenation (``edition_hyphenated``): its text then ends with a
    hyphenate-character that its source text does not have at that place."""
    if "hyphenation" in _INSTALLED:
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
    _INSTALLED.add("hyphenation")


@dataclass
class _DrawingFacts:
    artifacts: dict[int, str]  # id of a text box -> the artifact type it is drawn as
    actual: dict[int, str]  # id of a text box -> its replacement text


def _drawing_facts(document, tagger) -> _DrawingFacts:
    """What drawing must know of the boxes of every page: page furniture (margin boxes: running heads,
    folios; leaders) is drawn as artifacts; the text runs, in reading order with where their lines begin
    and end, get the tagger's replacement texts."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    from .render.extraction import Run
    facts = _DrawingFacts({}, {})
    texts: list = []
    edges: set[int] = set()
    starts: set[int] = set()

    links: dict[int, Any] = {}  # id of a text box -> the URL link (``a.url``) it is a piece of

    def visit(box, artifact, link=None):
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        element = getattr(box, "element", None)
        if (element is not None and getattr(box, "element_tag", None) == "a"
                and "url" in (element.get("class") or "").split()):
            link = element
        if isinstance(box, boxes.MarginBox):
            artifact = "/Pagination"
        elif getattr(box, "is_leader", False) or _is_line_number(box):
            artifact = "/Layout"
        if isinstance(box, boxes.TextBox):
            if artifact:
                facts.artifacts[id(box)] = artifact
            elif box.text.strip():
                texts.append(box)
                if link is not None:
                    links[id(box)] = link
            return
        before = len(texts)
        for child in getattr(box, "children", ()):
            visit(child, artifact, link)
        if isinstance(box, boxes.LineBox) and len(texts) > before:
            starts.add(id(texts[before]))
            edges.add(id(texts[-1]))

    for page in document.pages:
        visit(page._page_box, None)
    runs = [Run(box.element, box.text, getattr(box, "edition_hyphenated", False), id(box) in starts,
                id(box) in edges, links.get(id(box))) for box in texts]
    for k, text in tagger.replacements(runs).items():
        facts.actual[id(texts[k])] = text
    return facts


def _is_line_number(box) -> bool:
    """The box of a line number in the margin (``writer.inline.line_number_html``): furniture, not text."""
    element = getattr(box, "element", None)
    return (element is not None and getattr(box, "element_tag", None) == "span"
            and "line-number" in (element.get("class") or "").split())


@contextmanager
def _marked(stream, box, tag, facts: _DrawingFacts):
    """``Stream.marked``: an artifact for furniture, nothing for a text box that draws nothing, else a
    marked-content sequence with its MCID and, where the tagger gave one, its replacement text."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    artifact = facts.artifacts.get(id(box))
    if artifact is not None:
        stream.begin_marked_content("Artifact", pydyf.Dictionary({"Type": artifact}))
    elif (isinstance(box, boxes.TextBox) and not box.text.strip()
          and box.style["text_decoration_line"] in ("none", None)):
        yield  # WeasyPrint draws nothing for it
        return
    else:
        mcid = len(stream._tags)
        stream._tags[box] = {"tag": tag, "mcid": mcid}
        properties = pydyf.Dictionary({"MCID": mcid})
        if id(box) in facts.actual:
            properties["ActualText"] = pydyf.String(facts.actual[id(box)])
        stream.begin_marked_content(tag, properties)
    try:
        yield
    finally:
        stream.end_marked_content()


def _write_structure(pdf, tagger, document, page_streams) -> None:
    """The part's structure tree, parent tree and annotations' keys and descriptions, written as
    WeasyPrint's ``add_tags`` would (one parent-tree key per page, then one per annotation)."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    from .render.tagging import Annotated, Marked, Node
    root_box = document.pages[0]._page_box.children[0]
    tagger.start(root_box.element)
    items: list = []
    for number, (page, stream) in enumerate(zip(document.pages, page_streams)):
        for box, tag in stream._tags.items():
            pseudo = (box.element_tag or "").partition("::")[2] if box.element is not None else ""
            items.append(Marked(number, tag["mcid"], box.element, pseudo,
                                box.text if isinstance(box, boxes.TextBox) else ""))
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, AbsolutePlaceholder):
                box = box._box
            if box.link_annotation is not None:
                items.append(Annotated(number, box.element, box.link_annotation))
            stack.extend(reversed(getattr(box, "children", ())))
    tree = tagger.structure(items)
    pages = pdf.page_references
    by_mcid: dict[int, dict[int, Any]] = {}
    annotations: list = []
    root = pydyf.Dictionary({"Type": "/StructTreeRoot"})
    pdf.add_object(root)

    def write(node: Node, parent) -> Any:
        element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{node.role}", "P": parent})
        pdf.add_object(element)
        home = next((kid.page for kid in node.kids if isinstance(kid, Marked)), None)
        kids = pydyf.Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(write(kid, element.reference))
            elif isinstance(kid, Marked):
                by_mcid.setdefault(kid.page, {})[kid.mcid] = element.reference
                kids.append(kid.mcid if kid.page == home else pydyf.Dictionary(
                    {"Type": "/MCR", "Pg": pages[kid.page], "MCID": kid.mcid}))
            elif isinstance(kid, Annotated):
                annotations.append((element.reference, kid.annotation, node.contents))
                kids.append(pydyf.Dictionary({"Type": "/OBJR", "Obj": kid.annotation.reference,
                                              "Pg": pages[kid.page]}))
        element["K"] = kids
        if home is not None:
            element["Pg"] = pages[home]
        for key, value in (("Lang", node.lang), ("ID", node.id), ("Alt", node.alt)):
            if value:
                element[key] = pydyf.String(value)
        if node.scope:
            element["A"] = pydyf.Dictionary({"O": "/Table", "Scope": f"/{node.scope}"})
        return element.reference

    root["K"] = pydyf.Array([write(tree, root.reference)])
    nums = pydyf.Array()
    for number in range(len(document.pages)):
        marks = by_mcid.get(number, {})
        nums.extend([number, pydyf.Array(marks[mcid] for mcid in range(len(marks)))])
    for key, (reference, annotation, contents) in enumerate(annotations, start=len(document.pages)):
        nums.extend([key, reference])
        annotation["StructParent"] = key
        if contents:
            annotation["Contents"] = pydyf.String(contents)
    parent_tree = pydyf.Dictionary({"Nums": nums})
    pdf.add_object(parent_tree)
    root["ParentTree"] = parent_tree.reference
    root["ParentTreeNextKey"] = len(document.pages) + len(annotations)
    pdf.catalog["StructTreeRoot"] = root.reference
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})


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
