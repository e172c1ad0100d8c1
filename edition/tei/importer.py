"""``edition import FILE.xml``: TEI files in, the edition's YAML source written, problems at file.xml:line:col.

``read_tei`` reads one parsed file into an ``Imported`` (edition fields,
persons, documents): a ``teiCorpus`` this tool exported is read back exactly
(``corpus``); otherwise every ``div type="document"`` is a FRUS document
(``frus``), and failing those every ``TEI`` is one document.  Persons come
from the file's ``listPerson`` or FRUS list of persons (``persons``): all of
them from our own export, those the documents name from anything else.

``import_tei_files`` is the command: documents go to the output folder
(``source/documents`` by default), ``persons.yaml`` and ``edition.yaml``
beside it are written when absent; an existing ``persons.yaml`` gets the new
persons appended (or, with ``--draft-persons FILE``, they go to that file).
An existing document is overwritten only with ``--force``.  Exit codes: 0
written (warnings or not), 1 a file could not be read or a document exists.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from lxml import etree

from ..diagnostics import Diagnostics, SourcePos
from ..model import Person
from . import corpus, frus
from .ids import TEI_NS, XML_ID
from .persons import PersonEntry, assign_ids, person_data, read_persons
from .read import Inlines, TeiFile
from .source import document_text, edition_text, merged_persons, persons_text


@dataclass
class Imported:
    source: str
    edition: dict
    persons: list[dict]  # new entries for the authority
    documents: list[tuple[str, dict, str]] = field(default_factory=list)  # (id, fields, opening comment)


def _reuse(people: list[PersonEntry], authority: tuple[Person, ...]) -> dict[str, str]:
    """Persons already in the authority (same surname and forenames): xml:id -> the authority's id."""
    known = {(p.surname, p.forenames): p.id for p in authority}
    return {p.xml_id: known[(p.surname, p.forenames)] for p in people if (p.surname, p.forenames) in known}


def read_tei(file: TeiFile, authority: tuple[Person, ...] = ()) -> Imported:
    people = read_persons(file)
    reused = _reuse(people, authority)
    fresh = [p for p in people if p.xml_id not in reused]
    ids = {**assign_ids(fresh, {p.id for p in authority}), **reused}
    if file.ours:
        teis = list(file.root.iter(f"{{{TEI_NS}}}TEI"))
        docs = [(tei, tei.get("n") or f"document-{i}") for i, tei in enumerate(teis, 1)]
        targets = _our_targets(docs)
    else:
        docs = frus.document_ids(file) or frus.generic_documents(file)
        targets = _frus_targets(docs) if frus.document_ids(file) else {}
    out = Imported(file.shown, {}, [])
    mentioned: set[str] = set()
    for el, doc_id in docs:
        inlines = Inlines(file, ids, targets, exact=file.ours)
        if file.ours:
            data, preamble = corpus.document_data(el, inlines, ids)
        elif targets:
            data, preamble = frus.document_data(file, el, doc_id, inlines), _preamble(file, el)
        else:
            data, preamble = frus.generic_data(file, el, inlines), _preamble(file, el)
        mentioned |= inlines.mentioned
        out.documents.append((doc_id, data, preamble))
    names = [d for d, _data, _p in out.documents]
    out.edition = (corpus.edition_data(file, names, Inlines(file, ids, targets, exact=True)) if file.ours
                   else frus.edition_data(file, names))
    keep = fresh if file.ours else [p for p in fresh if ids[p.xml_id] in mentioned]
    out.persons = [person_data(p, ids) for p in keep]
    return out


def _preamble(file: TeiFile, el: etree._Element) -> str:
    return (f"Imported by `edition import` from {file.shown} (line {file.pos(el).line}).\n"
            f"The text, its notes and its persons are as the file gives them;\n"
            f"review the title, the date and the citation.")


def _our_targets(docs: list[tuple[etree._Element, str]]) -> dict[str, str]:
    targets = {}
    for tei, doc_id in docs:
        targets[tei.get(XML_ID)] = f"doc:{doc_id}"
        for div in tei.iter(f"{{{TEI_NS}}}div"):
            if div.get("type") == "section" and div.get(XML_ID):
                targets[div.get(XML_ID)] = f"section:{doc_id}/{div.get('n')}"
        for note in tei.iter(f"{{{TEI_NS}}}note"):
            if note.get(XML_ID) and (note.get("n") or "").isdigit():
                targets[note.get(XML_ID)] = f"note:{doc_id}/{note.get('n')}"
    return targets


