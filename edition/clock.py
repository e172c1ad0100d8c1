"""The build's one date: ``SOURCE_DATE_EPOCH`` when set, else 1 January of the edition's year (never the clock).

Takes the edition's metadata; gives the date every output is stamped with, so
that the same source gives the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import os

from .model import EditionMeta


def edition_date(meta: EditionMeta) -> _dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    year = int(meta.year) if str(meta.year).isdigit() else 1970
    return _dt.datetime(year, 1, 1, tzinfo=_dt.timezone.utc)


def iso_stamp(meta: EditionMeta) -> str:
    return edition_date(meta).strftime("%Y-%m-%dT%H:%M:%SZ")
