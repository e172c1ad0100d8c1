"""Persons: the name lists of a TEI file in, ``persons.yaml`` entries with the authority's ids out.

Two forms are read: ``listPerson/person`` (what the exporter writes, and TEI
generally: ``persName`` with ``surname``/``forename`` in their order, or as
"Surname, Forenames"; ``persName type="index"`` and ``type="variant"``;
``birth``, ``death``; ``note`` as the identification; ``ptr type="see-also"``)
and the Office of the Historian's list of persons (``item``s holding
``persName xml:id`` "Murphy, Robert D." followed by the identification).

Ids: the exporter's ``@n``; otherwise the surname as a slug ("murphy"), or
surname and forenames when two persons share a surname (both then found by
their full names only, ``match_surname: false``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..importer.names import slug
from ..reader import PERSON_ID
from .ids import TEI_NS, XML_ID, local
from .read import TeiFile, plain

SUFFIXES = re.compile(r"(?:Jr|Sr|I{1,3}|IV|V)\.?")


@dataclass
class PersonEntry:
    """One person as read: the ``xml:id`` that mentions point at, and the YAML entry (its id set later)."""

    xml_id: str
    surname: str
    forenames: str
    entry: dict
    element: etree._Element
    wanted_id: str = ""  # the exporter's own id (``@n``)
    see_also: list[str] = field(default_factory=list)  # xml:ids


def read_persons(file: TeiFile) -> list[PersonEntry]:
    """Every person of the file's ``listPerson``s and of a FRUS list of persons, in file order."""
    out = []
    for el in file.root.iter(f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}item"):
        if local(el.tag) == "person" and el.get(XML_ID):
            out.append(_tei_person(file, el))
        elif local(el.tag) == "item":
            name = next(iter(el.iter(f"{{{TEI_NS}}}persName")), None)
            if name is not None and name.get(XML_ID):
                out.append(_listed_person(file, el, name))
    return out


def _split_name(file: TeiFile, el: etree._Element, text: str) -> tuple[str, str, str]:
    """(surname, forenames, suffix) from "Surname, Forenames[, Jr.]" or "Forenames Surname"."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2:
        suffix = ", ".join(parts[2:]) if len(parts) > 2 and all(SUFFIXES.fullmatch(p) for p in parts[2:]) else ""
        forenames = parts[1] if suffix or len(parts) == 2 else ", ".join(parts[1:])
        return parts[0], forenames, suffix
    words = text.split()
    if len(words) > 1:
        file.warn(el, f'"{text}" has no surname marked: taken as forenames "{" ".join(words[:-1])}" and surname '
                      f'"{words[-1]}"', code="tei-person")
        return words[-1], " ".join(words[:-1]), ""
    return text, "", ""


def _tei_person(file: TeiFile, el: etree._Element) -> PersonEntry:
    names = [c for c in el if isinstance(c.tag, str) and local(c.tag) == "persName"]
    main = next((n for n in names if n.get("type") in (None, "main")), names[0] if names else None)
    entry: dict = {}
    surname = forenames = ""
    if main is not None:
        parts = [c for c in main if isinstance(c.tag, str) and local(c.tag) in ("surname", "forename")]
        if parts:
            surname = " ".join(plain(c) for c in parts if local(c.tag) == "surname")
            forenames = " ".join(plain(c) for c in parts if local(c.tag) == "forename")
            if local(parts[0].tag) == "surname" and any(local(c.tag) == "forename" for c in parts):
                entry["name_order"] = "surname-first"
            if any(local(c.tag) == "surname" and c.get("type") == "common" for c in parts):
                entry["match_surname"] = False
        else:
            surname, forenames, suffix = _split_name(file, main, plain(main))
            if suffix:
                entry["index"] = plain(main)
    else:
        file.warn(el, "a person without a name: left out of the authority's names", code="tei-person")
    variants: list = []
    identification: list[str] = []
    see_also: list[str] = []
    for child in el:
        if not isinstance(child.tag, str) or child is main:
            continue
        name = local(child.tag)
        if name == "persName" and child.get("type") == "index":
            entry["index"] = plain(child)
        elif name == "persName":
            variants.append({"form": plain(child), "misspelling": True} if child.get("subtype") == "misspelling"
                            else plain(child))
        elif name in ("birth", "death"):
            entry["born" if name == "birth" else "died"] = plain(child) or child.get("when") or ""
        elif name == "ptr" and child.get("type") == "see-also":
            see_also.extend(t[1:] for t in (child.get("target") or "").split() if t.startswith("#"))
        elif name in ("note", "occupation", "affiliation", "roleName", "state", "trait", "event"):
            identification.append(plain(child))
        else:
            file.warn(child, f"<{name}> of a person: its text is kept in the identification", code="tei-person")
            identification.append(plain(child))
    if identification:
        entry["identification"] = "; ".join(x for x in identification if x)
    if variants:
        entry["variants"] = variants
    wanted = el.get("n") or ""
    return PersonEntry(el.get(XML_ID), surname, forenames, entry, el,
                       wanted if PERSON_ID.fullmatch(wanted) else "", see_also)


def _listed_person(file: TeiFile, item: etree._Element, name: etree._Element) -> PersonEntry:
    """A FRUS list item: <hi><persName xml:id="p_MRD1">Murphy, Robert D.</persName>,</hi> Deputy Under ..."""
    text = plain(name)
    surname, forenames, suffix = _split_name(file, name, text)
    entry: dict = {}
    if suffix:  # "Lodge, Henry Cabot, Jr.": indexed as given; the text may say "Henry Cabot Lodge, Jr."
        entry["index"] = text
        entry["variants"] = [f"{forenames} {surname}, {suffix}"]
    whole = plain(item)
    if whole.startswith(text):
        identification = whole[len(text):].lstrip(" ,")
    else:
        file.warn(item, f'the list entry does not open with the name "{text}": the whole entry is kept as the '
                        f"identification", code="tei-person")
        identification = whole
    if identification:
        entry["identification"] = identification
    return PersonEntry(name.get(XML_ID), surname, forenames, entry, item)


def assign_ids(people: list[PersonEntry], taken: set[str]) -> dict[str, str]:
    """The authority's id of each person (xml:id -> id): the exporter's, else made from the name."""
    ids: dict[str, str] = {}
    used = set(taken)
    shared = {p.surname for p in people if not p.wanted_id and sum(q.surname == p.surname for q in people) > 1}
    for p in people:
        if p.surname in shared:
            p.entry["match_surname"] = False
        base = p.wanted_id or slug(f"{p.surname} {p.forenames}" if p.surname in shared else p.surname) or "person"
        pid, k = base, 2
        while pid in used:
            pid, k = f"{base}-{k}", k + 1
        used.add(pid)
        ids[p.xml_id] = pid
    return ids


def person_data(p: PersonEntry, ids: dict[str, str]) -> dict:
    """The ``persons.yaml`` entry of a person, fields in the authority's order."""
    data: dict = {"id": ids[p.xml_id], "surname": p.surname}
    if p.forenames:
        data["forenames"] = p.forenames
    for key in ("index", "name_order", "born", "died", "identification", "variants"):
        if key in p.entry:
            data[key] = p.entry[key]
    see_also = [ids[x] for x in p.see_also if x in ids]
    if see_also:
        data["see_also"] = see_also
    if "match_surname" in p.entry:
        data["match_surname"] = p.entry["match_surname"]
    return data
