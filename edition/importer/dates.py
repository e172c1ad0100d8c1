"""Dates: a date line ("October 26, 1956", "26 October 1956", "1956-10-26") in, a ``ReadDate`` out.

``read_date(text)`` reads a whole line as a date, or returns None when the line
is something else; ``find_date(text)`` looks for a date inside a longer text (a
title).  A date that gives less than a day (a month, a year), a range or an
approximate date is still read, with ``doubt`` saying why an editor must look.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–—/]\s*\d{1,2}(?:st|nd|rd|th)?)"  # the end of a range of days
_YEAR = r"(?P<year>\d{4})"
_APPROX = r"(?P<approx>(?:c\.|ca\.|circa|about|before|after|early|late|mid-?)\s*)?"

_PATTERNS = [
    re.compile(rf"{_APPROX}{_MONTH}\s+{_DAY}(?P<range>{_DAY2})?,?\s+{_YEAR}", re.I),  # October 26, 1956
    re.compile(rf"{_APPROX}{_DAY}(?P<range>{_DAY2})?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),  # 26 October 1956
    re.compile(rf"{_APPROX}{_YEAR}-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})"),  # 1956-10-26
    re.compile(rf"{_APPROX}{_MONTH},?\s+{_YEAR}", re.I),  # October 1956
    re.compile(rf"{_APPROX}{_YEAR}(?P<uncertain>\?)?"),  # 1956
]


@dataclass(frozen=True, slots=True)
class ReadDate:
    """A date read from text; ``doubt`` is empty when the text gave exactly one day."""

    date: _dt.date
    doubt: str = ""


def read_date(text: str) -> ReadDate | None:
    """The date a whole line gives (markup such as ``**`` and a final full stop allowed), or None."""
    line = text.strip().strip("*_#").strip().rstrip(".").strip()
    if not line or len(line) > 60:
        return None
    for pattern in _PATTERNS:
        m = pattern.fullmatch(line)
        if m:
            return _to_date(m)
    # a range of dates: "October 26, 1956 - November 4, 1956", "1956-1957"
    for first in _PATTERNS:
        m = first.match(line)
        if m:
            rest = re.match(r"\s*(?:[-–—]|to|until)\s*", line[m.end():])
            if rest and any(p.fullmatch(line[m.end() + rest.end():]) for p in _PATTERNS):
                found = _to_date(m)
                if found is not None:
                    doubt = "; ".join(x for x in (found.doubt, "the date line gives a range: its first day is taken")
                                      if x)
                    return ReadDate(found.date, doubt)
    return None


def find_date(text: str) -> ReadDate | None:
    """The first full date (day, month and year) inside a longer text, or None."""
    for pattern in _PATTERNS[:3]:
        for m in pattern.finditer(text):
            if (m.start() == 0 or not text[m.start() - 1].isalnum()) and (
                    m.end() == len(text) or not text[m.end()].isalnum()):
                found = _to_date(m)
                if found is not None:
                    return found
    return None


def _to_date(m: re.Match) -> ReadDate | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = MONTHS[groups["month"].lower()]
    elif groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        month = 0
    day = int(groups["day"]) if groups.get("day") else 0
    doubts = []
    if not month:
        doubts.append("the date line gives only a year")
    elif not day:
        doubts.append("the date line gives no day")
    if groups.get("range"):
        doubts.append("the date line gives a range: its first day is taken")
    if groups.get("approx") or groups.get("uncertain"):
        doubts.append("the date line gives an approximate date")
    try:
        date = _dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return ReadDate(date, "; ".join(doubts))


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


def date_phrase(date: _dt.date) -> str:
    """``26 October 1956``: the form used in short titles (not the locale's)."""
    return f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year}"
