"""Note series: the registry of the kinds of note an edition prints.

Takes nothing; gives ``NoteSeries`` (how a series is called in the source, how
its notes are anchored, numbered, marked and placed) and ``SERIES``, the
registry.  Today's translator's or editor's notes are the one series
``notes``: called ``[^3]``, numbered as the source numbers them (or
continuously through the volume), marked with arabic numbers and set at the
foot of the page of their call.  A new series is one more entry here and the
code that reads its markup: the critical apparatus (``apparatus``) is one,
its entries (``[lemma]{.app ...}``) anchored ``<document>-a<k>``, marked by
line number and set as a block at the foot of the page of their lemma.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NoteSeries:
    name: str
    anchor_prefix: str  # a note's anchor is "<document id>-<prefix><label>"
    html_class: str  # the class of its notes' element in the HTML (the layout and the verification read it)
    placement: str = "foot"  # at the foot of the page of its call ("page-block": run in, one block a page)
    marker: str = "arabic"  # how the call and the note are marked ("line": by the line number of the lemma)
    numbering: str = "source"  # as the source numbers them ("continuous" may be asked for per edition)


NOTES = NoteSeries("notes", anchor_prefix="n", html_class="fn")
APPARATUS = NoteSeries("apparatus", anchor_prefix="a", html_class="app-entry", placement="page-block", marker="line")
SERIES: dict[str, NoteSeries] = {NOTES.name: NOTES, APPARATUS.name: APPARATUS}
DEFAULT = NOTES.name


def series_named(name: str) -> NoteSeries:
    return SERIES[name]
