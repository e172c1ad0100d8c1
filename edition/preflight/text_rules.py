"""Preflight rules on the pages' text: labels against printed folios, notes against calls, index locators.

Takes the pages as ``reading`` gives them (and the edition, for the persons'
name forms); adds findings to the ``Report``.
"""
from __future__ import annotations

import re

from ..text import fold
from ..transforms.locators import parse_locator
from . import Report
from .reading import Page

FOLIO = re.compile(r"^(\d+|[ivxlcdm]+)$")
HEAD_ZONE = 0.6 * 72   # running heads stand above this line (pt from the trim's top)
FOOT_ZONE = 0.75 * 72  # drop folios stand below this distance from the trim's foot


def check_labels(report: Report, reader, pages: list[Page]) -> list[str]:
    labels = list(reader.page_labels)
    problems = []
    if "/PageLabels" not in reader.trailer["/Root"]:
        problems.append("no page labels")
    for number, page in enumerate(pages, 1):
        margin = [w["text"] for w in page.words if w["bottom"] < HEAD_ZONE or w["top"] > page.height - FOOT_ZONE]
        folios = [t for t in margin if FOLIO.match(t)]
        if folios and labels[number - 1] not in folios:
            problems.append(f"p. {number} prints folio {folios[0]} but is labelled {labels[number - 1]}")
    report.add("labels", problems, "page labels match every printed folio")
    return labels


