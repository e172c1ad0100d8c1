"""Note placement: the layout policy that makes every note begin on the page of its call.

Takes an edition (one document, or a volume laid out whole) and a ``Renderer``;
gives it laid out (``LaidOut``) with the layout plan that placed its notes,
after as few layouts as it takes.  Where WeasyPrint put a note elsewhere than
on its call's page, the remedies are tried in this order:

1. widow and orphan control: WeasyPrint moves a page's last notes away when it
   cannot give a line room for the sake of widows and orphans; the paragraphs
   involved give up that control (a few passes at most);
2. continuation: a note too long for the room left on its call's page starts
   there with at least two lines and continues at the foot of the following
   pages (``render.continuation``), notes taken in reading order;
3. none left: the layout is returned as it is, and ``verify_notes`` (when the
   part is written) fails the build naming the note, the pages and what the
   editor can do.

Every exit returns a layout; nothing here raises but a failed layout.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from markupsafe import Markup

from .. import adapter
from ..model import Edition
from ..writer.html import paragraph_anchors, render_body_part
from ..writer.plan import LayoutPlan
from .apparatus import entries_of, next_plan, padded_plan, settled
from .continuation import Attempt, Continuer
from .layout import AnchorPlace, Renderer, layout_failure, page_map
from .verify import NotePlacement, note_placements

RELAXING_PASSES = 3  # layouts that relax widow and orphan control
PASSES = 48  # layouts of a part at most (probes and measures of long notes included)


@dataclass
class LaidOut:
    """A part laid out with its notes placed, not yet written."""

    edition: Edition
    document: Any  # weasyprint.Document
    context: Any  # its layout context, for renumber_pages
    places: dict[str, list[AnchorPlace]]
    placements: list[NotePlacement]
    plan: LayoutPlan
    passes: int
    first_folio: int  # of its first page as laid out
    part: Markup = Markup("")  # its HTML
    plan_key: str = ""  # what the plan cache knows its plan by ("" when the renderer keeps no plans)

    @property
    def relaxed(self) -> frozenset[str]:
        return self.plan.relaxed


def lay_out_placing_notes(edition: Edition, renderer: Renderer, where: str, page_html: Callable[..., str],
                          first_page: int | None) -> LaidOut:
    """Lay out ``edition`` and place its notes; ``page_html(edition, parts, first_page=...)`` makes the part's
    page of HTML.  The notes are verified when the part is written."""
    return _Placer(edition, renderer, where, page_html, first_page).run()


class _Placer:
    def __init__(self, edition: Edition, renderer: Renderer, where: str, page_html: Callable[..., str],
                 first_page: int | None):
        self.edition, self.renderer, self.where = edition, renderer, where
        self.page_html, self.first_page = page_html, first_page
        self.paragraphs = {doc.id: paragraph_anchors(doc) for doc in edition.documents}
        self.documents_with_entries = [doc for doc in edition.documents if entries_of(doc)]
        self.design = edition.meta.design
        self.passes = 0
        self.key = ""

    def apparatus_settled(self, attempt: Attempt) -> bool:
        return all(settled(attempt, doc, self.design) for doc in self.documents_with_entries)

    def apparatus_plan(self, attempt: Attempt) -> LayoutPlan | None:
        """The next plan of the critical apparatus (None: every entry printed on its lemma's page)."""
        for doc in self.documents_with_entries:
            if not settled(attempt, doc, self.design):
                return next_plan(attempt, doc, self.design)
        return None

    def padded_plan(self, attempt: Attempt, previous: Attempt | None) -> LayoutPlan | None:
        """The plan that keeps a swinging page at the lines its block lists (``render.apparatus``)."""
        for candidate in (attempt, previous):
            for doc in self.documents_with_entries if candidate is not None else ():
                plan = padded_plan(candidate, doc, self.design)
                if plan is not None:
                    return plan
        return None

    def run(self) -> LaidOut:
        first = self.page_html(self.edition, [render_body_part(self.edition, LayoutPlan())],
                               first_page=self.first_page)
        self.key = self.renderer.plan_key(first)
        known = self.renderer.plans.get(self.key) if self.key else None
        if known is not None:  # the plan an earlier build found for exactly this input: verified like any other
            attempt = self.lay_out(LayoutPlan.from_data(known))
            if _all_placed(attempt) and self.apparatus_settled(attempt):
                return self.laid_out(attempt)
            self.passes = 0  # not placed after all: the plan is found anew, as a first build would
        with_entries = frozenset(b for doc in self.documents_with_entries for b in self.paragraphs[doc.id])
        attempt = self.lay_out(LayoutPlan(marked=with_entries))  # their words marked: the pages' first words
        continuer = Continuer(self.edition, self.lay_out, self.measure_layout)
        relaxing = 0
        apparatus_seen: set[tuple] = set()
        previous: Attempt | None = None
        while self.passes < PASSES:
            if _all_placed(attempt):  # the notes are placed: the critical apparatus, page by page
                plan = self.apparatus_plan(attempt)
                if plan is not None and (plan.apparatus, plan.line_marks) in apparatus_seen:
                    plan = self.padded_plan(attempt, previous)  # a page swings: its block holds it
                    if plan is not None and (plan.apparatus, plan.line_marks) in apparatus_seen:
                        plan = None
                if plan is None:
                    break  # settled, or swinging still: verification says so
                apparatus_seen.add((plan.apparatus, plan.line_marks))
                previous, attempt = attempt, self.lay_out(plan)
                continue
            more = paragraphs_to_relax(attempt.placements, attempt.places, self.paragraphs) - attempt.plan.relaxed
            if more and relaxing < RELAXING_PASSES:  # first remedy: widow and orphan control gives way
                relaxing += 1
                attempt = self.lay_out(attempt.plan.relaxing(frozenset(more)))
                continue
            wrong = next(pl for pl in attempt.placements if not pl.ok)  # second: the note continues
            plan = continuer.step(attempt, wrong)
            if plan is None:
                break
            attempt = self.lay_out(plan)
        if attempt.plan.marked:  # the words were marked for measuring: lay out the final text without marks
            # (but in the spans that held the marks, where the apparatus measured its lines with them)
            numbered = frozenset(b for doc in self.documents_with_entries for b in self.paragraphs[doc.id])
            unmarked = self.lay_out(replace(attempt.plan, marked=frozenset(),
                                            spanned=attempt.plan.marked & numbered))
            # the marks are spans of no style, but a line may break otherwise without them (a word hyphenated
            # inside a span or not): then the marked layout, whose pages and apparatus agree, is the final one
            if not _all_placed(unmarked) or not self.apparatus_settled(unmarked):
                return self.laid_out(attempt)
            attempt = unmarked
        return self.laid_out(attempt)

    def lay_out(self, plan: LayoutPlan) -> Attempt:
        self.passes += 1
        html = render_body_part(self.edition, plan)
        document, context, problems = self.renderer.render_keeping_context(
            self.page_html(self.edition, [html], first_page=self.first_page))
        if problems:
            raise layout_failure(self.where, "layout of the text failed: " + "; ".join(problems))
        places = page_map(document)
        tops = [adapter.content_top(page) for page in document.pages]
        return Attempt(plan, document, context, places, note_placements(self.edition, places, plan, tops.__getitem__),
                       html)

    def measure_layout(self, html: Markup) -> Any:
        """A note's text laid out alone, as a block of the note area's width (for ``render.continuation``)."""
        document, problems = self.renderer.render(self.page_html(self.edition, [Markup(
            '<div class="note-measure">%s</div>') % html]))
        if problems:
            raise layout_failure(self.where, "layout of a long note failed: " + "; ".join(problems))
        return document

    def laid_out(self, attempt: Attempt) -> LaidOut:
        return LaidOut(self.edition, attempt.document, attempt.context, attempt.places, attempt.placements,
                       attempt.plan, self.passes, self.first_page or 1, attempt.html, self.key)


def _all_placed(attempt: Attempt) -> bool:
    return all(p.ok for p in attempt.placements)


def paragraphs_to_relax(placements: list[NotePlacement], places: dict[str, list[AnchorPlace]],
                        paragraphs: dict[str, list[str]]) -> set[str]:
    """The paragraphs whose widow and orphan control may have pushed a note off its call's page.

    WeasyPrint, when a line cannot break before it for orphans' or widows' sake,
    moves the page's last notes away to make room.  The candidates are the
    paragraph running at the top of the call's page and those that begin on it.
    """
    relax: set[str] = set()
    for pl in placements:
        if pl.ok or len(pl.call_pages) != 1:
            continue
        page = pl.call_pages[0]
        running = None
        for anchor in paragraphs.get(pl.document.id, []):
            where = places.get(anchor)
            if not where:
                continue
            start = where[0].page_index
            if start < page:
                running = anchor
            elif start == page:
                relax.add(anchor)
        if running:
            relax.add(running)
    return relax
