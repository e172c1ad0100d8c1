"""The README documents every command and option, in the words of their --help texts."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from edition.cli import _parser

README = Path(__file__).resolve().parents[1] / "README.md"


def _flat(text: str) -> str:
    """Without markdown's backticks and quotes, whitespace collapsed."""
    return " ".join(re.sub(r'[`"]', "", text).split())


def _commands() -> dict[str, argparse.ArgumentParser]:
    top = _parser()
    subs = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {"": top, **subs.choices}


def _helps():
    """(command, option or argument, its help text), and (command, "", the command's help) for each command."""
    commands = _commands()
    subcommands = next(a for a in commands[""]._actions if isinstance(a, argparse._SubParsersAction))
    for choice in subcommands._choices_actions:
        yield pytest.param(choice.dest, "", choice.help, id=choice.dest)
    for name, parser in commands.items():
        for action in parser._actions:
            if action.help and action.help != argparse.SUPPRESS and "-h" not in action.option_strings:
                option = (action.option_strings or [action.dest])[0]
                yield pytest.param(name, option, action.help, id=f"{name} {option}".strip())


@pytest.mark.parametrize("command, option, text", list(_helps()))
def test_the_readme_says_what_the_help_says(command, option, text):
    assert _flat(text) in _flat(README.read_text(encoding="utf-8")), f"edition {command} {option}"


def test_the_readme_names_every_command_and_option():
    readme = README.read_text(encoding="utf-8")
    for name, parser in _commands().items():
        if name:
            assert f"`edition {name} " in readme or f"`edition {name}`" in readme, name
        for option in (s for a in parser._actions for s in a.option_strings):
            assert f"`{option}" in readme, f"edition {name} {option}"
