"""Assembly: the PDF parts WeasyPrint wrote (front matter, each document, index) in, the final PDF's bytes out.

``Assembler.add`` reads one part with pypdf and writes its objects to the final
file at once, renumbered, so that the parts never sit in memory together and the
documents are assembled while the later ones are still being laid out.  What
spans the parts is gathered meanwhile and written by ``Assembler.finish``, which
also finishes the PDF:

- the page tree, in book order (parts may be added in another order);
- one structure tree (screen, PDF/A-2a): one ``Document`` element holding every
  part's elements, one parent tree with keys renumbered for pages and links;
- one name tree of destinations; a link to an anchor in another part (written
  by WeasyPrint as a URI ``edition-part:<name>``, see ``LINK_ELSEWHERE``)
  becomes a link to that name; a name given twice, or a link to a name that
  nothing gives, is an error;
- one outline: every part's bookmarks in book order, with their nesting;
- page labels that match the printed folios (roman front matter, arabic text);
- document info and an XMP packet with the profile's identification, ids
  derived from the pages' content and dates only from ``SOURCE_DATE_EPOCH``;
- print (PDF/X-4): the printing condition named, no link annotations, crop
  marks on the K plate, an even page count.

Identical streams that carry no references (the colour profile each part
embeds) are written once.  Nothing is laid out again; only print's content
streams are decoded (to recolour the marks).  The same parts added in the same
order give the same bytes.
"""
from __future__ import annotations

import hashlib
import io
import zlib
from urllib.parse import unquote
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject, NumberObject, PdfObject,
                           StreamObject, TextStringObject)

from .. import adapter
from ..model import EditionMeta
from ..profiles import SCREEN, Profile, profile_named
from .finish import LabelRange, document_info, edition_date, marks_in_k, xmp_packet

TREE_LEAF_SIZE = 1000  # names per leaf of the name tree
LINK_ELSEWHERE = "edition-part:"  # a link's URI scheme for an anchor in another part: edition-part:<name>
_DEDUPLICATED_MIN_BYTES = 1024


class AssemblyError(ValueError):
    pass


_Ref = adapter.final_reference_class()  # a reference in the final file (written as ``n 0 R``)


@dataclass
class _Part:
    """What one part leaves for ``finish``: references in the final file, keys, names."""

    pages: list[_Ref] = field(default_factory=list)
    last_boxes: dict = field(default_factory=dict)
    page_digests: list[bytes] = field(default_factory=list)
    document_kids: list[PdfObject] = field(default_factory=list)
    outline_items: list[tuple[_Ref, DictionaryObject]] = field(default_factory=list)  # top level, not yet written


