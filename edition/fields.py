"""One YAML mapping read against its list of fields: a ``YMap`` and the field list in, typed values out.

``Fields`` reports unknown fields (with a did-you-mean), missing and empty
required ones, and values of the wrong type, each at its position, into the
diagnostics; its accessors return text, lists, booleans, and the printed
fields as ``Located`` (text with its place), for the checks of every printed
character.
"""
from __future__ import annotations

from typing import Any

from .diagnostics import Diagnostics, SourcePos, did_you_mean
from .model import Located
from .yamlhints import hint_for_collection, hint_for_text_as_key, text_read_as_field
from .yamlsource import Dated, Scalar, YList, YMap, YStr


def is_empty(value: Any) -> bool:
    """Nothing (YAML's null), blank text, or an empty list or mapping; not a value that failed to read (None),
    which is reported already."""
    if isinstance(value, Scalar) and value.value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, dict)) and not value


class Fields:
    """Reads one YAML mapping against a field list, reporting unknown, missing, empty and mistyped fields."""

    def __init__(self, data: Any, fields: dict[str, bool], what: str, pos: SourcePos, diags: Diagnostics,
                 or_text: bool = False, may_be_empty: tuple[str, ...] = ()):
        """``or_text``: a list item that may also be text, so a text with ": " in it is read as a mapping;
        ``may_be_empty``: required fields that may be given empty (the caller judges)."""
        self.diags = diags
        self.what = what
        self.ok = isinstance(data, YMap)
        if not self.ok:
            diags.error(getattr(data, "pos", pos), f"{what} must be a mapping of fields{hint_for_collection(data)}",
                        code="type")
            self.data = YMap()
            self.data.pos, self.data.key_pos, self.data.value_pos = getattr(data, "pos", pos), {}, {}
            return
        self.data = data
        if or_text and (misread := text_read_as_field(data, fields)) is not None:  # "- Khrushchev: we must"
            diags.error(data.pos, f"{what} reads as a field{misread}", code="yaml")
            self.ok = False
            return
        for key in data:
            if key not in fields:
                diags.error(data.key_pos[key], f'unknown field "{key}" in {what}'
                                               f'{did_you_mean(key, fields) or hint_for_text_as_key(key)}',
                            code="field-unknown")
        for key, required in fields.items():
            if required and key not in data:
                diags.error(data.pos, f'{what} lacks the required field "{key}"', code="field-missing")
            elif required and key not in may_be_empty and is_empty(data[key]):
                diags.error(data.pos_of(key), f'the required field "{key}" in {what} is empty', code="field-empty")

    @property
    def pos(self) -> SourcePos:
        return self.data.pos

    def pos_of(self, key: str) -> SourcePos:
        return self.data.pos_of(key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None and not (
            isinstance(self.data[key], Scalar) and self.data[key].value is None)

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def text(self, key: str, default: str = "") -> YStr:
        """A string field; numbers are accepted and turned into text (years, fond numbers)."""
        if not self.has(key):
            return YStr(default, self.pos_of(key))
        value = _as_text(self.data[key])
        if value is None:
            self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be text'
                                               f'{hint_for_collection(self.data[key])}', code="type")
            return YStr(default, self.pos_of(key))
        return value

    def texts(self, key: str) -> list[YStr]:
        """A list of text (one text alone is a list of one); an empty item is an error at its place."""
        if not self.has(key):
            return []
        value = self.data[key]
        if isinstance(value, YStr):
            return [value]
        if not isinstance(value, YList):
            self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be a list of text', code="type")
            return []
        out = []
        for item in value:
            text = _as_text(item) if not isinstance(item, Dated) else None
            if text is None:
                self.diags.error(getattr(item, "pos", self.pos_of(key)),
                                 f'each item of "{key}" in {self.what} must be text{hint_for_collection(item)}',
                                 code="type")
            elif not text.strip():
                self.diags.error(text.pos, f'an item of "{key}" in {self.what} is empty', code="field-empty")
            else:
                out.append(text)
        return out

    def items(self, key: str) -> list[Any]:
        if not self.has(key):
            return []
        value = self.data[key]
        if not isinstance(value, YList):
            self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be a list', code="type")
            return []
        return list(value)

    def boolean(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, Scalar) and isinstance(value.value, bool):
            return value.value
        self.diags.error(self.pos_of(key), f'"{key}" in {self.what} must be true or false', code="type")
        return default

    def located(self, *keys: str) -> list[Located]:
        """The given (printed) fields as read, each text with its place; quietly, as ``text``/``texts`` report."""
        out = []
        for key in keys:
            value = self.data.get(key)
            for item in (value if isinstance(value, YList) else [value]):
                text = _as_text(item)
                if text:
                    out.append(Located(str(text), text.pos, text.raw))
        return out


def _as_text(value: Any) -> YStr | None:
    """Text as the file writes it: a string, or a number or date given where text is meant (years, fonds)."""
    if isinstance(value, YStr):
        return value
    if isinstance(value, Scalar) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
        return YStr(str(value.raw), value.pos, value.raw)
    if isinstance(value, Dated):
        return YStr(value.raw, value.pos, value.raw)
    return None
