"""Output profiles: what a PDF is for, and every fact that follows from it, in one frozen object.

Takes nothing; gives ``Profile`` and ``PROFILES`` (``screen`` and ``print``).
The HTML writer reads the stylesheets and the bleed, the PDF writer the
variant, the assembly the links, marks and page parity, the preflight the
rules to apply, and the command line the names and descriptions.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    output_stem: str  # edition.pdf, edition-print.pdf
    pdf_variant: str  # WeasyPrint's name of the PDF variant it writes
    conformance: str  # what the file claims to be
    stylesheets: tuple[str, ...]  # in the styles folder, in order
    links: bool  # link annotations kept
    tagged: bool  # a structure tree (accessibility)
    bleed: bool  # a bleed around the trim, crop marks
    even_pages: bool  # a printer binds sheets: an even page count
    cmyk: bool  # every colour on the K plate, a CMYK output intent
    description: str
    universal_access: bool = False  # PDF/UA-1 (ISO 14289-1): tagged for assistive technology, identified


SCREEN = Profile("screen", "edition", "pdf/a-2a", "PDF/A-2a, PDF/UA-1", ("edition.css",), links=True, tagged=True,
                 bleed=False, even_pages=False, cmyk=False,
                 description="PDF/A-2a and PDF/UA-1, tagged, linked (edition.pdf)", universal_access=True)
PRINT = Profile("print", "edition-print", "pdf/x-4", "PDF/X-4", ("edition.css", "print.css"), links=False,
                tagged=False, bleed=True, even_pages=True, cmyk=True,
                description="PDF/X-4 with bleed, slug and crop marks (edition-print.pdf)")
PROFILES: dict[str, Profile] = {p.name: p for p in (SCREEN, PRINT)}


def profile_named(profile: "str | Profile") -> Profile:
    """The profile of that name (a ``Profile`` is returned as it is)."""
    if isinstance(profile, Profile):
        return profile
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(f"unknown profile {profile!r} (known: {', '.join(PROFILES)})") from None
