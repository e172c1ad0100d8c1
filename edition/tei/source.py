"""Source: the values read from TEI in, the edition's YAML files out (verified by reading them back).

``document_text`` and ``edition_text`` give the YAML of a document and of
``edition.yaml`` (long texts folded, lists of ids on one line);
``persons_text`` a new ``persons.yaml``; ``merged_persons`` an existing one
with the new persons appended after its last entry, its own text (and
comments) untouched, or ``None`` when it cannot be appended to safely.
"""
from __future__ import annotations

import re
import textwrap

import yaml

from ..importer.emit import _Dumper  # the importer's YAML style: folded long texts, flow lists of ids


def dump(value, indent: int = 0) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=92 - indent,
                     default_flow_style=False, indent=2)
    if text.endswith("...\n"):
        text = text[:-4]
    return textwrap.indent(text, " " * indent) if indent else text


def _comment(text: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines()) if text else ""


def _checked(text: str, data) -> str:
    if yaml.safe_load(text) != data:  # a bug here, never the input's fault: write nothing that says otherwise
        raise AssertionError("the YAML written does not read back as what was imported")
    return text


def document_text(data: dict, preamble: str = "") -> str:
    return _checked(_comment(preamble) + dump(data), data)


def edition_text(data: dict, source: str) -> str:
    return _checked(_comment(f"The volume, imported by `edition import` from {source}.") + dump(data), data)


def persons_text(entries: list[dict], source: str) -> str:
    head = _comment(f"The names authority, imported by `edition import` from {source}.")
    return _checked(head + "persons:\n" + (dump(entries, 2) if entries else "  []\n"), {"persons": entries})


def merged_persons(existing: str, entries: list[dict], source: str) -> str | None:
    """``existing`` with ``entries`` appended to its ``persons`` list, or None when that is not safe."""
    try:
        before = yaml.safe_load(existing)
    except yaml.YAMLError:
        return None
    if not isinstance(before, dict) or set(before) != {"persons"} or not isinstance(before["persons"], list):
        return None
    item = re.search(r"^( *)- ", existing, re.M)
    indent = len(item.group(1)) if item else 2
    text = existing if existing.endswith("\n") else existing + "\n"
    text += " " * indent + f"# imported by `edition import` from {source}\n" + dump(entries, indent)
    try:
        after = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return text if after == {"persons": before["persons"] + entries} else None
