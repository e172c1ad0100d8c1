"""The corpus measured: each document of ``corpus/`` imported and compared with ``corpus/expected.yaml``.

Every expected piece of structure (title, date, header field, citation part,
paragraph boundary, note, call, marker kept as text, missing marker, number
that is text, piece for ``unparsed``, place where the copy breaks off) is one
item, and so is every piece the import makes that was not expected (a
paragraph boundary, a note, a call).  An item is ``right`` when the import
gives what was expected, ``warned`` when it does not but a warning stands at
the item's input line (the editor is told where to look), and ``silent``
otherwise: a structure error nobody reports.

Persons: every person the expectations list is found when the authority
knows the name in that document or the draft of new persons has an entry
with that surname (or that full name, for a Chinese name); a draft entry for
no listed person is a false entry.

Run ``python tests/importer/corpus_measure.py`` for the figures (the README quotes them).
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
REPO = HERE.parents[1]


@dataclass(frozen=True)
class Item:
    file: str
    kind: str
    what: str
    status: str  # right | warned | silent


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ł", "l"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _flat(text: str) -> str:
    return " ".join(text.split())


def expectations() -> dict:
    return yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def import_corpus():
    """(name, input text, Imported, warnings as (line, message)) for each corpus file, with the real authority."""
    sys.path.insert(0, str(REPO))
    from edition.diagnostics import Diagnostics
    from edition.importer import import_text
    from edition.reader import _read_persons
    persons = tuple(_read_persons(REPO / "source", Diagnostics()))
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        diags = Diagnostics()
        imported = import_text(text, path.name, persons, diags)
        warnings = [(d.pos.line, d.message) for d in diags.sorted()]
        out.append((path.name, text, imported, warnings))
    return persons, out


def _paragraph_text(p) -> str:
    return _flat("".join(s.text if s.kind != "call" else f"[^{s.number}]" for s in p.segments if s.kind != "gap"))


def measure_document(name: str, text: str, imported, warnings: list[tuple[int, str]], want: dict) -> list[Item]:
    draft = imported.draft
    lines = text.splitlines()
    items: list[Item] = []

    def warned_at(line: int, *words: str) -> bool:
        return any(at == line and all(w in message for w in words) for at, message in warnings)

    def warned_with(*words: str) -> bool:
        return any(all(w in message for w in words) for _, message in warnings)

    def line_of(fragment: str, default: int = 1) -> int:
        flat = _flat(fragment)
        for number, line in enumerate(lines, 1):
            if flat and _flat(line).startswith(flat[:40]) or flat[:40] in _flat(line):
                return number
        return default

    def add(kind: str, what: str, ok: bool, line: int, *words: str) -> None:
        status = "right" if ok else "warned" if (warned_at(line, *words) if line else warned_with(*words)) else "silent"
        items.append(Item(name, kind, what, status))

    add("title", want["title"], draft.title == want["title"], line_of(want["title"], 3))
    add("date", str(want["date"]), str(draft.date) == str(want["date"]), 1)
    for key in ("original_language", "contents"):
        if key in want:
            add("header", key, getattr(draft, key) == want[key], 0, key.split("_")[0].capitalize())
    citation = dict(draft.citation)
    if want.get("citation") == "none":
        add("citation", "no citation: said", citation.get("as_given") == "" and warned_with('no "Citation:"'), 0,
            'no "Citation:"')
    for key in ("published", "url"):
        if key in want:
            expected = None if want[key] == "none" else want[key]
            add("citation", f"{key}: {expected}", citation.get(key) == expected, 0, "citation")
    if "summary_ends" in want:
        summary = _flat(" ".join(draft.summary))
        add("header", "summary", summary.endswith(_flat(want["summary_ends"])), 0, "summary")

    got = [_paragraph_text(p) for p in draft.body]
    openings = [_flat(o) for o in want.get("paragraphs", [])]
    for opening in openings:
        add("paragraph", opening, any(p.startswith(opening) for p in got), line_of(opening))
    for p in got:
        if not any(p.startswith(o) for o in openings):
            add("paragraph", f"unexpected: {p[:40]}", False, line_of(re.sub(r"\[\^\d+\]", "", p)[:30]))

    notes = {n.number: n for n in draft.notes}
    for number, spec in (want.get("notes") or {}).items():
        spec = spec if isinstance(spec, dict) else {"starts": spec}
        note = notes.get(number)
        ok = note is not None and _flat(note.text).startswith(_flat(spec["starts"])) and (
            "ends" not in spec or _flat(note.text).endswith(_flat(spec["ends"])))
        add("note", f"note {number}", ok, line_of(spec["starts"]), f"note {number}")
    for number in notes:
        if number not in (want.get("notes") or {}):
            add("note", f"unexpected note {number}", False, 0, f"note {number}")

    calls = {s.number for p in draft.body for s in p.segments if s.kind == "call"} | (
        {draft.title_call} if draft.title_call else set())
    for number in want.get("calls", []):
        add("call", f"call {number}", number in calls, 0, f"({number})")
    for number in calls - set(want.get("calls", [])):
        add("call", f"unexpected call {number}", False, 0, f"note {number}")
    for number in want.get("literal", []):
        add("marker", f"marker {number} kept as text", any(re.search(rf"marker \(? ?\[?{number}[)\]]? has no note", m)
                                                             for _, m in warnings), 0, "no note")
    for number in want.get("missing_markers", []):
        add("marker", f"marker {number} missing", any(re.search(rf"no markers? \D{number}\D", m) for _, m in warnings),
            0, "no marker")
    for line, written in (want.get("enumerators") or {}).items():
        add("enumerator", f"{written} at line {line} is text", not warned_at(line, f"marker {written}"), line)
    unparsed_lines = {u.line for u in draft.unparsed}
    for line in want.get("unparsed", []):
        add("unparsed", f"line {line} to unparsed", line in unparsed_lines, line)

    marks = set()
    if draft.body and any(s.kind == "gap" for s in draft.body[-1].segments):
        marks.add("body")
    if draft.summary_truncated:
        marks.add("summary")
    marks |= {f"note {n.number}" for n in draft.notes if n.truncated}
    if warned_with("breaks off in text kept in unparsed"):
        marks.add("input")
    for place in want.get("truncated", []):
        add("truncation", place, place in marks and warned_with("break"), 0, "breaks off")
    for place in marks - set(want.get("truncated", [])):
        items.append(Item(name, "truncation", f"unexpected: {place}", "warned"))
    return items


def measure() -> tuple[list[Item], dict]:
    """The items of every document, and the persons' figures."""
    sys.path.insert(0, str(REPO))
    from edition.importer.drafts import draft_entries
    persons, imported = import_corpus()
    want = expectations()
    items: list[Item] = []
    for name, text, result, warnings in imported:
        items += measure_document(name, text, result, warnings, want[name])
    draft_text, _count = draft_entries([(name, c) for name, _t, r, _w in imported for c in r.names.unknown], persons)
    return items, person_figures(imported, want, yaml.safe_load(draft_text)["persons"], persons)


