"""The layout plan: what the note placement asks of the HTML writer, beyond the model.

Takes nothing; gives ``LayoutPlan``: the paragraphs that give up widow and
orphan control, the notes split into parts (the first word of each part), where
each continuation of a split note stands in the text (before which word of
which paragraph: on the page its part must begin), and the paragraphs whose
words are marked with empty anchors so that the layout can tell on which line
and page each word fell.  The empty plan writes the HTML as the model alone
would.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import anchors
from ..words import WordCounter


@dataclass(frozen=True)
class Continuation:
    """Part ``part`` (2, 3, ...) of a split note, set at the foot of the page where word ``word`` of
    paragraph ``block`` stands."""

    note: str  # the note's anchor
    part: int
    block: str
    word: int


@dataclass(frozen=True)
class ApparatusBlock:
    """The critical apparatus of one page: its entries (the entry's anchor and the lines of its lemma), set
    at the foot of the page where word ``word`` of paragraph ``block`` stands (the page's first), above the
    page's notes; ``pad`` points of space above it keep a page whose last line would swing between pages."""

    block: str
    word: int
    entries: tuple[tuple[str, int, int], ...]
    pad: float = 0.0


@dataclass(frozen=True)
class LineMark:
    """The number of a line of the text, printed in the outer margin: set with word ``word`` of paragraph
    ``block`` (a word that begins on that line), ``dx`` CSS px from where the word begins to where the
    number's box begins; ``side`` "left" (a verso's outer margin: the number set flush right) or "right"."""

    block: str
    word: int
    number: int
    dx: float
    side: str


@dataclass(frozen=True)
class LayoutPlan:
    relaxed: frozenset[str] = frozenset()
    splits: dict[str, tuple[int, ...]] = field(default_factory=dict)  # note anchor -> first word of each part
    continuations: tuple[Continuation, ...] = ()
    marked: frozenset[str] = frozenset()  # paragraphs (anchors) whose words are marked
    calls: dict[str, int] = field(default_factory=dict)  # a split note -> the page its call must stay on
    apparatus: tuple[ApparatusBlock, ...] = ()  # the critical apparatus, page by page
    line_marks: tuple[LineMark, ...] = ()  # the line numbers in the margin
    spanned: frozenset[str] = frozenset()  # paragraphs whose words are set in spans as marked, without ids

    def as_data(self) -> dict:
        """The plan as plain data (JSON) for the plan cache; ``from_data`` reads it back."""
        return {"relaxed": sorted(self.relaxed), "splits": {k: list(v) for k, v in sorted(self.splits.items())},
                "continuations": [[c.note, c.part, c.block, c.word] for c in self.continuations],
                "marked": sorted(self.marked), "calls": dict(sorted(self.calls.items())),
                "apparatus": [[a.block, a.word, [list(e) for e in a.entries], a.pad] for a in self.apparatus],
                "line_marks": [[m.block, m.word, m.number, m.dx, m.side] for m in self.line_marks],
                "spanned": sorted(self.spanned)}

    @classmethod
    def from_data(cls, data: dict) -> "LayoutPlan":
        return cls(frozenset(data["relaxed"]), {k: tuple(v) for k, v in data["splits"].items()},
                   tuple(Continuation(*c) for c in data["continuations"]), frozenset(data["marked"]),
                   dict(data["calls"]), tuple(ApparatusBlock(b, w, tuple(tuple(e) for e in entries), pad)
                                              for b, w, entries, pad in data.get("apparatus", ())),
                   tuple(LineMark(*m) for m in data.get("line_marks", ())), frozenset(data.get("spanned", ())))

    def relaxing(self, more: frozenset[str]) -> "LayoutPlan":
        return replace(self, relaxed=self.relaxed | more)

    def at_end(self, end: str) -> tuple[Continuation, ...]:
        """The continuations set after a document's end (``end``: its anchor), each on a page of its own."""
        return tuple(c for c in self.continuations if c.block == end)

    def words_of(self, block: str) -> "BlockWords | None":
        """What the writer marks and inserts among the words of paragraph ``block`` (None: nothing)."""
        inserts: list[Continuation | ApparatusBlock] = [c for c in self.continuations if c.block == block]
        inserts += [a for a in self.apparatus if a.block == block]  # after the continuations set there
        numbers = {m.word: m for m in self.line_marks if m.block == block}
        if not inserts and not numbers and block not in self.marked and block not in self.spanned:
            return None
        before: dict[int, list[Continuation | ApparatusBlock]] = {}
        for c in inserts:
            before.setdefault(c.word, []).append(c)
        return BlockWords(anchors.word_prefix(block) if block in self.marked else "", before, numbers,
                          spans=block in self.spanned)


@dataclass
class BlockWords:
    """One paragraph's (or note's) share of the plan, and the count of its words as they are written."""

    prefix: str  # marker ids are prefix + word number; "" marks nothing
    before: dict[int, list["Continuation | ApparatusBlock"]]
    numbers: dict[int, LineMark] = field(default_factory=dict)  # word -> the line number set with it
    spans: bool = False  # each word's beginning in a span without an id (the boxes of a marked layout)
    counter: WordCounter = field(default_factory=WordCounter)
