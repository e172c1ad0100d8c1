"""Preflight rules on the pages' structure and text: labels against folios, notes against calls, the index.

Takes the PDF (pypdf), its pages' text (``reading``) and, when the build gives
it, the edition model; adds findings to the ``Report``.  The rules read what
the file says of itself, whatever the design: the folio is the page's last
line, the page furniture WeasyPrint draws after a page's matter; a note and
its call are named destinations (``call-<note>`` and ``<note>``, a
continuation ``<note>-c<n>``: ``anchors``), which the laid-out boxes placed;
an index locator is checked against the page it names, and against the page
its link leads to where the PDF has links.  The text is read with words
hyphenated at a line's end (or a page's) joined again.
"""
from __future__ import annotations

import re

from .. import anchors
from ..text import fold
from ..transforms.locators import parse_locator
from . import Report
from .reading import Page

FOLIO = re.compile(r"^(\d+|[ivxlcdm]+)$")
_LOCATOR_RUN = re.compile(r",\s*(\d[\d\u2013n-]*(?:\s*,\s*\d[\d\u2013n-]*)*)")
_GROUP_LETTERS = re.compile(r"^(?:\w\s+)+")
_PART = re.compile(r"^(?P<note>.+)-c(?P<part>\d+)$")
_NOTE = re.compile(r"^(?P<doc>.+)-n\d+[a-z]?$")


def check_labels(report: Report, reader, pages: list[Page]) -> list[str]:
    """Page labels exist and each page's printed folio is its label.  The folio stands in the page's last
    line (page furniture is drawn after the page's matter), alone or beside a running head: a text that the
    last lines of other pages repeat."""
    labels = list(reader.page_labels)
    problems = []
    if "/PageLabels" not in reader.trailer["/Root"]:
        problems.append("no page labels")
    lasts = [page.lines[-1].split() if page.lines else [] for page in pages]
    heads = [" ".join(t for t in last if not FOLIO.match(t)) for last in lasts]
    repeated = {head for head in heads if heads.count(head) > 1} | {""}
    for number, (last, head) in enumerate(zip(lasts, heads), 1):
        folios = [t for t in last if FOLIO.match(t)]
        if folios and head in repeated and labels[number - 1] not in folios:
            problems.append(f"p. {number} prints folio {folios[0]} but is labelled {labels[number - 1]}")
    report.add("labels", problems, "page labels match every printed folio")
    return labels


def destination_pages(reader) -> dict[str, int]:
    """Every named destination and the index of its page."""
    out = {}
    for name, dest in reader.named_destinations.items():
        try:
            out[str(name)] = reader.get_destination_page_number(dest)
        except Exception:  # noqa: BLE001 - a destination to nothing is reported by the rule that needs it
            continue
    return out


def check_notes(report: Report, dests: dict[str, int], labels: list[str]) -> None:
    """Every note begins on its call's page and its continuations follow on the next pages, one each."""
    def label(i: int) -> str:
        return labels[i] if 0 <= i < len(labels) else str(i + 1)
    problems = []
    calls = {note: page for name, page in dests.items() if (note := anchors.note_of_call(name))}
    parts: dict[str, dict[int, int]] = {}
    for name, page in dests.items():
        m = _PART.match(name)
        if m and m["note"] in calls:
            parts.setdefault(m["note"], {})[int(m["part"])] = page
    for note, call in sorted(calls.items(), key=lambda item: (item[1], item[0])):
        shown = note.rsplit("-", 1)[-1]
        if note not in dests:
            problems.append(f"p. {label(call)}: note {shown} is called here but printed nowhere")
            continue
        if dests[note] != call:
            problems.append(f"p. {label(call)}: note {shown} is called here but begins on p. {label(dests[note])}")
        following = parts.get(note, {})
        for part in sorted(following):
            if following[part] != dests[note] + part - 1 or part - 1 not in (following.keys() | {1}):
                problems.append(f"note {shown}: its continuation (part {part}) is on p. {label(following[part])}, "
                                f"not on p. {label(dests[note] + part - 1)}")
    for name, page in dests.items():
        m = _PART.match(name)
        note = m["note"] if m else name
        if note not in calls and anchors.call(note) not in dests and _looks_like_note(note, calls):
            problems.append(f"p. {label(page)}: a note is printed with no call ({name})")
    report.add("notes", problems, f"{len(calls)} notes, each beginning at the foot of its call's page"
               + (f", {len(parts)} continued on the pages after" if parts else ""))


def _looks_like_note(name: str, calls: dict[str, int]) -> bool:
    """A destination named as a note ("<doc>-n<number>") of a document whose notes have calls."""
    m = _NOTE.match(name)
    return m is not None and any((n := _NOTE.match(note)) is not None and n["doc"] == m["doc"] for note in calls)


