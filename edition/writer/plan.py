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
class LayoutPlan:
    relaxed: frozenset[str] = frozenset()
    splits: dict[str, tuple[int, ...]] = field(default_factory=dict)  # note anchor -> first word of each part
    continuations: tuple[Continuation, ...] = ()
    marked: frozenset[str] = frozenset()  # paragraphs (anchors) whose words are marked
    calls: dict[str, int] = field(default_factory=dict)  # a split note -> the page its call must stay on

    def as_data(self) -> dict:
        """The plan as plain data (JSON) for the plan cache; ``from_data`` reads it back."""
        return {"relaxed": sorted(self.relaxed), "splits": {k: list(v) for k, v in sorted(self.splits.items())},
                "continuations": [[c.note, c.part, c.block, c.word] for c in self.continuations],
                "marked": sorted(self.marked), "calls": dict(sorted(self.calls.items()))}

    @classmethod
    def from_data(cls, data: dict) -> "LayoutPlan":
        return cls(frozenset(data["relaxed"]), {k: tuple(v) for k, v in data["splits"].items()},
                   tuple(Continuation(*c) for c in data["continuations"]), frozenset(data["marked"]),
                   dict(data["calls"]))

    def relaxing(self, more: frozenset[str]) -> "LayoutPlan":
        return replace(self, relaxed=self.relaxed | more)

    def at_end(self, end: str) -> tuple[Continuation, ...]:
        """The continuations set after a document's end (``end``: its anchor), each on a page of its own."""
        return tuple(c for c in self.continuations if c.block == end)

    def words_of(self, block: str) -> "BlockWords | None":
        """What the writer marks and inserts among the words of paragraph ``block`` (None: nothing)."""
        inserts = [c for c in self.continuations if c.block == block]
        if not inserts and block not in self.marked:
            return None
        before: dict[int, list[Continuation]] = {}
        for c in inserts:
            before.setdefault(c.word, []).append(c)
        return BlockWords(anchors.word_prefix(block) if block in self.marked else "", before)


@dataclass
class BlockWords:
    """One paragraph's (or note's) share of the plan, and the count of its words as they are written."""

    prefix: str  # marker ids are prefix + word number; "" marks nothing
    before: dict[int, list[Continuation]]
    counter: WordCounter = field(default_factory=WordCounter)
