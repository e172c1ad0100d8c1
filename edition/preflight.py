"""Preflight: a finished PDF in, a report of checks out (run after every build, and alone).

Each rule reads the PDF as a printer or an archive would, independently of
the layout that made it:

- ``readers``: the file opens and every page reads in pypdf and in pdfium
  (pypdfium2), and passes ``qpdf --check`` where qpdf is installed;
- ``fonts``: every font embedded, and only the edition's own (a fallback to
  another font means a glyph was missing: the characters are named);
- ``boxes``: one trim size throughout; for print a bleed of at least 3 mm on
  every side and BleedBox = MediaBox; for screen no bleed;
- ``parity``: an even page count for print;
- ``colour``: for print, no RGB colour operators (text and marks on the K
  plate) and an output intent;
- ``metadata``: title, author, language, XMP with the profile's PDF/A or PDF/X
  identification;
- ``labels``: page labels exist and each printed folio equals its page's label;
- ``notes``: on every page, the numbers of the note calls equal the numbers of
  the notes at its foot;
- ``index``: every locator of the index points at a page that names the person.

``preflight(path, edition=None)`` returns a ``Report``; the edition model,
when given, supplies the name forms for the index rule.
"""
from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import adapter
from .text import fold as _fold
from .transforms.locators import parse_locator

OWN_FONT = re.compile(r"^[A-Z]{6}\+EB-Garamond-Edition")
FOLIO = re.compile(r"^(\d+|[ivxlcdm]+)$")
PT_PER_MM = 72 / 25.4
HEAD_ZONE = 0.6 * 72   # running heads stand above this line (pt from the trim's top)
FOOT_ZONE = 0.75 * 72  # drop folios stand below this distance from the trim's foot


@dataclass(frozen=True)
class Finding:
    rule: str
    ok: bool
    message: str


