"""Names: the imported texts and the names authority in, the persons found and the names to review out.

Persons of the authority are found with the pipeline's own ``NameMatcher``
(the importer marks nothing: person resolution finds them again on load).
Other names are looked for only where the text says it names a person
(``personal`` holds the signs and their word lists):

- after a form of address: "Cde. Ignatov", "Cdes. Shepilov, Brezhnev, and
  Furtseva", "Comrades Gomulka, Cyrankiewicz", "Com. Tito", "Ambassador Hao Deqing";
- initials and a surname: "V. N. Malin", "P.F. Yudin" (not a heading: "I. Briefing");
- a forename the region's name lists know, then a surname: "Zoltan Tildy",
  "Imre Horvath"; a forename the translator supplied: "[Béla] Kovács",
  "[KGB chief Ivan] Serov";
- a Chinese name, surname first: "Hao Deqing", "Xie Feng";
- lists of persons: "Those Taking Part: ...", speakers in parentheses
  "(Khrushchev, Mikoyan, Konev)", three or more surnames in a row
  ("Ulbricht, Grotewohl, and Stoph"), a surname coordinated with a person of
  the authority ("Ochab and Gomulka"), a name table ("Apro | Hidas"), a
  speaker's turn opening a paragraph ("Kadar—it is worth ...").

They are reported for the editor, never added to the authority;
``drafts.draft_entries`` writes them as draft entries for a separate file.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..model import Person
from ..transforms.persons import NameMatcher
from .passage import Passage
from .personal import (ADDRESS, CHINESE_SURNAMES, FORENAMES, NOT_NAMES, is_pinyin_given_name)

_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha())
_CAP = rf"[{_UPPER}][\w'’]*(?:-[{_UPPER}][\w'’]*)?"  # a capitalised word ("Vukmanovic-Tempo")
_WORD = rf"(?!{ADDRESS}(?:\s|$)){_CAP}"  # ... that is not a form of address
_INITIAL = rf"(?:(?!(?:Mr|Dr|Ms|St|Mt|Co|No|Op|Ll|Fr|Pp|Cd|Ob)\.)[{_UPPER}][a-z]?\.\s?)"
_NAME = rf"{_INITIAL}{{0,3}}{_WORD}(?:\s+{_WORD}){{0,2}}"
_ADDRESSED = re.compile(rf"(?<![\w.]){ADDRESS}\s+(?P<names>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*"
                        rf"(?:,?\s+and\s+{_NAME})?)")
_INITIALS = re.compile(rf"(?<![\w.\[])(?P<names>{_INITIAL}{{1,3}}{_WORD})")
_PARTICIPANTS = re.compile(r"(?:those\s+taking\s+part|taking\s+part|participants|present|attending|in\s+attendance)"
                           r"\s*:\s*(?P<names>[^.:;(]+)", re.I)
_SUPPLIED = re.compile(rf"\[(?:[^\]\[]*?\s)?(?P<fore>(?:{_CAP}\s)?{_CAP}(?:\s{_INITIAL})?)\]\s(?P<sur>{_CAP})")
_AFTER_I = re.compile(rf"\bI \[(?P<names>{_CAP})\]")
_FORENAME = re.compile(rf"(?<![\w.])(?P<names>(?P<fore>{_CAP})\s+(?P<sur>{_CAP}))")
_SPEAKERS = re.compile(rf"\((?:Cdes?\.\s)?(?P<names>{_CAP}(?:,\s*{_CAP})+)\)")
_SERIES = re.compile(rf"(?<![\w.])(?P<names>{_CAP}(?:(?:,\s*{_CAP}){{2,}}(?:,?\s+and\s+{_CAP})?"
                     rf"|(?:,\s*{_CAP})+,?\s+and\s+{_CAP}))(?!\w)")
_PAIR = re.compile(rf"(?<![\w.])(?P<a>{_CAP})\s+and\s+(?P<b>{_CAP})(?!\w)")
_TABLE = re.compile(rf"(?:(?:^|[|—])\s*(?P<names>{_CAP})(?=\s*(?:[|—]|$))|(?P<before>{_CAP})(?=\s*\|))", re.M)
_TURN = re.compile(rf"^(?P<names>{_CAP})(?:—|: )")
_ONE_NAME = re.compile(_NAME)


@dataclass(frozen=True, slots=True)
class FoundPerson:
    """A person of the authority named in the text: how often, and the first line."""

    person_id: str
    count: int
    line: int


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A name that looks like a person's but is not in the authority; ``surname_first`` for Chinese names."""

    name: str
    count: int
    line: int
    col: int
    context: str
    surname_first: bool = False


@dataclass(frozen=True, slots=True)
class NamesReport:
    known: tuple[FoundPerson, ...]
    unknown: tuple[NameCandidate, ...]


def find_names(passages: Iterable[Passage], persons: tuple[Person, ...]) -> NamesReport:
    """Persons of the authority in the passages, and names that look like persons but are not in it."""
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
    for k, p in enumerate(passages):
        for name, start, chinese in _candidates(p.text, matcher, last=k == len(passages) - 1):
            if any(True for _ in matcher.find(name)):
                continue
            line, col = p.where(start)
            entry = found.setdefault(name, [0, line, col, _context(p.text, start, len(name)), chinese])
            entry[0] += 1
    unknown = tuple(NameCandidate(name, e[0], e[1], e[2], e[3], e[4]) for name, e in
                    sorted(found.items(), key=lambda kv: (kv[1][1], kv[1][2])))
    return NamesReport(known, unknown)


