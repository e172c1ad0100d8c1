"""The adapter's pypdf half: a stream's stored bytes read and replaced, and a reference to an object of a
file written by hand (see ``edition.adapter`` for what each relies on)."""
from __future__ import annotations

from functools import cache


def raw_stream_data(stream) -> bytes:
    """A pypdf stream's bytes as stored in the file (still encoded)."""
    return stream._data


def set_raw_stream_data(stream, data: bytes) -> None:
    """Replace a pypdf stream's stored (encoded) bytes (and forget its decoded copy); the caller sets
    /Filter to match."""
    stream._data = data
    if getattr(stream, "decoded_self", None) is not None:
        stream.decoded_self = None


@cache
def final_reference_class():
    """``IndirectObject`` for a file written by hand: written as ``n 0 R``, with no reader to resolve it."""
    from pypdf.generic import IndirectObject

    class FinalReference(IndirectObject):
        def __init__(self, number: int):
            super().__init__(number, 0, None)

    return FinalReference
