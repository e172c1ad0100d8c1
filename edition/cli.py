"""Command line: ``edition check | build | watch | preflight | index | import | export | new | completion | manpage``.

Exit codes: 0 success, 1 errors in the edition (or a failed build), 2 usage
errors.  Diagnostics go to standard error as ``path:line:col: severity: message``,
root causes first.  ``check``, ``build``, ``watch`` and ``index`` take the
edition's folder or its ``edition.yaml``, or find it from the current folder
upward (``discovery``).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import adapter
from .adapter import SUPPORTED, check_versions
from .console import format_diagnostics, open_in_viewer
from .diagnostics import Diagnostics, EditionError
from .discovery import UsageError, find_source, output_target
from .profiles import PROFILES

SOURCE_HELP = ("the edition's folder or its edition.yaml (default: found in the current folder or a folder above, "
               "or in a source/ folder there)")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def version_text() -> str:
    """The tool's version (package metadata) and the WeasyPrint and pypdf it runs with and supports."""
    from importlib import metadata

    from . import __version__
    try:
        version = metadata.version("edition")
    except metadata.PackageNotFoundError:  # run from a folder without being installed
        version = __version__
    lines = [f"edition {version}"]
    for name, wanted in SUPPORTED.items():
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = "not installed"
        lines.append(f"{name} {found} (supported: {wanted})")
    return "\n".join(lines)


class _Version(argparse.Action):
    """``-V``: the version text, worked out only when asked for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit(0)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: give 1 or more")
    return value


def _source_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", default=None, type=Path, help=SOURCE_HELP)


def _build_options(parser: argparse.ArgumentParser) -> None:
    """The options ``build`` and ``watch`` share."""
    _source_argument(parser)
    parser.add_argument("-o", "--output", default=None, type=Path, metavar="PATH",
                        help="a file name ending in .pdf (the HTML goes beside it, with the same name) or a folder "
                             "(default: output/ in the folder where the edition was found; the file named by "
                             "output: in edition.yaml, else after the title, -print added for the print profile)")
    parser.add_argument("--profile", choices=tuple(PROFILES), default="screen",
                        help="; ".join(f"{p.name}: {_without_file_name(p.description)}" for p in PROFILES.values()))
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="a line per stage with its time, and the preflight report")
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="documents laid out at once, in worker processes (default: one per core; 1: no workers)")
    parser.add_argument("--open", action="store_true",
                        help="open the PDF once written (xdg-open, open or start)")


def _without_file_name(description: str) -> str:
    """A profile's description without the default file name it ends with: the name is the edition's."""
    return description.split(" (")[0]


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="edition", description="Typeset documentary editions of archival documents as print-ready "
                                            "PDF.",
                epilog="Exit codes: 0 success, 1 problems in the edition (or a failed build or preflight), "
                       "2 usage errors. `edition COMMAND -h` describes a command.")
    p.add_argument("-V", "--version", action=_Version,
                   help="print the version and the supported WeasyPrint and pypdf, and exit")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    c = sub.add_parser("check", help="validate the source and report every problem")
    _source_argument(c)
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--format", choices=("text", "json"), default="text", help="how to print the problems")
    b = sub.add_parser("build", help="typeset the edition to PDF")
    _build_options(b)
    b.add_argument("--force", action="store_true", help="rebuild even when no input changed")
    w = sub.add_parser("watch", help="build, then rebuild whenever a source or style file changes (Ctrl-C to stop)")
    _build_options(w)
    f = sub.add_parser("preflight", help="check a finished PDF: fonts, boxes, labels, notes, index, readers")
    f.add_argument("pdf", type=Path, help="the PDF to check")
    f.add_argument("--source", type=Path, default=None,
                   help="the edition's folder, for the persons' name forms (default: found as for build, if any)")
    f.add_argument("--profile", choices=tuple(PROFILES), default=None, help="default: read from the PDF")
    i = sub.add_parser("index", help="export the index of names (page numbers from the laid-out text)")
    _source_argument(i)
    i.add_argument("--format", choices=("json", "csv", "md"), default="json", help="the export format")
    i.add_argument("-o", "--output", type=Path, help="write to this file (default: standard output)")
    x = sub.add_parser("export", help="export the edition for exchange: TEI P5, validated against tei_all")
    _source_argument(x)
    x.add_argument("--format", choices=("tei",), default="tei", help="the export format (tei: TEI P5, a teiCorpus)")
    x.add_argument("-o", "--output", type=Path, help="write to this file (default: standard output)")
    x.add_argument("--no-validate", action="store_true", help="skip validation against tei_all (several seconds)")
    imp = sub.add_parser("import", help="import documents: the digital archive's plain-text layout, or TEI (.xml)")
    imp.add_argument("files", nargs="+", help='text files in the archive\'s layout ("-" for standard input), '
                                              'or TEI files (.xml): our export, FRUS volumes')
    imp.add_argument("-o", "--output", default=Path("source/documents"), type=Path,
                     help="folder for the source documents (default: source/documents)")
    imp.add_argument("--force", action="store_true", help="overwrite documents that exist")
    imp.add_argument("--persons", type=Path, default=None,
                     help="the names authority: an edition folder or its persons.yaml (default: persons.yaml "
                          "beside the output folder, if present)")
    imp.add_argument("--draft-persons", type=Path, default=None, metavar="FILE",
                     help="write names not in the authority to FILE as draft persons.yaml entries")
    n = sub.add_parser("new", help="start a new edition in a folder: a sample document, persons, CI workflows")
    n.add_argument("folder", type=Path, help="the folder to write (created; it must be empty unless --force)")
    n.add_argument("--title", default=None, help="the edition's title (default: made from the folder's name)")
    n.add_argument("--force", action="store_true", help="write into a folder that is not empty, replacing "
                                                        "the files of the same names")
    n.add_argument("--install", default=None, metavar="REQUIREMENT",
                   help="how CI installs the tool, as pip takes it (default: where this copy came from, "
                        "when pip recorded a repository)")
    comp = sub.add_parser("completion", help="print the shell completion script for bash or zsh")
    comp.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    sub.add_parser("manpage", help="print the manual page (roff), made from these options")
    return p


USES_THE_ADAPTER = ("build", "watch", "index", "preflight")  # commands that lay out or read PDFs


def run() -> None:
    """The console script (``edition``, ``python -m edition``): ``main``, then leave at once.

    A build leaves some hundred thousand objects behind; an interpreter that collects them and unloads its
    modules on the way out spends about 0.3 s doing it, a tenth of the whole process.  Everything a command
    writes is written and closed when ``main`` returns, so the process flushes its streams, removes
    WeasyPrint's temporary font folders (the one thing collection would have done outside the process)
    and leaves with ``os._exit``, as mypy does.  An unexpected exception still leaves the usual way, with
    its traceback."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that went away (``edition index | head``), a closed stream
            pass
    adapter.release_fonts()
    os._exit(code)


