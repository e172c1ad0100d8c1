"""``edition import``: file names in, source documents (and a draft of new persons) written, an exit code out.

Each input is read (``reading``: encoding found, limits kept, a file that is
not text refused), imported (``import_text``), and written as one document in
the output folder, never over an existing file unless forced.  Warnings and a
report go to standard error.  With ``--draft-persons``, the names of persons
not in the authority, from all inputs together, are written as draft authority
entries (``drafts.draft_entries``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..diagnostics import Diagnostics, SourcePos
from ..model import Person
from .drafts import draft_entries
from .reading import InputText, ReadError, read_input, read_stream


def import_files(files: list[str], output: Path, *, force: bool = False, persons_path: Path | None = None,
                 draft_persons: Path | None = None, stdin: TextIO | None = None, err: TextIO | None = None) -> int:
    """``edition import``: 0 when every document was written, 1 when an input or output failed, 2 usage."""
    from . import import_text
    err = err or sys.stderr
    stdin = stdin or sys.stdin
    output = Path(output)
    if output.exists() and not output.is_dir():
        print(f"{output}: error: the output must be a folder", file=err)
        return 2
    persons, code = read_authority(output, persons_path, err)
    if code:
        return code
    status = 0
    written: dict[str, str] = {}
    unknown: list = []
    for name in files:
        diags = Diagnostics()
        shown = "<stdin>" if name == "-" else name
        try:
            read = _read_stdin(stdin) if name == "-" else read_input(Path(name))
        except ReadError as exc:
            where = f"{shown}:{exc.line}:1" if exc.line else shown
            print(f"{where}: error: {exc}", file=err)
            status = 1
            continue
        except OSError as exc:
            print(f"{shown}: error: cannot read: {exc.strerror or exc}", file=err)
            status = 1
            continue
        if read.guess:
            diags.warning(SourcePos(shown, read.guess_line, 1), read.guess, code="import-encoding")
        result = import_text(read.text, shown, persons, diags)
        target = output / result.file_name
        err.write(diags.format_text())
        if result.file_name in written:
            print(f"{shown}: error: {target} was just written from {written[result.file_name]}; not overwritten",
                  file=err)
            status = 1
            continue
        if target.exists() and not force:
            print(f"{shown}: error: {target} exists; not overwritten (use --force)", file=err)
            status = 1
            continue
        output.mkdir(parents=True, exist_ok=True)
        target.write_text(result.yaml, encoding="utf-8")
        written[result.file_name] = shown
        draft = result.draft
        print(f"edition import: wrote {target} ({len(draft.body)} paragraph(s), {len(draft.notes)} note(s), "
              f"{len(draft.unparsed)} unparsed piece(s); {len(diags.warnings)} warning(s))", file=err)
        if result.names.known:
            print("  persons of the authority: " + ", ".join(f"{p.person_id} ({p.count})" for p in result.names.known),
                  file=err)
        if result.names.unknown:
            print("  names not in the authority: " + "; ".join(f"{c.name} ({shown}:{c.line})"
                                                             for c in result.names.unknown), file=err)
        unknown.extend((shown, c) for c in result.names.unknown)
    if draft_persons is not None:
        if draft_persons.exists() and not force:
            print(f"{draft_persons}: error: exists; not overwritten (use --force)", file=err)
            return 1
        text, count = draft_entries(unknown, persons)
        draft_persons.parent.mkdir(parents=True, exist_ok=True)
        draft_persons.write_text(text, encoding="utf-8")
        print(f"edition import: wrote {count} draft person(s) to {draft_persons}", file=err)
    return status


def _read_stdin(stdin: TextIO) -> InputText:
    raw = getattr(stdin, "buffer", None)
    if raw is not None:
        return read_stream(raw)
    return InputText(stdin.read())


def read_authority(output: Path, persons_path: Path | None, err: TextIO) -> tuple[tuple[Person, ...], int]:
    """The persons of the authority: --persons (an edition folder or any persons file), else beside the output."""
    from ..reader import read_persons
    if persons_path is None:
        persons_path = output.resolve().parent
        if not (persons_path / "persons.yaml").is_file():
            return (), 0
    persons_path = Path(persons_path)
    if persons_path.is_file() and persons_path.suffix not in (".yaml", ".yml"):
        print(f"{persons_path}: error: --persons takes an edition's folder or a persons YAML file", file=err)
        return (), 2
    if not persons_path.exists():
        print(f"{persons_path}: error: no such file or folder", file=err)
        return (), 1
    if persons_path.is_dir() and not (persons_path / "persons.yaml").is_file():
        print(f"{persons_path}: error: no persons.yaml there", file=err)
        return (), 1
    diags = Diagnostics()
    persons = tuple(read_persons(persons_path, diags))
    if diags.errors:
        err.write(diags.format_text())
    return persons, 0
