"""Synthetic editions for the benchmark: N documents derived from the real one.

    python bench/generate.py N OUT [--seed S] [--source source]

writes ``OUT/edition.yaml`` (the real one without its ``documents:`` list, so
every file is taken in date order), ``OUT/persons.yaml`` (the real
authority) and ``OUT/documents/<date>-session-<k>.yaml`` for k = 1..N.

Each synthetic document is the real document of ``source/documents/``
varied deterministically (seeded by the seed and k):

- its own id and file name, a date spread over 1956, the dateline, title and
  short title carrying its number;
- the paragraphs of each section shuffled, and the sentences of every
  paragraph and of every note shuffled; a note call stays attached to the
  sentence it follows, so every note is still called exactly once;
- the notes renumbered 1..M in the order of their first call (the reader
  wants each note called exactly once; the numbers then read in order);
- every name, editorial sign and ``external_notes`` kept, so the index and
  the checks see what they see in the real document.

Importing this module has no side effects; ``generate()`` does the work.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import random
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "source"
DEFAULT_SEED = 1956

NOTE_CALL = re.compile(r"\[\^(\d+)\]")
# a sentence ends at . ! ? (then an optional note call and closing quote or parenthesis), before a space
# and a capital letter or an opening quote
BOUNDARY = re.compile(r"(?<=[.!?])((?:\[\^\d+\])?[\"”)]?)\s+(?=[\"“]?[A-Z])")
ABBREVIATIONS = {"cde.", "cdes.", "p.m.", "a.m.", "f.", "op.", "d.", "ll.", "l.", "p.", "no.", "g.", "tov.",
                 "dr.", "mr.", "st.", "vol.", "nos.", "pp."}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


# ---------------------------------------------------------------- text variation

def _bracket_depths(text: str) -> list[int]:
    """Depth of editorial brackets ``[...]`` before each character (escaped brackets ignored)."""
    depths, depth, escaped = [], 0, False
    for ch in text:
        depths.append(depth)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
    depths.append(depth)
    return depths


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph; a note call stays with the sentence it follows.

    Never splits inside an editorial span (``[...]{...}``) nor after an abbreviation
    ("Cde.", "F.", "Ll.", an initial)."""
    text = " ".join(str(text).split())
    depths = _bracket_depths(text)
    sentences, start = [], 0
    for m in BOUNDARY.finditer(text):
        if depths[m.start()] or depths[m.end()]:
            continue
        before = re.split(r"[\s—(\[]", text[start:m.start()])[-1].lower()
        if before in ABBREVIATIONS or re.fullmatch(r"[a-z]\.", before):
            continue
        sentences.append(text[start:m.end(1)])
        start = m.end()
    sentences.append(text[start:])
    return [s for s in sentences if s]


def shuffle_sentences(text: str, rng: random.Random) -> str:
    sentences = split_sentences(text)
    rng.shuffle(sentences)
    return " ".join(sentences)


# ---------------------------------------------------------------- one document

def _paragraph_text(p) -> str:
    return p if isinstance(p, str) else str(p.get("text", ""))


def _renumber(doc: dict) -> None:
    """Renumber the notes 1..M in the order of their first call (title, headings, speakers, paragraphs)."""
    order: list[int] = []

    def seen(text) -> None:
        for m in NOTE_CALL.finditer(str(text or "")):
            n = int(m.group(1))
            if n not in order:
                order.append(n)

    seen(doc.get("title"))
    for section in doc.get("body", []):
        seen(section.get("heading"))
        for p in section.get("paragraphs", []):
            if isinstance(p, dict):
                seen(p.get("speaker"))
            seen(_paragraph_text(p))
    new = {old: i for i, old in enumerate(order, 1)}
    for note in doc.get("notes", []):  # a note never called keeps its place after the called ones
        if note["n"] not in new:
            new[note["n"]] = len(new) + 1

    def sub(text):
        return NOTE_CALL.sub(lambda m: f"[^{new.get(int(m.group(1)), int(m.group(1)))}]", text) if text else text

    doc["title"] = sub(doc.get("title"))
    for section in doc.get("body", []):
        if section.get("heading"):
            section["heading"] = sub(section["heading"])
        paragraphs = []
        for p in section.get("paragraphs", []):
            if isinstance(p, str):
                paragraphs.append(sub(p))
            else:
                p = dict(p)
                for key in ("speaker", "text"):
                    if p.get(key):
                        p[key] = sub(p[key])
                paragraphs.append(p)
        section["paragraphs"] = paragraphs
    for note in doc.get("notes", []):
        note["n"] = new[note["n"]]
    doc["notes"] = sorted(doc.get("notes", []), key=lambda n: n["n"])


