"""Build: a source folder in, the profile's PDF and its HTML out (``edition.pdf`` and ``edition.html``).

Gathers, then writes: the stages of ``pipeline`` run in order (load and check
the model; lay out each document with its notes placed and write it as a PDF
part, ``render.body``; lay out the front matter and the index, which print the
text's folios, ``render.matter``; join the parts and finish the PDF,
``render.assemble``; preflight it), and only when every stage succeeded are
the PDF and the HTML written.  An incremental build whose inputs did not
change writes nothing (``cache``).

On more than one core the stages overlap where their inputs allow: a text of
one document is laid out by a worker while this process checks the source
and loads the PDF readers and the collation table; the worker then writes
the text's PDF and lays out the front matter (its fonts and dictionaries
loaded already) while another worker lays out the index; a rebuild lays
those two out beside the text from the last build's HTML
(``render.speculation``).  The bytes are those of a build on one core.
"""
from __future__ import annotations

import gc
import json
import multiprocessing
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from markupsafe import Markup

from .cache import IndexCache, Stamp, code_digest, index_cache_name, input_fingerprint, read_plans, sha256
from .diagnostics import Diagnostic, Diagnostics, EditionError, SourcePos
from .model import Edition
from .pipeline import check, load
from .output import write_together
from .profiles import Profile, profile_named
from .progress import SILENT, Progress
from .render.body import BodyLayout, page_html, start_body
from .render.documents import fewer_collections, usable_cores
from .render.finish import AssemblyError, LabelRange
from .render.layout import Renderer, layout_failure
from .render.matter import index_entries, lay_out_matter, lay_out_part
from .render.speculation import Speculation, read_guesses
from .styles import find_styles
from .writer.index_export import FORMATS, export_index

if TYPE_CHECKING:  # the PDF readers are loaded when a PDF is assembled and checked, not to lay one out
    from .preflight import Report
    from .render.assemble import Assembler

__all__ = ["BuildResult", "build_edition", "index_entries", "prepare_layout", "find_styles"]

LARGE_BODY_PAGES = 100  # from this size, free the garbage of layout and assembly before preflight


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    html: Path
    pages: int
    front_pages: int
    body_pages: int
    index_pages: int
    relaxed_paragraphs: int
    preflight: Report | None
    up_to_date: bool = False  # an incremental build found nothing changed and wrote nothing
    layout_passes: int = 0  # layouts of the documents' text (a relaxed paragraph costs its document a second)
    matter_pages: dict[str, list[str]] = field(default_factory=dict)  # the page HTML of front matter and index
    index_exports: dict[str, str] = field(default_factory=dict)  # the index as `edition index` writes it, by format


def prepare_layout(source: Path, diags: Diagnostics, strict: bool = False, profile: "Profile | str" = "screen",
                   progress: Progress = SILENT, renderer: Renderer | None = None, jobs: int | None = None,
                   assembler: "Callable[[Edition], Assembler] | None" = None, plans: dict[str, dict] | None = None,
                   before_layout: Callable[[Edition, Renderer], None] | None = None,
                   beside_work: "Callable[[Renderer, str, list[str]], Any] | None" = None
                   ) -> tuple[BodyLayout, Renderer, Path]:
    """Load and check the source, then lay out the documents once (stages load, check, layout); with an
    ``assembler`` (a function making it), the documents are written into it as PDF parts.  ``jobs`` is how
    many documents are laid out at once (worker processes); by default one per usable core.  ``plans`` are
    the note placement's plans an earlier build found (by part), tried first: a part whose input is
    unchanged is laid out once.  ``before_layout(edition, renderer)`` runs just before the layout (the build
    starts its speculation there); ``assembler(edition)`` is called once the source is checked.
    ``beside_work(renderer, kind, pages)``: what a worker that laid the text out beside the build can be
    asked to do next (lay out the front matter).

    A text laid out by a worker beside this process (``render.body.start_body``) is begun before the
    check, whose problems then stop the worker; this process checks, and makes the assembler (loading the
    PDF readers), while the worker lays the text out."""
    source = Path(source)
    profile = profile_named(profile)
    with progress.stage("load"):
        edition = load(source, diags)
    job = None
    try:
        styles = find_styles(source)
        if edition is not None and not diags.errors:
            renderer = _renderer_for(renderer, styles, source, profile, plans)
            if before_layout is not None:
                before_layout(edition, renderer)
            more = (lambda kind, pages, renderer=renderer: beside_work(renderer, kind, pages)) \
                if beside_work is not None else None
            job = start_body(edition, renderer, str(source), profile, assembler is not None,
                             jobs or usable_cores(), more)
        with progress.stage("check"):
            if edition is not None:
                check(source, edition, diags)
            # a character no font of the design has would print as a box or in a font the machine picks: a
            # build stops there (check only warns: a TEI export or an import needs no fonts)
            diags.items = [replace(d, severity="error") if d.code == "glyph" else d for d in diags.items]
            if edition is None or job is None or renderer is None or diags.errors or (strict and diags.warnings):
                raise EditionError(diags)
        made = assembler(edition) if assembler is not None else None
        if job.beside is not None and made is not None:  # the front matter's and index's workers need them
            renderer.stylesheets()
        with progress.stage("layout"):
            body = job.finish(made)
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    return body, renderer, styles


