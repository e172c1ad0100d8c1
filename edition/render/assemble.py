"""Assembly: the PDF parts WeasyPrint wrote (front matter, each document, index) in, the final PDF's bytes out.

``Assembler.add`` reads one part with pypdf and writes its objects to the final
file at once, renumbered, so that the parts never sit in memory together and the
documents are assembled while the later ones are still being laid out.  What
spans the parts is gathered meanwhile and written by ``Assembler.finish``, which
also finishes the PDF:

- the page tree, in book order (parts may be added in another order);
- one structure tree (screen, PDF/A-2a and PDF/UA-1): one ``Document`` element
  holding every part's elements, one parent tree with keys renumbered for pages
  and links, one ID tree of the elements' ids (notes);
- one font per face (``fonts``): the parts' subsets merged, named by a subset
  tag derived from the merged program;
- one name tree of destinations; a link to an anchor in another part (written
  by WeasyPrint as a URI ``edition-part:<name>``, see ``LINK_ELSEWHERE``)
  becomes a link to that name; a name given twice, or a link to a name that
  nothing gives, is an error;
- one outline: every part's bookmarks in book order, with their nesting;
- page labels that match the printed folios (roman front matter, arabic text);
- document info and an XMP packet with the profile's identification, ids
  derived from the pages' content and dates only from ``SOURCE_DATE_EPOCH``;
- print (PDF/X-4): the printing condition named, no link annotations, a slug
  and crop marks on the K plate on every page (``marks``), an even page count.

Identical streams that carry no references (the colour profile each part
embeds) are written once.  Nothing is laid out again and no content stream is
decoded.  The same parts added in the same order give the same bytes.
"""
from __future__ import annotations

from typing import Any

import hashlib
import io

from pypdf import PdfReader
from pypdf.generic import (ArrayObject, BooleanObject, DecodedStreamObject, DictionaryObject, NameObject,
                           NumberObject, PdfObject, TextStringObject)

from ..model import EditionMeta
from ..profiles import SCREEN, Profile, profile_named
from .finish import LabelRange, document_info, edition_date, name_output_intent, xmp_packet
from .documents import Pending, Waiting
from .fonts import FontMerger
from .marks import PrintPages
from .parts import LINK_ELSEWHERE, AssemblyError, FinalRef, Part, PartWriter
from .pdfobjects import decoded, get, pdf_dict, string

__all__ = ["Assembler", "AssemblyError", "LINK_ELSEWHERE"]
TREE_LEAF_SIZE = 1000  # names per leaf of the name tree