def check_notes(report: Report, pages: list[Page], labels: list[str]) -> None:
    """Calls are small raised digits above the notes; a note begins with its number (and a period), indented,
    at the foot."""
    problems = []
    checked = 0
    for number, page in enumerate(pages, 1):
        notes_top = max((r[1] for r in page.rules), default=None)
        # a call: small digits raised above the text they stand in (the word before, or after at a line's start)
        words = page.words
        sizes = sorted(w["size"] for w in words if notes_top is None or w["top"] < notes_top)
        text_size = sizes[len(sizes) // 2] if sizes else 0
        calls = []
        for k, w in enumerate(words):
            if not (w["text"].isdigit() and HEAD_ZONE < w["top"] and (notes_top is None or w["top"] < notes_top)):
                continue
            neighbours = [words[j] for j in (k - 1, k + 1) if 0 <= j < len(words)
                          and abs(words[j]["base"] - w["base"]) < 0.6 * words[j]["size"]]
            if any(w["size"] < 0.8 * o["size"] and w["base"] < o["base"] - 1 for o in neighbours) or (
                    not neighbours and w["size"] < 0.7 * text_size):  # alone on its line
                calls.append(int(w["text"]))
        notes = []
        if notes_top is not None:
            foot = [w for w in page.words if w["top"] > notes_top and "08" in w["fontname"]
                    and w["top"] < page.height - FOOT_ZONE]
            left = min((w["x0"] for w in page.words if HEAD_ZONE < w["top"] < page.height - FOOT_ZONE), default=0)
            for w in foot:
                first_on_line = not any(abs(o["base"] - w["base"]) < 2 and o["x0"] < w["x0"] for o in foot)
                numeral = w["text"].removesuffix(".")  # "9." (Chicago 14.24) or "9"
                if first_on_line and numeral.isdigit() and 4 < w["x0"] - left < 14:
                    notes.append(int(numeral))
        checked += len(notes)
        label = labels[number - 1] if number - 1 < len(labels) else str(number)
        for n in sorted(set(notes) - set(calls)):
            problems.append(f"p. {label}: note {n} is printed here but its call is not on this page")
        for n in sorted(set(calls) - set(notes)):
            problems.append(f"p. {label}: note {n} is called here but not printed at this page's foot")
        for n in sorted({n for n in notes if notes.count(n) > 1}):
            problems.append(f"p. {label}: note {n} is printed twice")
    report.add("notes", problems, f"{checked} notes, each at the foot of its call's page")


def index_entries(pages: list[Page]) -> list[str]:
    """The index's entries, column by column, turnover lines joined to their entry.

    Entries begin at the column's left edge; turnover lines are indented.  The
    introductory note above the first letter group is skipped.
    """
    columns = []
    for number, page in enumerate(pages):
        body = [w for w in page.words if HEAD_ZONE < w["top"] < page.height - FOOT_ZONE]
        if number == 0:  # the title and the note above the columns span the page: start at the first letter
            left = [w for w in body if w["x0"] < page.width / 2]
            letters = [w for w in left if len(w["text"]) == 1 and w["text"].isalpha()
                       and not any(o is not w and abs(o["base"] - w["base"]) < 2 for o in left)]
            if letters:  # the columns begin level with the first letter heading's top
                first = min(letters, key=lambda w: w["base"])
                body = [w for w in body if w["base"] > first["top"]]
        for in_column in (lambda w, p=page: w["x0"] < p.width / 2, lambda w, p=page: w["x0"] >= p.width / 2):
            lines: dict[int, list] = {}
            for w in body:
                if in_column(w):
                    lines.setdefault(round(w["base"]), []).append(w)
            columns.append([sorted(lines[b], key=lambda w: w["x0"]) for b in sorted(lines)])
    # column edges differ between versos and rectos (mirrored margins): one edge per parity and column
    edges = {(parity, side): min((ln[0]["x0"] for i, col in enumerate(columns) if (i // 2) % 2 == parity
                                  and i % 2 == side for ln in col), default=0)
             for parity in (0, 1) for side in (0, 1)}
    entries: list[str] = []
    for i, column in enumerate(columns):
        edge = edges[((i // 2) % 2, i % 2)]
        for line in column:
            text = " ".join(w["text"] for w in line)
            if len(text) == 1 and text.isalpha():
                continue  # a letter group's heading
            if line[0]["x0"] - edge > 4 and entries:
                joint = "" if entries[-1].endswith(("\u2013", "-")) else " "  # a range broken at its dash
                entries[-1] += joint + text
            else:
                entries.append(text)
    return entries


def check_index(report: Report, reader, pages: list[Page], labels, pages_text, edition) -> None:
    start = outline_page(reader, "Index")
    if start is None:
        report.add("index", [], "no index in this PDF")
        return
    forms = name_forms(edition)
    folded_pages = [fold(" ".join(t.split())) for t in pages_text]
    problems = []
    checked = 0
    for entry in index_entries(pages[start:]):
        if " See " in entry or ", " not in entry:
            continue
        heading, _, rest = entry.partition(", ")
        while rest and parse_locator(rest.split(", ")[0]) is None:
            more, _, rest = rest.partition(", ")  # "Mikoyan, Anastas Ivanovich, 1–4": forenames first
            heading += ", " + more
        names = forms.get(fold(heading)) or {fold(heading.split(",")[0])}
        for token in (t.strip(" .") for t in rest.split(",")):
            locator = parse_locator(token)
            if locator is None:
                continue
            for folio in range(locator.first_page, locator.last_page + 1):
                checked += 1
                if str(folio) not in labels:
                    problems.append(f'"{heading}": locator {token} points past the last page')
                elif not any(n in folded_pages[labels.index(str(folio))] for n in names):
                    problems.append(f'"{heading}": p. {folio} (locator {token}) does not name the person')
    report.add("index", problems, f"{checked} index locators, each on a page naming its person")


def outline_page(reader, title: str):
    for item in reader.outline:
        if not isinstance(item, list) and item.title == title:
            return reader.get_destination_page_number(item)
    return None


def name_forms(edition) -> dict[str, set[str]]:
    """Index heading (folded) -> the folded forms that name the person, from the model."""
    if edition is None:
        return {}
    from ..model import PersonMention, document_texts, plain_text, walk_inlines
    used: dict[str, set[str]] = {}
    for doc in edition.documents:
        for nodes in document_texts(doc):
            for node in walk_inlines(nodes):
                if isinstance(node, PersonMention):
                    used.setdefault(node.person_id, set()).add(fold(plain_text(node.children)))
    forms = {}
    for p in edition.persons:
        names = {fold(f) for f in p.name_forms} | used.get(p.id, set())
        if p.forenames and not p.surname_first:  # participants print as "N. A. Bulganin"
            names.add(fold(p.surname))
        forms[fold(p.index_form)] = names
    return forms

