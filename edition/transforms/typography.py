"""Typography for print: a resolved ``Edition`` in, the same edition set for the page out.

Takes the edition after persons, numbering and cross-references
(``pipeline.load``); gives it with:

- **no-break spaces** (U+00A0) where a line must not break (``tie``): initials
  to one another and to the surname ("N. M. Shvernik", "Yu. V. Andropov"); an
  abbreviation that takes a number to it ("p. 389", "F. 3", "Op. 12", "D. 484",
  "Ll. 53", "No. 597", "vol. 2", "№ 5", "Note 33", "Document 3");
  a day to its month and year ("26 October 1956", "October 26, 1956",
  "26 oktyabrya 1956 g."); a time to "p.m."; the words of a name written
  surname first ("Liu Shaoqi", "Wang Jiaying");
- **en dashes** in ranges of pages, leaves and folios after their
  abbreviation ("Ll. 123–129", "pp. 12–15"), as the citation block prints them;
- **curly apostrophes and quotation marks** in the plain fields, which do not
  pass through the inline markup (``curl``): "Translator’s Notes", "People’s".

The same rules serve the writer for the strings it prints itself (``tie``,
``curl``).  A citation as the archive gives it (``as_given``) is verbatim: its
characters are kept, only its spaces may be tied.  Every replacement keeps the
text's length, so positions inside a text stay valid.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Iterator

from ..model import (Citation, CONTAINERS, Document, Edition, EditionMeta, Inline, Person, PersonMention, Sic, Text,
                     map_document_texts, plain_text, rewrite_inlines, walk_inlines)

NBSP = "\u00a0"
EN_DASH = "\u2013"
_SEPARATOR = "\x00"  # stands in the joined text for a node that is no text (a note call, a gap): nothing ties across it

# initials of one letter, and the Russian digraphs romanized as one ("Yu. V. Andropov", "Zh. Zh. Zhukov")
DIGRAPHS = frozenset({"Ch", "Kh", "Sh", "Shch", "Ts", "Ya", "Ye", "Yo", "Yu", "Zh"})
# abbreviations that take a number: pages, leaves, folios, volumes, notes, and the Russian archival units
NUMBERED = ("pp", "p", "P", "Ll", "ll", "L", "l", "ff", "f", "fols", "fol", "nn", "n", "Nos", "No", "no", "vols",
            "vol", "Vol", "D", "d", "F", "Op", "op", "ch", "Ch", "art", "Art", "doc", "Doc", "sec", "fig", "Fig",
            "col", "cols", "ф", "оп", "д", "л", "лл", "т", "с")
# words that take a number: "Note 33", "Document 3"
COUNTED = ("Note", "Notes", "note", "notes", "Document", "Documents", "document", "Volume", "volume", "Table",
           "Figure", "Appendix", "Cable", "File", "file", "box", "Box", "folder", "Folder", "RG", "item")
RANGED = ("pp", "p", "Ll", "ll", "L", "l", "ff", "f", "fols", "fol", "nn")
MONTHS = ("January February March April May June July August September October November December "
          "yanvarya fevralya marta aprelya maya iyunya iyulya avgusta sentyabrya oktyabrya noyabrya dekabrya "
          "января февраля марта апреля мая июня июля августа сентября октября ноября декабря").split()

_SPACE = r"(?P<sp>[ \t\n])"
_MONTH = "(?:" + "|".join(MONTHS) + ")"


def _alternation(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# each pattern ties the whitespace it captures as "sp" (the "sp2" of a date ties its year too)
_TIES = [
    re.compile(rf"(?<![\w.’'])(?P<initial>[^\W\d_]{{1,4}})\.{_SPACE}(?=[^\W\d_])"),
    re.compile(rf"(?<![\w.’'])(?:{_alternation(NUMBERED)})\.{_SPACE}(?=\d|[IVXLC]+\b)"),
    re.compile(rf"№{_SPACE}?(?=\d)"),
    re.compile(rf"(?<![\w.’'])(?:{_alternation(COUNTED)}){_SPACE}(?=\d)"),
    re.compile(rf"(?<![\d\w])\d{{1,2}}{_SPACE}{_MONTH}\b(?:(?P<sp2>[ \t\n])\d{{4}}\b)?"),
    re.compile(rf"\b{_MONTH}{_SPACE}\d{{1,2}}\b(?:,(?P<sp2>[ \t\n])\d{{4}}\b)?"),
    re.compile(rf"\b\d{{4}}{_SPACE}(?:gg?\.|гг?\.)"),
    re.compile(rf"\d{_SPACE}[ap]\.m\."),
]
_RANGE_LIST = re.compile(rf"(?<![\w.’'])(?:{_alternation(RANGED)})\.[ \u00a0]"
                         r"(?P<list>\d+\w*(?:-\d+\w*)?(?:,[ \u00a0]\d+\w*(?:-\d+\w*)?)*)")


def tie_positions(text: str) -> set[int]:
    """The offsets of the spaces in ``text`` that must not break a line."""
    out: set[int] = set()
    for pattern in _TIES:
        for m in pattern.finditer(text):
            initial = m.groupdict().get("initial")
            if initial is not None and not _is_initial(initial, text[m.end():m.end() + 1]):
                continue
            for group in ("sp", "sp2"):
                if m.groupdict().get(group) is not None:
                    out.add(m.start(group))
    return out


def _is_initial(token: str, following: str) -> bool:
    """"N" of "N. M. Shvernik", "Yu" of "Yu. V. Andropov": an initial when a capital follows."""
    single = len(token) == 1 and token.isupper()
    return (single or token in DIGRAPHS) and following.isupper()


def dash_positions(text: str) -> set[int]:
    """The offsets of the hyphens in ``text`` that stand for a range after a page, leaf or folio abbreviation."""
    out: set[int] = set()
    for m in _RANGE_LIST.finditer(text):
        listed = m.group("list")
        out.update(m.start("list") + i for i, ch in enumerate(listed) if ch == "-")
    return out


def tie(text: str, ranges: bool = True) -> str:
    """``text`` with no-break spaces where a line must not break, and (with ``ranges``) en dashes in ranges;
    the same length."""
    chars = list(text)
    for i in tie_positions(text):
        chars[i] = NBSP
    for i in dash_positions(text) if ranges else ():
        chars[i] = EN_DASH
    return "".join(chars)


_QUOTES = [
    (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),               # Khrushchev's, don't
    (re.compile(r"'(?=\d\d\b)"), "\u2019"),                  # '56
    (re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013\"“]))'"), "\u2018"),  # an opening quote
    (re.compile(r"'"), "\u2019"),                            # officials', a closing quote
    (re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013‘]))\""), "\u201c"),
    (re.compile(r"\""), "\u201d"),
]


def curl(text: str) -> str:
    """Straight apostrophes and quotation marks made curly, as the inline markup does for the text fields."""
    for pattern, mark in _QUOTES:
        text = pattern.sub(mark, text)
    return text


def typeset_edition(edition: Edition) -> Edition:
    """The edition with its text set for print (see the module's docstring)."""
    persons = {p.id: p for p in edition.persons}
    return replace(edition, meta=_meta(edition.meta), persons=tuple(_person(p) for p in edition.persons),
                   documents=tuple(_document(d, persons) for d in edition.documents))


def _plain(text: str) -> str:
    return tie(curl(text))


def _meta(meta: EditionMeta) -> EditionMeta:
    # the title and subtitle go into the PDF's metadata too: curly quotes, but plain spaces
    return replace(meta, title=curl(meta.title), subtitle=curl(meta.subtitle),
                   editors=tuple(_plain(e) for e in meta.editors), publisher=_plain(meta.publisher),
                   place=_plain(meta.place), licence=_plain(meta.licence), series=_plain(meta.series),
                   translator=_plain(meta.translator), acknowledgement=_plain(meta.acknowledgement))


def _person(person: Person) -> Person:
    return replace(person, identification=_plain(person.identification))


def _citation(citation: Citation) -> Citation:
    return replace(citation, as_given=tie(citation.as_given, ranges=False), compiler=_plain(citation.compiler),
                   published=_plain(citation.published), digital_archive=_plain(citation.digital_archive))


def _document(doc: Document, persons: dict[str, Person]) -> Document:
    def run(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tie_inlines(nodes, lambda pid: pid in persons and persons[pid].surname_first)

    typeset = map_document_texts(doc, run)
    return replace(typeset, title_text=plain_text(typeset.title), short_title=_plain(doc.short_title),
                   dateline=_plain(doc.dateline), notes_heading=_plain(doc.notes_heading),
                   original_language=_plain(doc.original_language), contents=_plain(doc.contents),
                   citation=_citation(doc.citation))


def tie_inlines(nodes: tuple[Inline, ...], name_kept_whole: Callable[[str], bool] = lambda _pid: False
                ) -> tuple[Inline, ...]:
    """A run of inlines with its spaces tied as ``tie`` ties a string, across the nodes (``A. A. `` before the
    mention ``Gromyko``); inside the mention of a person for whom ``name_kept_whole(id)`` holds (names written
    surname first), every space is tied."""
    texts = list(_texts(nodes, False, name_kept_whole))
    joined = "".join(value for value, _whole in texts)
    ties, dashes = tie_positions(joined), dash_positions(joined)
    offset = 0
    for value, whole in texts:
        if whole:
            ties.update(offset + i for i, ch in enumerate(value) if ch in " \t\n")
        offset += len(value)
    values = iter(_set(value, start, ties, dashes) for value, start in _starts(texts))

    def visit(node: Inline, whole: bool = False) -> Inline | None:
        if isinstance(node, Text):
            return replace(node, value=next(values))
        if isinstance(node, PersonMention) and name_kept_whole(node.person_id):
            return replace(node, children=rewrite_inlines(node.children, lambda n: visit(n, True)))
        if isinstance(node, Sic) and node.correction:  # "[sic: Wang Jiaxiang]": the correction as its text
            kept = whole or any(isinstance(n, PersonMention) and name_kept_whole(n.person_id)
                                for n in walk_inlines(node.children))
            correction = node.correction.replace(" ", NBSP) if kept else tie(node.correction)
            return replace(node, correction=correction,
                           children=rewrite_inlines(node.children, lambda n: visit(n, whole)))
        return None

    return rewrite_inlines(nodes, visit)


def _texts(nodes: tuple[Inline, ...], whole: bool, name_kept_whole: Callable[[str], bool]
           ) -> Iterator[tuple[str, bool]]:
    """(text, inside a name kept whole) in reading order; a separator for each node that is not text."""
    for node in nodes:
        if isinstance(node, Text):
            yield node.value, whole
        elif isinstance(node, CONTAINERS):
            inner = whole or (isinstance(node, PersonMention) and name_kept_whole(node.person_id))
            yield from _texts(node.children, inner, name_kept_whole)
        else:
            yield _SEPARATOR, False


def _starts(texts: list[tuple[str, bool]]) -> Iterator[tuple[str, int]]:
    """Each real text (not a separator) with its offset in the joined text."""
    offset = 0
    for value, _whole in texts:
        if value != _SEPARATOR:
            yield value, offset
        offset += len(value)


def _set(value: str, start: int, ties: set[int], dashes: set[int]) -> str:
    chars = list(value)
    for i in range(len(chars)):
        if start + i in ties and chars[i] in " \t\n":
            chars[i] = NBSP
        elif start + i in dashes and chars[i] == "-":
            chars[i] = EN_DASH
    return "".join(chars)
