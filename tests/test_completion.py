"""Shell completion and the man page mention every subcommand and option of the command line."""
from __future__ import annotations

import argparse
import shutil
import subprocess

import pytest

from edition.cli import _parser, main
from edition.completion import completion_script, man_page


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    return next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)).choices


def _words() -> set[str]:
    words = set(_subcommands())
    for parser in (_parser(), *_subcommands().values()):
        words.update(s for a in parser._actions for s in a.option_strings)
    return words


@pytest.mark.parametrize("kind", ["bash", "zsh", "man"])
def test_every_subcommand_and_option_is_mentioned(kind):
    if kind == "man":  # roff escapes hyphens; argparse-manpage shows help as -h only, in each usage line
        text, expected = man_page(_parser()).replace("\\-", "-"), _words() - {"--help"}
    else:
        text, expected = completion_script(_parser(), kind), _words()
    missing = sorted(word for word in expected if word not in text)
    assert not missing


def test_the_man_page_is_dated_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1792800000")
    from importlib import metadata
    first = man_page(_parser()).splitlines()[0]
    assert first == f'.TH EDITION "1" "2026\\-10\\-24" "edition {metadata.version("edition")}" "edition manual"'


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_subcommands_and_options(tmp_path):
    script = tmp_path / "edition.bash"
    script.write_text(completion_script(_parser(), "bash"))
    probe = (f'source {script}; COMP_WORDS=(edition wa); COMP_CWORD=1; _shtab_edition; echo "${{COMPREPLY[@]}}"; '
             'COMP_WORDS=(edition watch --st); COMP_CWORD=2; _shtab_edition; echo "${COMPREPLY[@]}"')
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["watch", "--strict"]


def test_the_commands_print_them(capsys):
    assert main(["completion", "zsh"]) == 0
    assert capsys.readouterr().out.startswith("#compdef edition")
    assert main(["manpage"]) == 0
    assert ".SH NAME" in capsys.readouterr().out
