"""The adapter's WeasyPrint tagging half: a part written with ``edition.render.tagging``'s structure tree,
its page furniture drawn as artifacts and its replacement texts in the marked content (see
``edition.adapter`` for what it relies on)."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .layout import INSTALLED, is_line_number

_TAGGER: list = []  # (tagger, what drawing must know) of the part being written (a stack)


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
    if "tagging" in INSTALLED:
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
    INSTALLED.add("tagging")


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

    from ..render.extraction import Run
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
        elif getattr(box, "is_leader", False) or is_line_number(box):
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

    from ..render.tagging import Annotated, Marked, Node
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