class Assembler:
    """Writes the final PDF part by part; ``finish`` gives its bytes."""

    def __init__(self, profile: "Profile | str" = SCREEN):
        self.profile = profile_named(profile)
        self.out = io.BytesIO()
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.catalog, self.page_tree = self._reserve(), self._reserve()
        self._shared: dict[str, _Ref] = {}  # the structure tree's root and Document, the outline's root
        self.parts: list[_Part] = []
        self.header: bytes | None = None
        self.catalog_entries: dict[str, PdfObject] = {}
        self.parent_tree: dict[int, PdfObject] = {}
        self.role_map: dict = {}
        self.class_map: dict = {}
        self.dests: dict[bytes, tuple[int, PdfObject]] = {}  # name (its bytes) -> (part, destination)
        self.linked: dict[bytes, int] = {}  # names links point to -> the first part linking
        self.streams: dict[bytes, _Ref] = {}  # digest of a reference-free stream -> its object
        self.tagged = False

    # ------------------------------------------------------------ parts

    def add(self, data: bytes) -> int:
        """Write one part's objects; returns its handle for ``finish``'s order."""
        reader = PdfReader(io.BytesIO(data))
        if self.header is None:
            self.header = data[:data.index(b"\n")]
            self.out.write(self.header + b"\n%\xe2\xe3\xcf\xd3\n")
        handle = len(self.parts)
        part = _Part()
        self.parts.append(part)
        _PartWriter(self, reader, handle, part).write()
        return handle

    # ------------------------------------------------------------ objects

    @property
    def struct_root(self) -> _Ref:
        return self._shared_object("struct_root")

    @property
    def document(self) -> _Ref:
        return self._shared_object("document")

    @property
    def outline_root(self) -> _Ref:
        return self._shared_object("outline_root")

    def _shared_object(self, name: str) -> _Ref:
        """An object of the final file that parts point at, numbered when first needed."""
        if name not in self._shared:
            self._shared[name] = self._reserve()
        return self._shared[name]

    def _reserve(self) -> _Ref:
        self.count += 1
        return _Ref(self.count)

    def _write_object(self, ref: _Ref, obj: PdfObject) -> None:
        self.offsets[ref.idnum] = self.out.tell()
        self.out.write(f"{ref.idnum} 0 obj\n".encode())
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def _new_object(self, obj: PdfObject) -> _Ref:
        ref = self._reserve()
        self._write_object(ref, obj)
        return ref

    # ------------------------------------------------------------ finish

    def finish(self, order: list[int], meta: EditionMeta, labels: list[LabelRange]) -> bytes:
        """The final file: its parts' pages in ``order`` (handles from ``add``), finished for the profile."""
        if sorted(order) != list(range(len(self.parts))):
            raise AssemblyError(f"the order {order} does not name each of the {len(self.parts)} parts once")
        self._check_links()
        parts = [self.parts[h] for h in order]
        pages = [page for part in parts for page in part.pages]
        if self.profile.even_pages and len(pages) % 2:  # a printer binds sheets: an even count
            pages.append(self._blank_page(parts[-1].last_boxes))
        digest = hashlib.sha256(b"".join(d for part in parts for d in part.page_digests)).hexdigest()
        self._write_object(self.page_tree, _dict({"/Type": NameObject("/Pages"), "/Kids": ArrayObject(pages),
                                                  "/Count": NumberObject(len(pages))}))
        catalog = _dict({"/Type": NameObject("/Catalog"), "/Pages": self.page_tree})
        for key in ("/MarkInfo", "/ViewerPreferences", "/OutputIntents"):
            if key in self.catalog_entries:
                catalog[NameObject(key)] = self.catalog_entries[key]
        if self.profile.cmyk:
            self._name_output_condition(catalog)
        catalog[NameObject("/Lang")] = TextStringObject(meta.language)
        catalog[NameObject("/PageLabels")] = _page_labels(labels, len(pages))
        if self.dests:
            catalog[NameObject("/Names")] = _dict({"/Dests": self._name_tree()})
        outline = self._outline(parts)
        if outline is not None:
            catalog[NameObject("/Outlines")] = outline
        if self.tagged:
            catalog[NameObject("/StructTreeRoot")] = self._struct_tree(parts)
        when = edition_date(meta)
        packet = xmp_packet(meta, when, self.profile, digest).encode("utf-8")
        xmp = DecodedStreamObject()
        xmp.set_data(packet)
        xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        catalog[NameObject("/Metadata")] = self._new_object(xmp)  # unfiltered, as PDF/A wants
        self._write_object(self.catalog, catalog)
        info = self._new_object(_dict(document_info(meta, when, self.profile)))
        return self._trailer(info, bytes.fromhex(digest[:32]))

    def _check_links(self) -> None:
        missing = sorted(name for name in self.linked if name not in self.dests)
        if missing:
            shown = ", ".join(f"'{_decoded(n)}' (part {self.linked[n]})" for n in missing[:5])
            raise AssemblyError(f"links to names that no part gives a destination: {shown}"
                                + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))

    def _blank_page(self, boxes: dict) -> _Ref:
        page = _dict({"/Type": NameObject("/Page"), "/Parent": self.page_tree, "/Resources": DictionaryObject()})
        for key, box in boxes.items():
            page[NameObject(key)] = box
        return self._new_object(page)

    def _name_output_condition(self, catalog: DictionaryObject) -> None:
        """Name the printing condition as the ICC registry does, so a printer recognizes it."""
        for intent in _get(catalog, "/OutputIntents", ArrayObject()):
            intent[NameObject("/OutputConditionIdentifier")] = TextStringObject("FOGRA39")
            intent[NameObject("/RegistryName")] = TextStringObject("http://www.color.org")
            intent[NameObject("/OutputCondition")] = TextStringObject(
                "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated art), 60/cm")
            intent[NameObject("/Info")] = TextStringObject("Coated FOGRA39 (ISO 12647-2:2004)")

    def _name_tree(self) -> _Ref:
        entries = sorted(self.dests.items())
        leaves = []
        for start in range(0, len(entries), TREE_LEAF_SIZE):
            chunk = entries[start:start + TREE_LEAF_SIZE]
            names = ArrayObject()
            for name, (_part, dest) in chunk:
                names.extend([_string(name), dest])
            leaves.append((chunk[0][0], chunk[-1][0], names))
        if len(leaves) == 1:
            return self._new_object(_dict({"/Names": leaves[0][2]}))
        kids = ArrayObject(self._new_object(_dict({"/Names": names, "/Limits": ArrayObject([_string(a), _string(b)])}))
                           for a, b, names in leaves)
        return self._new_object(_dict({"/Kids": kids}))

    def _outline(self, parts: list[_Part]) -> _Ref | None:
        items = [item for part in parts for item in part.outline_items]
        if not items:
            return None
        visible = 0
        for k, (ref, item) in enumerate(items):
            for key in ("/Prev", "/Next"):
                item.pop(key, None)
            if k > 0:
                item[NameObject("/Prev")] = items[k - 1][0]
            if k + 1 < len(items):
                item[NameObject("/Next")] = items[k + 1][0]
            item[NameObject("/Parent")] = self.outline_root
            count = int(_get(item, "/Count", 0))
            visible += 1 + (count if count > 0 else 0)
            self._write_object(ref, item)
        self._write_object(self.outline_root, _dict({
            "/Type": NameObject("/Outlines"), "/First": items[0][0], "/Last": items[-1][0],
            "/Count": NumberObject(visible)}))
        return self.outline_root

    def _struct_tree(self, parts: list[_Part]) -> _Ref:
        kids = ArrayObject(kid for part in parts for kid in part.document_kids)
        self._write_object(self.document, _dict({"/Type": NameObject("/StructElem"), "/S": NameObject("/Document"),
                                                 "/P": self.struct_root, "/K": kids}))
        nums = ArrayObject()
        for key in sorted(self.parent_tree):
            if self.parent_tree[key] is not None:
                nums.extend([NumberObject(key), self.parent_tree[key]])
        root = _dict({"/Type": NameObject("/StructTreeRoot"), "/K": ArrayObject([self.document]),
                      "/ParentTree": self._new_object(_dict({"/Nums": nums})),
                      "/ParentTreeNextKey": NumberObject(max(self.parent_tree, default=-1) + 1)})
        if self.role_map:
            root[NameObject("/RoleMap")] = _dict(self.role_map)
        if self.class_map:
            root[NameObject("/ClassMap")] = _dict(self.class_map)
        self._write_object(self.struct_root, root)
        return self.struct_root

    def _trailer(self, info: _Ref, file_id: bytes) -> bytes:
        out = self.out
        start = out.tell()
        size = self.count + 1
        out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
        for number in range(1, size):
            if number not in self.offsets:
                raise AssemblyError(f"object {number} was reserved and never written")
            out.write(f"{self.offsets[number]:010d} 00000 n \n".encode())
        ident = file_id.hex().encode()
        out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
                  % (size, self.catalog.idnum, info.idnum, ident, ident, start))
        return out.getvalue()


