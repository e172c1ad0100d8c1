"""Tagging of a finished PDF, checked: marked content, the structure tree, links, language, title.

Takes a ``pikepdf.Pdf``; gives the problems found (ISO 32000-1 14.6-14.9, ISO 19005-2 6.7 for PDF/A-2
level A, ISO 14289-1 7 for PDF/UA-1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

from standards.pdf_content import read_page

# ISO 32000-1 14.8.4: the standard structure types
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
    "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead",
    "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # the shape of a BCP 47 tag (RFC 5646)


@dataclass
class Element:
    obj: pikepdf.Dictionary
    role: str  # its standard type, after the role map
    parent: "Element | None"
    page: pikepdf.Dictionary | None  # its /Pg, or its nearest ancestor's


def _kids(obj) -> list:
    kids = obj.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def number_tree(node, depth: int = 0) -> dict[int, object]:
    out: dict[int, object] = {}
    if depth > 32:
        return out
    nums = list(node.get("/Nums", []))
    out.update((int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2))
    for kid in node.get("/Kids", []):
        out.update(number_tree(kid, depth + 1))
    return out


def name_tree(node, depth: int = 0) -> dict[str, object]:
    out: dict[str, object] = {}
    if depth > 32:
        return out
    names = list(node.get("/Names", []))
    out.update((str(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2))
    for kid in node.get("/Kids", []):
        out.update(name_tree(kid, depth + 1))
    return out


def elements(pdf: pikepdf.Pdf) -> list[Element]:
    """Every structure element, in the tree's order (depth first)."""
    root = pdf.Root.StructTreeRoot
    role_map = root.get("/RoleMap", pikepdf.Dictionary())
    out: list[Element] = []

    def role(name: str) -> str:
        seen = set()
        while name not in STANDARD_TYPES and name not in seen and f"/{name}" in role_map:
            seen.add(name)
            name = str(role_map[f"/{name}"])[1:]
        return name

    def walk(obj, parent, page, depth=0):
        element = Element(obj, role(str(obj.S)[1:]), parent, obj.get("/Pg", page))
        out.append(element)
        for kid in _kids(obj):
            if _is_element(kid) and depth < 64:
                walk(kid, element, element.page, depth + 1)
    for kid in _kids(root):
        if _is_element(kid):
            walk(kid, None, None)
    return out


