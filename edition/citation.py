"""Archival citations for any archive: the fields of ``citation:`` and the national forms of ``as_given``.

Takes a document's ``citation:`` mapping (through the reader's field checker) and
gives a ``Citation``; ``shelfmark(citation)`` gives the shelfmark as its archive
writes it, for the citation block.  ``as_given`` is kept verbatim and always
printed.  The structured fields are generic (repository, collection, series,
file, item, box, folder, folios; the Russian names archive, fond, opis, delo and
listy are accepted for them); those left out are read from ``as_given`` by one
small parser per national form:

- Russian: ``TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, 62-62ob`` (also ``P.``, ``L.``)
- British (The National Archives, Kew): ``FO 371/106432, f. 17``, ``CAB 128/30``
- US (National Archives): ``RG 59, Central Decimal File, 764.00/10-2656, box 3456``
- Hungarian (MNL OL, formerly MOL): ``MOL XIX-J-1-k, box 12, folder 3``
- Chinese Foreign Ministry Archive: ``PRC FMA 109-01040-01``

Other archives are described by the fields alone.  A shelfmark field the editor
gives must agree with what a parser read (an error at the field); the repository
may be named otherwise ("The National Archives, Kew" for "TNA").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from .diagnostics import Diagnostics, SourcePos
from .model import Citation, CitationForm

EN_DASH = "\u2013"

CITATION_FIELDS = {"as_given": True, "repository": False, "collection": False, "series": False, "file": False,
                   "item": False, "box": False, "folder": False, "folios": False, "archive": False, "fond": False,
                   "opis": False, "delo": False, "listy": False, "compiler": False, "published": False,
                   "digital_archive": False, "url": False}
ALIASES = {"archive": "repository", "fond": "collection", "opis": "series", "delo": "file", "listy": "folios"}
RUSSIAN_NAME = {generic: alias for alias, generic in ALIASES.items()}
SHELFMARK_FIELDS = ("collection", "series", "file", "item", "box", "folder")
GENERIC_FIELDS = ("repository", *SHELFMARK_FIELDS, "folios")

_LEAF = r"\d+(?:ob)?"                     # a Russian leaf: 53, 53ob
_LEAVES = rf"{_LEAF}(?:\s*[-–]\s*{_LEAF})?"
_FOLIO = r"\d+[a-z]{0,3}"                  # 17, 12v, 53ob
_FOLIOS = rf"{_FOLIO}(?:\s*[-–]\s*{_FOLIO})?(?:,\s*{_FOLIO}(?:\s*[-–]\s*{_FOLIO})?)*"
LEAF_GIVEN = re.compile(_LEAVES)
FOLIO_GIVEN = re.compile(r"(?:\d+[a-z]{0,3}|[ivxlcdm]+)(?:\s*[-–]\s*(?:\d+[a-z]{0,3}|[ivxlcdm]+))?")


class FieldReader(Protocol):
    """What the reader's field checker offers: typed access to one YAML mapping, with positions."""

    @property
    def pos(self) -> SourcePos: ...

    def has(self, key: str) -> bool: ...

    def text(self, key: str, default: str = "") -> str: ...

    def texts(self, key: str) -> Sequence[str]: ...

    def pos_of(self, key: str) -> SourcePos: ...


@dataclass(frozen=True, slots=True)
class Shelfmark:
    """What a parser read from ``as_given``: its national form and the generic fields it found."""

    form: CitationForm
    repository: str = ""
    collection: str = ""
    series: str = ""
    file: str = ""
    item: str = ""
    box: str = ""
    folder: str = ""
    folios: tuple[str, ...] = ()


def _dashes(text: str) -> str:
    """A range written with a hyphen, whatever dash and spaces it was given with."""
    return re.sub(r"\s*[-–]\s*", "-", text.strip())


def _split(folios: str | None) -> tuple[str, ...]:
    return tuple(_dashes(x) for x in folios.split(",")) if folios else ()


# ---------------------------------------------------------------- the national forms

RUSSIAN = re.compile(
    r"(?P<repository>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]*)?),\s*[Ff]\.\s*(?P<collection>[\w/-]+),"
    r"\s*[Oo]p\.\s*(?P<series>[\w/-]+),(?:\s*[Pp]\.\s*(?P<box>[\w/-]+),)?\s*[Dd]\.\s*(?P<file>[\w/-]+),"
    rf"\s*[Ll]l?\.\s*(?P<folios>{_LEAVES}(?:,\s*{_LEAVES})*)")


def _russian(text: str) -> Shelfmark | None:
    """``TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob``; ``AVP RF, F. 059a, Op. 4, P. 6, D. 5, Ll. 8-11``."""
    m = RUSSIAN.search(text)
    if m is None:
        return None
    return Shelfmark("russian", m["repository"], m["collection"], m["series"], m["file"], box=m["box"] or "",
                     folios=_split(m["folios"]))


