"""Shared by export and import: the TEI namespace, ``xml:id`` values, and the one safe XML parser.

Takes strings (the edition's ids) and bytes (files); gives NCName ids and
parsed trees.  The parser never touches the network, never expands entities
and refuses huge trees: a TEI file from elsewhere is data, not instructions.
"""
from __future__ import annotations

import re

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
APPLICATION = "edition"  # appInfo/application/@ident: marks a file this tool wrote

_NCNAME_CHAR = re.compile(r"[^\w.\-]", re.UNICODE)


def tei(name: str) -> str:
    """The qualified name of a TEI element: ``tei("p")`` is ``{http://www.tei-c.org/ns/1.0}p``."""
    return f"{{{TEI_NS}}}{name}"


def local(tag: object) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def xml_id(value: str) -> str:
    """An NCName for ``value``: itself when it is one, else with a leading "_" and "_" for other characters.

    Document ids such as ``1956-10-26-presidium-session`` start with a digit,
    which an ``xml:id`` may not; the edition's own ids travel in ``@n``.
    """
    cleaned = _NCNAME_CHAR.sub("_", value)
    if not cleaned or not (cleaned[0].isalpha() or cleaned[0] == "_"):
        cleaned = "_" + cleaned
    return cleaned


def safe_parser() -> etree.XMLParser:
    """No network, no entity expansion, no DTD loading, no huge trees; line numbers kept."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=False, remove_pis=True)
