"""Merging: the PDFs WeasyPrint wrote for each part in, one pypdf ``PdfWriter`` out.

``merge_parts(parts, placeholders)`` takes the bytes of every part (front
matter, one per document, index), each written by WeasyPrint 70 as PDF/A-2a
(tagged) or PDF/X-4, and returns a writer holding their pages in order, as if
WeasyPrint had written one PDF: the first part's catalog entries (language,
mark info, viewer preferences, output intents, XMP stream), one structure
tree (one ``Document`` element, one renumbered parent tree), one name tree of
destinations and one outline.  ``placeholders[j]`` names the ids that part
``j`` holds only as stand-ins for targets in another part; a name given by
two parts, or a link to a name nobody gives, raises ``ValueError``.  Nothing
is laid out again and no content stream is parsed.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject, NullObject,
                           NumberObject, PdfObject, TextStringObject)

CATALOG_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/OutputIntents", "/Metadata")
TREE_LEAF_SIZE = 1000  # entries per leaf of the name and number trees written here
_TREE_DEPTH_LIMIT = 64  # a name or number tree deeper than this is malformed (or a loop)
_T = TypeVar("_T")


@dataclass
class _StructTree:
    """The merged structure tree while parts are added: root, its one Document, parent tree entries."""

    root: DictionaryObject
    document: DictionaryObject
    page_entries: list[tuple[int, PdfObject]] = field(default_factory=list)  # (global page index, MCID array)
    annotation_entries: list[tuple[DictionaryObject, PdfObject]] = field(default_factory=list)
    role_map: DictionaryObject = field(default_factory=DictionaryObject)
    class_map: DictionaryObject = field(default_factory=DictionaryObject)


@dataclass
class _Outline:
    """The merged outline while parts are added: its root and the top-level items so far."""

    root: DictionaryObject
    last: DictionaryObject | None = None
    visible: int = 0


@dataclass
class _Merge:
    writer: PdfWriter
    dests: dict[str, tuple[int, bytes, PdfObject, PdfObject]] = field(default_factory=dict)  # name: part, key, value
    links: list[tuple[str, int]] = field(default_factory=list)  # (name, part) of every link to a named destination
    struct: _StructTree | None = None
    outline: _Outline | None = None


def merge_parts(parts: list[bytes], placeholders: list[frozenset[str]] | None = None) -> PdfWriter:
    """One writer holding every page of every part, in order, with one structure tree, name tree and outline."""
    if not parts:
        raise ValueError("no parts to merge")
    if placeholders is None:
        placeholders = [frozenset()] * len(parts)
    if len(placeholders) != len(parts):
        raise ValueError(f"{len(placeholders)} sets of placeholders for {len(parts)} parts")
    merge = _Merge(PdfWriter())
    header = ""
    for index, (data, stand_ins) in enumerate(zip(parts, placeholders)):
        reader = PdfReader(io.BytesIO(data))
        if index == 0:
            header = reader.pdf_header
            _copy_catalog_entries(merge.writer, reader)
        _add_part(merge, reader, index, frozenset(stand_ins))
        _release(merge.writer, reader)
    _check_links(merge)
    _write_dests(merge)
    _finish_outline(merge)
    _finish_struct_tree(merge)
    merge.writer.pdf_header = header
    return merge.writer


def _get(obj: DictionaryObject, key: str, default: object = None) -> PdfObject | None:
    """``obj[key]`` resolved (pypdf's ``DictionaryObject.get`` returns indirect references unresolved)."""
    return obj[key] if key in obj else default


def _release(writer: PdfWriter, reader: PdfReader) -> None:
    """Let the part's reader and everything it parsed go once the part is merged.  ``add_page`` remembers each
    source page to re-resolve its links on write; that is unneeded here (annotations are cloned apart and named
    links checked by ``_check_links``) and would keep every part in memory until the writer is gone."""
    writer.reset_translation(reader)
    remembered = getattr(writer, "_merged_in_pages", {})
    for page in reader.pages:
        remembered.pop(page.indirect_reference, None)


def _copy_catalog_entries(writer: PdfWriter, reader: PdfReader) -> None:
    catalog = reader.root_object
    for key in CATALOG_KEYS:
        if key in catalog:
            writer.root_object[NameObject(key)] = catalog.raw_get(key).clone(writer)


def _add_part(merge: _Merge, reader: PdfReader, part: int, stand_ins: frozenset[str]) -> None:
    writer = merge.writer
    first = len(writer.pages)
    originals = list(reader.pages)
    # every page first, so that links and destinations between a part's pages find the page, not a copy
    pages = [writer.add_page(page, excluded_keys=("/Annots",)) for page in originals]
    for original, page in zip(originals, pages):
        _clone_annotations(writer, original, page)
        merge.links.extend((name, part) for name in _link_names(page))
    _collect_dests(merge, reader, part, stand_ins)
    _add_outline(merge, reader)
    _add_struct_tree(merge, reader, part, originals, pages, first)


# -- pages and links ---------------------------------------------------------------------------------------------


def _clone_annotations(writer: PdfWriter, original: PageObject, page: PageObject) -> None:
    """The page's annotations, cloned once all of the part's pages are in (``add_page`` would register its links
    for pypdf to re-resolve through the part's name tree on every write)."""
    if "/Annots" in original:
        page[NameObject("/Annots")] = original.raw_get("/Annots").clone(writer)


def _annotations(page: PageObject) -> list[DictionaryObject]:
    annots = _get(page, "/Annots")
    if annots is None:
        return []
    return [a.get_object() for a in annots.get_object() if isinstance(a.get_object(), DictionaryObject)]


def _link_names(page: PageObject) -> Iterator[str]:
    """The named destinations the page's links go to (``/Dest (name)`` or a GoTo action to a name)."""
    for annot in _annotations(page):
        target = _get(annot, "/Dest")
        action = _get(annot, "/A")
        if target is None and isinstance(action, DictionaryObject) and _get(action, "/S") == "/GoTo":
            target = _get(action, "/D")
        if isinstance(target, (TextStringObject, ByteStringObject)):
            yield _text(target)


def _text(string: TextStringObject | ByteStringObject) -> str:
    return str(string) if isinstance(string, TextStringObject) else bytes(string).decode("latin-1")


def _encoded(string: TextStringObject | ByteStringObject) -> bytes:
    """The bytes of a string as stored, by which a name tree is sorted."""
    return string.original_bytes if isinstance(string, TextStringObject) else bytes(string)


# -- named destinations ------------------------------------------------------------------------------------------


def _collect_dests(merge: _Merge, reader: PdfReader, part: int, stand_ins: frozenset[str]) -> None:
    names = _get(reader.root_object, "/Names")
    dests = _get(names, "/Dests") if isinstance(names, DictionaryObject) else None
    if not isinstance(dests, DictionaryObject):
        return
    for key, value in _tree_items(dests, "/Names"):
        if not isinstance(key, (TextStringObject, ByteStringObject)):
            continue
        name = _text(key)
        if name in stand_ins:
            continue
        if name in merge.dests:
            raise ValueError(f"named destination {name!r} is in part {merge.dests[name][0]} and in part {part}")
        merge.dests[name] = (part, _encoded(key), key.clone(merge.writer), value.clone(merge.writer))


def _check_links(merge: _Merge) -> None:
    dangling = sorted({(name, part) for name, part in merge.links if name not in merge.dests}, key=lambda x: x[::-1])
    if dangling:
        listed = ", ".join(f"{name!r} (part {part})" for name, part in dangling)
        raise ValueError(f"links to names that no part gives a destination: {listed}")


def _write_dests(merge: _Merge) -> None:
    if not merge.dests:
        return
    entries = sorted(merge.dests.values(), key=lambda d: d[1])
    tree = _balanced_tree(merge.writer, [(key, value) for _, _, key, value in entries], "/Names")
    merge.writer.root_object[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): tree})


