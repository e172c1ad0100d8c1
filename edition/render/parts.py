"""One part joins the final file: a PDF part's objects in, written renumbered into the assembler.

``PartWriter`` reads one part (front matter, a document, the index) with
pypdf and writes its objects into the ``Assembler``'s file at once, each
renumbered, so that parts never sit in memory together; what spans the parts
(the page tree, the structure tree's elements and parent-tree keys, named
destinations, links to other parts, the outline) is gathered into the
assembler for ``Assembler.finish``.  Type 0 fonts are handed to the assembler's
``FontMerger`` (one font per face in the final file); other fonts keep their
objects under a subset tag derived from their program.  Print pages get their
slug and crop marks (``marks``) as they pass.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject, TextStringObject

from .. import adapter
from .finish import LINK_ELSEWHERE, AssemblyError
from .fonts import tagged_name
from .pdfobjects import array, decoded, detached, get, name_bytes, stream_key, text, tree_items

if TYPE_CHECKING:
    from .assemble import Assembler

    class FinalRef(IndirectObject):
        def __init__(self, number: int) -> None: ...
else:
    FinalRef = adapter.final_reference_class()  # a reference in the final file (written as ``n 0 R``)



@dataclass
class Part:
    """What one part leaves for ``finish``: references in the final file, keys, names."""

    pages: list[FinalRef] = field(default_factory=list)
    last_boxes: dict = field(default_factory=dict)
    page_digests: list[bytes] = field(default_factory=list)
    document_kids: list[Any] = field(default_factory=list)
    outline_items: list[tuple[FinalRef, DictionaryObject]] = field(default_factory=list)  # top level, not yet written



class PartWriter:
    """Writes one part's objects into the assembler, renumbered; gathers what spans the parts."""

    def __init__(self, assembler: Assembler, reader: PdfReader, handle: int, part: Part):
        self.a, self.reader, self.handle, self.part = assembler, reader, handle, part
        self.numbers: dict[int, FinalRef] = {}  # the part's object number -> its reference in the final file
        self.queue: list[int] = []
        self.page_keys: dict[int, int] = {}  # the part's parent-tree keys -> the final file's
        self.deferred: set[int] = set()  # top-level outline items, written by ``finish``
        catalog: Any = reader.trailer["/Root"]
        self.catalog = catalog
        self.skipped: dict[int, str | None] = {}  # the part's own trees: never written; what stands for them
        for key, target in (("/Pages", "page_tree"), ("/StructTreeRoot", "struct_root"),
                            ("/Outlines", "outline_root"), ("/Metadata", None)):
            ref = dict.get(catalog, key)
            if isinstance(ref, IndirectObject):
                self.skipped[ref.idnum] = target
        root = get(catalog, "/StructTreeRoot")
        self.documents: set[int] = set()
        if root is not None:
            assembler.tagged = True
            for kid in array(dict.get(root, "/K")):
                if isinstance(kid, IndirectObject):
                    self.documents.add(kid.idnum)
                    self.skipped[kid.idnum] = "document"
            for ref in (dict.get(root, "/ParentTree"),):
                if isinstance(ref, IndirectObject):
                    self.skipped[ref.idnum] = None

    def write(self) -> None:
        a, part = self.a, self.part
        if not a.catalog_entries:
            for key in ("/MarkInfo", "/ViewerPreferences", "/OutputIntents"):
                if key in self.catalog:
                    a.catalog_entries[key] = detached(self._renumbered(dict.__getitem__(self.catalog, key)))
        page_keys, annotations = [], []
        for page_ref in self._page_refs():
            page: Any = page_ref.get_object()
            part.pages.append(self._ref(page_ref.idnum))
            if "/StructParents" in page:
                page_keys.append(int(page["/StructParents"]))
            digest = hashlib.sha256()
            for content in array(dict.get(page, "/Contents")):
                if isinstance(content, IndirectObject):
                    digest.update(adapter.raw_stream_data(content.get_object()))
            part.page_digests.append(digest.digest())
            part.last_boxes = {key: ArrayObject(page[key]) for key in ("/MediaBox", "/CropBox", "/BleedBox",
                                                                      "/TrimBox") if key in page}
            if not a.profile.links:
                page.pop("/Annots", None)  # PDF/X: no links
            for annot in array(dict.get(page, "/Annots")):
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annotations.append(int(annot["/StructParent"]))
                self._collect_link(annot)
        self._renumber_parent_tree_keys(page_keys, annotations)
        self._gather_struct_tree()
        self._gather_dests()
        self._gather_outline()
        self._drain()

    # -------------------------------------------------------- page tree

    def _page_refs(self) -> list[IndirectObject]:
        refs: list[IndirectObject] = []

        def visit(node_ref: Any, depth: int = 0) -> None:
            node: Any = node_ref.get_object()
            if get(node, "/Type") == "/Pages" and depth < 64:
                for kid in array(dict.get(node, "/Kids")):
                    visit(kid, depth + 1)
            else:
                refs.append(node_ref)
        visit(dict.get(self.catalog, "/Pages"))
        return refs

    # ------------------------------------------------------ structure

    def _renumber_parent_tree_keys(self, page_keys: list[int], annotation_keys: list[int]) -> None:
        """Pages' and links' parent-tree keys, renumbered to follow those of the parts written before."""
        base = max(self.a.parent_tree, default=-1) + 1
        for k, old in enumerate(page_keys + annotation_keys):
            self.page_keys[old] = base + k
            self.a.parent_tree[base + k] = None  # reserved; the value comes with the part's parent tree

    def _gather_struct_tree(self) -> None:
        root = get(self.catalog, "/StructTreeRoot")
        if root is None:
            return
        a = self.a
        for document in array(dict.get(root, "/K")):
            for kid in array(dict.get(document.get_object(), "/K")):
                self.part.document_kids.append(self._renumbered(kid))
        for key, value in tree_items(get(root, "/ParentTree"), "/Nums"):
            if int(key) in self.page_keys:
                a.parent_tree[self.page_keys[int(key)]] = detached(self._renumbered(value))
        for source, target in (("/RoleMap", a.role_map), ("/ClassMap", a.class_map)):
            for key, value in dict.items(get(root, source) or {}):
                target.setdefault(key, detached(self._renumbered(value)))

    # ---------------------------------------------------- destinations

    def _collect_link(self, annot: DictionaryObject) -> None:
        action = get(annot, "/A")
        uri = get(action, "/URI") if action is not None and get(action, "/S") == "/URI" else None
        if isinstance(uri, (str, bytes)) and text(uri).startswith(LINK_ELSEWHERE):  # to a name in another part
            annot[NameObject("/Dest")] = TextStringObject(unquote(text(uri)[len(LINK_ELSEWHERE):]))
            annot.pop("/A", None)
        dest = get(annot, "/Dest")
        action = get(annot, "/A")
        if dest is None and action is not None and get(action, "/S") == "/GoTo":
            dest = get(action, "/D")
        if isinstance(dest, (str, bytes)):
            self.a.linked.setdefault(name_bytes(dest), self.handle)

    def _gather_dests(self) -> None:
        names = get(self.catalog, "/Names")
        dests = get(names, "/Dests") if names is not None else None
        for name, value in tree_items(dests, "/Names"):
            key = name_bytes(name)
            if key in self.a.dests:
                raise AssemblyError(f"named destination '{decoded(key)}' is in part {self.a.dests[key][0]} "
                                    f"and in part {self.handle}")
            self.a.dests[key] = (self.handle, detached(self._renumbered(value)))

    # --------------------------------------------------------- outline

    def _gather_outline(self) -> None:
        outlines = get(self.catalog, "/Outlines")
        item = dict.get(outlines, "/First") if outlines is not None else None
        seen = set()
        while isinstance(item, IndirectObject) and item.idnum not in seen:
            seen.add(item.idnum)
            self.deferred.add(item.idnum)
            ref = self._ref(item.idnum)
            obj: Any = item.get_object()
            following = dict.get(obj, "/Next")
            for key in ("/Prev", "/Next", "/Parent"):
                obj.pop(key, None)
            self.part.outline_items.append((ref, detached(self._renumbered(obj))))
            item = following

    # ---------------------------------------------------------- objects

    def _ref(self, idnum: int) -> FinalRef:
        if idnum in self.skipped:
            target = self.skipped[idnum]
            if target is None:
                raise AssemblyError(f"part {self.handle}: object {idnum} (a tree of the part) is referred to")
            return getattr(self.a, target)
        ref = self.numbers.get(idnum)
        if ref is None:
            obj = self.reader.get_object(idnum)
            key = stream_key(obj)
            if self.a.fonts.mergeable(obj):  # written by the assembler, one font per face
                ref = self.a.fonts.add(obj)
            elif key is not None and key in self.a.streams:
                ref = self.a.streams[key]
            else:
                ref = self.a._reserve()
                self.queue.append(idnum)
                if key is not None:
                    self.a.streams[key] = ref
            self.numbers[idnum] = ref
        return ref

    def _renumbered(self, value: Any) -> Any:
        """``value`` with every reference turned into the final file's (the objects queued for writing)."""
        if isinstance(value, FinalRef):  # already the final file's
            return value
        if isinstance(value, IndirectObject):
            return self._ref(value.idnum)
        if isinstance(value, DictionaryObject):
            for key, item in list(dict.items(value)):
                dict.__setitem__(value, key, self._renumbered(item))
        elif isinstance(value, ArrayObject):
            for k, item in enumerate(list.__iter__(value)):
                list.__setitem__(value, k, self._renumbered(item))
        return value

    def _drain(self) -> None:
        a = self.a
        written: set[int] = set()
        while self.queue:
            idnum = self.queue.pop()
            if idnum in written or idnum in self.deferred:
                continue
            written.add(idnum)
            ref = self._ref(idnum)
            obj = self.reader.get_object(idnum)
            if isinstance(obj, DictionaryObject):
                self._adapt(obj, idnum)
            a._write_object(ref, self._renumbered(obj))

    def _adapt(self, obj: Any, idnum: int) -> None:
        """What changes in an object as it joins the final file."""
        kind = get(obj, "/Type")
        if kind == "/Page":
            obj[NameObject("/Parent")] = self.a.page_tree
            if "/StructParents" in obj:
                obj[NameObject("/StructParents")] = NumberObject(self.page_keys[int(obj["/StructParents"])])
            if self.a.profile.bleed:
                self.a.print_pages.finish_page(obj)
        if "/StructParent" in obj:
            obj[NameObject("/StructParent")] = NumberObject(self.page_keys[int(obj["/StructParent"])])
        if kind in ("/Font", "/FontDescriptor"):  # a font that was not merged: a tag of its own program
            self._retag(obj)
        if kind == "/StructElem":  # ids are unique per part only (WeasyPrint's table headers)
            if "/ID" in obj:
                obj[NameObject("/ID")] = self._part_id(obj["/ID"])
                self.a.ids[name_bytes(obj["/ID"])] = self.numbers[idnum]
            for attributes in array(dict.get(obj, "/A")):
                attributes = attributes.get_object()
                if isinstance(attributes, DictionaryObject) and "/Headers" in attributes:
                    attributes[NameObject("/Headers")] = ArrayObject(
                        self._part_id(h) for h in array(dict.get(attributes, "/Headers")))

    def _retag(self, obj: Any) -> None:
        font = obj
        if get(obj, "/Subtype") == "/Type0":
            kids = array(dict.get(obj, "/DescendantFonts"))
            font = kids[0].get_object() if kids else {}
        descriptor = obj if get(obj, "/Type") == "/FontDescriptor" else get(font, "/FontDescriptor")
        program = next((get(descriptor, key) for key in ("/FontFile", "/FontFile2", "/FontFile3")
                        if descriptor is not None and key in descriptor), None)
        key = "/FontName" if obj is descriptor else "/BaseFont"
        if program is not None and key in obj:
            obj[NameObject(key)] = tagged_name(str(obj[key]), adapter.raw_stream_data(program))

    def _part_id(self, element_id) -> TextStringObject:
        return TextStringObject(f"{self.handle}:{element_id}")