def check_index(report: Report, reader, data: bytes, pages: list[Page], labels: list[str],
                dests: dict[str, int], edition) -> None:
    """Every locator of the index names a page that names its person (with the edition's name forms; without
    them, a word of the heading), and leads there where it is a link."""
    start = outline_page(reader, "Index")
    if start is None:
        report.add("index", [], "no index in this PDF")
        return
    forms = name_forms(edition)
    texts = [fold(" ".join(p.text.split())) for p in pages]
    index_text = " ".join(_less_furniture(p.text) for p in pages[start:])
    problems: list[str] = []
    checked = 0
    for heading, rest in index_entries(index_text, forms):
        names = forms.get(fold(heading)) or _heading_words(heading)
        for token in (t.split()[0].strip(" .") for t in rest.split(",") if t.split()):  # "3 d": a letter follows
            locator = parse_locator(token)
            if locator is None:
                continue
            for folio in range(locator.first_page, locator.last_page + 1):
                checked += 1
                if str(folio) not in labels:
                    problems.append(f'"{heading}": locator {token} points past the last page')
                elif not any(_names(texts, labels.index(str(folio)), n) for n in names):
                    problems.append(f'"{heading}": p. {folio} (locator {token}) does not name the person')
    problems += _links_against_labels(reader, data, start, labels, dests)
    report.add("index", problems, f"{checked} index locators, each on a page naming its person")


def _heading_words(heading: str) -> set[str]:
    """Without the edition's name forms: any word of the heading that could name the person (the text
    alone cannot tell where a See reference ends and the next heading begins)."""
    words = {w[:5] for w in re.findall(r"\w[\w'’-]+", fold(heading)) if w not in ("see", "also")}
    return words or {fold(heading)}  # a word's first letters: spellings differ in their endings (Rokossowski)


def _names(texts: list[str], page: int, name: str) -> bool:
    """The page names ``name`` (folded), or begins it in a word hyphenated across to the next page."""
    if re.search(rf"(?<!\w){re.escape(name)}", texts[page]):
        return True
    following = texts[page + 1] if page + 1 < len(texts) else ""
    # the reading joins a word hyphenated at a line's end, and drops the hyphen at the page's last line too,
    # so the page has the word's beginning, run into what follows it (the notes, the running head)
    return any(following.startswith(name[k:]) and re.search(rf"(?<!\w){re.escape(name[:k])}", texts[page])
               for k in range(2, len(name) - 1))


def index_entries(text: str, forms: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(heading, what follows it) for each entry of the index's text: a heading is a known index form when the
    edition gives them, else the words before the first locator."""
    if forms:
        folded = fold(text)
        spots = sorted((m.start(), heading) for heading in forms for m in re.finditer(
            rf"(?<!\w){re.escape(heading)}(?=,|\.|\s)", folded))
        entries = []
        for k, (at, heading) in enumerate(spots):
            end = spots[k + 1][0] if k + 1 < len(spots) else len(folded)
            entries.append((heading, folded[at + len(heading):end]))
        return entries
    entries, previous = [], 0
    for m in _LOCATOR_RUN.finditer(text):
        heading = text[previous:m.start()].split(". ")[-1]  # after a See reference or the note above
        heading = _GROUP_LETTERS.sub("", heading.strip())  # a letter group's heading ("B") before it
        previous = m.end()
        entries.append((heading, m.group(1)))
    return entries


def _less_furniture(text: str) -> str:
    """A page's text without its last line (the running head or folio, drawn after the page's matter)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return " ".join(lines[:-1])


def _links_against_labels(reader, data: bytes, start: int, labels: list[str], dests: dict[str, int]) -> list[str]:
    """Where the index's locators are links, each leads to the page it prints (its first page)."""
    from .reading import texts_in_boxes
    links = []
    for index in range(start, len(reader.pages)):
        for annot in reader.pages[index].get("/Annots") or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if isinstance(dest, str) and dest in dests and "/Rect" in annot:
                x0, y0, x1, y1 = (float(x) for x in annot["/Rect"])
                links.append((index, [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)], dest))
    printed: dict[str, str] = {}  # a locator broken over two lines is one link in two boxes
    for (_index, _rect, dest), text in zip(links, texts_in_boxes(data, [(i, r) for i, r, _d in links])):
        printed[dest] = printed.get(dest, "") + text
    problems = []
    for dest, text in printed.items():
        locator = parse_locator(text)
        if locator is not None and labels[dests[dest]] != str(locator.first_page):
            problems.append(f"locator {text} leads to p. {labels[dests[dest]]}")
    return problems


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
