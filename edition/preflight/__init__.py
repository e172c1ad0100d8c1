"""Preflight: a finished PDF in, a report of checks out (run after every build, and alone).

Each rule reads the PDF as a printer or an archive would, independently of
the layout that made it:

- ``readers``: the file opens and every page reads in pypdf and in pdfium
  (pypdfium2), and passes ``qpdf --check`` where qpdf is installed;
- ``fonts``: every font embedded, and only the edition's own (a fallback to
  another font means a glyph was missing: the characters are named);
- ``boxes``: one trim size throughout; for print a bleed of at least 3 mm on
  every side and a slug of at least 6 mm beyond it (for the crop marks); for
  screen no bleed;
- ``parity``: an even page count for print;
- ``colour``: for print, no RGB colour operators (text and marks on the K
  plate) and an output intent;
- ``metadata``: title, author, language, XMP with the profile's PDF/A and
  PDF/UA (and the title shown by viewers) or PDF/X identification;
- ``labels``: page labels exist and each printed folio (the page's last line,
  drawn after its matter) equals its page's label;
- ``notes``: every note begins on its call's page and each continuation of a
  long note follows on the next page (read from the named destinations the
  laid-out boxes placed: ``call-<note>``, ``<note>``, ``<note>-c<n>``);
- ``index``: every locator of the index names a page that names the person
  (hyphenation undone, across a page break too), and where locators are links,
  leads to the page it prints.

These rules read the file's structure and text, not the design's geometry, so
any page design or font passes when it is right.  ``preflight(path,
edition=None)`` returns a ``Report``; the edition model, when given, supplies
the persons' name forms (without it, the index rule accepts a page that names
a word of the heading: the text alone cannot tell a See reference from the
next heading).  The rules on the
file are in ``file_rules``, those on the pages' text in ``text_rules``, the
reading of the pages in ``reading``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

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


def load_readers() -> None:
    """Load the readers and rules ``preflight`` uses (pypdf, pdfium, these modules) now: a build does it
    while its text is being laid out, so that the check at its end starts at once."""
    import pypdf  # noqa: F401
    import pypdfium2  # noqa: F401

    from . import apparatus_rules, file_rules, reading, text_rules  # noqa: F401


def preflight(path: Path | str, edition=None, profile: str | None = None, data: bytes | None = None,
              page_cache: dict | None = None, untrusted: bool = False) -> Report:
    """Check a PDF (read from ``path``, or given as ``data``); ``profile`` is read from its XMP if not given.

    ``page_cache``, kept by a warm process (``edition watch``), remembers what pdfium read on each page
    by what the page is made of, so that a rebuild reads again only the pages that changed."""
    from pypdf import PdfReader

    from .file_rules import check_boxes, check_colour, check_fonts, check_metadata, xmp_text
    from .reading import Readers
    from .apparatus_rules import check_apparatus
    from .text_rules import check_index, check_labels, check_notes, destination_pages
    path = str(path)
    data = data if data is not None else Path(path).read_bytes()
    try:
        reader = PdfReader(io.BytesIO(data))
        xmp = xmp_text(reader)
        len(reader.pages)
    except Exception as exc:  # a file pypdf cannot open fails as a whole
        report = Report(path, profile or "?")
        report.add("readers", [f"pypdf cannot open the file: {exc}"], "")
        return report
    if profile is None:
        profile = "print" if "GTS_PDFXVersion" in xmp else "screen"
    report = Report(path, profile, pages=len(reader.pages))
    readers = Readers(reader, data, page_cache, untrusted)
    pages = readers.pages
    check_fonts(report, reader, data, edition.meta.design if edition is not None else None)
    check_boxes(report, reader, profile)
    if profile == "print":
        count = len(reader.pages)
        report.add("parity", [] if count % 2 == 0 else [f"{count} pages: not an even count"],
                   f"{count} pages, an even count")
        check_colour(report, reader)
    check_metadata(report, reader, xmp, profile)
    if pages is not None:  # the rules below read the pages' text
        labels = check_labels(report, reader, pages)
        dests = destination_pages(reader)
        check_notes(report, dests, labels)
        check_index(report, reader, data, pages, labels, dests, edition)
        check_apparatus(report, data, reader, pages, labels, edition)
    readers.finish(report)
    return report