def _renderer_for(renderer: Renderer | None, styles: Path, source: Path, profile: Profile,
                  plans: dict[str, dict] | None) -> Renderer:
    renderer = renderer or Renderer(styles, source, profile)
    if renderer.profile != profile:  # a renderer made for another profile (or for linked pages): this one's sheets
        renderer.profile = profile
        renderer.forget_stylesheets()
    if plans is not None:
        renderer.plans = plans
        renderer.plan_context = f"{profile.name}\0{renderer.styles_digest}\0{code_digest()}"
    return renderer


def build_edition(source: Path, output: Path, diags: Diagnostics, strict: bool = False,
                  profile: "Profile | str" = "screen", progress: Progress = SILENT, renderer: Renderer | None = None,
                  incremental: bool = False, jobs: int | None = None, name: str | None = None) -> BuildResult:
    """Build one profile into the folder ``output``: ``screen`` writes edition.pdf, ``print``
    edition-print.pdf (``name``.pdf when named), each with its HTML beside it.  With ``incremental``, a build
    whose inputs have not changed since the last one (same fingerprint, outputs untouched) writes nothing and
    says so."""
    source, output, profile = Path(source), Path(output), profile_named(profile)
    stem = name or profile.output_stem
    pdf_path, html_path = output / f"{stem}.pdf", output / f"{stem}.html"
    stamp_path = output / f".{stem}.build.json"
    plans_path = output / f".{stem}.plans.json"  # the note placement's plans, for the next build
    matter_path = output / f".{stem}.matter.json"  # what front matter and index were laid out from, the same
    fingerprint = input_fingerprint(source, profile.name, output) if incremental else ""
    previous = Stamp.read(stamp_path) if incremental else None
    if previous is not None and previous.up_to_date(fingerprint, pdf_path, html_path):
        return BuildResult(pdf_path, html_path, previous.pages, previous.front_pages, previous.body_pages,
                           previous.index_pages, 0, None, up_to_date=True)
    with fewer_collections(), _joining_failures(source):
        data, html, result, plans = _gather(source, pdf_path, html_path, diags, strict, profile, progress,
                                            renderer, jobs, read_plans(plans_path), read_guesses(matter_path))
    files = {html_path: html.encode("utf-8"), pdf_path: data, plans_path: json.dumps(plans, indent=0).encode(),
             matter_path: json.dumps(result.matter_pages, ensure_ascii=False).encode("utf-8")}
    if incremental:
        stamp = Stamp(fingerprint, sha256(data), sha256(files[html_path]), result.pages, result.front_pages,
                      result.body_pages, result.index_pages)
        files[stamp_path] = stamp.encoded()
        files[output / index_cache_name(stem)] = IndexCache(fingerprint, result.index_exports).encoded()
    write_together(files)  # the PDF and its HTML together or not at all
    return result


