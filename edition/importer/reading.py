"""Reading an input: its bytes in, its text out, or a ``ReadError`` that says why not.

The encoding is found, in this order: a byte order mark (UTF-8, UTF-16,
UTF-32); UTF-16 without a mark (every other byte zero in the opening bytes);
UTF-8; otherwise charset-normalizer's best guess, which is reported as a
warning at the first line that is not UTF-8.  A file that is not text (NUL
bytes where no UTF-16 explains them, or no encoding charset-normalizer
believes in) is refused, naming the file.

Limits keep an import bounded in time and memory: an input of more than
``MAX_INPUT_BYTES`` is refused without being read whole, and so is a line of
more than ``MAX_LINE_CHARS`` characters (no archive page has one; a file that
does is not the archive's plain text).
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

MAX_INPUT_BYTES = 5_000_000
MAX_LINE_CHARS = 200_000

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class ReadError(Exception):
    """An input that cannot be imported: ``line`` is where the cause is (0 when it is the whole file)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class InputText:
    """An input's text; ``guess`` says how it was decoded when that was a guess (with the first line that needed it)."""

    text: str
    guess: str = ""
    guess_line: int = 1


def read_input(path: Path) -> InputText:
    """The text of a file (raises ``ReadError`` or ``OSError``)."""
    with path.open("rb") as handle:
        return read_stream(handle)


def read_stream(handle: BinaryIO) -> InputText:
    data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ReadError(f"the input is larger than {MAX_INPUT_BYTES:,} bytes, the limit for one document: "
                        f"is it the archive's plain text?")
    return decode(data)


def decode(data: bytes) -> InputText:
    """Bytes to text, by the rules in the module's docstring; the line lengths are checked."""
    found = _decoded(data)
    _check_lines(found.text)
    return found


def _decoded(data: bytes) -> InputText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return InputText(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {encoding.upper()} although it begins with that byte order mark "
                                f"(byte {exc.start})") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return InputText(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return _guessed(data, line)
    if "\x00" in text:
        raise ReadError("not a text file (it holds NUL bytes)", text[:text.index("\x00")].count("\n") + 1)
    return InputText(text)


def _utf16_without_bom(data: bytes) -> str:
    """ "utf-16-le" or "utf-16-be" when the opening bytes look like UTF-16 text, else ""."""
    head = data[:400]
    if len(head) < 4 or len(head) % 2:
        head = head[:len(head) - len(head) % 2]
    if len(head) < 4:
        return ""
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return ""


def _guessed(data: bytes, line: int) -> InputText:
    if b"\x00" in data:
        raise ReadError("not a text file (it holds NUL bytes and is not UTF-16)", data[:data.index(b"\x00")]
                        .count(b"\n") + 1)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("not a text file, or in an encoding that cannot be recognised: save it as UTF-8", line)
    text = str(best)
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if control > max(2, len(text) // 100):
        raise ReadError("not a text file (control characters throughout)", line)
    return InputText(text, guess=f"not UTF-8: read as {best.encoding} (a guess; check the diacritics)",
                     guess_line=line)


def _check_lines(text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE_CHARS:
            raise ReadError(f"a line of {len(line):,} characters, over the limit of {MAX_LINE_CHARS:,}: "
                            f"is it the archive's plain text?", number)
