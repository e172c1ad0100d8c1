"""Names: the imported texts and the names authority in, the persons found and the names to review out.

Persons of the authority are found with the pipeline's own ``NameMatcher``
(the importer marks nothing: person resolution finds them again on load).
Other names are looked for only where the text says it names a person: after
a form of address ("Cde.", "Comrades", "tov.", "Mr.", "Ambassador"), with
initials ("V. N. Malin"), and in lists of participants ("Those Taking Part:").
They are reported for the editor, never added to the authority;
``draft_entries`` writes them as draft entries for a separate file.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import yaml

from ..model import Person
from ..transforms.persons import NameMatcher
from .passage import Passage

_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha())
_ADDRESS = (r"(?:Cdes?\.|Comrades?|[Tt]ov\.|[Tt]ovarishch|Mr\.|Mrs\.|Ms\.|Messrs\.|Dr\.|Prof\.|Gen\.|General|"
            r"Marshal|Ambassador|Premier|President|Chairman|Minister|Secretary|Col\.|Colonel|Lt\.|Maj\.|Major|"
            r"Capt\.|Captain|Adm\.|Admiral|Sen\.|Senator|Herr|Frau|Monsieur|Mme\.|Madame|Msgr\.|Father)")
_WORD = rf"(?!{_ADDRESS}(?:\s|$))[{_UPPER}][\w'’-]*"  # a capitalised word, not a form of address
_NAME = rf"(?:[{_UPPER}]\.\s?){{0,3}}{_WORD}(?:\s+{_WORD}){{0,2}}"
_ADDRESSED = re.compile(rf"\b{_ADDRESS}\s+(?P<names>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:,?\s+and\s+{_NAME})?)")
_INITIALS = re.compile(rf"(?<![\w.])(?P<names>(?:[{_UPPER}]\.\s?){{1,3}}{_WORD})")
_PARTICIPANTS = re.compile(r"(?:those\s+taking\s+part|taking\s+part|participants|present|attending|in\s+attendance)"
                           r"\s*:\s*(?P<names>[^.:;]+)", re.I)
_ONE_NAME = re.compile(_NAME)

# capitalised words that are not names (institutions, titles, places of the period's documents)
NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "and", "of", "in", "on", "for", "to", "with", "from",
    "party", "committee", "central", "soviet", "union", "government", "army", "council", "ministry", "embassy",
    "republic", "state", "states", "presidium", "politburo", "bureau", "department", "secretariat", "directory",
    "congress", "assembly", "bulletin", "archive", "school", "university", "institute", "secretary", "minister",
    "general", "chairman", "president", "premier", "comrade", "comrades", "deputy", "first", "prime", "foreign",
    "affairs", "defense", "defence", "national", "people", "people's", "peoples", "workers", "working", "communist",
    "socialist", "democratic", "federal", "united", "nations", "security", "military", "revolutionary", "higher",
    "supreme", "chinese", "hungarian", "polish", "russian", "german", "american", "british", "french", "korean",
    "czechoslovak", "romanian", "bulgarian", "yugoslav", "cuban", "vietnamese", "english", "moscow", "budapest",
    "warsaw", "beijing", "peking", "berlin", "prague", "washington", "london", "paris", "vienna", "austria",
    "hungary", "poland", "china", "korea", "germany", "cc", "ussr", "usa", "us", "u", "s", "uk", "i", "ii", "iii",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "note", "notes",
    "translator", "translation", "see", "also", "ibid", "op", "cit", "vol", "no", "p", "pp", "ll", "l", "f", "d",
    "cde", "cdes", "tov", "mr", "dr", "delegation", "ambassador", "marshal", "staff", "office",
    "mission", "agency", "service", "administration", "division", "section", "group", "front", "forces",
}


@dataclass(frozen=True, slots=True)
class FoundPerson:
    """A person of the authority named in the text: how often, and the first line."""

    person_id: str
    count: int
    line: int


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A name that looks like a person's but is not in the authority."""

    name: str
    count: int
    line: int
    col: int
    context: str


