"""Fonts of the final file: each part's font subsets in, one subset per face out, named by its content.

WeasyPrint subsets every font of every part on its own (with HarfBuzz, keeping the original glyph ids)
and names each subset after its face alone, so one name came to stand for different programs, which
ISO 32000-1 9.6.4 forbids.  ``FontMerger`` takes each part's Type 0 fonts as the part passes (``add``
returns the reference that stands for the face in the final file) and keeps what the part uses of each
face: the glyphs' outlines and metrics from the program, the widths (W) and the Unicode values
(ToUnicode).  ``finish`` writes one font per face: the glyphs of every part put into the longest of the
parts' subsets (the ids are the original font's, so one program serves every part), with a subset tag
derived from the program and one Type 0 font, CIDFont, descriptor and ToUnicode map for all pages.

A font that cannot be merged keeps its own objects in each part and gets a tag derived from its
program (``tagged_name``): one not in CFF (TrueType: a fallback font of the design, say), a CID-keyed
CFF (whose subsets renumber their private dictionaries), or one with another encoding than Identity-H
(WeasyPrint's, when it shows .notdef for a missing glyph).
"""
from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, StreamObject

from .. import adapter
from .pdfobjects import array, detached, get, pdf_dict

CMAP_HEAD = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
             b"<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n"
             b"/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n")
CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9._-]")
DESCRIPTOR_KEYS = ("/Flags", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight", "/StemV", "/StemH", "/FontFamily")


def subset_tag(program: bytes, taken: "set[str] | frozenset[str]" = frozenset()) -> str:
    """Six capital letters derived from a font program (ISO 32000-1 9.6.4), not among ``taken``."""
    digest = hashlib.sha256(program).digest()
    while True:
        number, letters = int.from_bytes(digest[:8], "big"), []
        for _ in range(6):
            number, letter = divmod(number, 26)
            letters.append(chr(65 + letter))
        tag = "".join(letters)
        if tag not in taken:
            return tag
        digest = hashlib.sha256(digest).digest()


def face_name(base_font: str) -> str:
    """The face's name without subset tag, as a PostScript name ("EB-Garamond-Edition-08," loses its comma)."""
    name = base_font.lstrip("/")
    if len(name) > 7 and name[6] == "+" and name[:6].isupper():
        name = name[7:]
    return _NOT_IN_NAME.sub("", name)


def tagged_name(base_font: str, program: bytes) -> NameObject:
    return NameObject(f"/{subset_tag(program)}+{face_name(base_font)}")


@dataclass
class Face:
    """One face of the final file, as the parts use it."""

    name: str
    ref: Any
    descriptor: dict
    cid_system_info: Any
    widths: dict[int, float] = field(default_factory=dict)
    unicode: dict[int, bytes] = field(default_factory=dict)  # glyph id -> UTF-16BE hex
    outlines: dict[int, bytes] = field(default_factory=dict)  # glyph id -> charstring
    metrics: dict[int, tuple[int, int]] = field(default_factory=dict)  # glyph id -> (advance, lsb)
    base: bytes = b""  # the longest subset seen: it covers every glyph id used so far
    base_glyphs: int = 0
    parts: int = 0


class FontMerger:
    """Gathers the parts' Type 0 fonts face by face; ``finish`` writes one font per face."""

    def __init__(self, reserve):
        self.reserve = reserve  # () -> a new reference in the final file
        self.faces: dict[tuple, Face] = {}

    def mergeable(self, font: Any) -> bool:
        """A Type 0 font with Identity-H encoding over a CFF program in an OpenType wrapper."""
        if not (isinstance(font, DictionaryObject) and get(font, "/Subtype") == "/Type0"
                and get(font, "/Encoding") == "/Identity-H"):
            return False
        descendant = _descendant(font)
        descriptor = get(descendant, "/FontDescriptor") if descendant is not None else None
        program = get(descriptor, "/FontFile3") if descriptor is not None else None
        return (get(descendant, "/Subtype") == "/CIDFontType0" and isinstance(program, StreamObject)
                and get(program, "/Subtype") == "/OpenType" and not cid_keyed(program.get_data()))

    def add(self, font: Any) -> Any:
        """Take a part's font (``mergeable``); the reference of its face's font in the final file."""
        descendant = _descendant(font)
        descriptor = get(descendant, "/FontDescriptor")
        program = get(descriptor, "/FontFile3").get_data()
        widths = _widths(get(descendant, "/W"))
        name = face_name(str(font["/BaseFont"]))
        key = (name, _identity(program))
        face = self.faces.get(key)
        if face is None:
            face = Face(name, self.reserve(), {k: descriptor[k] for k in DESCRIPTOR_KEYS if k in descriptor},
                        detached(descendant["/CIDSystemInfo"]))
            self.faces[key] = face
        face.parts += 1
        glyphs = _glyph_count(program)
        new = [gid for gid in widths if gid not in face.widths]
        for gid in new:
            face.widths[gid] = widths[gid]
        face.outlines.update(_outlines(program, new))
        face.metrics.update(_metrics(program, new))
        if glyphs > face.base_glyphs:
            face.base, face.base_glyphs = program, glyphs
        unicode = get(font, "/ToUnicode")
        for gid, text in _unicode(unicode.get_data() if unicode is not None else b"").items():
            face.unicode.setdefault(gid, text)
        return face.ref

    def finish(self, write) -> None:
        """Write every face's font: ``write(reference or None, object)`` gives the object's reference."""
        taken: set[str] = set()
        for face in self.faces.values():
            program = face.base if face.parts == 1 or _covers(face) else _merged(face)
            tag = subset_tag(program, taken)
            taken.add(tag)
            name = NameObject(f"/{tag}+{face.name}")
            stream = StreamObject()
            adapter.set_raw_stream_data(stream, zlib.compress(program))
            stream.update({NameObject("/Subtype"): NameObject("/OpenType"),
                           NameObject("/Filter"): NameObject("/FlateDecode")})
            descriptor = pdf_dict({"/Type": NameObject("/FontDescriptor"), "/FontName": name, **face.descriptor,
                                   "/FontBBox": ArrayObject(_bbox(face)), "/FontFile3": write(None, stream)})
            cid_font = pdf_dict({"/Type": NameObject("/Font"), "/Subtype": NameObject("/CIDFontType0"),
                                 "/BaseFont": name, "/CIDSystemInfo": face.cid_system_info,
                                 "/CIDToGIDMap": NameObject("/Identity"), "/W": _w_array(face.widths),
                                 "/FontDescriptor": write(None, descriptor)})
            unicode = StreamObject()
            adapter.set_raw_stream_data(unicode, zlib.compress(_cmap(face.unicode)))
            unicode[NameObject("/Filter")] = NameObject("/FlateDecode")
            write(face.ref, pdf_dict({"/Type": NameObject("/Font"), "/Subtype": NameObject("/Type0"),
                                      "/BaseFont": name, "/Encoding": NameObject("/Identity-H"),
                                      "/DescendantFonts": ArrayObject([write(None, cid_font)]),
                                      "/ToUnicode": write(None, unicode)}))


def _descendant(font: Any) -> Any:
    kids = array(dict.get(font, "/DescendantFonts"))
    return kids[0].get_object() if kids else None


def _widths(w: Any) -> dict[int, float]:
    """A CIDFont's W array as glyph id -> width (ISO 32000-1 9.7.4.3)."""
    items = [x.get_object() if hasattr(x, "get_object") else x for x in array(w)]
    widths: dict[int, float] = {}
    k = 0
    while k < len(items):
        first = int(items[k])
        if isinstance(items[k + 1], list):
            for i, width in enumerate(items[k + 1]):
                widths[first + i] = float(width)
            k += 2
        else:
            for gid in range(first, int(items[k + 1]) + 1):
                widths[gid] = float(items[k + 2])
            k += 3
    return widths


def _w_array(widths: dict[int, float]) -> ArrayObject:
    out = ArrayObject()
    run: ArrayObject | None = None
    for gid in sorted(widths):
        if run is None or gid - 1 not in widths:
            run = ArrayObject()
            out.extend([NumberObject(gid), run])
        width = widths[gid]
        run.append(NumberObject(int(width)) if width == int(width) else FloatObject(width))
    return out


def _bbox(face: Face) -> list:
    descent, ascent = face.descriptor.get("/Descent", 0), face.descriptor.get("/Ascent", 0)
    return [NumberObject(0), descent, NumberObject(int(max(face.widths.values(), default=0))), ascent]


def _unicode(cmap: bytes) -> dict[int, bytes]:
    return {int(gid, 16): text.lower() for block in _BFCHAR.findall(cmap) for gid, text in _PAIR.findall(block)}


def _cmap(unicode: dict[int, bytes]) -> bytes:
    items = sorted(unicode.items())
    out = [CMAP_HEAD]
    for start in range(0, len(items), 100):
        chunk = items[start:start + 100]
        out.append(b"%d beginbfchar\n" % len(chunk))
        out.extend(b"<%04x> <%s>\n" % (gid, text) for gid, text in chunk)
        out.append(b"endbfchar\n")
    out.append(CMAP_TAIL)
    return b"".join(out)


# ------------------------------------------------------------------ OpenType and CFF, read directly
# (fontTools would read a whole table to give a few glyphs; a part uses about a hundred of thousands)


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    return {data[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">II", data, 20 + 16 * i) for i in range(count)}


def _identity(program: bytes) -> bytes:
    """What every subset of one font shares: its head table's revision, units and dates, its CFF name."""
    tables = _tables(program)
    head, _ = tables[b"head"]
    cff, _ = tables[b"CFF "]
    data = program[cff:]
    return program[head + 4:head + 8] + program[head + 18:head + 36] + _index_item(data, _index(data, data[2]), 0)


def _glyph_count(program: bytes) -> int:
    maxp, _ = _tables(program)[b"maxp"]
    return struct.unpack_from(">H", program, maxp + 4)[0]


def _metrics(program: bytes, gids: list[int]) -> dict[int, tuple[int, int]]:
    tables = _tables(program)
    hhea, _ = tables[b"hhea"]
    hmtx, _ = tables[b"hmtx"]
    long_metrics = struct.unpack_from(">H", program, hhea + 34)[0]
    out = {}
    for gid in gids:
        if gid < long_metrics:
            out[gid] = struct.unpack_from(">Hh", program, hmtx + 4 * gid)
        else:
            advance = struct.unpack_from(">H", program, hmtx + 4 * (long_metrics - 1))[0]
            out[gid] = (advance, struct.unpack_from(">h", program, hmtx + 4 * long_metrics
                                                    + 2 * (gid - long_metrics))[0])
    return out


def _index(data: bytes, offset: int) -> tuple[int, int, int, int]:
    """A CFF INDEX at ``offset``: (count, offset size, where its offsets begin, its end)."""
    count = struct.unpack_from(">H", data, offset)[0]
    if count == 0:
        return 0, 0, offset + 2, offset + 2
    size = data[offset + 2]
    starts = offset + 3
    last = int.from_bytes(data[starts + count * size:starts + (count + 1) * size], "big")
    return count, size, starts, starts + (count + 1) * size - 1 + last


def _index_item(data: bytes, index: tuple[int, int, int, int], k: int) -> bytes:
    count, size, starts, _end = index
    base = starts + (count + 1) * size - 1
    first = int.from_bytes(data[starts + k * size:starts + (k + 1) * size], "big")
    after = int.from_bytes(data[starts + (k + 1) * size:starts + (k + 2) * size], "big")
    return data[base + first:base + after]


def _dict_operands(top: bytes, wanted: int) -> list[int]:
    """The integer operands of operator ``wanted`` in a CFF DICT."""
    operands: list[int] = []
    k = 0
    while k < len(top):
        b = top[k]
        if b <= 21:
            op = 1200 + top[k + 1] if b == 12 else b
            k += 2 if b == 12 else 1
            if op == wanted:
                return operands
            operands = []
        elif b == 28:
            operands.append(struct.unpack_from(">h", top, k + 1)[0])
            k += 3
        elif b == 29:
            operands.append(struct.unpack_from(">i", top, k + 1)[0])
            k += 5
        elif b == 30:  # a real: skip its nibbles
            k += 1
            while top[k] & 0x0F != 0x0F and top[k] >> 4 != 0x0F:
                k += 1
            k += 1
            operands.append(0)
        elif b <= 246:
            operands.append(b - 139)
            k += 1
        elif b <= 250:
            operands.append((b - 247) * 256 + top[k + 1] + 108)
            k += 2
        else:
            operands.append(-(b - 251) * 256 - top[k + 1] - 108)
            k += 2
    return []


def _top_dict(program: bytes) -> tuple[bytes, bytes]:
    """The CFF table of an OpenType program, and its Top DICT."""
    tables = _tables(program)
    if b"CFF " not in tables:
        raise ValueError("not a CFF program")
    cff, _ = tables[b"CFF "]
    data = program[cff:]
    names = _index(data, data[2])
    return data, _index_item(data, _index(data, names[3]), 0)


def cid_keyed(program: bytes) -> bool:
    """A CID-keyed CFF (its Top DICT has ROS): its glyphs depend on per-glyph private dictionaries (FDSelect)
    that subsets renumber, so glyphs cannot move between its subsets; also True for what is not CFF."""
    try:
        _data, top = _top_dict(program)
    except (ValueError, struct.error, IndexError, KeyError):
        return True
    return bool(_dict_operands(top, 1230))


def _outlines(program: bytes, gids: list[int]) -> dict[int, bytes]:
    data, top = _top_dict(program)
    charstrings = _index(data, _dict_operands(top, 17)[-1])
    return {gid: _index_item(data, charstrings, gid) for gid in gids if gid < charstrings[0]}


def _covers(face: Face) -> bool:
    """The longest subset already has every glyph the parts use, outline and metrics."""
    gids = list(face.outlines)
    return _outlines(face.base, gids) == face.outlines and _metrics(face.base, gids) == face.metrics


_MERGED: dict[str, bytes] = {}  # a warm process's last merged programs, by what they are made from
_MERGED_KEPT = 16


def _merged(face: Face) -> bytes:
    """The longest subset with every part's glyphs put in (outlines and metrics); a warm process (``edition
    watch``) takes the program it made from the very same subset, outlines and metrics in an earlier build."""
    h = hashlib.sha256(face.base)
    for gid in sorted(face.outlines):
        h.update(struct.pack(">I", gid) + face.outlines[gid] + repr(face.metrics.get(gid)).encode())
    key = h.hexdigest()
    if key not in _MERGED:
        if len(_MERGED) >= _MERGED_KEPT:
            del _MERGED[next(iter(_MERGED))]
        _MERGED[key] = _merge(face)
    return _MERGED[key]


def _merge(face: Face) -> bytes:
    from fontTools.ttLib import TTFont
    font = TTFont(io.BytesIO(face.base), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings.charStringsIndex
    order = font.getGlyphOrder()
    hmtx = font["hmtx"]
    for gid, outline in face.outlines.items():
        if charstrings[gid].bytecode != outline:
            charstrings[gid].bytecode = outline
            hmtx[order[gid]] = face.metrics[gid]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
