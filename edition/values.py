"""Single values of the source checked against what the edition can print: text in, a reading or a reason out.

Page sizes and bleeds within the bounds of ``limits``; language tags that are
BCP 47 (validated by langcodes, with a did-you-mean for "English" or
"en_US"); links a PDF reader opens as web pages and nothing else.  Each
function returns the problem in words (None or the value when there is none),
for the reader to report at the value's position.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .limits import MAX_BLEED_MM, PAGE_SIDE_MM, URL_SCHEMES

NAMED_SIZES = {"a4": ("210mm", "297mm"), "a5": ("148mm", "210mm"), "b5": ("176mm", "250mm"),
               "letter": ("8.5in", "11in"), "royal": ("156mm", "234mm"), "demy": ("138mm", "216mm")}
MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"(\d{1,9}(?:\.\d{1,9})?)(in|mm|cm|pt)")
_MAX_TAG = 64  # longer is no language tag; langcodes is not asked


def length_mm(length: str) -> float | None:
    """``156mm``, ``6in``, ``0.5cm``, ``12pt`` in millimetres, else None."""
    m = _LENGTH.fullmatch(length)
    return float(m[1]) * MM_PER_UNIT[m[2]] if m else None


def _mm(value: float) -> str:
    return f"{value:g} mm"


def page_size(size: str) -> tuple[tuple[str, str] | None, str]:
    """(width, height) and '' for a size the edition can print; (None, the problem) otherwise."""
    named = NAMED_SIZES.get(size.strip().lower())
    parts = named or tuple(size.split())
    sides = [mm for mm in map(length_mm, parts) if mm is not None]
    if len(parts) != 2 or len(sides) != 2:
        return None, (f'page size "{size}" is not "WIDTH HEIGHT" with units (6in 9in, 156mm 234mm) '
                      f'nor a name ({", ".join(n.upper() if n[0] in "ab" else n for n in NAMED_SIZES)})')
    low, high = PAGE_SIDE_MM
    if not all(low <= side <= high for side in sides):
        return None, (f'page size "{size}" is out of range: each side must be between {_mm(low)} and '
                      f'{_mm(high)} ({low / 25.4:.2g}in and {high / 25.4:.3g}in)')
    return (parts[0], parts[1]), ""


def bleed_problem(bleed: str) -> str:
    """'' for a bleed the print profile can add, else the problem."""
    mm = length_mm(bleed)
    if mm is None:
        return f'bleed "{bleed}" is not a length such as 3mm or 0.125in'
    if mm > MAX_BLEED_MM:
        return f'bleed "{bleed}" is out of range: at most {_mm(MAX_BLEED_MM)} (3mm is usual)'
    return ""


def language_problem(tag: str) -> str:
    """'' for a well-formed, valid BCP 47 tag (``en``, ``ru``, ``zh-Hans``), else the problem with a suggestion."""
    import langcodes
    if len(tag) <= _MAX_TAG and "_" not in tag and langcodes.tag_is_valid(tag):
        return ""
    suggestion = ""
    if len(tag) <= _MAX_TAG:
        if langcodes.tag_is_valid(tag.replace("_", "-")):
            suggestion = langcodes.standardize_tag(tag.replace("_", "-"))
        else:
            try:
                suggestion = str(langcodes.find(tag))
            except (LookupError, ValueError):
                suggestion = ""
    shown = tag if len(tag) <= 40 else tag[:40] + "..."
    hint = f' (did you mean "{suggestion}"?)' if suggestion else ""
    return f'language "{shown}" is not a BCP 47 language tag such as en, ru, hu or zh-Hans{hint}'


def link_problem(url: str) -> str:
    """'' for a web address a PDF reader may open (http, https), else why it is not printed as a link."""
    shown = url if len(url) <= 60 else url[:60] + "..."
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return f'the url "{shown}" contains spaces or control characters'
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f'the url "{shown}" does not read as a web address ({exc})'
    scheme = parts.scheme.lower()
    allowed = " and ".join(f"{s}://" for s in URL_SCHEMES)
    if not scheme:
        return f'the url "{shown}" has no scheme: write it as a web address beginning with https://'
    if scheme == "doi":
        return f'the url "{shown}" is a DOI, which PDF readers do not open: write it as https://doi.org/...'
    if scheme not in URL_SCHEMES:
        return (f'the url "{shown}" is not a web address: only {allowed} links are printed (a "{scheme}:" link '
                f"could run code or open the reader's own files)")
    if not parts.hostname:
        return f'the url "{shown}" names no host'
    return ""