TNA_DEPARTMENTS = frozenset("ADM AIR AVIA BT BW CAB CO DEFE DO DPP ED FCO FO HO HS HW INF KV LAB MAF MEPO MT OD "
                            "POWE PREM T WO".split())
TNA = re.compile(r"The National Archives(?: of the United Kingdom| of the UK)?(?:,? Kew)?(?: \(TNA\))?"
                 r"|UK National Archives|Public Record Office(?: \(PRO\))?|\bTNA\b|\bPRO\b")
BRITISH = re.compile(r"(?<![\w/])(?P<collection>[A-Z]{1,5})[ /](?P<series>\d+)/(?P<file>\d+[A-Z]?)"
                     rf"(?:/(?P<item>\d+(?:/\d+)*))?(?![\w/])(?:,?\s*ff?\.\s*(?P<folios>{_FOLIOS}))?")


def _british(text: str) -> Shelfmark | None:
    """``FO 371/106432, f. 17``; ``CAB 128/30``; ``CAB/128/5``; with TNA, The National Archives or PRO."""
    repository = TNA.search(text)
    for m in BRITISH.finditer(text):
        if m["collection"] in TNA_DEPARTMENTS or repository:
            return Shelfmark("british", repository.group() if repository else "", m["collection"], m["series"],
                             m["file"], m["item"] or "", folios=_split(m["folios"]))
    return None


NARA = re.compile(r"National Archives and Records Administration|(?:U\.?S\.? )?National Archives"
                  r"(?: at College Park| II)?|\bNARA\b")
RECORD_GROUP = re.compile(r"\b(?:RG|Record Group)\s*(?P<collection>\d+)\b")
DECIMAL_FILE = r"\d{3}(?:\.\w+)?(?:[-–][A-Z]+)?/\d+(?:[-–]\d+)?"      # 764.00/10-2656, 748.5-MSP/10-2456
SUBJECT_FILE = r"[A-Z]{2,5} \d+(?:[-–]\d+)?(?: [A-Z]+)*"                 # POL 15 VIET S
US_FILE = re.compile(rf"{DECIMAL_FILE}|{SUBJECT_FILE}")
CENTRAL_FILES = re.compile(r"(?P<repository>Department of State), (?P<series>Central (?:Decimal )?Files?"
                           rf"(?: \d{{4}}[-–]\d{{2,4}})?),? (?P<file>{DECIMAL_FILE}|{SUBJECT_FILE})")


def _us(text: str) -> Shelfmark | None:
    """``NARA, RG 59, Central Decimal File, 764.00/10-2656, box 3456``; ``Department of State, Central Files, ...``."""
    m = RECORD_GROUP.search(text)
    if m is None:
        c = CENTRAL_FILES.search(text)
        return Shelfmark("us", c["repository"], series=c["series"], file=c["file"]) if c else None
    repository = NARA.search(text, 0, m.start())
    clause = re.split(r";|\.\s+(?=[A-Z])|\.$", text[m.end():], maxsplit=1)[0]
    series: list[str] = []
    after: list[str] = []   # parts after the box or the file: the folder's title
    box = folder = file = ""
    for part in (p.strip() for p in clause.split(",")):
        if not part:
            continue
        if b := re.fullmatch(r"[Bb]ox(?:es)?\s+(\S+)", part):
            box = b[1]
        elif f := re.fullmatch(r"[Ff]older\s+(.+)", part):
            folder = f[1]
        elif US_FILE.fullmatch(part):
            file = part
        else:
            (after if box or file else series).append(part)
    return Shelfmark("us", repository.group() if repository else "", m["collection"], ", ".join(series), file,
                     box=box, folder=folder or ", ".join(after))


_MNL = (r"MNL\s?OL|MOL|Magyar Nemzeti Levéltár(?: Országos Levéltára)?|Magyar Országos Levéltár"
        r"|Hungarian National Archives|National Archives of Hungary")
HUNGARIAN = re.compile(
    rf"(?<!\w)(?P<repository>(?:{_MNL})(?:\s*\((?:MNL\s?OL|MOL)\))?)[,:]?\s+"
    r"(?P<collection>[IVXL]+-[A-Z](?:-\d+)*(?:-[a-z])?|[A-Z](?:-[A-Z]+)?\s\d+(?:[-–]\w+)*)"
    r"(?:\.?\s*f\.)?(?:,?\s*(?P<series>\d+)/(?P<file>\d+)\.?\s*ő\.\s?e\.?)?"
    r"(?:,\s*(?:box\s+(?P<box>\w+)|(?P<doboz>\d+)\.\s*doboz))?(?:,\s*folder\s+(?P<folder>\w+))?"
    rf"(?:,\s*pp?\.\s*(?P<folios>{_FOLIOS}))?")