def main(argv: list[str] | None = None, *, opener=open_in_viewer) -> int:
    """Run one command; ``opener(path, stream)`` opens a written PDF for ``--open``."""
    args = _parser().parse_args(argv)
    unsupported = check_versions() if args.command in USES_THE_ADAPTER else []
    if unsupported:  # the adapter relies on these versions' internals: refuse rather than print wrong pages
        for problem in unsupported:
            print(f"edition: error: {problem}", file=sys.stderr)
        return 1
    try:
        if args.command in ("check", "build", "watch", "index", "export"):
            found = find_source(args.source, Path.cwd())
            args.source, args.base = found.source, found.base
        if args.command == "check":
            return _check(args)
        if args.command == "build":
            return _build(args, opener)
        if args.command == "watch":
            return _watch(args, opener)
        if args.command == "index":
            return _index(args)
        if args.command == "preflight":
            return _preflight(args)
        if args.command == "import":
            return _import(args)
        if args.command == "new":
            return _new(args)
        if args.command in ("completion", "manpage"):
            return _completion(args)
        if args.command == "export":
            return _export(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except EditionError as exc:
        print(format_diagnostics(exc.diagnostics), end="", file=sys.stderr)
        errors = sum(1 for d in exc.diagnostics if d.severity == "error")
        print(f"edition: {errors or len(exc.diagnostics)} problem(s); nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


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
        sys.stderr.write(format_diagnostics(diags.items))
        why = "; --strict: warnings count as errors" if strict_failure else ""
        print(f"edition check: {errors} error(s), {warnings} warning(s){why}", file=sys.stderr)
    return 1 if errors or strict_failure else 0


def _job(args):
    from .watching import BuildJob
    target = output_target(args.output, args.source, args.profile, args.base / "output")
    return BuildJob(args.source, target, args.profile, args.strict, args.jobs, args.quiet, args.verbose)


def _build(args, opener) -> int:
    from .build import build_edition
    from .progress import Progress
    job = _job(args)
    diags = Diagnostics()
    progress = Progress("quiet" if args.quiet else "verbose" if args.verbose else "auto")
    try:
        result = build_edition(job.source, job.target.folder, diags, strict=job.strict, profile=job.profile,
                               progress=progress, incremental=not args.force, jobs=job.jobs, name=job.target.stem)
    finally:
        progress.close()
    sys.stderr.write(format_diagnostics(diags.items))
    if result.up_to_date:
        if not args.quiet:
            print(f"{result.pdf} is up to date: no input changed (--force rebuilds)", file=sys.stderr)
    else:
        if args.verbose and result.preflight is not None:
            sys.stderr.write(result.preflight.format())
        if not args.quiet:
            print(f"wrote {result.pdf} ({result.pages} pages; {progress.summary()})", file=sys.stderr)
    if args.open:
        opener(result.pdf, sys.stderr)
    return 0


def _watch(args, opener) -> int:
    """Build, then rebuild on every change of the source or the styles, in one warm process."""
    from .watching import watch
    return watch(_job(args), sys.stderr, on_written=(lambda pdf: opener(pdf, sys.stderr)) if args.open else None)


def _index(args) -> int:
    """The index of names with the printed page numbers: from the last build into the default output
    folder when no input has changed since (its problems still checked and printed), else laid out anew
    (no PDF is written)."""
    from .output import write_together
    text = _built_index(args)
    if text is None:
        from .build import index_entries, prepare_layout
        from .writer.index_export import export_index
        diags = Diagnostics()
        body, _renderer, _styles = prepare_layout(args.source, diags)
        sys.stderr.write(diags.format_text())
        text = export_index(index_entries(body), body.edition, args.format)
    if args.output:
        write_together({args.output: text.encode("utf-8")})
    else:
        sys.stdout.write(text)
    return 0


def _built_index(args) -> str | None:
    """The index as the last screen build into the default output folder wrote it beside its PDF, if its
    inputs are this source's as it is now."""
    from .cache import IndexCache, index_cache_name, input_fingerprint
    target = output_target(None, args.source, "screen", args.base / "output")
    cached = IndexCache.read(target.folder / index_cache_name(target.stem))
    if cached is None or args.format not in cached.exports or not target.pdf.is_file():
        return None
    if cached.inputs != input_fingerprint(args.source, "screen", target.folder):
        return None
    from .pipeline import prepare
    diags = Diagnostics()
    prepare(args.source, diags)  # the same problems printed as a layout would print (errors raise)
    sys.stderr.write(diags.format_text())
    return cached.exports[args.format]


def _preflight(args) -> int:
    from .pipeline import prepare
    from .preflight import preflight
    from .console import library_messages, looks_like_pdf
    if not args.pdf.is_file():
        print(f"{args.pdf}: error: no such file", file=sys.stderr)
        return 2
    if not looks_like_pdf(args.pdf):
        print(f"{args.pdf}: error: not a PDF file (it has no %PDF- header)", file=sys.stderr)
        return 1
    if args.source is not None:
        source = find_source(args.source, Path.cwd()).source
    else:  # the edition around the current folder, if there is one: its persons' name forms
        try:
            source = find_source(None, Path.cwd()).source
        except UsageError:
            source = None
    edition = None
    if source is not None:
        diags = Diagnostics()
        edition = prepare(source, diags)
    with library_messages("pypdf") as said:
        report = preflight(args.pdf, edition=edition, profile=args.profile, untrusted=True)
    lines = report.format().splitlines(keepends=True)
    if said and not report.ok:  # what pypdf logged, once, before the closing line
        lines.insert(len(lines) - 1, f"  pypdf said: {'; '.join(dict.fromkeys(said))}\n")
    sys.stdout.write("".join(lines))
    return 0 if report.ok else 1


def _import(args) -> int:
    from .importer import import_files
    tei = [f for f in args.files if f.lower().endswith(".xml")]
    text = [f for f in args.files if f not in tei]
    status = 0
    if tei:
        from .tei.importer import import_tei_files
        status = import_tei_files(tei, args.output, force=args.force, persons_path=args.persons,
                                  draft_persons=args.draft_persons)
    if text:
        status = max(status, import_files(text, args.output, force=args.force, persons_path=args.persons,
                                          draft_persons=args.draft_persons))
    return status



def _new(args) -> int:
    from .scaffold import write_new_edition
    written = write_new_edition(args.folder, title=args.title, force=args.force, install=args.install)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"edition new: a new edition in {args.folder}; try: cd {args.folder} && edition check --strict "
          f"&& edition build --open", file=sys.stderr)
    return 0


def _completion(args) -> int:
    from .completion import completion_script, man_page
    sys.stdout.write(man_page(_parser()) if args.command == "manpage" else completion_script(_parser(), args.shell))
    return 0


def _export(args) -> int:
    from .output import write_together
    from .tei.export import export_tei, load_for_export
    from .tei.schema import validate
    diags = Diagnostics()
    data = export_tei(load_for_export(args.source, diags))
    sys.stderr.write(diags.format_text())
    shown = str(args.output or "<stdout>")
    problems = [] if args.no_validate else validate(data)
    for p in problems:  # the exporter's fault, never the edition's: say where in the TEI
        print(f"{shown}:{p.line}:{p.col}: error: not valid TEI P5 (tei_all): {p.message}", file=sys.stderr)
    if problems:
        print("edition export: nothing written", file=sys.stderr)
        return 1
    if args.output:
        write_together({args.output: data})
        print(f"edition export: wrote {args.output} (TEI P5{'' if args.no_validate else ', valid'})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0
