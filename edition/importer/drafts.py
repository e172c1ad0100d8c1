"""Draft authority entries: the names found in imported documents (and the authority) in, ``persons.yaml`` text out.

Names found in several files, or in several spellings, are one person:
candidates with the same surname (diacritics and case aside) and forenames
that agree (the same, one given as initials of the other, or one missing)
are merged; the spelling with diacritics is the entry's, the others are its
``variants``.  A bare surname shared by two persons is not guessed: it is
listed in a comment.  Ids are unique and never one the authority has
("kovacs-bela" when "kovacs" is taken); a surname that another person (of the
draft or of the authority) also bears gets ``match_surname: false``, so that
the draft, pasted into ``persons.yaml``, passes ``edition check``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

import yaml

from ..model import Person
from .names import NameCandidate, slug


@dataclass
class _Draft:
    """One person being drafted: the spellings of the surname and of the forenames seen, and where."""

    surname_first: bool
    surnames: list[str] = field(default_factory=list)
    forenames: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return _best(self.surnames)

    @property
    def forename(self) -> str:
        full = [f for f in self.forenames if f and not _initials_only(f)]
        return _best(full or [f for f in self.forenames if f])


def draft_entries(candidates: Iterable[tuple[str, NameCandidate]], authority: tuple[Person, ...] = ()
                  ) -> tuple[str, int]:
    """The draft file's text for (source, candidate) pairs, and the number of entries in it."""
    drafts, ambiguous = _merge(candidates)
    lines = ["# Draft entries for persons.yaml, written by `edition import`: names that look like persons",
             "# but are not in the authority.  Check each (is it a person? already there under another",
             "# spelling? then add it as a variant), complete it and move it into persons.yaml by hand."]
    for name, where in ambiguous:
        lines.append(f"# Not drafted, ambiguous (more than one person of that surname): {name} ({where})")
    lines.append("persons:")
    taken = {p.id for p in authority}
    claimed = {_fold(form) for p in authority for form in p.name_forms}
    surname_count: dict[str, int] = {}
    for d in drafts:
        surname_count[_fold(d.surname)] = surname_count.get(_fold(d.surname), 0) + 1
    for d in drafts:
        surname, forenames = d.surname, d.forename
        shared = surname_count[_fold(surname)] > 1 or _fold(surname) in claimed
        pid = _new_id(d, taken)
        taken.add(pid)
        entry: dict = {"id": pid, "surname": surname}
        if forenames:
            entry["forenames"] = forenames
        if d.surname_first:
            entry["name_order"] = "surname-first"
        elif shared:
            entry["match_surname"] = False
        display = f"{surname} {forenames}" if d.surname_first else f"{forenames} {surname}".strip()
        variants = []
        for form in d.forms:
            if form != display and form not in variants and (len(form.split()) > 1 or not shared) and (
                    form != surname) and _fold(form) not in claimed:
                variants.append(form)
        if variants:
            entry["variants"] = variants
        claimed.update(_fold(x) for x in [display] + variants + ([] if shared or d.surname_first else [surname]))
        lines.extend(f"  # {w}" for w in d.where[:3])
        if forenames and not d.surname_first:
            lines.append("  # check the order of the names (name_order: surname-first for Chinese names)")
        dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
        lines.extend("  " + x for x in dumped.splitlines())
    if not drafts:
        lines[-1] = "persons: []"
    return "\n".join(lines) + "\n", len(drafts)


def _merge(candidates: Iterable[tuple[str, NameCandidate]]) -> tuple[list[_Draft], list[tuple[str, str]]]:
    """Candidates grouped into persons; bare surnames that fit more than one person are set apart."""
    drafts: list[_Draft] = []
    bare: list[tuple[str, str, str]] = []  # (surname, where, form)
    for source, c in candidates:
        surname, forenames = _split(c)
        where = f"{source}:{c.line}:{c.col}: {c.context}"
        if not forenames and not c.surname_first:
            bare.append((surname, where, c.name))
            continue
        match = next((d for d in drafts if d.surname_first == c.surname_first and _fold(d.surname) == _fold(surname)
                      and _agree(d.forenames, forenames)), None)
        if match is None:
            match = _Draft(c.surname_first)
            drafts.append(match)
        match.surnames.append(surname)
        match.forenames.append(forenames)
        match.forms.append(c.name)
        match.where.append(where)
    ambiguous = []
    for surname, where, form in bare:
        same = [d for d in drafts if not d.surname_first and _fold(d.surname) == _fold(surname)]
        if len(same) > 1:
            ambiguous.append((form, where))
            continue
        if not same:
            same = [_Draft(False)]
            drafts.append(same[0])
        same[0].surnames.append(surname)
        same[0].forms.append(form)
        same[0].where.append(where)
    drafts.sort(key=lambda d: (_fold(d.surname), _fold(d.forename)))
    return drafts, ambiguous


def _split(c: NameCandidate) -> tuple[str, str]:
    words = c.name.split()
    if c.surname_first:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def _agree(known: list[str], forenames: str) -> bool:
    """Whether ``forenames`` fits every forename form seen for a person (initials fit full names)."""
    return all(not k or not forenames or _compatible(k, forenames) for k in known)


def _compatible(a: str, b: str) -> bool:
    wa, wb = _fold(a).replace(".", ". ").split(), _fold(b).replace(".", ". ").split()
    for x, y in zip(wa, wb):
        x, y = x.rstrip("."), y.rstrip(".")
        if not (x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))):
            return False
    return True


def _initials_only(forenames: str) -> bool:
    return all(len(w.rstrip(".")) <= 2 and w.endswith(".") for w in forenames.replace(".", ". ").split())


def _best(forms: list[str]) -> str:
    """The spelling to keep: the one with the most diacritics, then the most frequent, then the first."""
    if not forms:
        return ""
    return max(forms, key=lambda f: (sum(1 for ch in f if ord(ch) > 127), forms.count(f), -forms.index(f)))


def _new_id(d: _Draft, taken: set[str]) -> str:
    base = slug(f"{d.surname} {d.forename}") if d.surname_first else slug(d.surname)
    for pid in (base, slug(f"{d.surname} {d.forename}")):
        if pid and pid not in taken:
            return pid
    k = 2
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return re.sub(r"\s+", " ", "".join(ch for ch in text if not unicodedata.combining(ch))).casefold().strip()
