"""The critical apparatus as printed: a page's entries in, the HTML of its apparatus block out.

Takes an ``ApparatusBlock`` of the layout plan (the page's entries, each with
the printed lines of its lemma) and the document's entries by anchor; gives the
block as a ``float: footnote`` element, set at the foot of its page above the
page's notes, its entries run in, in line order, each as the critical editions
print them (``12 firmly] strongly H``):

- the line number of the lemma (``12``, ``12–13`` for a lemma across two lines);
- the lemma (its first and last words around an ellipsis when it is longer
  than four words), with the lemma's witnesses when the source names them;
- ``]``, then each reading with its witnesses' sigla: a replacement as it reads,
  an omission as *om.*, an addition as *add.* and the words added;
- the editor's note, in parentheses;

entries separated by a spaced vertical bar.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .. import anchors
from ..model import App, Reading, plain_text
from ..series import APPARATUS
from .plan import ApparatusBlock

EN_DASH = "\u2013"
SHORT_LEMMA = 4  # words; a longer lemma is cited by its first and last words


def lines_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}{EN_DASH}{last}"


def lemma_text(app: App) -> str:
    words = plain_text(app.children).split()
    return " ".join(words) if len(words) <= SHORT_LEMMA else f"{words[0]} \u2026 {words[-1]}"


def _reading(reading: Reading) -> Markup:
    sigla = Markup('<span class="sigla">%s</span>') % " ".join(reading.witnesses)
    if reading.kind == "om":
        return Markup("<i>om.</i> %s") % sigla
    if reading.kind == "add":
        return Markup("<i>add.</i> %s %s") % (reading.text, sigla)
    return Markup("%s %s") % (reading.text, sigla)


def entry_html(app: App, first: int, last: int) -> Markup:
    """One entry: ``12 firmly] strongly H``."""
    lemma = escape(lemma_text(app))
    if app.lemma_witnesses:
        lemma = Markup('%s <span class="sigla">%s</span>') % (lemma, " ".join(app.lemma_witnesses))
    readings = Markup("; ").join(_reading(r) for r in app.readings)
    note = Markup(" (%s)") % app.note if app.note else Markup("")
    return Markup('<span class="app-entry" data-entry="%s"><span class="app-line">%s</span>\u00a0%s]\u2002%s%s'
                  '</span>') % (app.anchor, lines_text(first, last), lemma, readings, note)


def render_apparatus_block(block: ApparatusBlock, apps: dict[str, App]) -> Markup:
    """The block of a page: its entries in line order, as a footnote element."""
    entries = Markup("\u2003|\u2003").join(entry_html(apps[anchor], first, last)
                                          for anchor, first, last in block.entries if anchor in apps)
    style = Markup(' style="padding-top: %.2fpt"') % block.pad if block.pad else Markup("")
    return Markup('<edition-note class="%s" id="%s"%s>%s</edition-note>') % (
        APPARATUS.block_class, anchors.apparatus_block(block.block, block.word), style, entries)