def _date(k: int, n: int) -> _dt.date:
    """The k-th of n dates spread over 1956 (a leap year: 366 days)."""
    return _dt.date(1956, 1, 1) + _dt.timedelta(days=(k - 1) * 366 // max(n, 1))


def vary_document(real: dict, k: int, n: int, seed: int = DEFAULT_SEED) -> tuple[str, dict]:
    """The k-th of n synthetic documents: (file name, document data)."""
    rng = random.Random(f"edition-bench-{seed}-{k}")
    doc = {key: value for key, value in real.items()}
    date = _date(k, n)
    day = f"{date.day} {MONTHS[date.month - 1]} 1956"
    doc["title"] = f"Working Notes from Session {k} of the CPSU CC Presidium, {day}"
    doc["short_title"] = f"Presidium session {k}, {day}"
    doc["date"] = date
    doc["dateline"] = f"{MONTHS[date.month - 1]} {date.day}, 1956"
    body = []
    for section in real.get("body", []):
        section = dict(section)
        paragraphs = []
        for p in section.get("paragraphs", []):
            if isinstance(p, str):
                paragraphs.append(shuffle_sentences(p, rng))
            else:
                p = dict(p)
                if p.get("text"):
                    p["text"] = shuffle_sentences(p["text"], rng)
                paragraphs.append(p)
        rng.shuffle(paragraphs)
        section["paragraphs"] = paragraphs
        body.append(section)
    doc["body"] = body
    notes = []
    for note in real.get("notes", []):
        note = dict(note)
        note["text"] = shuffle_sentences(note["text"], rng)
        notes.append(note)
    doc["notes"] = notes
    _renumber(doc)
    return f"{date.isoformat()}-session-{k}.yaml", doc


# ---------------------------------------------------------------- the edition

def _dump(data, path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=yaml.SafeDumper, default_flow_style=False, allow_unicode=True,
                              sort_keys=False, width=100), encoding="utf-8")


def real_document(source: Path = DEFAULT_SOURCE) -> dict:
    paths = sorted((Path(source) / "documents").glob("*.yaml"))
    if not paths:
        raise FileNotFoundError(f"no document in {source}/documents")
    return yaml.safe_load(paths[0].read_text(encoding="utf-8"))


def generate(n: int, out: Path, seed: int = DEFAULT_SEED, source: Path = DEFAULT_SOURCE) -> Path:
    """Write a synthetic edition of ``n`` documents to ``out`` (replacing its documents/); return ``out``."""
    source, out = Path(source), Path(out)
    meta = yaml.safe_load((source / "edition.yaml").read_text(encoding="utf-8"))
    meta.pop("documents", None)
    meta["title"] = f"{meta.get('title', 'Edition')} (benchmark, {n} documents)"
    real = real_document(source)
    docs = out / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.yaml"):
        old.unlink()
    _dump(meta, out / "edition.yaml")
    (out / "persons.yaml").write_text((source / "persons.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for k in range(1, n + 1):
        name, doc = vary_document(real, k, n, seed)
        _dump(doc, docs / name)
    return out


def validate(out: Path) -> list[str]:
    """The errors ``edition check`` finds in a generated edition (none expected)."""
    from edition.diagnostics import Diagnostics
    from edition.pipeline import prepare
    diags = Diagnostics()
    edition = prepare(Path(out), diags)
    problems = [str(d) for d in diags.errors]
    if edition is None and not problems:
        problems.append(f"{out}: the edition did not load")
    return problems


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of documents")
    p.add_argument("out", type=Path, help="edition folder to write")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the real edition (default: source/)")
    p.add_argument("--no-validate", action="store_true")
    args = p.parse_args(argv)
    generate(args.n, args.out, args.seed, args.source)
    if not args.no_validate:
        problems = validate(args.out)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
    print(f"wrote {args.n} document(s) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
