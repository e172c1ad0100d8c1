"""The source's fields of editorial apparatus: YAML values in, model values out, problems to diagnostics.

Takes the values the reader found (with their positions); gives:

- ``read_paragraphs``: the paragraphs of a several-paragraph field
  (``method:`` of edition.yaml, ``interventions:`` of a document) parsed as
  inline markup;
- ``read_external_notes``: a note's ``external_notes``, either a list of the
  numbers of another numbering that this edition lacks (``[33]``) or a mapping
  of such numbers to this document's own notes (``{33: 9}``; a number mapped
  to nothing, ``{41: null}``, is one the edition lacks);
- ``check_mapped_notes``: every mapped note is a note of the document;
- ``read_document_heading``: edition.yaml's ``document_heading``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence, cast

from .diagnostics import Diagnostics, SourcePos, did_you_mean
from .markup import InlineContext, parse_inline
from .model import Note, Paragraph
from .yamlsource import Scalar, YList, YMap, YStr

DOCUMENT_HEADINGS = ("citation", "frus")


def read_paragraphs(texts: Sequence[str], diags: Diagnostics, ctx: InlineContext) -> tuple[Paragraph, ...]:
    """Each paragraph of a several-paragraph field (the reader's strings, one a paragraph, that know their
    position), parsed as inline markup."""
    return tuple(Paragraph(parse_inline(t, t.pos, diags, ctx), t.pos) for t in (cast(YStr, x) for x in texts))


@dataclass(frozen=True)
class ExternalNotes:
    """A note's citations of another numbering: the numbers this edition lacks, and those it maps."""

    lacking: tuple[int, ...] = ()
    mapped: tuple[tuple[int, int], ...] = ()
    positions: tuple[SourcePos, ...] = ()  # where each mapped number's own note is named


def _number(value: Any) -> int | None:
    if isinstance(value, Scalar) and isinstance(value.value, int) and not isinstance(value.value, bool):
        return value.value
    return None


def read_external_notes(value: Any, pos: SourcePos, diags: Diagnostics) -> ExternalNotes:
    """``external_notes`` of a note: a list of numbers, or a mapping of numbers to this document's notes."""
    if value is None:
        return ExternalNotes()
    if isinstance(value, YList):
        lacking = []
        for item in value:
            if _number(item) is None:
                diags.error(getattr(item, "pos", pos), "external_notes lists note numbers (whole numbers)",
                            code="type")
            else:
                lacking.append(_number(item))
        return ExternalNotes(lacking=tuple(n for n in lacking if n is not None))
    if isinstance(value, YMap):
        lacking, mapped, positions = [], [], []
        for key, own in value.items():
            if not key.isdigit():
                diags.error(value.key_pos[key], f'external_notes maps note numbers of another numbering to this '
                                                f'document\'s notes ({{33: 9}}); "{key}" is no number', code="type")
                continue
            if own is None or (isinstance(own, Scalar) and own.value is None):
                lacking.append(int(key))
            elif _number(own) is None:
                diags.error(value.pos_of(key), f"external_notes: note {key} of the other numbering must map to a "
                                               f"note number of this document (or to null: the edition lacks it)",
                            code="type")
            else:
                mapped.append((int(key), _number(own)))
                positions.append(value.pos_of(key))
        return ExternalNotes(tuple(lacking), tuple(mapped), tuple(positions))  # type: ignore[arg-type]
    diags.error(getattr(value, "pos", pos), "external_notes is a list of note numbers ([33]) or a mapping of them "
                                            "to this document's notes ({33: 9})", code="type")
    return ExternalNotes()


def check_mapped_notes(notes: dict[str, Note], where: dict[str, tuple[SourcePos, ...]], diags: Diagnostics) -> None:
    """Every note that ``external_notes`` maps to is a note of the document (``where``: note label -> the
    positions of its mapped numbers, in order)."""
    numbers = {note.number for note in notes.values()}
    for label, note in notes.items():
        for (theirs, own), at in zip(note.mapped_notes, where.get(label, ())):
            if own not in numbers:
                diags.error(at, f"external_notes maps note {theirs} to note {own}, which this document does not "
                                f"have{did_you_mean(str(own), [str(n) for n in sorted(numbers)])}",
                            code="note-reference")


def read_document_heading(value: str, pos: SourcePos, diags: Diagnostics) -> str:
    if not value:
        return DOCUMENT_HEADINGS[0]
    if value not in DOCUMENT_HEADINGS:
        diags.error(pos, f'document_heading must be "citation" or "frus", not "{value}"'
                         f'{did_you_mean(value, DOCUMENT_HEADINGS)}', code="type")
        return DOCUMENT_HEADINGS[0]
    return value
