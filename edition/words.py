"""Words of a run of inlines: the one definition the layout, the writer and the note splitter share.

Takes runs of inline nodes; gives ``WordCounter`` (where each word of a text
begins, counting on across the nodes of a run: "*Pravda*'s" is one word) and
``split_inlines``, which cuts a run before its k-th word (0-based) into two
runs, keeping every node: containers (emphasis, a person mention, a sign) cut
in two hold their own part of the text on each side.  A word is a run of
characters that are not whitespace; a no-break space joins words.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .model import CONTAINERS, Inline, Text

SPACES = frozenset(" \t\n\r\f\v")


@dataclass
class WordCounter:
    """Counts words across the texts of a run, in order; ``count`` is the number of words begun so far."""

    count: int = 0
    at_space: bool = True  # the text so far ends with whitespace (or nothing): a letter now begins a word

    def starts(self, text: str) -> list[int]:
        """The offsets in ``text`` where a word begins (the counter moves past them)."""
        out = []
        for i, ch in enumerate(text):
            if ch in SPACES:
                self.at_space = True
            elif self.at_space:
                out.append(i)
                self.at_space = False
        self.count += len(out)
        return out


def count_words(nodes: tuple[Inline, ...]) -> int:
    counter = WordCounter()
    _walk_texts(nodes, counter)
    return counter.count


def _walk_texts(nodes: tuple[Inline, ...], counter: WordCounter) -> None:
    for node in nodes:
        if isinstance(node, Text):
            counter.starts(node.value)
        elif isinstance(node, CONTAINERS):
            _walk_texts(node.children, counter)


def split_inlines(nodes: tuple[Inline, ...], k: int) -> tuple[tuple[Inline, ...], tuple[Inline, ...]]:
    """``nodes`` cut before word ``k``: (the words before it, the rest).  Whitespace at the cut stays with the
    first run; the second begins with word ``k``."""
    counter = WordCounter()
    first, rest = _split(nodes, k, counter)
    return tuple(first), tuple(rest)


def _split(nodes: tuple[Inline, ...], k: int, counter: WordCounter) -> tuple[list[Inline], list[Inline]]:
    first: list[Inline] = []
    rest: list[Inline] = []
    for node in nodes:
        if rest or counter.count > k:  # past the cut
            rest.append(node)
            continue
        if isinstance(node, Text):
            before = counter.count
            starts = counter.starts(node.value)
            if before + len(starts) > k:  # word k begins in this text
                cut = starts[k - before]
                if cut:
                    first.append(replace(node, value=node.value[:cut]))
                rest.append(replace(node, value=node.value[cut:]))
            else:
                first.append(node)
        elif isinstance(node, CONTAINERS):
            inner_first, inner_rest = _split(node.children, k, counter)
            if inner_first:
                first.append(replace(node, children=tuple(inner_first)))
            if inner_rest:
                rest.append(replace(node, children=tuple(inner_rest)))
        else:
            first.append(node)
    return first, rest