@dataclass(frozen=True, slots=True)
class NamesReport:
    known: tuple[FoundPerson, ...]
    unknown: tuple[NameCandidate, ...]


def find_names(passages: Iterable[Passage], persons: tuple[Person, ...]) -> NamesReport:
    """Persons of the authority in the passages, and capitalised names that look like persons but are not."""
    passages = [p for p in passages if p]
    matcher = NameMatcher(persons)
    counts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for p in passages:
        for start, _end, pid in matcher.find(p.text):
            counts[pid] += 1
            first_line.setdefault(pid, p.where(start)[0])
    known = tuple(FoundPerson(pid, counts[pid], first_line[pid]) for pid in sorted(counts))

    found: dict[str, list] = {}
    for p in passages:
        for name, start in _candidates(p.text):
            if any(True for _ in matcher.find(name)):
                continue
            line, col = p.where(start)
            entry = found.setdefault(name, [0, line, col, _context(p.text, start, len(name))])
            entry[0] += 1
    unknown = tuple(NameCandidate(name, e[0], e[1], e[2], e[3]) for name, e in
                    sorted(found.items(), key=lambda kv: (kv[1][1], kv[1][2])))
    return NamesReport(known, unknown)


def _candidates(text: str):
    """(name, offset) of each stretch that the text marks as a person's name."""
    for pattern in (_ADDRESSED, _INITIALS, _PARTICIPANTS):
        for m in pattern.finditer(text):
            base = m.start("names")
            for n in _ONE_NAME.finditer(m["names"]):
                name = _clean(n.group())
                if name:
                    yield name, base + n.start() + (len(n.group()) - len(n.group().lstrip()))


def _clean(name: str) -> str:
    """The name without a possessive and without words that are not names (at either end)."""
    name = re.sub(r"['’]s$", "", name.strip())
    words = name.split()
    while words and (words[-1].lower().strip("'’") in NOT_NAMES or not any(c.islower() for c in words[-1])):
        words.pop()
    while words and words[0].lower() in NOT_NAMES:
        words.pop(0)
    if not words or all(len(w.rstrip(".")) <= 1 for w in words):
        return ""
    return " ".join(words)


def _context(text: str, start: int, length: int) -> str:
    left = text[max(0, start - 30):start]
    right = text[start + length:start + length + 30]
    return " ".join(f"…{left}{text[start:start + length]}{right}…".split())


def draft_entries(candidates: Iterable[tuple[str, NameCandidate]]) -> str:
    """Draft authority entries (YAML with comments) for names found in imported documents: (source, name) pairs."""
    lines = ["# Draft entries for persons.yaml, written by `edition import`: names that look like persons",
             "# but are not in the authority.  Check each (is it a person? already there under another",
             "# spelling? then add it as a variant), complete it and move it into persons.yaml by hand.",
             "persons:"]
    used: set[str] = set()
    for source, c in candidates:
        words = c.name.split()
        surname, forenames = words[-1], " ".join(words[:-1])
        pid = base = slug(surname) or "person"
        k = 2
        while pid in used:
            pid, k = f"{base}-{k}", k + 1
        used.add(pid)
        entry = {"id": pid, "surname": surname}
        if forenames:
            entry["forenames"] = forenames
        lines.append(f"  # {source}:{c.line}:{c.col}: {c.context}")
        if forenames:
            lines.append("  # check the order of the names (name_order: surname-first for Chinese names)")
        dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
        lines.extend("  " + x for x in dumped.splitlines())
    if not used:
        lines[-1] = "persons: []"
    return "\n".join(lines) + "\n"


_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"]))


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens (diacritics dropped, Cyrillic transliterated), at most ``limit``."""
    text = "".join(_CYRILLIC.get(ch, ch) for ch in unicodedata.normalize("NFKC", text).lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        longer = f"{out}-{word}" if out else word
        if len(longer) > limit:
            break
        out = longer
    return out or (words[0][:limit] if words else "")
