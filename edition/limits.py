"""The bounds the reader sets on what a source may ask of the machine.

Takes nothing; gives the numbers (the README's "Limits" lists them).  Each is
far above what a real edition needs and low enough that a hostile or broken
file is refused early, at its place, in bounded time and memory.
"""
from __future__ import annotations

MAX_SOURCE_BYTES = 2 * 1024 * 1024  # one YAML file (the first edition's document: 12 kB; 2 MB: over 1,000 pages)
MAX_YAML_NODES = 200_000  # values in one file once its aliases are expanded (a 500-page document holds ~30,000)
MAX_ALIAS_VALUES = 10_000  # values that aliases repeat in one file (an alias repeats a value; it must not multiply)
MAX_YAML_DEPTH = 64  # mappings and lists inside each other in one file (a document needs 6)
MAX_TEXT_CHARS = 50_000  # one text field (a paragraph, a note): about 8,000 words
MAX_INLINE_NESTING = 32  # emphasis and bracketed spans inside each other in one text field
PAGE_SIDE_MM = (50.0, 1000.0)  # each side of the page, in millimetres
MAX_BLEED_MM = 25.0  # print: bleed
URL_SCHEMES = ("http", "https")  # citation.url: the schemes a PDF reader opens as a web link
MAX_DECODED_STREAM_BYTES = 256 << 20  # what one stream of a PDF read by `edition preflight` may decompress to
MAX_DECODED_TOTAL_BYTES = 1 << 30  # ... and all its streams together (a 400-page volume: about 150 MB)