def _tree_items(node: DictionaryObject, kind: str, depth: int = 0) -> Iterator[tuple[PdfObject, PdfObject]]:
    """The (key, raw value) pairs of a name tree (``kind`` ``/Names``) or number tree (``/Nums``), in order."""
    if depth > _TREE_DEPTH_LIMIT:
        raise ValueError(f"{kind} tree deeper than {_TREE_DEPTH_LIMIT} levels")
    flat = _get(node, kind)
    if isinstance(flat, ArrayObject):
        for i in range(0, len(flat) - 1, 2):
            yield flat[i], flat[i + 1]
    for kid in _get(node, "/Kids") or ():
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject):
            yield from _tree_items(kid, kind, depth + 1)


def _balanced_tree(writer: PdfWriter, entries: Sequence[tuple[PdfObject, PdfObject]], kind: str) -> DictionaryObject:
    """A name or number tree of sorted ``entries``: flat when small, else leaves and levels of equal depth."""
    if len(entries) <= TREE_LEAF_SIZE:
        return DictionaryObject({NameObject(kind): ArrayObject(x for entry in entries for x in entry)})
    nodes: list[tuple[PdfObject, PdfObject, IndirectObject]] = []  # (first key, last key, node)
    for chunk in _chunks(entries):
        leaf = DictionaryObject({
            NameObject("/Limits"): ArrayObject([chunk[0][0], chunk[-1][0]]),
            NameObject(kind): ArrayObject(x for entry in chunk for x in entry),
        })
        nodes.append((chunk[0][0], chunk[-1][0], writer._add_object(leaf)))
    while len(nodes) > TREE_LEAF_SIZE:
        level = []
        for chunk in _chunks(nodes):
            node = DictionaryObject({
                NameObject("/Limits"): ArrayObject([chunk[0][0], chunk[-1][1]]),
                NameObject("/Kids"): ArrayObject(ref for _, _, ref in chunk),
            })
            level.append((chunk[0][0], chunk[-1][1], writer._add_object(node)))
        nodes = level
    return DictionaryObject({NameObject("/Kids"): ArrayObject(ref for _, _, ref in nodes)})