@dataclass
class Report:
    path: str
    profile: str
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]

    def add(self, rule: str, problems: list[str], passed: str) -> None:
        if problems:
            self.findings.extend(Finding(rule, False, p) for p in problems)
        else:
            self.findings.append(Finding(rule, True, passed))

    def format(self) -> str:
        lines = [f"preflight {self.path} ({self.profile}):"]
        for f in self.findings:
            lines.append(f"  {'ok  ' if f.ok else 'FAIL'} {f.rule:9} {f.message}")
        failed = len(self.failures)
        lines.append(f"preflight: {'passed' if not failed else f'{failed} failure(s)'}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Page:
    """A page's words (pdfplumber) and long horizontal rules, positions from the trim box's top left."""

    words: list
    rules: list
    height: float
    width: float
    text: str = ""


class _Word:
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


def preflight(path: Path | str, edition=None, profile: str | None = None, data: bytes | None = None,
              page_cache: dict | None = None) -> Report:
    """Check a PDF (read from ``path``, or given as ``data``); ``profile`` is read from its XMP if not given.

    ``page_cache``, kept by a warm process (``edition watch``), remembers what pdfium read on each page
    by what the page is made of, so that a rebuild reads again only the pages that changed."""
    from pypdf import PdfReader
    path = str(path)
    data = data if data is not None else Path(path).read_bytes()
    try:
        reader = PdfReader(io.BytesIO(data))
        xmp = _xmp_text(reader)
        len(reader.pages)
    except Exception as exc:  # a file pypdf cannot open fails as a whole
        report = Report(path, profile or "?")
        report.add("readers", [f"pypdf cannot open the file: {exc}"], "")
        return report
    if profile is None:
        profile = "print" if "GTS_PDFXVersion" in xmp else "screen"
    report = Report(path, profile, pages=len(reader.pages))
    readers = _Readers(reader, data, page_cache)
    pages = readers.pages
    _check_fonts(report, reader, data)
    _check_boxes(report, reader, profile)
    if profile == "print":
        count = len(reader.pages)
        report.add("parity", [] if count % 2 == 0 else [f"{count} pages: not an even count"],
                   f"{count} pages, an even count")
        _check_colour(report, reader)
    _check_metadata(report, reader, xmp, profile)
    if pages is not None:  # the rules below read the pages' words
        labels = _check_labels(report, reader, pages)
        _check_notes(report, pages, labels)
        _check_index(report, reader, pages, labels, [p.text for p in pages], edition)
    readers.finish(report)
    return report

# ----------------------------------------------------------------- rules


class _Readers:
    """The file checked by ``qpdf --check``, read by pypdf (every page parses) and by pdfium (every
    page's words, which the later rules use), side by side.  For a large file qpdf and pdfium take
    turns: at once they would need the memory of both."""

    def __init__(self, reader, data: bytes, page_cache: dict | None = None):
        self.problems: list[str] = []
        self.count = len(reader.pages)
        self.checked = "pypdf, pdfium"
        together = len(data) <= TOGETHER_BELOW_BYTES
        trims = [_trim(page) for page in reader.pages]
        qpdf = self._start_qpdf(data)
        try:
            for page in reader.pages:  # every page's resources and contents parse
                page.get_contents()
                _ = page.mediabox
        except Exception as exc:
            self.problems.append(f"pypdf fails reading the pages: {exc}")
        if not together:
            self._finish_qpdf(qpdf)
        self.pages: list[_Page] | None = None
        try:
            self.pages = (_pages(data, trims) if page_cache is None
                          else _pages_remembered(reader, data, trims, page_cache))
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


def _trim(page) -> list[float]:
    return [float(x) for x in (page.get("/TrimBox") or page.mediabox)]


def _resources(resources):
    """A resource dictionary and those of the form XObjects it uses, each once."""
    seen = set()
    stack = [resources]
    while stack:
        res = stack.pop()
        res = res.get_object() if res is not None else {}
        yield res
        for ref in (res.get("/XObject") or {}).values():
            obj = ref.get_object()
            if id(obj) not in seen and obj.get("/Subtype") == "/Form":
                seen.add(id(obj))
                stack.append(obj.get("/Resources"))


def _fonts_of(reader) -> list[tuple[str, bool]]:
    """(base font name, embedded) for every font of every page and form."""
    seen = {}
    for page in reader.pages:
        for res in _resources(page.get("/Resources")):
            for ref in (res.get("/Font") or {}).values():
                font = ref.get_object()
                if id(font) in seen:
                    continue
                target = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                seen[id(font)] = (str(target.get("/BaseFont", "/?"))[1:], embedded)
    return list(seen.values())


def _check_fonts(report: Report, reader, data: bytes) -> None:
    fonts = _fonts_of(reader)
    problems = [f"font {name} is not embedded" for name, embedded in fonts if not embedded]
    foreign = sorted({name for name, _ in fonts if not OWN_FONT.match(name)})
    if foreign:
        import pdfplumber
        chars: dict[str, set[str]] = {}
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                for ch in page.chars:
                    name = ch["fontname"]
                    if name in foreign and ch["text"].strip():
                        chars.setdefault(name, set()).add(f"U+{ord(ch['text'][0]):04X} {ch['text']} (p. {number})")
        for name in foreign:
            listed = ", ".join(sorted(chars.get(name, {"no text"}))[:8])
            problems.append(f"font {name} is not the edition's (EB Garamond lacked a glyph?): {listed}")
    report.add("fonts", problems, f"{len(fonts)} fonts, all the edition's EB Garamond, embedded and subset")


def _check_boxes(report: Report, reader, profile: str) -> None:
    problems = []
    sizes = set()
    for number, page in enumerate(reader.pages, 1):
        media = [float(x) for x in page.mediabox]
        trim = _trim(page)
        bleed = [float(x) for x in (page.get("/BleedBox") or page.mediabox)]
        sizes.add((round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)))
        if profile == "print":
            margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
            if "/TrimBox" not in page or min(margins) < 2.9 * PT_PER_MM:
                problems.append(f"p. {number}: bleed of {min(margins) / PT_PER_MM:.1f} mm; at least 3 mm wanted")
            if any(abs(a - b) > 0.01 for a, b in zip(bleed, media)):
                problems.append(f"p. {number}: BleedBox differs from MediaBox")
        elif any(abs(a - b) > 0.01 for a, b in zip(trim, media)):
            problems.append(f"p. {number}: a screen PDF has no bleed, but TrimBox differs from MediaBox")
    if len(sizes) > 1:
        problems.append(f"trim sizes differ between pages: {sorted(sizes)}")
    w, h = next(iter(sizes)) if len(sizes) == 1 else (0, 0)
    report.add("boxes", problems, f"trim {w / 72:.3g} x {h / 72:.3g} in on every page"
               + (", 3 mm bleed" if profile == "print" else ", no bleed"))


