"""Command line: ``edition check | build`` with conventional exit codes.

0 success, 1 errors in the edition (or a failed build), 2 usage errors.
Diagnostics go to standard error as ``path:line:col: severity: message``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import Diagnostics, EditionError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="edition", description="Typeset documentary editions as print-ready PDF.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = sub.add_parser("check", help="validate the source and report every problem")
    c.add_argument("source", nargs="?", default="source", type=Path)
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--format", choices=("text", "json"), default="text")
    b = sub.add_parser("build", help="typeset the edition to PDF")
    b.add_argument("source", nargs="?", default="source", type=Path)
    b.add_argument("-o", "--output", default=Path("output"), type=Path, help="output folder (default: output)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--profile", choices=("screen", "print"), default="screen",
                   help="screen: PDF/A-2a, tagged, linked (edition.pdf); print: PDF/X-4 with bleed and crop "
                        "marks (edition-print.pdf)")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    b.add_argument("-v", "--verbose", action="store_true", help="a line per stage with its time, and the preflight")
    b.add_argument("--force", action="store_true", help="rebuild even when no input changed")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="documents laid out at once, in worker processes (default: one per core; 1: no workers)")
    w = sub.add_parser("watch", help="rebuild whenever a source or style file changes (Ctrl-C to stop)")
    w.add_argument("source", nargs="?", default="source", type=Path)
    w.add_argument("-o", "--output", default=Path("output"), type=Path)
    w.add_argument("--profile", choices=("screen", "print"), default="screen")
    f = sub.add_parser("preflight", help="check a finished PDF: fonts, boxes, labels, notes, index, readers")
    f.add_argument("pdf", type=Path)
    f.add_argument("--source", type=Path, default=None,
                   help="the edition's source folder, for the persons' name forms (default: source/ if present)")
    f.add_argument("--profile", choices=("screen", "print"), default=None, help="default: read from the PDF")
    i = sub.add_parser("index", help="export the index of names (page numbers from the laid-out text)")
    i.add_argument("source", nargs="?", default="source", type=Path)
    i.add_argument("--format", choices=("json", "csv", "md"), default="json")
    i.add_argument("-o", "--output", type=Path, help="write to this file (default: standard output)")
    imp = sub.add_parser("import", help="import documents from the digital archive's plain-text layout")
    imp.add_argument("files", nargs="+", help='text files in the archive\'s layout ("-" for standard input)')
    imp.add_argument("-o", "--output", default=Path("source/documents"), type=Path,
                     help="folder for the source documents (default: source/documents)")
    imp.add_argument("--force", action="store_true", help="overwrite documents that exist")
    imp.add_argument("--persons", type=Path, default=None,
                     help="the names authority: an edition folder or its persons.yaml (default: persons.yaml "
                          "beside the output folder, if present)")
    imp.add_argument("--draft-persons", type=Path, default=None, metavar="FILE",
                     help="write names not in the authority to FILE as draft persons.yaml entries")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    source = getattr(args, "source", None)
    if args.command != "preflight" and source is not None and not source.is_dir():
        print(f"{source}: error: no such source folder", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "build":
            return _build(args)
        if args.command == "watch":
            return _watch(args)
        if args.command == "index":
            return _index(args)
        if args.command == "preflight":
            return _preflight(args)
        if args.command == "import":
            return _import(args)
    except EditionError as exc:
        print(_format(exc.diagnostics), end="", file=sys.stderr)
        errors = sum(1 for d in exc.diagnostics if d.severity == "error")
        print(f"edition: {errors or len(exc.diagnostics)} problem(s); nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


def _format(diagnostics) -> str:
    return "".join(f"{d}\n" for d in diagnostics)


def _check(args) -> int:
    """Every problem, each once, then a count that matches what was printed; exit 1 on errors (or, with
    --strict, on warnings, saying so)."""
    from .pipeline import prepare
    diags = Diagnostics()
    prepare(args.source, diags)
    errors, warnings = len(diags.errors), len(diags.warnings)  # each problem once, as printed
    strict_failure = args.strict and warnings and not errors
    if args.format == "json":
        sys.stdout.write(diags.format_json())
    else:
        sys.stderr.write(diags.format_text())
        why = "; --strict: warnings count as errors" if strict_failure else ""
        print(f"edition check: {errors} error(s), {warnings} warning(s){why}", file=sys.stderr)
    return 1 if errors or strict_failure else 0


def _build(args) -> int:
    from .build import build_edition
    from .progress import Progress
    diags = Diagnostics()
    progress = Progress("quiet" if args.quiet else "verbose" if args.verbose else "auto")
    try:
        result = build_edition(args.source, args.output, diags, strict=args.strict, profile=args.profile,
                               progress=progress, incremental=not args.force, jobs=args.jobs)
    finally:
        progress.close()
    sys.stderr.write(diags.format_text())
    if result.up_to_date:
        if not args.quiet:
            print(f"{result.pdf} is up to date: no input changed (--force rebuilds)", file=sys.stderr)
        return 0
    if args.verbose:
        sys.stderr.write(result.preflight.format())
    if not args.quiet:
        print(f"wrote {result.pdf} ({result.pages} pages; {progress.summary()})", file=sys.stderr)
    return 0


def _watch(args) -> int:
    """Build, then rebuild on every change of the source or the styles, in one warm process."""
    import time

    from watchfiles import watch

    from .build import build_edition
    from .render.layout import Renderer
    from .styles import find_styles
    renderer = Renderer(find_styles(args.source), args.source)
    renderer.layout_cache = {}  # documents that did not change are not laid out again
    renderer.page_cache = {}  # nor are pages that did not change read again by preflight

    def rebuild() -> None:
        diags = Diagnostics()
        start = time.perf_counter()
        try:
            result = build_edition(args.source, args.output, diags, profile=args.profile, renderer=renderer)
            sys.stderr.write(diags.format_text())
            print(f"wrote {result.pdf} ({result.pages} pages) in {time.perf_counter() - start:.2f} s",
                  file=sys.stderr)
        except EditionError as exc:
            print(_format(exc.diagnostics), end="", file=sys.stderr)
            print("edition watch: not written; waiting for the next change", file=sys.stderr)

    output = args.output.resolve()

    def not_output(_change, path: str) -> bool:  # the build's own writes must not trigger builds
        return not Path(path).resolve().is_relative_to(output)

    rebuild()
    print(f"watching {args.source} and {find_styles(args.source)} (Ctrl-C to stop)", file=sys.stderr)
    for _changes in watch(args.source, find_styles(args.source), watch_filter=not_output, raise_interrupt=False):
        rebuild()
    return 0


def _index(args) -> int:
    from .build import index_entries, prepare_layout
    from .render.finish import write_atomically
    from .writer.index_export import export_index
    diags = Diagnostics()
    body, _renderer, _styles = prepare_layout(args.source, diags)
    sys.stderr.write(diags.format_text())
    text = export_index(index_entries(body), body.edition, args.format)
    if args.output:
        write_atomically(text.encode("utf-8"), args.output)
    else:
        sys.stdout.write(text)
    return 0


def _preflight(args) -> int:
    from .pipeline import prepare
    from .preflight import preflight
    if not args.pdf.is_file():
        print(f"{args.pdf}: error: no such file", file=sys.stderr)
        return 2
    source = args.source or (Path("source") if Path("source", "edition.yaml").is_file() else None)
    edition = None
    if source is not None:
        diags = Diagnostics()
        edition = prepare(source, diags)
    report = preflight(args.pdf, edition=edition, profile=args.profile)
    sys.stdout.write(report.format())
    return 0 if report.ok else 1


def _import(args) -> int:
    from .importer import import_files
    return import_files(args.files, args.output, force=args.force, persons_path=args.persons,
                        draft_persons=args.draft_persons)