class Assembler:
    """Writes the final PDF part by part; ``finish`` gives its bytes."""

    def __init__(self, profile: "Profile | str" = SCREEN):
        self.profile = profile_named(profile)
        self.out = io.BytesIO()
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.catalog, self.page_tree = self._reserve(), self._reserve()
        self._shared: dict[str, FinalRef] = {}  # the structure tree's root and Document, the outline's root
        self.parts: list[Part] = []
        self.header: bytes | None = None
        self.catalog_entries: dict[str, PdfObject] = {}
        self.parent_tree: dict[int, Any] = {}
        self.role_map: dict = {}
        self.class_map: dict = {}
        self.dests: dict[bytes, tuple[int, Any]] = {}  # name (its bytes) -> (part, destination)
        self.linked: dict[bytes, int] = {}  # names links point to -> the first part linking
        self.streams: dict[bytes, FinalRef] = {}  # digest of a reference-free stream -> its object
        self.ids: dict[bytes, FinalRef] = {}  # structure elements' ids -> the elements
        self.fonts = FontMerger(self._reserve)
        self.print_pages = PrintPages(self._new_object)
        self.tagged = False
        self.waiting: list[Pending | Waiting] = []  # parts added while a worker still writes them

    # ------------------------------------------------------------ parts

    def add(self, data: "bytes | Pending | Waiting") -> int:
        """Write one part's objects; returns its handle for ``finish``'s order.  A part still being written
        in a worker (``Pending``) is taken in its turn, when the next part is added or the file finished."""
        handle = len(self.parts) + len(self.waiting)
        if not isinstance(data, bytes):
            self.waiting.append(data)
            return handle
        self.settle()
        self._write_part(data)
        return handle

    def settle(self) -> None:
        """Write the parts that were still being written when added (in the order they were added)."""
        while self.waiting:
            pending = self.waiting.pop(0)
            self._write_part(pending.result())

    def close(self) -> None:
        """Stop the workers of parts no longer wanted (a build that failed)."""
        for pending in self.waiting:
            pending.close()
        self.waiting.clear()

    def _write_part(self, data: bytes) -> None:
        reader = PdfReader(io.BytesIO(data))
        if self.header is None:
            self.header = data[:data.index(b"\n")]
            self.out.write(self.header + b"\n%\xe2\xe3\xcf\xd3\n")
        handle = len(self.parts)
        part = Part()
        self.parts.append(part)
        PartWriter(self, reader, handle, part).write()

    # ------------------------------------------------------------ objects

    @property
    def struct_root(self) -> FinalRef:
        return self._shared_object("struct_root")

    @property
    def document(self) -> FinalRef:
        return self._shared_object("document")

    @property
    def outline_root(self) -> FinalRef:
        return self._shared_object("outline_root")

    def _shared_object(self, name: str) -> FinalRef:
        """An object of the final file that parts point at, numbered when first needed."""
        if name not in self._shared:
            self._shared[name] = self._reserve()
        return self._shared[name]

    def _reserve(self) -> FinalRef:
        self.count += 1
        return FinalRef(self.count)

    def _write_object(self, ref: FinalRef, obj: Any) -> None:
        self.offsets[ref.idnum] = self.out.tell()
        self.out.write(f"{ref.idnum} 0 obj\n".encode())
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def _new_object(self, obj: Any) -> FinalRef:
        ref = self._reserve()
        self._write_object(ref, obj)
        return ref

    # ------------------------------------------------------------ finish

    def finish(self, order: list[int], meta: EditionMeta, labels: list[LabelRange]) -> bytes:
        """The final file: its parts' pages in ``order`` (handles from ``add``), finished for the profile."""
        self.settle()
        if sorted(order) != list(range(len(self.parts))):
            raise AssemblyError(f"the order {order} does not name each of the {len(self.parts)} parts once")
        self._check_links()
        parts = [self.parts[h] for h in order]
        pages = [page for part in parts for page in part.pages]
        if self.profile.even_pages and len(pages) % 2:  # a printer binds sheets: an even count
            pages.append(self._blank_page(parts[-1].last_boxes))
        digest = hashlib.sha256(b"".join(d for part in parts for d in part.page_digests)).hexdigest()
        self._write_object(self.page_tree, pdf_dict({"/Type": NameObject("/Pages"), "/Kids": ArrayObject(pages),
                                                  "/Count": NumberObject(len(pages))}))
        catalog = pdf_dict({"/Type": NameObject("/Catalog"), "/Pages": self.page_tree})
        for key in ("/MarkInfo", "/OutputIntents"):
            if key in self.catalog_entries:
                catalog[NameObject(key)] = self.catalog_entries[key]
        catalog[NameObject("/ViewerPreferences")] = pdf_dict({"/DisplayDocTitle": BooleanObject(True)})
        if self.profile.cmyk:
            for intent in get(catalog, "/OutputIntents", ArrayObject()):
                name_output_intent(intent)
        catalog[NameObject("/Lang")] = TextStringObject(meta.language)
        catalog[NameObject("/PageLabels")] = _page_labels(labels, len(pages))
        if self.dests:
            dests = [(name, dest) for name, (_part, dest) in self.dests.items()]
            catalog[NameObject("/Names")] = pdf_dict({"/Dests": self._name_tree(dests)})
        self.fonts.finish(self._font_object)
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
        info = self._new_object(pdf_dict(document_info(meta, when, self.profile)))
        return self._trailer(info, bytes.fromhex(digest[:32]))

    def _check_links(self) -> None:
        missing = sorted(name for name in self.linked if name not in self.dests)
        if missing:
            shown = ", ".join(f"'{decoded(n)}' (part {self.linked[n]})" for n in missing[:5])
            raise AssemblyError(f"links to names that no part gives a destination: {shown}"
                                + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))

    def _blank_page(self, boxes: dict) -> FinalRef:
        page = pdf_dict({"/Type": NameObject("/Page"), "/Parent": self.page_tree, "/Resources": DictionaryObject()})
        for key, box in boxes.items():
            page[NameObject(key)] = box
        if self.profile.bleed:
            self.print_pages.finish_page(page)
        return self._new_object(page)

    def _font_object(self, ref: FinalRef | None, obj: Any) -> FinalRef:
        if ref is None:
            return self._new_object(obj)
        self._write_object(ref, obj)
        return ref

    def _name_tree(self, entries: list[tuple[bytes, Any]]) -> FinalRef:
        """A name tree (ISO 32000-1 7.9.6) of the entries, sorted by name, in leaves of ``TREE_LEAF_SIZE``."""
        entries = sorted(entries, key=lambda entry: entry[0])
        leaves = []
        for start in range(0, len(entries), TREE_LEAF_SIZE):
            chunk = entries[start:start + TREE_LEAF_SIZE]
            names = ArrayObject()
            for name, value in chunk:
                names.extend([string(name), value])
            leaves.append((chunk[0][0], chunk[-1][0], names))
        if len(leaves) == 1:
            return self._new_object(pdf_dict({"/Names": leaves[0][2]}))
        kids = ArrayObject(self._new_object(pdf_dict({"/Names": names, "/Limits": ArrayObject([string(a), string(b)])}))
                           for a, b, names in leaves)
        return self._new_object(pdf_dict({"/Kids": kids}))

    def _outline(self, parts: list[Part]) -> FinalRef | None:
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
            count = int(get(item, "/Count", 0))
            visible += 1 + (count if count > 0 else 0)
            self._write_object(ref, item)
        self._write_object(self.outline_root, pdf_dict({
            "/Type": NameObject("/Outlines"), "/First": items[0][0], "/Last": items[-1][0],
            "/Count": NumberObject(visible)}))
        return self.outline_root

    def _struct_tree(self, parts: list[Part]) -> FinalRef:
        kids = ArrayObject(kid for part in parts for kid in part.document_kids)
        self._write_object(self.document, pdf_dict({"/Type": NameObject("/StructElem"), "/S": NameObject("/Document"),
                                                 "/P": self.struct_root, "/K": kids}))
        nums = ArrayObject()
        for key in sorted(self.parent_tree):
            if self.parent_tree[key] is not None:
                nums.extend([NumberObject(key), self.parent_tree[key]])
        root = pdf_dict({"/Type": NameObject("/StructTreeRoot"), "/K": ArrayObject([self.document]),
                      "/ParentTree": self._new_object(pdf_dict({"/Nums": nums})),
                      "/ParentTreeNextKey": NumberObject(max(self.parent_tree, default=-1) + 1)})
        if self.role_map:
            root[NameObject("/RoleMap")] = pdf_dict(self.role_map)
        if self.class_map:
            root[NameObject("/ClassMap")] = pdf_dict(self.class_map)
        if self.ids:
            root[NameObject("/IDTree")] = self._name_tree(list(self.ids.items()))
        self._write_object(self.struct_root, root)
        return self.struct_root

    def _trailer(self, info: FinalRef, file_id: bytes) -> bytes:
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



def _page_labels(labels: list[LabelRange], total: int) -> DictionaryObject:
    nums = ArrayObject()
    for rng in labels:
        if rng.first < total:
            style = NameObject("/r" if rng.style == "roman" else "/D")
            nums.extend([NumberObject(rng.first), pdf_dict({"/S": style, "/St": NumberObject(rng.start)})])
    return pdf_dict({"/Nums": nums})