def _chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), TREE_LEAF_SIZE):
        yield items[start:start + TREE_LEAF_SIZE]


# -- outline -----------------------------------------------------------------------------------------------------


def _add_outline(merge: _Merge, reader: PdfReader) -> None:
    """The part's top-level outline items, cloned with their subtrees and chained after the previous part's."""
    outlines = _get(reader.root_object, "/Outlines")
    if not isinstance(outlines, DictionaryObject) or "/First" not in outlines:
        return
    writer = merge.writer
    if merge.outline is None:
        root = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
        writer._add_object(root)
        merge.outline = _Outline(root)
    outline = merge.outline
    # /Parent left out: cloned, it would pull in the part's outline root; set below instead
    first_ref = outlines.raw_get("/First").clone(writer, ignore_fields=["/Parent"])
    first = first_ref.get_object()
    if outline.last is None:
        outline.root[NameObject("/First")] = first_ref
    else:
        outline.last[NameObject("/Next")] = first_ref
        first[NameObject("/Prev")] = outline.last.indirect_reference
    for item in _siblings(first):
        outline.visible += 1 + max(int(_get(item, "/Count", 0)), 0)
        outline.last = item
    _adopt_outline_items(first, outline.root)
    outline.root[NameObject("/Last")] = outline.last.indirect_reference


def _siblings(first: DictionaryObject) -> Iterator[DictionaryObject]:
    item: DictionaryObject | None = first
    seen: set[int] = set()
    while item is not None and id(item) not in seen:
        seen.add(id(item))
        yield item
        following = _get(item, "/Next")
        item = following if isinstance(following, DictionaryObject) else None


def _adopt_outline_items(first: DictionaryObject, parent: DictionaryObject) -> None:
    """Point every cloned item, at every level, at its parent in the merged outline."""
    stack = [(first, parent)]
    while stack:
        head, parent = stack.pop()
        for item in _siblings(head):
            item[NameObject("/Parent")] = parent.indirect_reference
            child = _get(item, "/First")
            if isinstance(child, DictionaryObject):
                stack.append((child, item))


def _finish_outline(merge: _Merge) -> None:
    if merge.outline is None:
        return
    if merge.outline.visible:
        merge.outline.root[NameObject("/Count")] = NumberObject(merge.outline.visible)
    merge.writer.root_object[NameObject("/Outlines")] = merge.outline.root.indirect_reference


# -- structure tree ----------------------------------------------------------------------------------------------


