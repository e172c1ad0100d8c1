"""Reading the pages of a finished PDF: qpdf's check, pypdf's parse, pdfium's words.

Takes the PDF's bytes; gives ``Readers`` (whose problems make the ``readers``
finding) and every page's words, long rules and text (``Page``), read with
pdfium on every core for a long file, and remembered by what each page is made
of in a warm process (``edition watch``).
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from .. import adapter
from . import Report
from .file_rules import trim


@dataclass(frozen=True)
class Page:
    """A page's words (pdfplumber) and long horizontal rules, positions from the trim box's top left."""

    words: list
    rules: list
    height: float
    width: float
    text: str = ""


class Word:
    """A word on a page (a few hundred thousand in a volume: slots, not dicts); read as ``word["top"]``."""

    __slots__ = ("text", "x0", "x1", "top", "bottom", "base", "size", "fontname", "x1_pdf")

    def __init__(self, text, x0, x1, top, bottom, base, size, fontname, x1_pdf):
        self.text, self.x0, self.x1, self.top, self.bottom = text, x0, x1, top, bottom
        self.base, self.size, self.fontname, self.x1_pdf = base, size, fontname, x1_pdf

    def __getitem__(self, key: str):
        return getattr(self, key)

    def __getstate__(self):
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state):
        for key, value in zip(self.__slots__, state):
            setattr(self, key, value)



class Readers:
    """The file checked by ``qpdf --check``, read by pypdf (every page parses) and by pdfium (every
    page's words, which the later rules use), side by side.  For a large file qpdf and pdfium take
    turns: at once they would need the memory of both."""

    def __init__(self, reader, data: bytes, page_cache: dict | None = None):
        self.problems: list[str] = []
        self.count = len(reader.pages)
        self.checked = "pypdf, pdfium"
        together = len(data) <= TOGETHER_BELOW_BYTES
        trims = [trim(page) for page in reader.pages]
        qpdf = self._start_qpdf(data)
        try:
            for page in reader.pages:  # every page's resources and contents parse
                page.get_contents()
                _ = page.mediabox
        except Exception as exc:
            self.problems.append(f"pypdf fails reading the pages: {exc}")
        if not together:
            self._finish_qpdf(qpdf)
        self.pages: list[Page] | None = None
        try:
            self.pages = (read_pages(data, trims) if page_cache is None
                          else pages_remembered(reader, data, trims, page_cache))
        except Exception as exc:
            self.problems.append(f"pdfium fails: {exc}")
        if together:
            self._finish_qpdf(qpdf)

    def _start_qpdf(self, data: bytes):
        qpdf = shutil.which("qpdf")
        if not qpdf:
            return None
        self.checked += ", qpdf --check"
        tmp = tempfile.NamedTemporaryFile(suffix=".pdf")
        tmp.write(data)
        tmp.flush()
        return tmp, subprocess.Popen([qpdf, "--check", tmp.name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)

    def _finish_qpdf(self, started) -> None:
        if started is None:
            return
        tmp, run = started
        output, _ = run.communicate()
        tmp.close()
        if run.returncode not in (0, 3):  # 3: warnings only
            self.problems.append("qpdf --check: " + (output.strip().splitlines() or ["failed"])[-1])

    def finish(self, report: Report) -> None:
        """The rule's findings go first in the report."""
        mine = Report(report.path, report.profile)
        mine.add("readers", self.problems, f"{self.count} pages read by {self.checked}")
        report.findings[:0] = mine.findings



PAGES_PER_WORKER = 24  # below this, reading the pages in another process costs more than it saves
TOGETHER_BELOW_BYTES = 4_000_000  # a larger file is read by qpdf and by pdfium in turn, not at once


def read_pages(data: bytes, trims, indexes: list[int] | None = None) -> list[Page]:
    """Words, rules and text of the pages (all, or those of ``indexes``), read with pdfium; many pages
    are read in ranges on every core (forked processes, each with its own pdfium), in page order."""
    from ..render.documents import usable_cores
    indexes = list(range(len(trims))) if indexes is None else indexes
    jobs = min(usable_cores(), len(indexes) // PAGES_PER_WORKER)
    if jobs <= 1:
        return page_list(data, trims, indexes)
    import multiprocessing
    bounds = [round(len(indexes) * k / jobs) for k in range(jobs + 1)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        ranges = pool.starmap(page_list, [(data, trims, indexes[a:b]) for a, b in zip(bounds, bounds[1:])])
    return [page for pages in ranges for page in pages]


def pages_remembered(reader, data: bytes, trims, cache: dict) -> list[Page]:
    """The pages, read with pdfium only where ``cache`` (kept by a warm process between builds) has
    nothing for what the page is made of: its content, its resources (fonts, forms) and its trim."""
    memo: dict[int, bytes] = {}
    keys = [page_key(page, trim, memo) for page, trim in zip(reader.pages, trims)]
    missing = [i for i, key in enumerate(keys) if key not in cache]
    fresh = dict(zip((keys[i] for i in missing), read_pages(data, trims, missing)))
    pages = [fresh[key] if key in fresh else cache[key] for key in keys]
    cache.clear()
    cache.update(zip(keys, pages))
    return pages


def page_key(page, trim, memo: dict[int, bytes]) -> bytes:
    h = hashlib.sha256(repr(trim).encode())
    for key in ("/Contents", "/Resources"):
        h.update(key.encode() + digest(page.get(key), memo))
    return h.digest()


def digest(value, memo: dict[int, bytes], depth: int = 0) -> bytes:
    """A digest of an object and all it refers to, independent of object numbers (so the same page in
    another build of the file gives the same digest); shared objects (fonts) are digested once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject
    if depth > 32:
        return b"deep"
    if isinstance(value, IndirectObject):
        if value.idnum not in memo:
            memo[value.idnum] = digest(value.get_object(), memo, depth + 1)
        return memo[value.idnum]
    h = hashlib.sha256()
    if isinstance(value, DictionaryObject):
        h.update(b"<<")
        for key in sorted(value):
            if key != "/Parent":
                h.update(key.encode() + digest(dict.__getitem__(value, key), memo, depth + 1))
        if isinstance(value, StreamObject):
            h.update(b"stream" + hashlib.sha256(adapter.raw_stream_data(value)).digest())
    elif isinstance(value, ArrayObject):
        h.update(b"[")
        for item in list.__iter__(value):
            h.update(digest(item, memo, depth + 1))
    else:
        h.update(type(value).__name__.encode() + repr(value).encode())
    return h.digest()


def page_list(data: bytes, trims, indexes: list[int]) -> list[Page]:
    """The pages of ``indexes``, read with pdfium."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    out = []
    pdf = pdfium.PdfDocument(data)
    name_buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    try:
        for index in indexes:
            trim = trims[index]
            page = pdf[index]
            left, top = trim[0], trim[3]
            textpage = page.get_textpage()
            words: list[dict] = []
            current: dict | None = None
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    current = None
                    continue
                x0, y0, x1, y1 = textpage.get_charbox(i)
                raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(origin_x), ctypes.byref(origin_y))
                baseline = top - origin_y.value
                size = raw.FPDFText_GetFontSize(textpage.raw, i)
                raw.FPDFText_GetFontInfo(textpage.raw, i, name_buffer, 256, ctypes.byref(flags))
                font = name_buffer.value.decode("latin-1")
                if (current is not None and current["size"] == size and current["fontname"] == font
                        and abs(x0 - current["x1_pdf"]) < 1.5 and abs(baseline - current["base"]) < 0.5):
                    current["text"] += char
                    current["x1"], current["x1_pdf"] = x1 - left, x1
                    current["top"] = min(current["top"], top - y1)
                    current["bottom"] = max(current["bottom"], top - y0)
                    continue
                current = {"text": char, "x0": x0 - left, "x1": x1 - left, "top": top - y1, "bottom": top - y0,
                           "base": baseline, "size": size, "fontname": font, "x1_pdf": x1}
                words.append(current)
            # a line-end hyphen joined: pdfium marks one it recognized (U+FFFE), with or without the break
            text = re.sub(r"[-\u2010\u00ad\ufffe\x02]\r?\n|\ufffe", "", textpage.get_text_range())
            textpage.close()
            rules = []
            for obj in page.get_objects(max_depth=8):
                if obj.type == raw.FPDF_PAGEOBJ_PATH:
                    bx0, _by0, bx1, by1 = obj.get_bounds()
                    if bx1 - bx0 > 100:
                        rules.append((bx0 - left, top - by1, bx1 - left))
            out.append(Page([Word(**w) for w in words], rules, trim[3] - trim[1], trim[2] - trim[0], text))
            page.close()
    finally:
        pdf.close()
    return out


