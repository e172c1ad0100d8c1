"""YAML's traps for editors, in plain words: a parser's error (and the file's text) in, a hint out.

Text that starts with ``[`` (a folio milestone ``[]{.folio n=53ob}``, an
editorial sign), ``{``, ``*`` (emphasis), ``&``, ``!``, ``@``, ````` or ``%``,
or that contains ``: ``, means something else to YAML unless it is quoted;
a tab cannot indent.  Each function returns the words to add to PyYAML's own
message: what to do, with the line rewritten where that can be shown.
"""
from __future__ import annotations

import re

# "  - text", "  - - text", "key: text", "  - key: text": the prefix YAML reads, then the value as written
_ITEM = re.compile(r"^(?P<prefix>\s*(?:-\s+)*(?:[\w-]+:\s+)?)(?P<value>.*?)\s*$")
_INDICATORS = {
    "[": "a list", "{": "a mapping", "*": "an alias (a reference to an &anchor)", "&": "an anchor",
    "!": "a tag", "@": "a reserved character", "`": "a reserved character", "%": "a directive",
    "|": "a block of text", ">": "a block of text",
}


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _rewrite(line: str) -> tuple[str, str] | None:
    """(the value as written, the line with the value quoted), or None when the line holds no value."""
    m = _ITEM.match(line)
    if not m or not m["value"] or m["value"][0] in "'\"":
        return None
    return m["value"], f"{m['prefix'].lstrip()}{_quoted(m['value'])}"


def hint_for_syntax_error(text: str, exc) -> str:
    """'; ...' explaining the likely cause of a YAML syntax error, or '' when none of the traps fits."""
    problem = str(getattr(exc, "problem", "") or "")
    marks = [m for m in (getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)) if m]
    if "'\\t'" in problem or "tab" in problem:
        return "; a tab cannot indent YAML: indent with spaces"
    for mark in marks:
        line = _line(text, mark.line)
        rewritten = _rewrite(line)
        if rewritten is None:
            continue
        value, quoted = rewritten
        if value[0] in _INDICATORS:
            return (f"; a text that starts with {value[0]} is read by YAML as {_INDICATORS[value[0]]}: "
                    f"quote the text: {quoted}")
        if "mapping values" in problem and ": " in value:
            return f'; a text that contains ": " must be quoted: {quoted}'
    if "mapping values" in problem:
        return ('; either this line is indented too far, or it continues a text that contains ": ", '
                "which must then be quoted (in '...', doubling any ' inside it)")
    return ""


def hint_for_unused_anchor(text: str, anchor: str, mark) -> str:
    """The warning for an anchor no alias uses: most likely text that starts with & and lost its first word."""
    message = f'the YAML anchor "&{anchor}" is never used, so "&{anchor}" is not part of the text'
    rewritten = _rewrite(_line(text, mark.line))
    if rewritten is not None and rewritten[0].startswith("&"):
        return f"{message}: if it should be, quote the text: {rewritten[1]}"
    return f"{message}: if it should be, quote the text"


def hint_for_collection(value) -> str:
    """' (...)' for a list or mapping found where text was expected, when it was written in flow style."""
    if getattr(value, "flow", False):
        kind = "list" if isinstance(value, list) else "mapping"
        opening = "[" if kind == "list" else "{"
        return f" (a text that starts with {opening} is read by YAML as a {kind}: quote the text)"
    return ""


def text_read_as_field(data: dict, fields) -> str | None:
    """For a text that YAML read as a one-field mapping because it contains ": " (``- Cde. Khrushchev: we
    must``), ' "...": quote ...' with the line rewritten; None for anything else."""
    if len(data) != 1 or getattr(data, "flow", False):
        return None
    key, value = next(iter(data.items()))
    if key in fields or re.fullmatch(r"[a-z_]+", key) or not isinstance(value, str) or "\n" in value:
        return None
    text = f"{key}: {value}"
    return (f' "{key}" (YAML takes ": " for the end of a field name): quote the whole text: - {_quoted(text)}')


def hint_for_text_as_key(key: str) -> str:
    """' (...)' for an unknown field that looks like text with ": " in it (``- Cde. Khrushchev: we ...``)."""
    if re.fullmatch(r"[a-z_]+", key):
        return ""
    return ' (if this is text that contains ": ", quote the whole text)'