def _frus_targets(docs: list[tuple[etree._Element, str]]) -> dict[str, str]:
    targets = {}
    for div, doc_id in docs:
        if div.get(XML_ID):
            targets[div.get(XML_ID)] = f"doc:{doc_id}"
        for note in div.iter(f"{{{TEI_NS}}}note"):
            if note.get(XML_ID) and (note.get("n") or "").isdigit() and note.get("type") != "source":
                targets[note.get(XML_ID)] = f"note:{doc_id}/{note.get('n')}"
    return targets


# ---------------------------------------------------------------- the command


def import_tei_files(files: list[str], output: Path, *, force: bool = False, persons_path: Path | None = None,
                     draft_persons: Path | None = None, err: TextIO | None = None) -> int:
    """``edition import FILE.xml ...``: 0 when everything was written, 1 when a file failed."""
    from ..importer.command import read_authority
    err = err or sys.stderr
    output = Path(output)
    if output.exists() and not output.is_dir():
        print(f"{output}: error: the output must be a folder", file=err)
        return 2
    authority, code = read_authority(output, persons_path, err)
    if code:
        return code
    root = output.resolve().parent
    status = 0
    for name in files:
        diags = Diagnostics()
        file = TeiFile.load(Path(name), name, diags)
        result = read_tei(file, authority) if file is not None else None
        err.write(diags.format_text())
        if result is None:
            status = 1
            continue
        status |= _write_documents(result, output, force, err)
        _write_persons(result, root / "persons.yaml", draft_persons, err)
        authority = authority + tuple(Person(p["id"], p["surname"], p.get("forenames", ""), SourcePos(name), "", "")
                                      for p in result.persons)
        if not (root / "edition.yaml").exists():
            (root / "edition.yaml").write_text(edition_text(result.edition, name), encoding="utf-8")
            print(f"edition import: wrote {root / 'edition.yaml'}", file=err)
        print(f"edition import: {name}: {len(result.documents)} document(s), {len(result.persons)} new person(s); "
              f"{len(diags.warnings)} warning(s)", file=err)
    if (root / "edition.yaml").exists():
        _check(root, err)
    return status


def _write_documents(result: Imported, output: Path, force: bool, err: TextIO) -> int:
    status = 0
    for doc_id, data, preamble in result.documents:
        target = output / f"{doc_id}.yaml"
        if target.exists() and not force:
            print(f"{result.source}: error: {target} exists; not overwritten (use --force)", file=err)
            status = 1
            continue
        output.mkdir(parents=True, exist_ok=True)
        target.write_text(document_text(data, preamble), encoding="utf-8")
        paragraphs = sum(len(s["paragraphs"]) for s in data["body"])
        print(f"edition import: wrote {target} ({paragraphs} paragraph(s), {len(data.get('notes', []))} note(s))",
              file=err)
    return status


def _write_persons(result: Imported, authority: Path, draft: Path | None, err: TextIO) -> None:
    if not result.persons:
        return
    if draft is None and not authority.exists():
        authority.parent.mkdir(parents=True, exist_ok=True)
        authority.write_text(persons_text(result.persons, result.source), encoding="utf-8")
        print(f"edition import: wrote {authority} ({len(result.persons)} person(s))", file=err)
        return
    merged = merged_persons(authority.read_text(encoding="utf-8"), result.persons, result.source) \
        if draft is None else None
    if merged is not None:
        authority.write_text(merged, encoding="utf-8")
        print(f"edition import: added {len(result.persons)} person(s) to {authority}: "
              + ", ".join(p["id"] for p in result.persons), file=err)
        return
    target = draft or authority.with_name("persons-draft.yaml")
    if draft is None:
        print(f"{authority}: warning: cannot append to it safely; the new persons go to {target}", file=err)
    target.write_text(persons_text(result.persons, result.source), encoding="utf-8")
    print(f"edition import: wrote {len(result.persons)} person(s) to {target}: move them into the authority",
          file=err)


def _check(root: Path, err: TextIO) -> None:
    """What ``edition check`` says of the source now, so that nothing wrong passes unseen."""
    from ..pipeline import prepare
    diags = Diagnostics()
    prepare(root, diags)
    if diags.items:
        err.write(diags.format_text())
    print(f"edition import: {root} now checks with {len(diags.errors)} error(s), {len(diags.warnings)} warning(s)",
          file=err)