def _candidates(text: str, matcher: NameMatcher, last: bool = False):
    """(name, offset, surname first) of each stretch that the text marks as a person's name.

    In the ``last`` text, a name at its very end may be cut short ("—Kos"): it is left out.
    """
    seen: set[tuple[int, int]] = set()

    def emit(name: str, start: int, chinese: bool = False):
        name = _clean(name)
        end = text.rstrip()
        cut = last and end.endswith(name) and start + len(name) >= len(end) and end[-1:].isalpha()
        if name and not cut and (start, len(name)) not in seen:
            seen.add((start, len(name)))
            yield name, start, chinese

    for m in _ADDRESSED.finditer(text):
        for n in _ONE_NAME.finditer(m["names"]):
            at = m.start("names") + n.start()
            chinese = _chinese_or(n.group(), text, at)
            yield from emit(chinese or n.group(), at, bool(chinese))
    for m in _INITIALS.finditer(text):
        if not _roman_heading(text, m.start()):
            yield from emit(m["names"], m.start())
    for pattern in (_PARTICIPANTS, _SPEAKERS, _SERIES, _AFTER_I, _TABLE):
        for m in pattern.finditer(text):
            if pattern is _TABLE and "|" not in text:
                continue
            group = "before" if pattern is _TABLE and m["before"] else "names"
            base = m.start(group)
            for piece in re.finditer(rf"{_CAP}(?:\s+{_CAP})?", m[group]):
                word = piece.group()
                if pattern in (_SERIES, _TABLE) and (not _surname_like(word) or _abbreviated(text, base + piece.end())):
                    continue
                if pattern is _SPEAKERS and _abbreviated(text, base + piece.end()):
                    continue
                yield from emit(word, base + piece.start())
    for m in _SUPPLIED.finditer(text):
        fore = m["fore"]
        if any(c.islower() for c in fore) and _surname_like(m["sur"]) and fore.split()[0].lower() not in NOT_NAMES:
            yield from emit(f"{fore.strip()} {m['sur']}", m.start("fore"))
    for m in _FORENAME.finditer(text):
        fore, sur = m["fore"], m["sur"]
        if fore in FORENAMES and _surname_like(sur):
            yield from emit(f"{fore} {sur}", m.start())
        elif fore in CHINESE_SURNAMES and is_pinyin_given_name(sur):
            yield from emit(f"{fore} {sur}", m.start(), True)
    for m in _PAIR.finditer(text):
        a, b = m["a"], m["b"]
        known_a, known_b = any(True for _ in matcher.find(a)), any(True for _ in matcher.find(b))
        if known_a != known_b:
            other, at = (b, m.start("b")) if known_a else (a, m.start("a"))
            if _surname_like(other) and not _abbreviated(text, at + len(other)):
                yield from emit(other, at)
    turn = _TURN.match(text)
    if turn and _surname_like(turn["names"]):
        yield from emit(turn["names"], 0)


def _chinese_or(name: str, text: str, at: int) -> str:
    words = name.strip("'’‘").split()
    if len(words) == 2 and words[0] in CHINESE_SURNAMES and is_pinyin_given_name(words[1]):
        return name
    return ""


def _surname_like(word: str) -> bool:
    """A capitalised word that could be a surname: not a known non-name, with a lower-case letter."""
    bare = re.sub(r"['’]s$", "", word)
    return (bare.lower() not in NOT_NAMES and any(c.islower() for c in bare) and len(bare) > 1
            and bare not in FORENAMES and bare[-1] not in "-'’")


def _abbreviated(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is cut short with a full stop ("Khrush.,", "Malen.,")."""
    return text[end:end + 1] == "." and text[end + 1:end + 2] in (",", ":", ";")


def _roman_heading(text: str, start: int) -> bool:
    """ "I. Briefing ...", "II. On Hungary": a numbered heading, not an initial."""
    return bool(re.match(r"(?:[IVX]{1,4})\.\s", text[start:])) and (start == 0 or text[:start].rstrip()[-1:] in ".:)")


def _clean(name: str) -> str:
    """The name without a possessive and without words that are not names (at either end)."""
    name = re.sub(r"['’]s$", "", name.strip()).strip("'’‘")
    words = name.split()
    while words and (words[-1].lower().strip("'’") in NOT_NAMES or not any(c.islower() for c in words[-1])):
        words.pop()
    while words and (words[0].lower() in NOT_NAMES or words[0] in _ADDRESS_WORDS):
        words.pop(0)
    if not words or all(len(w.rstrip(".")) <= 2 and w.endswith(".") for w in words):
        return ""
    if words[-1].endswith(".") or words[-1] in FORENAMES:
        return ""
    return " ".join(words)


_ADDRESS_WORDS = {"Cde.", "Cdes.", "Com.", "Coms.", "Comrade", "Comrades"}


def _context(text: str, start: int, length: int) -> str:
    left = text[max(0, start - 30):start]
    right = text[start + length:start + length + 30]
    return " ".join(f"…{left}{text[start:start + length]}{right}…".split())


_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"]))
_LATIN = {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens (diacritics dropped, Cyrillic transliterated), at most ``limit``."""
    text = "".join(_CYRILLIC.get(ch, _LATIN.get(ch, ch)) for ch in unicodedata.normalize("NFKC", text).lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        longer = f"{out}-{word}" if out else word
        if len(longer) > limit:
            break
        out = longer
    return out or (words[0][:limit] if words else "")