def _hungarian(text: str) -> Shelfmark | None:
    """``MOL XIX-J-1-k, box 12, folder 3``; ``MNL OL M-KS 288. f. 5/413. ő.e.``; ``MNL OL P 2343``."""
    m = HUNGARIAN.search(text)
    if m is None:
        return None
    return Shelfmark("hungarian", m["repository"], m["collection"], m["series"] or "", m["file"] or "",
                     box=m["box"] or m["doboz"] or "", folder=m["folder"] or "", folios=_split(m["folios"]))


FMA = re.compile(r"PRC FMA|\bFMA\b|\bAMFAC\b|Chinese Foreign Ministry Archives?"
                 r"|(?:Foreign Ministry|Ministry of Foreign Affairs) Archives? of the"
                 r" (?:People['’]s Republic of )?China"
                 r"|Archives? of the (?:Chinese )?(?:Foreign Ministry|Ministry of Foreign Affairs)"
                 r"(?: of (?:the People['’]s Republic of )?China)?|(?:中华人民共和国)?外交部档案馆?")
FMA_NUMBER = re.compile(r"(?<![\d-])(?P<collection>\d{3})[-–](?P<file>\d{5})[-–](?P<item>\d{2}(?:\(\d+\))?)(?!\d)"
                        r"(?:,\s*(?:pp?\.\s*)?(?P<folios>\d{1,3}(?:\s*[-–]\s*\d{1,3})?)(?!\d))?")


def _chinese(text: str) -> Shelfmark | None:
    """``PRC FMA 109-01040-01``; ``Chinese Foreign Ministry Archive ... No. 109-01040-01``."""
    repository = FMA.search(text)
    m = FMA_NUMBER.search(text, repository.end()) if repository else None
    if repository is None or m is None:
        return None
    return Shelfmark("chinese", repository.group(), m["collection"], file=m["file"], item=m["item"],
                     folios=_split(m["folios"]))


PARSERS: tuple[Callable[[str], Shelfmark | None], ...] = (_russian, _british, _us, _hungarian, _chinese)


def parse_citation(text: str) -> Shelfmark | None:
    """The shelfmark of the first national form found in ``text``, or None."""
    for parse in PARSERS:
        found = parse(text)
        if found is not None:
            return found
    return None


def parse_shelfmark(text: str) -> dict[str, object] | None:
    """Archive, fond, opis, delo and leaves of a Russian reference (the importer's fields), or None."""
    found = _russian(text)
    if found is None:
        return None
    return {"archive": found.repository, "fond": found.collection, "opis": found.series, "delo": found.file,
            "listy": found.folios}


# ---------------------------------------------------------------- reading the citation: mapping


def read_citation(cf: FieldReader, diags: Diagnostics) -> Citation:
    """The citation: the fields given, the rest read from ``as_given``, each field given checked against it."""
    as_given = str(cf.text("as_given"))
    given = _given_fields(cf, diags)
    parsed = parse_citation(as_given) if as_given else None
    if parsed is None and as_given and not given:
        diags.warning(cf.pos_of("as_given"), "the citation is printed as given: it is in none of the forms read "
                                             "from it (Russian, British, US, Hungarian, Chinese); to print its archive "
                                             "and shelfmark too, give repository and, as they apply, collection, "
                                             "series, file, item, box, folder, folios", code="citation")
    values: dict[str, str | tuple[str, ...]] = {}
    for name in GENERIC_FIELDS:
        empty: str | tuple[str, ...] = () if name == "folios" else ""
        key, value = given.get(name, (name, empty))
        found = getattr(parsed, name) if parsed else empty
        if value and found and name != "repository" and _agree(value) != _agree(found):
            if isinstance(value, tuple):
                what = "leaves" if key == "listy" else "folios"
                diags.error(cf.pos_of(key), f"citation {what} {', '.join(value)} disagree with the citation as given "
                                            f"({', '.join(found)})", code="citation")
            else:
                diags.error(cf.pos_of(key), f'citation {key} "{value}" disagrees with the citation as given '
                                            f'("{found}")', code="citation")
        values[name] = value or found
    form: CitationForm = parsed.form if parsed else (
        "russian" if any(key in ALIASES for key, _ in given.values()) else "")
    url = str(cf.text("url"))
    if not url and as_given:
        m = re.search(r"<(https?://[^>\s]+)>", as_given)
        url = m.group(1) if m else ""
    text = {name: str(values[name]) for name in ("repository", *SHELFMARK_FIELDS)}
    return Citation(as_given=as_given, pos=cf.pos, repository=text["repository"], collection=text["collection"],
                    series=text["series"], file=text["file"], item=text["item"], box=text["box"],
                    folder=text["folder"], folios=tuple(values["folios"]), compiler=str(cf.text("compiler")),
                    published=str(cf.text("published")), digital_archive=str(cf.text("digital_archive")), url=url,
                    form=form)