def _add_struct_tree(merge: _Merge, reader: PdfReader, part: int, originals: list[PageObject],
                     pages: list[PageObject], first: int) -> None:
    """The part's Document kids appended to the merged Document, its parent tree renumbered into the merged one."""
    root = _get(reader.root_object, "/StructTreeRoot")
    if not isinstance(root, DictionaryObject):
        return
    writer = merge.writer
    struct = merge.struct or _new_struct_tree(writer)
    merge.struct = struct
    document_ref = struct.document.indirect_reference
    containers = _containers(root)  # the part's root and Document: their children go to the merged Document
    adopted: dict[int, IndirectObject] = {}  # the part's struct element object numbers -> their clones
    for kid in _document_kids(root):
        if isinstance(kid, IndirectObject) and _is_struct_elem(kid.get_object()):
            clone = kid.clone(writer, ignore_fields=["/P"])
            struct.document["/K"].append(clone)
            _adopt_elements(kid, clone, document_ref, part, adopted)

    def translate(element: PdfObject) -> PdfObject:
        return _translated_element(writer, element, part, adopted, containers, document_ref)

    entries = dict(_tree_items(_get(root, "/ParentTree") or DictionaryObject(), "/Nums"))
    for index, (original, page) in enumerate(zip(originals, pages), start=first):
        key = _get(original, "/StructParents")
        if key is not None and key in entries:
            page[NameObject("/StructParents")] = NumberObject(index)
            struct.page_entries.append((index, _translated_entry(entries[key], translate)))
    for page in pages:
        for annot in _annotations(page):
            key = _get(annot, "/StructParent")
            if key is not None and key in entries:
                struct.annotation_entries.append((annot, _translated_entry(entries[key], translate)))
            elif key is not None:
                del annot["/StructParent"]
    _merge_map(writer, struct.role_map, _get(root, "/RoleMap"))
    _merge_map(writer, struct.class_map, _get(root, "/ClassMap"))


def _new_struct_tree(writer: PdfWriter) -> _StructTree:
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    writer._add_object(root)
    document = DictionaryObject({
        NameObject("/Type"): NameObject("/StructElem"),
        NameObject("/S"): NameObject("/Document"),
        NameObject("/P"): root.indirect_reference,
        NameObject("/K"): ArrayObject(),
    })
    root[NameObject("/K")] = ArrayObject([writer._add_object(document)])
    return _StructTree(root, document)


def _is_struct_elem(obj: PdfObject) -> bool:
    """A structure element, as opposed to a marked-content or object reference (``/MCR``, ``/OBJR``)."""
    return isinstance(obj, DictionaryObject) and "/S" in obj and _get(obj, "/Type", "/StructElem") == "/StructElem"


def _kids(element: DictionaryObject) -> list[PdfObject]:
    """An element's ``/K`` as a list of raw items (MCIDs, references, dictionaries)."""
    if "/K" not in element:
        return []
    kids = element.raw_get("/K")
    resolved = kids.get_object() if isinstance(kids, IndirectObject) else kids
    return list(resolved) if isinstance(resolved, ArrayObject) else [kids]


def _document_kids(root: DictionaryObject) -> list[PdfObject]:
    """The elements under the part's Document (WeasyPrint: root ``/K [Document]``), else under the root."""
    kids = _kids(root)
    if len(kids) == 1 and isinstance(kids[0], IndirectObject):
        only = kids[0].get_object()
        if _is_struct_elem(only) and _get(only, "/S") == "/Document":
            return _kids(only)
    return kids


def _containers(root: DictionaryObject) -> set[int]:
    """Object numbers of the part's root and Document, whose place the merged Document takes as a parent."""
    numbers = {root.indirect_reference.idnum} if root.indirect_reference is not None else set()
    kids = _kids(root)
    if len(kids) == 1 and isinstance(kids[0], IndirectObject) and _get(kids[0].get_object(), "/S") == "/Document":
        numbers.add(kids[0].idnum)
    return numbers


def _adopt_elements(original: IndirectObject, clone: IndirectObject, parent: IndirectObject, part: int,
                    adopted: dict[int, IndirectObject]) -> None:
    """Walk a cloned subtree alongside its original: set each element's ``/P``, record it, make its ids unique."""
    stack = [(original, clone, parent)]
    while stack:
        original, clone, parent = stack.pop()
        source, copy = original.get_object(), clone.get_object()
        copy[NameObject("/P")] = parent
        adopted[original.idnum] = clone
        _rename_ids(source, copy, part)
        for kid, kid_clone in zip(_kids(source), _kids(copy)):
            if isinstance(kid, IndirectObject) and isinstance(kid_clone, IndirectObject) \
                    and _is_struct_elem(kid.get_object()) and kid.idnum not in adopted:
                stack.append((kid, kid_clone, clone))


