"""Reading the pages of a finished PDF: qpdf's check, pypdf's parse, pdfium's text.

Takes the PDF's bytes; gives ``Readers`` (whose problems make the ``readers``
finding) and every page's text (``Page``), read with pdfium on every core for
a long file, and remembered by what each page is made of in a warm process
(``edition watch``); and, when a font not the edition's is found, the
characters it prints.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from typing import Any
from dataclasses import dataclass

from .. import adapter
from . import Report
from .file_rules import trim


@dataclass(frozen=True)
class Page:
    """A page's text as pdfium reads it, in the order it is drawn (the page's matter, then its running head and
    folio), line by line, and whole with words hyphenated at a line's end joined again."""

    lines: tuple[str, ...]
    text: str


class Readers:
    """The file checked by ``qpdf --check``, read by pypdf (every page parses) and by pdfium (every
    page's words, which the later rules use), side by side.  For a large file qpdf and pdfium take
    turns: at once they would need the memory of both."""

    def __init__(self, reader, data: bytes, page_cache: dict | None = None, untrusted: bool = False):
        self.problems: list[str] = []
        self.count = len(reader.pages)
        self.checked = "pypdf, pdfium"
        self.pages: list[Page] | None = None
        if untrusted:  # a file from elsewhere: its streams must not decompress without bound
            self.problems += decompression_problems(reader)
            if self.problems:
                return
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
                                     text=True, preexec_fn=_bounded)

    def _finish_qpdf(self, started) -> None:
        if started is None:
            return
        tmp, run = started
        try:
            output, _ = run.communicate(timeout=QPDF_SECONDS)
        except subprocess.TimeoutExpired:
            run.kill()
            output, _ = run.communicate()
            output += f"\nqpdf --check took longer than {QPDF_SECONDS} s"
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


QPDF_SECONDS = 300
QPDF_MEMORY = 4 << 30  # bytes of address space qpdf may take


def _bounded() -> None:
    """In qpdf's process, before it starts: a bound on its memory (a decompression bomb fails it, not us)."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (QPDF_MEMORY, QPDF_MEMORY))


def decompression_problems(reader) -> list[str]:
    """Streams that decompress to more than ``limits`` allow (a decompression bomb), counted without keeping
    what they decompress to; the Flate streams are checked (the filter of every stream WeasyPrint writes)."""
    import zlib

    from pypdf.generic import StreamObject

    from .. import adapter
    from ..limits import MAX_DECODED_STREAM_BYTES, MAX_DECODED_TOTAL_BYTES
    problems: list[str] = []
    total = 0
    for number in range(1, int(reader.trailer.get("/Size", 0))):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - an object pypdf cannot read is reported by the readers
            continue
        if not isinstance(obj, StreamObject) or obj.get("/Filter") != "/FlateDecode":
            continue
        size, inflate, raw = 0, zlib.decompressobj(), adapter.raw_stream_data(obj)
        try:
            chunk = inflate.decompress(raw, 1 << 20)
            while chunk and size <= MAX_DECODED_STREAM_BYTES:
                size += len(chunk)
                chunk = inflate.decompress(inflate.unconsumed_tail, 1 << 20)
        except zlib.error:
            continue  # not Flate after all: the readers say so
        total += size
        if size > MAX_DECODED_STREAM_BYTES or total > MAX_DECODED_TOTAL_BYTES:
            limit = MAX_DECODED_STREAM_BYTES if size > MAX_DECODED_STREAM_BYTES else MAX_DECODED_TOTAL_BYTES
            problems.append(f"object {number}: its streams decompress to more than {limit >> 20} MB "
                            f"(a decompression bomb?): the file is not read further")
            break
    return problems


# a line-end hyphen joined: pdfium marks one it recognized (U+FFFE), with or without the break
HYPHENATED = re.compile(r"[-\u2010\u00ad\ufffe\x02]\r?\n|\ufffe")


def page_list(data: bytes, trims, indexes: list[int]) -> list[Page]:
    """The pages of ``indexes``, read with pdfium."""
    import pypdfium2 as pdfium
    out = []
    pdf = pdfium.PdfDocument(data)
    try:
        for index in indexes:
            page = pdf[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            page.close()
            lines = tuple(line.strip() for line in raw.splitlines() if line.strip())
            out.append(Page(lines, HYPHENATED.sub("", raw)))
    finally:
        pdf.close()
    return out


def texts_in_boxes(data: bytes, boxes: list[tuple[int, list[float]]]) -> list[str]:
    """The text printed inside each (page index, [x0, y0, x1, y1]) box."""
    import pypdfium2 as pdfium
    out = []
    pdf = pdfium.PdfDocument(data)
    textpages: dict[int, Any] = {}
    try:
        for index, (x0, y0, x1, y1) in boxes:
            if index not in textpages:
                textpages[index] = pdf[index].get_textpage()
            out.append(textpages[index].get_text_bounded(x0, y0, x1, y1).strip())
    finally:
        for textpage in textpages.values():
            textpage.close()
        pdf.close()
    return out


def characters_in_fonts(data: bytes, fonts: set[str]) -> dict[str, set[str]]:
    """For each font named (its BaseFont without a subset tag), the characters it prints, with their page."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    found: dict[str, set[str]] = {}
    buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    pdf = pdfium.PdfDocument(data)
    try:
        for number in range(len(pdf)):
            textpage = pdf[number].get_textpage()
            for i in range(textpage.count_chars()):
                raw.FPDFText_GetFontInfo(textpage.raw, i, buffer, 256, ctypes.byref(flags))
                name = buffer.value.decode("latin-1").split("+", 1)[-1]
                char = textpage.get_text_range(i, 1)
                if name in fonts and char.strip():
                    found.setdefault(name, set()).add(f"U+{ord(char):04X} {char} (p. {number + 1})")
            textpage.close()
    finally:
        pdf.close()
    return found