def held_content(element: Element) -> list[tuple[tuple, int]]:
    """(page, MCID) of every marked-content sequence the element holds (ISO 32000-1 14.7.4.2)."""
    out = []
    for kid in _kids(element.obj):
        if isinstance(kid, int):
            out.append((element.page.objgen if element.page is not None else None, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            page = kid.get("/Pg", element.page)
            out.append((page.objgen if page is not None else None, int(kid.MCID)))
    return out


def check_marked_content(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 14289-1 7.1 (and ISO 19005-2 6.7 for level A): all content is real content, tagged, or an
    artifact (ISO 32000-1 14.8.2.2); real content is found from the structure tree through the parent
    tree (14.7.4.4: a page's /StructParents key gives, for each MCID, the element holding it); no
    tagged content inside an artifact and no artifact inside tagged content; no structure element holds
    marked content that no page draws."""
    problems = []
    root = pdf.Root.StructTreeRoot
    parents = number_tree(root.ParentTree)
    in_tree = {element.obj.objgen for element in elements(pdf)}
    drawn: set[tuple] = set()
    for number, page in enumerate(pdf.pages, 1):
        content = read_page(page)
        if content.unmarked:
            problems.append(f"p. {number}: {len(content.unmarked)} painting operators neither tagged nor artifacts "
                            f"({', '.join(sorted(set(content.unmarked)))})")
        key = page.obj.get("/StructParents")
        array = parents.get(int(key)) if key is not None else None
        for sequence in content.sequences:
            if sequence.mcid is None:
                if sequence.artifact and any(" " in tag for tag in sequence.inside):
                    problems.append(f"p. {number}: an artifact inside tagged content ({sequence.inside})")
                continue
            drawn.add((page.obj.objgen, sequence.mcid))
            if any(tag.startswith("Artifact") for tag in sequence.inside):
                problems.append(f"p. {number}: MCID {sequence.mcid} inside an artifact")
            if not isinstance(array, pikepdf.Array) or sequence.mcid >= len(array):
                problems.append(f"p. {number}: MCID {sequence.mcid} is not in the parent tree")
                continue
            holder = array[sequence.mcid]
            if holder.objgen not in in_tree:
                problems.append(f"p. {number}: MCID {sequence.mcid} belongs to an element outside the structure tree")
            page_of = holder.get("/Pg")
            holds = any(
                (kid == sequence.mcid and page_of is not None and page_of.objgen == page.obj.objgen) or
                (isinstance(kid, pikepdf.Dictionary) and kid.get("/MCID") == sequence.mcid and
                 kid.get("/Pg", page_of) is not None and kid.get("/Pg", page_of).objgen == page.obj.objgen)
                for kid in _kids(holder))
            if not holds:
                problems.append(f"p. {number}: the parent tree gives MCID {sequence.mcid} to an element that does "
                                "not hold it")
    for element in elements(pdf):
        for place in held_content(element):
            if place not in drawn:
                problems.append(f"a {element.role} element holds MCID {place[1]}, which no page draws")
    return problems


def check_structure(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 32000-1 14.7.2 and 14.8.4, ISO 19005-2 6.7.3, ISO 14289-1 7.1: every element of a standard type
    (or role-mapped to one), holding something, its /P its parent; lists as L > LI > Lbl/LBody (14.8.4.3.3,
    ISO 14289-1 7.6); headings from H1 with no level skipped (ISO 14289-1 7.4.2); notes with an ID
    (ISO 14289-1 7.9), ids unique and in the IDTree (14.7.2, Table 322); a Figure with an alternate
    description (ISO 14289-1 7.3); /Lang values that are language tags (14.9.2)."""
    problems = []
    root = pdf.Root.StructTreeRoot
    ids = name_tree(root.IDTree) if "/IDTree" in root else {}
    seen_ids: dict[str, int] = {}
    level = 0
    for element in elements(pdf):
        obj, role = element.obj, element.role
        where = f"{role} element {obj.objgen}"
        if role not in STANDARD_TYPES:
            problems.append(f"{where}: not a standard structure type, nor role-mapped to one")
        if not _kids(obj):
            problems.append(f"{where}: empty")
        parent = element.parent.obj if element.parent is not None else root.K if "/K" in root else None
        if element.parent is not None and obj.get("/P") is not None and obj.P.objgen != parent.objgen:
            problems.append(f"{where}: its /P is not the element holding it")
        if held_content(element) and element.page is None:
            problems.append(f"{where}: holds MCIDs with no page (/Pg)")
        parent_role = element.parent.role if element.parent is not None else ""
        if role == "LI" and parent_role != "L":
            problems.append(f"{where}: a list item outside a list (in {parent_role})")
        if role == "LBody" and parent_role != "LI":
            problems.append(f"{where}: a list body outside a list item (in {parent_role})")
        if role == "L" and any(_is_element(k) and str(k.S)[1:] not in ("LI", "Caption", "L") for k in _kids(obj)):
            problems.append(f"{where}: a list holds other than list items")
        if role == "LI" and any(not _is_element(k) or str(k.S)[1:] not in ("Lbl", "LBody") for k in _kids(obj)):
            problems.append(f"{where}: a list item holds other than Lbl and LBody")
        if re.fullmatch(r"H[1-6]", role):
            if int(role[1]) > level + 1:
                problems.append(f"{where}: heading level {role[1]} follows level {level}")
            level = int(role[1])
        if role == "Note" and not obj.get("/ID"):
            problems.append(f"{where}: a note without an ID")
        if role == "Figure" and not (obj.get("/Alt") or obj.get("/ActualText")):
            problems.append(f"{where}: a figure without an alternate description")
        if "/ID" in obj:
            key = str(obj.ID)
            seen_ids[key] = seen_ids.get(key, 0) + 1
            if key not in ids or ids[key].objgen != obj.objgen:
                problems.append(f"{where}: its ID {key!r} is not in the IDTree")
        if "/Lang" in obj and not LANGUAGE_TAG.match(str(obj.Lang)):
            problems.append(f"{where}: /Lang {str(obj.Lang)!r} is not a language tag")
    problems += [f"ID {key!r} is given to {n} elements" for key, n in seen_ids.items() if n > 1]
    return problems


def check_links(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 14289-1 7.18.1: every annotation in the structure tree; 7.18.5: a link annotation in a Link
    element (an object reference, ISO 32000-1 14.7.4.3) and with an alternate description in Contents;
    7.18.3: a page with annotations orders them by structure (/Tabs /S); ISO 19005-2 6.3.2: annotations
    printable (the print flag set, hidden flags clear)."""
    problems = []
    parents = number_tree(pdf.Root.StructTreeRoot.ParentTree)
    for number, page in enumerate(pdf.pages, 1):
        annots = list(page.obj.get("/Annots", []))
        if annots and page.obj.get("/Tabs") != "/S":
            problems.append(f"p. {number}: annotations but no /Tabs /S")
        for annot in annots:
            if annot.get("/Subtype") != "/Link":
                continue
            if not str(annot.get("/Contents", "")).strip():
                problems.append(f"p. {number}: a link without Contents (alternate description)")
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32):
                problems.append(f"p. {number}: a link whose flags are {flags} (print set, hidden clear wanted)")
            key = annot.get("/StructParent")
            element = parents.get(int(key)) if key is not None else None
            if not isinstance(element, pikepdf.Dictionary) or str(element.get("/S")) != "/Link":
                problems.append(f"p. {number}: a link annotation not held by a Link element")
                continue
            if not any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                       and k.Obj.objgen == annot.objgen for k in _kids(element)):
                problems.append(f"p. {number}: the Link element does not refer to its annotation")
    for element in elements(pdf):
        if element.role == "Link" and not any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                                              for k in _kids(element.obj)):
            problems.append(f"Link element {element.obj.objgen}: no link annotation in it")
    return problems


def check_document(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 14289-1 7.1: the catalog says the file is tagged (MarkInfo /Marked true, no /Suspects true;
    also ISO 19005-2 6.7.2) and asks viewers to show the title (ViewerPreferences /DisplayDocTitle
    true); 7.2 and ISO 32000-1 14.9.2: the document's language (/Lang) in the catalog."""
    problems = []
    root = pdf.Root
    mark = root.get("/MarkInfo", {})
    if mark.get("/Marked") is not True:
        problems.append("MarkInfo /Marked is not true")
    if mark.get("/Suspects") is True:
        problems.append("MarkInfo /Suspects is true")
    if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("ViewerPreferences /DisplayDocTitle is not true")
    if not LANGUAGE_TAG.match(str(root.get("/Lang", ""))):
        problems.append(f"the catalog's /Lang {str(root.get('/Lang', ''))!r} is not a language tag")
    if "/StructTreeRoot" not in root:
        problems.append("no structure tree")
    return problems