class _PartWriter:
    """Writes one part's objects into the assembler, renumbered; gathers what spans the parts."""

    def __init__(self, assembler: Assembler, reader: PdfReader, handle: int, part: _Part):
        self.a, self.reader, self.handle, self.part = assembler, reader, handle, part
        self.numbers: dict[int, _Ref] = {}  # the part's object number -> its reference in the final file
        self.queue: list[int] = []
        self.content_streams: set[int] = set()
        self.page_keys: dict[int, int] = {}  # the part's parent-tree keys -> the final file's
        self.deferred: set[int] = set()  # top-level outline items, written by ``finish``
        catalog = reader.trailer["/Root"]
        self.catalog = catalog
        self.skipped: dict[int, str | None] = {}  # the part's own trees: never written; what stands for them
        for key, target in (("/Pages", "page_tree"), ("/StructTreeRoot", "struct_root"),
                            ("/Outlines", "outline_root"), ("/Metadata", None)):
            ref = dict.get(catalog, key)
            if isinstance(ref, IndirectObject):
                self.skipped[ref.idnum] = target
        root = _get(catalog, "/StructTreeRoot")
        self.documents: set[int] = set()
        if root is not None:
            assembler.tagged = True
            for kid in _array(dict.get(root, "/K")):
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
                    a.catalog_entries[key] = _detached(self._renumbered(dict.__getitem__(self.catalog, key)))
        page_keys, annotations = [], []
        for page_ref in self._page_refs():
            page = page_ref.get_object()
            part.pages.append(self._ref(page_ref.idnum))
            if "/StructParents" in page:
                page_keys.append(int(page["/StructParents"]))
            digest = hashlib.sha256()
            for content in _array(dict.get(page, "/Contents")):
                if isinstance(content, IndirectObject):
                    self.content_streams.add(content.idnum)
                    digest.update(adapter.raw_stream_data(content.get_object()))
            part.page_digests.append(digest.digest())
            part.last_boxes = {key: ArrayObject(page[key]) for key in ("/MediaBox", "/CropBox", "/BleedBox",
                                                                      "/TrimBox") if key in page}
            if not a.profile.links:
                page.pop("/Annots", None)  # PDF/X: no links
            for annot in _array(dict.get(page, "/Annots")):
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

        def visit(node_ref, depth=0):
            node = node_ref.get_object()
            if _get(node, "/Type") == "/Pages" and depth < 64:
                for kid in _array(dict.get(node, "/Kids")):
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
        root = _get(self.catalog, "/StructTreeRoot")
        if root is None:
            return
        a = self.a
        for document in _array(dict.get(root, "/K")):
            for kid in _array(dict.get(document.get_object(), "/K")):
                self.part.document_kids.append(self._renumbered(kid))
        for key, value in _tree_items(_get(root, "/ParentTree"), "/Nums"):
            if int(key) in self.page_keys:
                a.parent_tree[self.page_keys[int(key)]] = _detached(self._renumbered(value))
        for source, target in (("/RoleMap", a.role_map), ("/ClassMap", a.class_map)):
            for key, value in dict.items(_get(root, source) or {}):
                target.setdefault(key, _detached(self._renumbered(value)))

    # ---------------------------------------------------- destinations

    def _collect_link(self, annot: DictionaryObject) -> None:
        action = _get(annot, "/A")
        uri = _get(action, "/URI") if action is not None and _get(action, "/S") == "/URI" else None
        if isinstance(uri, (str, bytes)) and _text(uri).startswith(LINK_ELSEWHERE):  # to a name in another part
            annot[NameObject("/Dest")] = TextStringObject(unquote(_text(uri)[len(LINK_ELSEWHERE):]))
            for key in ("/A", "/Contents"):
                annot.pop(key, None)
        dest = _get(annot, "/Dest")
        action = _get(annot, "/A")
        if dest is None and action is not None and _get(action, "/S") == "/GoTo":
            dest = _get(action, "/D")
        if isinstance(dest, (str, bytes)):
            self.a.linked.setdefault(_name_bytes(dest), self.handle)

    def _gather_dests(self) -> None:
        names = _get(self.catalog, "/Names")
        dests = _get(names, "/Dests") if names is not None else None
        for name, value in _tree_items(dests, "/Names"):
            key = _name_bytes(name)
            if key in self.a.dests:
                raise AssemblyError(f"named destination '{_decoded(key)}' is in part {self.a.dests[key][0]} "
                                    f"and in part {self.handle}")
            self.a.dests[key] = (self.handle, _detached(self._renumbered(value)))

    # --------------------------------------------------------- outline

    def _gather_outline(self) -> None:
        outlines = _get(self.catalog, "/Outlines")
        item = dict.get(outlines, "/First") if outlines is not None else None
        seen = set()
        while isinstance(item, IndirectObject) and item.idnum not in seen:
            seen.add(item.idnum)
            self.deferred.add(item.idnum)
            ref = self._ref(item.idnum)
            obj = item.get_object()
            following = dict.get(obj, "/Next")
            for key in ("/Prev", "/Next", "/Parent"):
                obj.pop(key, None)
            self.part.outline_items.append((ref, _detached(self._renumbered(obj))))
            item = following

    # ---------------------------------------------------------- objects

    def _ref(self, idnum: int) -> _Ref:
        if idnum in self.skipped:
            target = self.skipped[idnum]
            if target is None:
                raise AssemblyError(f"part {self.handle}: object {idnum} (a tree of the part) is referred to")
            return getattr(self.a, target)
        ref = self.numbers.get(idnum)
        if ref is None:
            obj = self.reader.get_object(idnum)
            key = _stream_key(obj)
            if key is not None and key in self.a.streams:
                ref = self.a.streams[key]
            else:
                ref = self.a._reserve()
                self.queue.append(idnum)
                if key is not None:
                    self.a.streams[key] = ref
            self.numbers[idnum] = ref
        return ref

    def _renumbered(self, value: PdfObject) -> PdfObject:
        """``value`` with every reference turned into the final file's (the objects queued for writing)."""
        if isinstance(value, _Ref):  # already the final file's
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

    def _adapt(self, obj: DictionaryObject, idnum: int) -> None:
        """What changes in an object as it joins the final file."""
        kind = _get(obj, "/Type")
        if kind == "/Page":
            obj[NameObject("/Parent")] = self.a.page_tree
            if "/StructParents" in obj:
                obj[NameObject("/StructParents")] = NumberObject(self.page_keys[int(obj["/StructParents"])])
        if "/StructParent" in obj:
            obj[NameObject("/StructParent")] = NumberObject(self.page_keys[int(obj["/StructParent"])])
        if kind == "/StructElem":  # ids of table headers (and the cells naming them) are unique per part only
            if "/ID" in obj:
                obj[NameObject("/ID")] = self._part_id(obj["/ID"])
            for attributes in _array(dict.get(obj, "/A")):
                attributes = attributes.get_object()
                if isinstance(attributes, DictionaryObject) and "/Headers" in attributes:
                    attributes[NameObject("/Headers")] = ArrayObject(
                        self._part_id(h) for h in _array(dict.get(attributes, "/Headers")))
        if isinstance(obj, StreamObject) and self.a.profile.cmyk and (
                idnum in self.content_streams or _get(obj, "/Subtype") == "/Form"):
            _recolour_marks(obj)


    def _part_id(self, element_id) -> TextStringObject:
        return TextStringObject(f"{self.handle}:{element_id}")


