"""PDF objects for the assembly: small helpers over pypdf's object model.

Takes pypdf objects (as a part's reader gives them); gives them resolved
(``get``, ``array``), walked (``tree_items`` of name and number trees),
detached from their reader, keyed for deduplication (``stream_key``), and
destination names as the bytes that identify them.
"""
from __future__ import annotations

from typing import Any

import hashlib

from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject,
                           TextStringObject)

from .. import adapter

DEDUPLICATED_MIN_BYTES = 1024  # a reference-free stream at least this long is written once however many parts carry it


def detached(value: Any) -> Any:
    """A renumbered value kept for ``finish``, rebuilt so that it holds nothing of the part's reader
    (a pypdf object read from a file keeps its reader, and every object it parsed, alive)."""
    if isinstance(value, DictionaryObject):
        return DictionaryObject({key: detached(item) for key, item in dict.items(value)})
    if isinstance(value, ArrayObject):
        return ArrayObject(detached(item) for item in list.__iter__(value))
    return value


def stream_key(obj: Any) -> bytes | None:
    """A digest for a stream worth writing once however many parts carry it (no references inside)."""
    if not isinstance(obj, StreamObject) or len(adapter.raw_stream_data(obj)) < DEDUPLICATED_MIN_BYTES or has_refs(obj):
        return None
    h = hashlib.sha256()
    for key in sorted(k for k in obj if k != "/Length"):
        h.update(f"{key}={obj[key]!r};".encode())
    h.update(adapter.raw_stream_data(obj))
    return h.digest()


def has_refs(value: Any) -> bool:
    if isinstance(value, IndirectObject):
        return True
    if isinstance(value, dict):
        return any(has_refs(v) for v in dict.values(value))
    if isinstance(value, list):
        return any(has_refs(v) for v in list.__iter__(value))
    return False


def get(obj, key: str, default=None):
    """``obj[key]`` resolved (pypdf's ``get`` leaves references unresolved), or ``default``."""
    return obj[key] if key in obj else default


def array(value: Any) -> list:
    if value is None:
        return []
    resolved = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(resolved, ArrayObject):
        return list(list.__iter__(resolved))
    return [value]


def tree_items(node: Any, entries: str, depth: int = 0):
    """The (key, value) pairs of a name tree (``entries`` "/Names") or a number tree ("/Nums")."""
    if node is None or depth > 64:  # deeper is malformed, or a loop
        return
    node = node.get_object()
    flat = list(list.__iter__(node[entries])) if entries in node else []
    for k in range(0, len(flat) - 1, 2):
        yield flat[k], flat[k + 1]
    for kid in array(dict.get(node, "/Kids")):
        yield from tree_items(kid, entries, depth + 1)


def text(value) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def name_bytes(name) -> bytes:
    """A destination name as the bytes that identify it (text as UTF-16BE with a byte-order mark,
    as WeasyPrint writes non-ASCII names; ASCII as itself)."""
    if isinstance(name, bytes):
        return bytes(name)
    text = str(name)
    try:
        return text.encode("ascii")
    except UnicodeEncodeError:
        return b"\xfe\xff" + text.encode("utf-16-be")


def decoded(name: bytes) -> str:
    return name[2:].decode("utf-16-be") if name.startswith(b"\xfe\xff") else name.decode("latin-1")


def string(name: bytes) -> TextStringObject:
    return TextStringObject(decoded(name))


def pdf_dict(entries: dict) -> DictionaryObject:
    return DictionaryObject({NameObject(k) if isinstance(k, str) else k: v for k, v in entries.items()})
