"""Truncation: the imported parts in, the places where the text breaks off (reported at their line) out.

Stored web copies are often cut short: the document stops mid-word ("The
correct cour"), a note or the summary mid-sentence, or the page ends with its
"[Show full text]" link.  A text breaks off when it ends with a letter (and
is more than a signature: its last word in lower case, eight words and more, or a first
word that opens a sentence, "The Minister") or
with a comma, a dash or an opening bracket.  In the web page's matter, only
a last word in lower case counts ("To enquire abou"): its lists of titles
end without punctuation.  Each place found is a warning at
the line where the text stops, and the emitted source marks it with the
editorial sign ``[]{.gap reason="text breaks off"}``, which prints "[text
breaks off]".  A break in the web page's matter after the document is only
reported (the document itself is whole as far as it goes).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .notes import SourceNote
from .passage import Leftover, Passage

GAP_SIGN = '[]{.gap reason="text breaks off"}'
_OPEN = ",;-–—(["
_SENTENCE_OPENERS = {"the", "a", "an", "in", "on", "as", "he", "she", "it", "we", "they", "this", "that", "there",
                     "after", "when", "if", "but", "and"}


@dataclass(frozen=True, slots=True)
class Truncation:
    """Where the text breaks off: ``body`` (its last paragraph), ``summary``, or ``note`` (``number``)."""

    place: str
    number: int = 0


def breaks_off(text: str) -> bool:
    """Whether ``text`` stops mid-word or mid-sentence, by the rule in the module's docstring."""
    text = text.rstrip()
    if not text:
        return False
    last = text[-1]
    if last in _OPEN:
        return True
    if not last.isalpha():
        return False
    words = text.split()
    return (words[-1].lstrip("—–-([\"“‘'")[:1].islower() or len(words) >= 8
            or words[0].lower() in _SENTENCE_OPENERS)


def find_truncations(body: Sequence[Passage], summary: Sequence[Passage], notes: Sequence[SourceNote],
                     leftovers: Sequence[Leftover], last_line: int, cut_short: int, warn) -> tuple[Truncation, ...]:
    """The places that break off, each reported with ``warn((line, col), message, code, field)``."""
    found: list[Truncation] = []

    def report(p: Passage, what: str, field: str | None) -> None:
        tail = " ".join(p.text.split()[-4:])
        warn(p.where(len(p.text.rstrip()) - 1), f'{what} breaks off here ("…{tail}"): the sign "[text breaks off]" '
                                                 f'is added', "import-truncated", field)

    if summary and breaks_off(summary[-1].text):
        report(summary[-1], "the summary", "summary")
        found.append(Truncation("summary"))
    for note in notes:
        if breaks_off(note.text.text):
            report(note.text, f"note {note.number}", None)
            found.append(Truncation("note", note.number))
    if body and cut_short:
        warn((cut_short, 1), 'the web page\'s copy stops here ("[Show full text]"): the sign "[text breaks off]" is '
                             'added to the last paragraph', "import-truncated", None)
        found.append(Truncation("body"))
    elif body and body[-1].last_line == last_line and breaks_off(body[-1].text):
        report(body[-1], "the document", None)
        found.append(Truncation("body"))
    else:
        piece = next((lo.passage for lo in leftovers if lo.passage and lo.passage.last_line == last_line), None)
        if piece is not None and breaks_off(piece.text) and piece.text.split()[-1][:1].islower():
            tail = " ".join(piece.text.split()[-4:])
            warn(piece.where(len(piece.text.rstrip()) - 1), f'the input breaks off in text kept in unparsed '
                                                            f'("…{tail}"): the stored copy is cut short',
                 "import-truncated", None)
    return tuple(found)