def _agree(value: str | tuple[str, ...]) -> str | tuple[str, ...]:
    """A field as compared: dashes and spaces made uniform."""
    if isinstance(value, tuple):
        return tuple(_dashes(x) for x in value)
    return _dashes(" ".join(value.split()))


def _given_fields(cf: FieldReader, diags: Diagnostics) -> dict[str, tuple[str, str | tuple[str, ...]]]:
    """Generic field -> (the key the editor used, its value), for the fields given."""
    given: dict[str, tuple[str, str | tuple[str, ...]]] = {}
    for name in GENERIC_FIELDS:
        keys = [key for key in (name, RUSSIAN_NAME.get(name)) if key and cf.has(key)]
        if len(keys) == 2:
            diags.error(cf.pos_of(keys[1]), f'"{keys[1]}" is the Russian name of "{name}": give one of them, '
                                            f'not both', code="citation")
        if keys:
            given[name] = (keys[0], _read_folios(cf, keys[0], diags) if name == "folios" else str(cf.text(keys[0])))
    return given


def _read_folios(cf: FieldReader, key: str, diags: Diagnostics) -> tuple[str, ...]:
    out = []
    for folio in cf.texts(key):
        at = getattr(folio, "pos", cf.pos_of(key))
        if key == "listy" and not LEAF_GIVEN.fullmatch(folio):
            diags.error(at, f'leaves "{folio}" do not read as a leaf or range such as 53-53ob', code="citation")
        elif key == "folios" and not FOLIO_GIVEN.fullmatch(folio):
            diags.error(at, f'folios "{folio}" do not read as a folio, page or range such as 17, 12v or 17-19',
                        code="citation")
        out.append(_dashes(str(folio)))
    return tuple(out)


# ---------------------------------------------------------------- printing


def shelfmark(c: Citation) -> str:
    """The shelfmark as the citation's archive writes it, ranges with en dashes; "" when there is none."""
    return FORMATS.get(c.form, _generic)(c)


def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _folios(c: Citation, one: str, many: str) -> str:
    if not c.folios:
        return ""
    plural = len(c.folios) > 1 or "-" in c.folios[0]
    return f"{many if plural else one} " + ", ".join(x.replace("-", EN_DASH) for x in c.folios)


def _named(c: Citation, *names: str) -> list[str]:
    """Fields a form has no place for, printed with their names, so that nothing given is lost."""
    return [f"{name} {getattr(c, name)}" for name in names if getattr(c, name)]


def _russian_format(c: Citation) -> str:
    return _join(c.collection and f"F. {c.collection}", c.series and f"Op. {c.series}", c.box and f"P. {c.box}",
                 c.file and f"D. {c.file}", *_named(c, "item", "folder"), _folios(c, "L.", "Ll."))


def _british_format(c: Citation) -> str:
    reference = " ".join(x for x in (c.collection, "/".join(x for x in (c.series, c.file, c.item) if x)) if x)
    return _join(reference, *_named(c, "box", "folder"), _folios(c, "f.", "ff."))


def _us_format(c: Citation) -> str:
    series_file = (", " if c.series[-1:].isdigit() else " ").join(x for x in (c.series, c.file) if x)
    return _join(c.collection and f"RG {c.collection}", series_file, *_named(c, "item", "box", "folder"),
                 _folios(c, "p.", "pp."))


def _hungarian_format(c: Citation) -> str:
    unit = c.collection
    if c.file:
        unit = (f"{c.collection}. f. " if c.collection else "") + (f"{c.series}/" if c.series else "") + \
            f"{c.file}. ő.e."
    elif c.series:
        unit = _join(c.collection, c.series)
    return _join(unit, *_named(c, "item", "box", "folder"), _folios(c, "p.", "pp."))


def _chinese_format(c: Citation) -> str:
    number = "-".join(x for x in (c.collection, c.file, c.item) if x)
    return _join(number and f"No. {number}", c.series, *_named(c, "box", "folder"), _folios(c, "p.", "pp."))


def _generic(c: Citation) -> str:
    return _join(c.collection, c.series, c.file, c.item, *_named(c, "box", "folder"), _folios(c, "f.", "ff."))


FORMATS: dict[str, Callable[[Citation], str]] = {
    "russian": _russian_format, "british": _british_format, "us": _us_format, "hungarian": _hungarian_format,
    "chinese": _chinese_format}