def _detached(value: PdfObject) -> PdfObject:
    """A renumbered value kept for ``finish``, rebuilt so that it holds nothing of the part's reader
    (a pypdf object read from a file keeps its reader, and every object it parsed, alive)."""
    if isinstance(value, DictionaryObject):
        return DictionaryObject({key: _detached(item) for key, item in dict.items(value)})
    if isinstance(value, ArrayObject):
        return ArrayObject(_detached(item) for item in list.__iter__(value))
    return value


def _recolour_marks(stream: StreamObject) -> None:
    """WeasyPrint draws crop marks in DeviceRGB black; a PDF/X-4 with a CMYK intent wants the K plate."""
    data = stream.get_data()
    fixed = marks_in_k(data)
    if fixed != data:
        adapter.set_raw_stream_data(stream, zlib.compress(fixed))
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        stream.pop("/DecodeParms", None)


def _stream_key(obj: PdfObject) -> bytes | None:
    """A digest for a stream worth writing once however many parts carry it (no references inside)."""
    if not isinstance(obj, StreamObject) or len(adapter.raw_stream_data(obj)) < _DEDUPLICATED_MIN_BYTES or _has_refs(obj):
        return None
    h = hashlib.sha256()
    for key in sorted(k for k in obj if k != "/Length"):
        h.update(f"{key}={obj[key]!r};".encode())
    h.update(adapter.raw_stream_data(obj))
    return h.digest()