def _gather(source: Path, pdf_path: Path, html_path: Path, diags: Diagnostics, strict: bool, profile: Profile,
            progress: Progress, renderer: Renderer | None, jobs: int | None, plans: dict[str, dict],
            guesses: dict[str, list[str]] | None = None) -> tuple[bytes, str, BuildResult, dict[str, dict]]:
    """Every stage, nothing written: the PDF's bytes, the HTML, what the build did and the plans it used.
    ``guesses``: the page HTML the last build laid front matter and index out from, laid out again while
    the body is when a core is free (``render.speculation``; used only if this build makes the same)."""
    made: list = []  # the assembler, made (and the PDF readers loaded) while the worker lays the text out

    def make_assembler(edition: Edition) -> "Assembler":
        """What the build needs after the layout, made while a worker lays the text out: the assembler, the
        PDF readers of preflight, the collation table for the names the index and persons list sort."""
        from .preflight import load_readers
        from .render.assemble import Assembler
        load_readers()  # now, beside the layout, not after it
        from .transforms.index import sort_keys
        sort_keys(form for person in edition.persons
                  for form in (person.index_form, *(v.form for v in person.variants)))
        made.append(Assembler(profile))
        return made[0]

    speculation: list[Speculation] = []

    def speculate(edition: Edition, renderer: Renderer) -> None:
        cores = usable_cores()
        if guesses and renderer.layout_cache is None and cores > min(len(edition.documents), jobs or cores) \
                and "fork" in multiprocessing.get_all_start_methods():
            speculation.append(Speculation(guesses, lambda kind, pages: lay_out_part(
                renderer, profile, str(source), kind, pages)))

    try:
        body, renderer, styles = prepare_layout(
            source, diags, strict, profile, progress, renderer, jobs, make_assembler, plans, speculate,
            beside_work=lambda renderer, kind, pages: lay_out_part(renderer, profile, str(source), kind, pages))
        assembler = made[0]
        with progress.stage("index"):
            matter = lay_out_matter(body, renderer, profile, str(source), jobs or usable_cores(),
                                    speculation[0] if speculation else None, meanwhile=assembler.settle,
                                    beside=body.worker.lay_out_beside if body.worker else None)
            if body.worker is not None:
                body.worker.end()
    except BaseException:
        for one in made:
            one.close()  # a part a worker still writes is not wanted
        raise
    finally:
        for worker in speculation:
            worker.close()
    edition = body.edition
    with progress.stage("write"):
        order = [assembler.add(matter.front_pdf)] + body.parts
        if matter.index_pdf is not None:
            order.append(assembler.add(matter.index_pdf))
        labels = [LabelRange(0, "roman"), LabelRange(matter.front_pages, "arabic")]
        data = assembler.finish(order, edition.meta, labels)
        parts = [Markup(matter.front_html), body.part] + ([Markup(matter.index_html)] if matter.index_html else [])
        front_pages, index_pages, matter_entries = matter.front_pages, matter.index_pages, matter.entries
        matter_pages = matter.pages
        del assembler, matter  # the parts' bytes are in the final file now
        if body.pages >= LARGE_BODY_PAGES:  # free the cyclic garbage of layout and assembly before preflight
            gc.collect()  # needs its memory (for a small edition the collection costs more than it frees)
        html = page_html(edition, parts, profile, linked=True, base_href=styles.as_uri() + "/")
    with progress.stage("preflight"):
        from .preflight import preflight
        report = preflight(pdf_path, edition=edition, profile=profile.name, data=data,
                           page_cache=renderer.page_cache)
    if not report.ok:
        raise EditionError([Diagnostic(SourcePos(str(pdf_path)), "error", f"preflight {f.rule}: {f.message}",
                                       "preflight") for f in report.failures])
    return data, html, BuildResult(pdf_path, html_path, report.pages, front_pages, body.pages, index_pages,
                                   len(body.relaxed), report, layout_passes=body.passes,
                                   index_exports=index_exports(matter_entries, edition),
                                   matter_pages=matter_pages), body.plans


def index_exports(entries, edition) -> dict[str, str]:
    """The index in every format of ``edition index`` (kept beside the outputs for it)."""
    return {fmt: export_index(entries, edition, fmt) for fmt in FORMATS}


@contextmanager
def _joining_failures(source: Path):
    """Parts that cannot be joined (two giving one anchor, say) fail the build with a message."""
    try:
        yield
    except AssemblyError as exc:
        raise layout_failure(str(source), f"the parts of the PDF cannot be joined: {exc}") from None