def person_figures(imported, want: dict, drafted: list[dict], persons) -> dict:
    """Recall of the persons the expectations list (document by document and distinct), and false draft entries."""
    by_id = {p.id: p for p in persons}
    listed_all: dict[str, str] = {}
    found_docs = Counter()
    draft_keys = set()
    for entry in drafted:
        surname = fold(entry["surname"])
        draft_keys.add(surname)
        if entry.get("name_order") == "surname-first":
            draft_keys.add(fold(f"{entry['surname']} {entry.get('forenames', '')}".strip()))
    found_distinct: set[str] = set()
    for name, _text, result, _w in imported:
        known = set()
        for person in (by_id[k.person_id] for k in result.names.known):
            known |= {fold(f) for f in person.name_forms} | {fold(f.split()[-1]) for f in person.name_forms}
        for listed in want[name].get("persons") or []:
            key = fold(listed)
            listed_all[key] = listed
            ok = key in known or key in draft_keys or key.split()[-1] in draft_keys and " " not in key
            found_docs["found" if ok else "missed"] += 1
            if ok:
                found_distinct.add(key)
    listed_keys = set(listed_all)
    surnames = {k.split()[0] if " " in k else k for k in listed_keys} | listed_keys
    false = [e for e in drafted if fold(e["surname"]) not in surnames and fold(
        f"{e['surname']} {e.get('forenames', '')}".strip()) not in listed_keys]
    return {"listed": len(listed_keys), "found": len(found_distinct),
            "missed": sorted(listed_all[k] for k in listed_keys - found_distinct),
            "mentions": sum(found_docs.values()), "mentions_found": found_docs["found"],
            "drafted": len(drafted), "false": [f"{e['id']}" for e in false]}


def main() -> None:
    items, people = measure()
    by_kind: dict[str, Counter] = {}
    for item in items:
        by_kind.setdefault(item.kind, Counter())[item.status] += 1
    total = Counter(item.status for item in items)
    print(f"{'class':<12} {'right':>6} {'warned':>7} {'silent':>7}")
    for kind, counts in sorted(by_kind.items()):
        print(f"{kind:<12} {counts['right']:>6} {counts['warned']:>7} {counts['silent']:>7}")
    print(f"{'all':<12} {total['right']:>6} {total['warned']:>7} {total['silent']:>7}")
    for item in items:
        if item.status != "right":
            print(f"  {item.status}: {item.file}: {item.kind}: {item.what}")
    print(f"persons listed: {people['listed']} distinct, found {people['found']} "
          f"({100 * people['found'] / max(1, people['listed']):.0f}%); mentions {people['mentions_found']}/"
          f"{people['mentions']}; missed: {', '.join(people['missed'])}")
    print(f"draft entries: {people['drafted']}, false: {people['false'] or 'none'}")


if __name__ == "__main__":
    main()
