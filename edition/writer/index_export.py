"""Index export: index entries in, JSON, CSV or Markdown text out (for web editions, cumulative indexes)."""
from __future__ import annotations

import csv
import io
import json

from ..model import Edition
from ..transforms.index import IndexEntry, index_records


FORMATS = ("json", "csv", "md")


def export_index(entries: tuple[IndexEntry, ...], edition: Edition, fmt: str) -> str:
    records = index_records(entries, {p.id: p for p in edition.persons})
    if fmt == "json":
        return json.dumps({"title": edition.meta.title, "entries": records}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["heading", "id", "life_dates", "locator", "page", "last_page", "notes", "see"])
        for r in records:
            see = "; ".join(f"{x['kind']} {x['heading']}" for x in r["see"])
            if not r["locators"]:
                writer.writerow([r["heading"], r["id"] or "", r["life_dates"], "", "", "", "", see])
            for loc in r["locators"]:
                writer.writerow([r["heading"], r["id"] or "", r["life_dates"], loc["text"], loc["first_page"],
                                 loc["last_page"], " ".join(map(str, loc["notes"])), see])
        return out.getvalue()
    if fmt == "md":
        lines = [f"# Index of names: {edition.meta.title}", ""]
        group = None
        for r in records:
            if r["group"] != group:
                group = r["group"]
                lines += ["", f"## {group}", ""]
            text = r["heading"]
            if r["locators"]:
                text += ", " + ", ".join(loc["text"] for loc in r["locators"])
            for x in r["see"]:
                text += f". *{x['kind']}* {x['heading']}"
            lines.append(f"- {text}")
        return "\n".join(lines).replace("\n\n\n", "\n\n").lstrip("\n") + "\n"
    raise ValueError(f"unknown index format {fmt!r}")