def _has_refs(value: PdfObject) -> bool:
    if isinstance(value, IndirectObject):
        return True
    if isinstance(value, dict):
        return any(_has_refs(v) for v in dict.values(value))
    if isinstance(value, list):
        return any(_has_refs(v) for v in list.__iter__(value))
    return False


def _get(obj, key: str, default=None):
    """``obj[key]`` resolved (pypdf's ``get`` leaves references unresolved), or ``default``."""
    return obj[key] if key in obj else default


def _array(value: PdfObject | None) -> list:
    if value is None:
        return []
    resolved = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(resolved, ArrayObject):
        return list(list.__iter__(resolved))
    return [value]


def _tree_items(node: PdfObject | None, entries: str, depth: int = 0):
    """The (key, value) pairs of a name tree (``entries`` "/Names") or a number tree ("/Nums")."""
    if node is None or depth > 64:  # deeper is malformed, or a loop
        return
    node = node.get_object()
    flat = list(list.__iter__(node[entries])) if entries in node else []
    for k in range(0, len(flat) - 1, 2):
        yield flat[k], flat[k + 1]
    for kid in _array(dict.get(node, "/Kids")):
        yield from _tree_items(kid, entries, depth + 1)


def _text(value) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _name_bytes(name) -> bytes:
    """A destination name as the bytes that identify it (text as UTF-16BE with a byte-order mark,
    as WeasyPrint writes non-ASCII names; ASCII as itself)."""
    if isinstance(name, bytes):
        return bytes(name)
    text = str(name)
    try:
        return text.encode("ascii")
    except UnicodeEncodeError:
        return b"\xfe\xff" + text.encode("utf-16-be")


def _decoded(name: bytes) -> str:
    return name[2:].decode("utf-16-be") if name.startswith(b"\xfe\xff") else name.decode("latin-1")


def _string(name: bytes) -> TextStringObject:
    return TextStringObject(_decoded(name))


def _dict(entries: dict) -> DictionaryObject:
    return DictionaryObject({NameObject(k) if isinstance(k, str) else k: v for k, v in entries.items()})


def _page_labels(labels: list[LabelRange], total: int) -> DictionaryObject:
    nums = ArrayObject()
    for rng in labels:
        if rng.first < total:
            style = NameObject("/r" if rng.style == "roman" else "/D")
            nums.extend([NumberObject(rng.first), _dict({"/S": style, "/St": NumberObject(rng.start)})])
    return _dict({"/Nums": nums})
