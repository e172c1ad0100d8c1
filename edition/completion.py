"""Shell completion and the manual page, made from the command line's own argparse definitions.

``completion_script(parser, shell)`` gives the bash or zsh completion script
(shtab); arguments that take a path complete file names.  ``man_page(parser)``
gives the roff manual page (argparse-manpage), dated from ``SOURCE_DATE_EPOCH``
when it is set, so that the page is reproducible.  ``edition completion bash``
and ``edition manpage`` print them; ``make completion`` writes them under
``share/``.
"""
from __future__ import annotations

import argparse
from pathlib import Path

SHELLS = ("bash", "zsh")


def _complete_paths(parser: argparse.ArgumentParser) -> None:
    """Let every argument that takes a path complete file names (shtab reads ``action.complete``)."""
    import shtab
    for action in parser._actions:
        if action.type is Path:
            action.complete = shtab.FILE  # type: ignore[attr-defined]  # shtab reads this attribute
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _complete_paths(sub)


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    import shtab
    if shell not in SHELLS:
        raise ValueError(f"no completion for {shell!r}: only {', '.join(SHELLS)}")
    _complete_paths(parser)
    return shtab.complete(parser, shell=shell)


def man_page(parser: argparse.ArgumentParser) -> str:
    from argparse_manpage.manpage import Manpage

    from .cli import version_text
    page = Manpage(parser)
    page.source = version_text().splitlines()[0]
    page.manual = "edition manual"
    page.description = "typeset documentary editions of archival documents as print-ready PDF"
    return str(page)
