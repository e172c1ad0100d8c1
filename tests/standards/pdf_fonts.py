"""Fonts of a finished PDF, checked: subset names (ISO 32000-1 9.6.4) and programs (ISO 19005-2 6.2.11, ISO 14289-1 7.21).

Takes a ``pikepdf.Pdf``; gives the problems found.  Programs are read with fontTools.
"""
from __future__ import annotations

import hashlib
import io
import re

import pikepdf

from standards.pdf_content import fonts, read_page


def _descendant(font):
    return font.DescendantFonts[0] if "/DescendantFonts" in font else font


def _program(font):
    descriptor = _descendant(font).get("/FontDescriptor")
    if descriptor is None:
        return None
    return next((descriptor[key] for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor), None)


def check_subset_tags(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 32000-1 9.6.4: a subset's name is a tag of six capital letters, "+", the font's PostScript name;
    a tag names one subset: one tag, one program."""
    problems, programs, tags = [], {}, {}
    for font in fonts(pdf).values():
        program = _program(font)
        if program is None:
            continue
        base = str(_descendant(font).BaseFont)[1:]
        if not re.fullmatch(r"[A-Z]{6}\+[!-~]+", base) or re.search(r"[,()<>\[\]{}/%]", base[7:]):
            problems.append(f"font {base}: not a subset tag and a PostScript name")
        if str(font.BaseFont)[1:] != base or str(_descendant(font).FontDescriptor.FontName)[1:] != base:
            problems.append(f"font {base}: BaseFont and FontName differ")
        digest = hashlib.sha256(program.read_bytes()).hexdigest()
        programs.setdefault(base[:6], set()).add(digest)
        tags.setdefault(digest, set()).add(base[:6])
    problems += [f"subset tag {tag} names {len(d)} different programs" for tag, d in programs.items() if len(d) > 1]
    problems += [f"one program carries tags {sorted(t)}" for t in tags.values() if len(t) > 1]
    return problems


def check_font_programs(pdf: pikepdf.Pdf) -> list[str]:
    """ISO 19005-2 6.2.11.4.1 and ISO 14289-1 7.21.4.1: every font embedded, with every glyph it shows;
    6.2.11.5 and 7.21.5: the widths of the font dictionary are the program's; 6.2.11.7.2 and 7.21.7:
    every glyph shown maps to Unicode (ToUnicode), never to U+0000, U+FEFF or U+FFFE."""
    from fontTools.ttLib import TTFont
    shown: dict[tuple, set[int]] = {}
    for page in pdf.pages:
        for key, codes in read_page(page).glyphs.items():
            shown.setdefault(key, set()).update(codes)
    problems = []
    for key, font in fonts(pdf).items():
        name = str(font.get("/BaseFont", "?"))
        program = _program(font)
        if program is None:
            if font.get("/Subtype") != "/Type3":
                problems.append(f"font {name} is not embedded")
            continue
        if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
            continue  # the edition writes only Identity-H Type 0 fonts: the checks below read CIDs as glyph ids
        ttf = TTFont(io.BytesIO(program.read_bytes()))
        order = ttf.getGlyphOrder()
        upem = ttf["head"].unitsPerEm
        charstrings = ttf["CFF "].cff.topDictIndex[0].CharStrings if "CFF " in ttf else None
        widths = _w_array(_descendant(font).get("/W", []))
        unicode = _to_unicode(font)
        for gid in sorted(shown.get(key, ())):
            if gid >= len(order):
                problems.append(f"font {name}: glyph {gid} is not in the program")
                continue
            text = unicode.get(gid)
            if text is None or not text or any(ord(ch) in (0, 0xFEFF, 0xFFFE) for ch in text):
                problems.append(f"font {name}: glyph {gid} has no Unicode value")
            if charstrings is not None and len(charstrings.charStringsIndex[gid].bytecode or b"") <= 3 \
                    and not (text or "x").isspace():
                problems.append(f"font {name}: glyph {gid} ({text!r}) has no outline in the program")
            advance = ttf["hmtx"][order[gid]][0] * 1000 / upem
            if abs(widths.get(gid, -1000) - advance) > 1:
                problems.append(f"font {name}: glyph {gid} is {widths.get(gid)} wide in W, {advance:.0f} in the program")
    return problems


def _w_array(w) -> dict[int, float]:
    items, widths, k = list(w), {}, 0
    while k < len(items):
        if isinstance(items[k + 1], pikepdf.Array):
            widths.update((int(items[k]) + i, float(v)) for i, v in enumerate(items[k + 1]))
            k += 2
        else:
            widths.update((gid, float(items[k + 2])) for gid in range(int(items[k]), int(items[k + 1]) + 1))
            k += 3
    return widths


def _to_unicode(font) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    data = font.ToUnicode.read_bytes()
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int.from_bytes(bytes.fromhex(text.decode()), "big")
            for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                out[code] = chr(first + i)
    return out