def _rename_ids(source: DictionaryObject, copy: DictionaryObject, part: int) -> None:
    """Element ids (``/ID``, and table cells' ``/Headers`` naming them) prefixed with the part: WeasyPrint derives
    them from object numbers, which start again in every part."""
    if isinstance(_get(source, "/ID"), (TextStringObject, ByteStringObject)):
        copy[NameObject("/ID")] = _part_id(source["/ID"], part)
    for attrs, attrs_copy in zip(_as_list(_get(source, "/A")), _as_list(_get(copy, "/A"))):
        if isinstance(attrs, DictionaryObject) and isinstance(_get(attrs, "/Headers"), ArrayObject):
            attrs_copy[NameObject("/Headers")] = ArrayObject(
                _part_id(h, part) if isinstance(h, (TextStringObject, ByteStringObject)) else h
                for h in attrs["/Headers"])


def _part_id(element_id: TextStringObject | ByteStringObject, part: int) -> TextStringObject:
    return TextStringObject(f"{part}:{_text(element_id)}")


def _as_list(value: PdfObject | None) -> list[PdfObject]:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    if value is None:
        return []
    return [v.get_object() for v in value] if isinstance(value, ArrayObject) else [value]


def _translated_element(writer: PdfWriter, element: PdfObject, part: int, adopted: dict[int, IndirectObject],
                        containers: set[int], document: IndirectObject) -> PdfObject:
    """The merged file's element for a part's element in its parent tree.  WeasyPrint also maps the text of
    margin boxes, under a ``NonStruct`` whose ``/P`` is the Document but which no ``/K`` holds: such a detached
    branch is cloned here from its top, under the merged Document, as WeasyPrint left it."""
    if not isinstance(element, IndirectObject) or not _is_struct_elem(element.get_object()):
        return NullObject()
    if element.idnum in adopted:
        return adopted[element.idnum]
    top, parent = _detached_top(element, adopted, containers)
    new_parent = adopted.get(parent.idnum, document) if isinstance(parent, IndirectObject) else document
    _adopt_elements(top, top.clone(writer, ignore_fields=["/P"]), new_parent, part, adopted)
    if element.idnum not in adopted:  # held by no /K of its own parent: adopt it on its own
        _adopt_elements(element, element.clone(writer, ignore_fields=["/P"]), new_parent, part, adopted)
    return adopted[element.idnum]


def _detached_top(element: IndirectObject, adopted: dict[int, IndirectObject],
                  containers: set[int]) -> tuple[IndirectObject, PdfObject | None]:
    """The highest not yet cloned ancestor of ``element`` (below the part's Document) and that ancestor's parent."""
    top, seen = element, {element.idnum}
    while True:
        parent = top.get_object().raw_get("/P") if "/P" in top.get_object() else None
        if not isinstance(parent, IndirectObject) or parent.idnum in adopted or parent.idnum in containers \
                or parent.idnum in seen or not _is_struct_elem(parent.get_object()):
            return top, parent
        top = parent
        seen.add(top.idnum)


def _translated_entry(value: PdfObject, translate: Callable[[PdfObject], PdfObject]) -> PdfObject:
    """A parent tree value (an element, or a page's array of elements by MCID) pointing at merged elements."""
    resolved = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(resolved, ArrayObject):
        return ArrayObject(translate(element) for element in resolved)
    return translate(value)


def _merge_map(writer: PdfWriter, merged: DictionaryObject, part_map: PdfObject | None) -> None:
    """A part's ``/RoleMap`` or ``/ClassMap`` added to the merged one; the first part to name a key wins."""
    if not isinstance(part_map, DictionaryObject):
        return
    for key in part_map:
        if key not in merged:
            merged[NameObject(key)] = part_map.raw_get(key).clone(writer)


def _finish_struct_tree(merge: _Merge) -> None:
    """Parent tree keys: page i is i; annotations follow all pages, in order."""
    struct = merge.struct
    if struct is None:
        return
    writer = merge.writer
    entries: list[tuple[PdfObject, PdfObject]] = [(NumberObject(i), v) for i, v in struct.page_entries]
    key = len(writer.pages)
    for annot, value in struct.annotation_entries:
        annot[NameObject("/StructParent")] = NumberObject(key)
        entries.append((NumberObject(key), value))
        key += 1
    parent_tree = _balanced_tree(writer, entries, "/Nums")
    struct.root[NameObject("/ParentTree")] = writer._add_object(parent_tree)
    struct.root[NameObject("/ParentTreeNextKey")] = NumberObject(key)
    if struct.role_map:
        struct.root[NameObject("/RoleMap")] = struct.role_map
    if struct.class_map:
        struct.root[NameObject("/ClassMap")] = struct.class_map
    writer.root_object[NameObject("/StructTreeRoot")] = struct.root.indirect_reference
