"""The citation: the header's "Citation:" text in, the citation's fields (as the YAML gives them) out.

The citation is kept verbatim (``as_given``) and, when it follows the usual
pattern ("TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob"), read into archive,
fond, opis, delo and listy; the compiler, the publication, the digital
archive and the address (URL) are taken out too.  The publication stops
before the address, whether the address is in angle brackets or bare.  A
document without a citation is reported at its title, saying what to give.
"""
from __future__ import annotations

import re

from ..citation import parse_shelfmark
from .emit import archival_number
from .parse import ArchivePage

_DIGITAL_ARCHIVE = re.compile(r"[A-Z][\w ]*?Digital Archive")
_COMPILER = re.compile(r"\bcompiled by (?P<v>.+?[^\W\d_]{2})(?=\.\s+[A-Z][a-z]|\.?\s*<|\.?\s+https?://|,|\.?\s*$)",
                       re.I)
_PUBLISHED = re.compile(r"\bPublished in (?P<v>.+?)(?=\.?\s*<|\.?\s+https?://|\.\s+[A-Z][a-z]|\.?\s*$)")
_URL = re.compile(r"<(?P<v>https?://[^>\s]+)>|(?P<bare>https?://[^\s<>]+[^\s<>.,;])")
_ARCHIVE_AFTER = re.compile(r"Digital Archive,(?!\s*(?:compiled|translated|obtained|contributed|edited|published)\b)\s*"
                            r"(?P<v>.+?)(?=\.\s+[A-Z]|,\s*(?:compiled|translated|obtained|"
                            r"contributed|edited)\b|\s*<|\.?\s*$)", re.I)


def read_citation(page: ArchivePage, warn) -> tuple[tuple[str, object], ...]:
    f = page.field("citation")
    as_given = " ".join(p.normalised() for p in f.value) if f else ""
    at = (f.line, 1) if f else (1, 1)
    if not as_given:
        at = (page.title.line, 1) if page.title else (1, 1)
        found = ((lo.passage, re.search(r"(?im)^\W*source\W*$", lo.passage.text)) for lo in page.leftovers)
        source = next(((p, m) for p, m in found if m), None)
        hint = (f' (the web page\'s "Source" at line {source[0].where(source[1].start())[0]}, kept in unparsed, may '
                f'give the archive\'s reference)') if source else ""
        warn(at, 'no "Citation:" in the input: give citation.as_given, the archive\'s citation as it gives it '
                 '("Title", date, Wilson Center Digital Archive, ARCHIVE, F. n, Op. n, D. n, Ll. n, then the '
                 f'publication and the address){hint}; edition check reports the empty citation until then',
             "import-no-citation", "citation")
        return (("as_given", ""),)
    out: list[tuple[str, object]] = [("as_given", as_given)]
    parsed = parse_shelfmark(as_given)
    if parsed is not None:
        out += [("archive", parsed["archive"]), ("fond", archival_number(str(parsed["fond"]))),
                ("opis", archival_number(str(parsed["opis"]))), ("delo", archival_number(str(parsed["delo"]))),
                ("listy", tuple(str(x) for x in parsed["listy"]))]  # type: ignore[attr-defined]
    else:
        m = _ARCHIVE_AFTER.search(as_given)
        if m and m["v"].strip():
            archive = m["v"].strip().rstrip(".,")
            out.append(("archive", archive))
            warn(at, f'the citation does not follow the usual pattern (ARCHIVE, F. n, Op. n, D. n, Ll. n): '
                     f'the archive is taken to be "{archive}"', "import-citation", "citation")
        else:
            warn(at, "the citation names no archive in the usual pattern (ARCHIVE, F. n, Op. n, D. n, Ll. n): "
                     "give the archive (edition check reports it until then)", "import-citation", "citation")
    for key, pattern in (("compiler", _COMPILER), ("published", _PUBLISHED)):
        m = pattern.search(as_given)
        if m:
            out.append((key, m["v"].strip()))
    m = _DIGITAL_ARCHIVE.search(as_given)
    if m:
        out.append(("digital_archive", m.group().strip()))
    m = _URL.search(as_given)
    if m:
        out.append(("url", m["v"] or m["bare"]))
    return tuple(out)