def _check_colour(report: Report, reader) -> None:
    rgb = re.compile(rb"(?m)(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)(\s|$)")
    problems = []
    for number, page in enumerate(reader.pages, 1):
        streams = [page.get_contents().get_data()] if page.get_contents() is not None else []
        for res in _resources(page.get("/Resources")):
            streams.extend(ref.get_object().get_data() for ref in (res.get("/XObject") or {}).values()
                           if ref.get_object().get("/Subtype") == "/Form")
        if any(rgb.search(data) for data in streams):
            problems.append(f"p. {number}: RGB colour (a press wants CMYK, text on the black plate)")
    if "/OutputIntents" not in reader.trailer["/Root"]:
        problems.append("no output intent")
    report.add("colour", problems, "no RGB colour; CMYK output intent")


def _xmp_text(reader) -> str:
    meta = reader.trailer["/Root"].get("/Metadata")
    return meta.get_object().get_data().decode("utf-8", "replace") if meta is not None else ""


def _check_metadata(report: Report, reader, xmp: str, profile: str) -> None:
    info = reader.metadata or {}
    problems = [f"document info lacks {key}" for key in ("/Title", "/Author") if not info.get(key)]
    if not reader.trailer["/Root"].get("/Lang"):
        problems.append("no document language (/Lang)")
    if "<dc:title>" not in xmp:
        problems.append("no XMP metadata with a title")
    variant = "PDF/X-4" if profile == "print" else "PDF/A-2a"
    wanted = "pdfxid:GTS_PDFXVersion>PDF/X-4" if profile == "print" else "pdfaid:part>2"
    if wanted not in xmp:
        problems.append(f"XMP lacks the {variant} identification")
    report.add("metadata", problems, f"title, author, language, XMP with the {variant} identification")


PAGES_PER_WORKER = 24  # below this, reading the pages in another process costs more than it saves
TOGETHER_BELOW_BYTES = 4_000_000  # a larger file is read by qpdf and by pdfium in turn, not at once


def _pages(data: bytes, trims, indexes: list[int] | None = None) -> list[_Page]:
    """Words, rules and text of the pages (all, or those of ``indexes``), read with pdfium; many pages
    are read in ranges on every core (forked processes, each with its own pdfium), in page order."""
    from .render.documents import usable_cores
    indexes = list(range(len(trims))) if indexes is None else indexes
    jobs = min(usable_cores(), len(indexes) // PAGES_PER_WORKER)
    if jobs <= 1:
        return _page_list(data, trims, indexes)
    import multiprocessing
    bounds = [round(len(indexes) * k / jobs) for k in range(jobs + 1)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        ranges = pool.starmap(_page_list, [(data, trims, indexes[a:b]) for a, b in zip(bounds, bounds[1:])])
    return [page for pages in ranges for page in pages]


def _pages_remembered(reader, data: bytes, trims, cache: dict) -> list[_Page]:
    """The pages, read with pdfium only where ``cache`` (kept by a warm process between builds) has
    nothing for what the page is made of: its content, its resources (fonts, forms) and its trim."""
    memo: dict[int, bytes] = {}
    keys = [_page_key(page, trim, memo) for page, trim in zip(reader.pages, trims)]
    missing = [i for i, key in enumerate(keys) if key not in cache]
    fresh = dict(zip((keys[i] for i in missing), _pages(data, trims, missing)))
    pages = [fresh[key] if key in fresh else cache[key] for key in keys]
    cache.clear()
    cache.update(zip(keys, pages))
    return pages


def _page_key(page, trim, memo: dict[int, bytes]) -> bytes:
    h = hashlib.sha256(repr(trim).encode())
    for key in ("/Contents", "/Resources"):
        h.update(key.encode() + _digest(page.get(key), memo))
    return h.digest()


def _digest(value, memo: dict[int, bytes], depth: int = 0) -> bytes:
    """A digest of an object and all it refers to, independent of object numbers (so the same page in
    another build of the file gives the same digest); shared objects (fonts) are digested once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject
    if depth > 32:
        return b"deep"
    if isinstance(value, IndirectObject):
        if value.idnum not in memo:
            memo[value.idnum] = _digest(value.get_object(), memo, depth + 1)
        return memo[value.idnum]
    h = hashlib.sha256()
    if isinstance(value, DictionaryObject):
        h.update(b"<<")
        for key in sorted(value):
            if key != "/Parent":
                h.update(key.encode() + _digest(dict.__getitem__(value, key), memo, depth + 1))
        if isinstance(value, StreamObject):
            h.update(b"stream" + hashlib.sha256(adapter.raw_stream_data(value)).digest())
    elif isinstance(value, ArrayObject):
        h.update(b"[")
        for item in list.__iter__(value):
            h.update(_digest(item, memo, depth + 1))
    else:
        h.update(type(value).__name__.encode() + repr(value).encode())
    return h.digest()


def _page_list(data: bytes, trims, indexes: list[int]) -> list[_Page]:
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
            text = re.sub(r"[-\u2010\u00ad\ufffe\x02]\r?\n", "", textpage.get_text_range())
            textpage.close()
            rules = []
            for obj in page.get_objects(max_depth=8):
                if obj.type == raw.FPDF_PAGEOBJ_PATH:
                    bx0, _by0, bx1, by1 = obj.get_bounds()
                    if bx1 - bx0 > 100:
                        rules.append((bx0 - left, top - by1, bx1 - left))
            out.append(_Page([_Word(**w) for w in words], rules, trim[3] - trim[1], trim[2] - trim[0], text))
            page.close()
    finally:
        pdf.close()
    return out


def _check_labels(report: Report, reader, pages: list[_Page]) -> list[str]:
    labels = list(reader.page_labels)
    problems = []
    if "/PageLabels" not in reader.trailer["/Root"]:
        problems.append("no page labels")
    for number, page in enumerate(pages, 1):
        margin = [w["text"] for w in page.words if w["bottom"] < HEAD_ZONE or w["top"] > page.height - FOOT_ZONE]
        folios = [t for t in margin if FOLIO.match(t)]
        if folios and labels[number - 1] not in folios:
            problems.append(f"p. {number} prints folio {folios[0]} but is labelled {labels[number - 1]}")
    report.add("labels", problems, "page labels match every printed folio")
    return labels


def _check_notes(report: Report, pages: list[_Page], labels: list[str]) -> None:
    """Calls are small raised digits above the notes; a note begins with its number, indented, at the foot."""
    problems = []
    checked = 0
    for number, page in enumerate(pages, 1):
        notes_top = max((r[1] for r in page.rules), default=None)
        # a call: small digits raised above the text they stand in (the word before, or after at a line's start)
        words = page.words
        sizes = sorted(w["size"] for w in words if notes_top is None or w["top"] < notes_top)
        text_size = sizes[len(sizes) // 2] if sizes else 0
        calls = []
        for k, w in enumerate(words):
            if not (w["text"].isdigit() and HEAD_ZONE < w["top"] and (notes_top is None or w["top"] < notes_top)):
                continue
            neighbours = [words[j] for j in (k - 1, k + 1) if 0 <= j < len(words)
                          and abs(words[j]["base"] - w["base"]) < 0.6 * words[j]["size"]]
            if any(w["size"] < 0.8 * o["size"] and w["base"] < o["base"] - 1 for o in neighbours) or (
                    not neighbours and w["size"] < 0.7 * text_size):  # alone on its line
                calls.append(int(w["text"]))
        notes = []
        if notes_top is not None:
            foot = [w for w in page.words if w["top"] > notes_top and "08" in w["fontname"]
                    and w["top"] < page.height - FOOT_ZONE]
            left = min((w["x0"] for w in page.words if HEAD_ZONE < w["top"] < page.height - FOOT_ZONE), default=0)
            for w in foot:
                first_on_line = not any(abs(o["base"] - w["base"]) < 2 and o["x0"] < w["x0"] for o in foot)
                if first_on_line and w["text"].isdigit() and 4 < w["x0"] - left < 14:
                    notes.append(int(w["text"]))
        checked += len(notes)
        label = labels[number - 1] if number - 1 < len(labels) else str(number)
        for n in sorted(set(notes) - set(calls)):
            problems.append(f"p. {label}: note {n} is printed here but its call is not on this page")
        for n in sorted(set(calls) - set(notes)):
            problems.append(f"p. {label}: note {n} is called here but not printed at this page's foot")
        for n in sorted({n for n in notes if notes.count(n) > 1}):
            problems.append(f"p. {label}: note {n} is printed twice")
    report.add("notes", problems, f"{checked} notes, each at the foot of its call's page")


def _index_entries(pages: list[_Page]) -> list[str]:
    """The index's entries, column by column, turnover lines joined to their entry.

    Entries begin at the column's left edge; turnover lines are indented.  The
    introductory note above the first letter group is skipped.
    """
    columns = []
    for number, page in enumerate(pages):
        body = [w for w in page.words if HEAD_ZONE < w["top"] < page.height - FOOT_ZONE]
        if number == 0:  # the title and the note above the columns span the page: start at the first letter
            left = [w for w in body if w["x0"] < page.width / 2]
            letters = [w for w in left if len(w["text"]) == 1 and w["text"].isalpha()
                       and not any(o is not w and abs(o["base"] - w["base"]) < 2 for o in left)]
            if letters:  # the columns begin level with the first letter heading's top
                first = min(letters, key=lambda w: w["base"])
                body = [w for w in body if w["base"] > first["top"]]
        for in_column in (lambda w, p=page: w["x0"] < p.width / 2, lambda w, p=page: w["x0"] >= p.width / 2):
            lines: dict[int, list] = {}
            for w in body:
                if in_column(w):
                    lines.setdefault(round(w["base"]), []).append(w)
            columns.append([sorted(lines[b], key=lambda w: w["x0"]) for b in sorted(lines)])
    # column edges differ between versos and rectos (mirrored margins): one edge per parity and column
    edges = {(parity, side): min((ln[0]["x0"] for i, col in enumerate(columns) if (i // 2) % 2 == parity
                                  and i % 2 == side for ln in col), default=0)
             for parity in (0, 1) for side in (0, 1)}
    entries: list[str] = []
    for i, column in enumerate(columns):
        edge = edges[((i // 2) % 2, i % 2)]
        for line in column:
            text = " ".join(w["text"] for w in line)
            if len(text) == 1 and text.isalpha():
                continue  # a letter group's heading
            if line[0]["x0"] - edge > 4 and entries:
                joint = "" if entries[-1].endswith(("\u2013", "-")) else " "  # a range broken at its dash
                entries[-1] += joint + text
            else:
                entries.append(text)
    return entries


def _check_index(report: Report, reader, pages: list[_Page], labels, pages_text, edition) -> None:
    start = _outline_page(reader, "Index")
    if start is None:
        report.add("index", [], "no index in this PDF")
        return
    forms = _name_forms(edition)
    folded_pages = [_fold(" ".join(t.split())) for t in pages_text]
    problems = []
    checked = 0
    for entry in _index_entries(pages[start:]):
        if " See " in entry or ", " not in entry:
            continue
        heading, _, rest = entry.partition(", ")
        while rest and parse_locator(rest.split(", ")[0]) is None:
            more, _, rest = rest.partition(", ")  # "Mikoyan, Anastas Ivanovich, 1–4": forenames first
            heading += ", " + more
        names = forms.get(_fold(heading)) or {_fold(heading.split(",")[0])}
        for token in (t.strip(" .") for t in rest.split(",")):
            locator = parse_locator(token)
            if locator is None:
                continue
            for folio in range(locator.first_page, locator.last_page + 1):
                checked += 1
                if str(folio) not in labels:
                    problems.append(f'"{heading}": locator {token} points past the last page')
                elif not any(n in folded_pages[labels.index(str(folio))] for n in names):
                    problems.append(f'"{heading}": p. {folio} (locator {token}) does not name the person')
    report.add("index", problems, f"{checked} index locators, each on a page naming its person")


def _outline_page(reader, title: str):
    for item in reader.outline:
        if not isinstance(item, list) and item.title == title:
            return reader.get_destination_page_number(item)
    return None


def _name_forms(edition) -> dict[str, set[str]]:
    """Index heading (folded) -> the folded forms that name the person, from the model."""
    if edition is None:
        return {}
    from .model import PersonMention, document_texts, plain_text, walk_inlines
    used: dict[str, set[str]] = {}
    for doc in edition.documents:
        for nodes in document_texts(doc):
            for node in walk_inlines(nodes):
                if isinstance(node, PersonMention):
                    used.setdefault(node.person_id, set()).add(_fold(plain_text(node.children)))
    forms = {}
    for p in edition.persons:
        names = {_fold(f) for f in p.name_forms} | used.get(p.id, set())
        if p.forenames and not p.surname_first:  # participants print as "N. A. Bulganin"
            names.add(_fold(p.surname))
        forms[_fold(p.index_form)] = names
    return forms
