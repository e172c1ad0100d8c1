"""HTML writer: the resolved ``Edition`` in, paged HTML strings out.

Parts, each laid out and written on its own and joined afterwards:
``render_body_part`` (the documents, one part each; page numbers start at 1),
``render_front_part`` (half-title, title, imprint, contents, persons list;
roman folios; takes the body's page numbers, so it is written after layout)
and ``render_index_part``; ``render_html`` makes a part a page of HTML, and
``point_links_elsewhere`` sends a part's links to anchors of other parts out
as URIs for the assembly to resolve.  Templates are Jinja2 with autoescaping;
they only print what the model and the page map hold.

The strings this module prints itself are set as the text is
(``transforms.typography.tie``); a URL may break only after its slashes
(``url_html``), a hyphenated compound only at its own hyphen (``render_html``
keeps automatic hyphenation out of it), and the title of the periodical or
volume where a document was published is set in italics (``published_html``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from itertools import groupby

from markupsafe import Markup, escape
from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, Template,
                    select_autoescape)

from .. import anchors
from ..design import design_css
from ..styles import own_stylesheets
from ..citation import shelfmark
from ..profiles import SCREEN, Profile, profile_named
from ..model import Document, Edition, Person, Section, Witness, plain_text
from ..transforms.typography import tie
from .front import FrontMatter, how_to_cite
from .inline import NoteParts, render_continuation, render_inlines
from .plan import LayoutPlan

EN_DASH = "\u2013"
NBSP = "\u00a0"


@lru_cache(maxsize=8)
def _environment(own: Path | None) -> Environment:
    """The templates: the edition's own ``templates/`` folder (beside its source) first, then the tool's."""
    loaders = ([FileSystemLoader(own)] if own is not None else []) + [PackageLoader("edition", "templates")]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["inlines"] = render_inlines
    env.filters["plain"] = plain_text
    env.filters["tied"] = lambda text: text.replace(" ", NBSP)  # a short phrase kept on one line: "(CPC CC)"
    env.filters["spaced"] = lambda text: text.replace(NBSP, " ")  # a bookmark's label: the ties are for print
    env.globals["anchors"] = anchors
    return env


def _template(edition: Edition, name: str) -> Template:
    own = Path(edition.root).resolve().parent / "templates" if edition.root else None
    return _environment(own if own is not None and own.is_dir() else None).get_template(name)


def _common(edition: Edition) -> dict:
    meta = edition.meta
    return {"edition": edition, "meta": meta, "page": meta.page}


def render_body_part(edition: Edition, plan: LayoutPlan | None = None) -> Markup:
    """The documents, as the note placement's ``plan`` asks: paragraphs it relaxes give up widow and
    orphan control, notes it splits are written in parts, marked paragraphs mark their words."""
    plan = plan or LayoutPlan()
    persons = {p.id: p for p in edition.persons}
    return Markup(_template(edition, "body.html").render(
        **_common(edition), documents=edition.documents, persons=persons, participant_name=participant_name,
        plan=plan, note_parts=lambda doc: NoteParts(doc.notes, plan.splits, _entries(doc) if plan.apparatus else None),
        paragraph_anchor=paragraph_anchor,
        render_continuation=render_continuation,
        source_note=source_note, verbatim=verbatim, frus=edition.meta.document_heading == "frus"))


def _entries(doc: Document) -> dict:
    """The document's apparatus entries by anchor."""
    from ..transforms.apparatus import apparatus_entries
    return {app.anchor: app for app, _outer, _place in apparatus_entries(doc)}


def source_note(doc: Document) -> Markup:
    """The citation block's first paragraph: the repository and the shelfmark in the archive's own convention
    (``TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53–53ob``; ``TNA, FO 371/106432, f. 17``), compiler, languages,
    publication, URL."""
    c = doc.citation
    sentences = []
    archive = tie(", ".join(x for x in (c.repository, shelfmark(c)) if x))
    if archive:
        sentences.append(escape(archive if archive.endswith(".") else archive + "."))
    if c.compiler:
        sentences.append(escape(f"Compiled by {c.compiler}."))
    if doc.original_language:
        sentences.append(escape(f"Original language: {doc.original_language}."))
    if doc.contents:
        sentences.append(escape(doc.contents.replace(" - ", f" {EN_DASH} ") + "."))
    if c.published:
        sentences.append(Markup("Published in %s.") % published_html(c.published.replace("-", EN_DASH)))
    if c.digital_archive or c.url:
        link = url_html(c.url) if c.url else Markup("")
        sentences.append(Markup(", ").join(x for x in (escape(c.digital_archive), link) if x) + Markup("."))
    if doc.notes:
        sentences.append(escape(f"Footnotes: {doc.notes_heading}."))
    if doc.witnesses:
        sentences.append(witnesses_sentence(doc))
    return Markup(" ").join(sentences)


def witnesses_sentence(doc: Document) -> Markup:
    """"Witnesses: N: the Nicolay copy (Library of Congress, ...); H: ...." for the citation block."""
    def one(w: Witness) -> str:
        where = ", ".join(x for x in (w.citation.repository, shelfmark(w.citation)) if x) if w.citation else ""
        return f"{w.siglum}: {w.description.rstrip('.')}" + (f" ({where})" if where else "")
    return escape(tie("Witnesses: " + "; ".join(one(w) for w in doc.witnesses) + "."))


_EMPHASIS = re.compile(r"\*([^*]+)\*")
_LEADING_TITLE = re.compile(r"(?P<title>[^\d,*]*[^\d,*\s])(?P<rest>(?:,?\s+\d|,\s).*)")


def published_html(published: str) -> Markup:
    """Where the document was published, its periodical's or volume's title in italics: the editor's
    ``*...*`` when given, else the words before the first number or comma ("*CWIHP Bulletin* 8–9, p. 389",
    "*Foreign Relations of the United States*, 1955–1957, ..."); otherwise as it is."""
    if "*" in published:
        return Markup("").join(Markup("<i>%s</i>") % part if i % 2 else escape(part)
                               for i, part in enumerate(_EMPHASIS.split(published)))
    m = _LEADING_TITLE.fullmatch(published)
    if m is None:
        return escape(published)
    return Markup("<i>%s</i>%s") % (m.group("title"), m.group("rest"))


URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")
_LONG_PART = 60  # a part of a URL longer than this (longer than a line of notes holds) may break anywhere


def url_html(url: str) -> Markup:
    """A URL, linked, that breaks only after a slash: each part up to a slash is kept whole (never broken
    at its own hyphens, which a reader would take for the URL's), and the text extracts as the URL."""
    parts = re.findall(r"[^/]*/+|[^/]+$", url) or [url]
    spans = Markup("").join(Markup('<span class="%s">%s</span>') % (
        "url-part" if len(part) <= _LONG_PART else "url-long", part) for part in parts)
    return Markup('<a class="url" href="%s">%s</a>') % (url, spans)


def verbatim(text: str) -> Markup:
    """A text as its source gives it (a citation as the archive gives it): its characters kept, its
    spaces tied where a line must not break, its URLs breakable only after slashes."""
    out: list[Markup] = []
    last = 0
    for m in URL.finditer(text):
        out.extend((escape(text[last:m.start()]), url_html(m.group(0))))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def paragraph_anchor(section: Section, n: int) -> str:
    """The anchor of the n-th (1-based) paragraph of a section."""
    return anchors.paragraph(section.anchor, n)


def paragraph_anchors(doc: Document) -> list[str]:
    return [paragraph_anchor(s, i) for s in doc.sections for i in range(1, len(s.blocks) + 1)]


def render_front_part(edition: Edition, front: FrontMatter) -> Markup:
    return Markup(_template(edition, "front.html").render(
        **_common(edition), front=front, citation_line=how_to_cite(edition)))


def render_index_part(edition: Edition, entries) -> Markup:
    """The index of names, in letter groups."""
    groups = [(g, list(items)) for g, items in groupby(entries, key=lambda e: e.group)]
    return Markup(_template(edition, "index.html").render(**_common(edition), groups=groups))


def render_html(edition: Edition, parts: list[Markup], *, profile: "Profile | str" = SCREEN, base_href: str = "",
                first_page: int | None = None, created: str = "", linked: bool = True) -> str:
    """A complete HTML page holding the given parts (one part per layout; all of them for inspection).

    ``profile`` gives the stylesheets (and, for print, the edition's bleed);
    ``first_page`` sets the folio of the part's first page; ``created`` (ISO 8601) dates the PDF; without
    ``linked``, the page links the profile's stylesheets but its first (the layout is given it parsed).
    """
    profile = profile_named(profile)
    rules = []
    if profile.bleed:
        rules.append(f"@page {{ bleed: {edition.meta.bleed}; }}")
    if first_page is not None:
        rules.append(f"@page :first {{ counter-reset: page {int(first_page)}; }}")
    printed = [set_for_print(part, _kept_whole(edition)) for part in parts]
    return _template(edition, "page.html").render(
        **_common(edition), parts=printed, base_href=base_href, part_css=Markup("\n".join(rules)), profile=profile,
        sheets=profile.stylesheets if linked else profile.stylesheets[1:],
        created=created, design_css=Markup(design_css(edition.meta.design)),
        own_stylesheets=own_stylesheets(Path(edition.root)) if edition.root else ())


# a hyphenated compound ("Military-Revolutionary") in a text between tags; not inside a tag or an entity
_COMPOUND = re.compile(r"(?<![\w&#-])(?:[^\W\d_]+-)+[^\W\d_]+(?![\w-])")
_BETWEEN_TAGS = re.compile(r">([^<]+)<")


def _kept_whole(edition: Edition) -> frozenset[str]:
    """The persons whose names are written surname first (Chinese names): not hyphenated."""
    return frozenset(p.id for p in edition.persons if p.surname_first)


def set_for_print(part: Markup, kept_whole: frozenset[str] = frozenset()) -> Markup:
    """The part with the text between its tags marked for what CSS alone cannot do:

    - every hyphenated compound in ``<span class="compound">``, which is not hyphenated automatically: such a
      word breaks only at its own hyphen ("Military-/Revolutionary", never "Mil-/itary-Revolutionary");
    - the mention of a person whose name is written surname first (``kept_whole``: "Deng Xiaoping") with
      ``data-name-order="surname-first"``: such a name is never hyphenated (the others are hyphenated as
      romanized Slavic names are, see the stylesheet)."""
    def text(m: re.Match) -> str:
        value = _COMPOUND.sub(lambda w: f'<span class="compound">{w.group(0)}</span>', m.group(1))
        return ">" + value + "<"

    def person(m: re.Match) -> str:
        order = ' data-name-order="surname-first"' if m.group(1) in kept_whole else ""
        return m.group(0) + order
    return Markup(_PERSON.sub(person, _BETWEEN_TAGS.sub(text, str(part))))


_PERSON = re.compile(r'(?<=<span class="person")[^>]*? data-person="([^"]+)"')


_HREF, _ID = re.compile(r'(?<![\w-])href="#([^"]+)"'), re.compile(r'(?<![\w-])id="([^"]+)"')


def point_links_elsewhere(part: Markup, scheme: str) -> Markup:
    """A part whose links to anchors it does not hold go to ``scheme`` + the anchor: laid out alone,
    the part keeps them (WeasyPrint drops a link to an anchor it cannot find), and they are pointed
    at the anchor when the parts are joined."""
    own = set(_ID.findall(part))
    return Markup(_HREF.sub(lambda m: m.group(0) if m.group(1) in own else f'href="{scheme}{m.group(1)}"', part))


def participant_name(person: Person) -> str:
    """'N. A. Bulganin'; 'Liu Shaoqi' for names written surname first (the words tied: they do not break)."""
    if person.surname_first or not person.forenames:
        return person.display_name.replace(" ", NBSP) if person.surname_first else person.display_name
    initials = NBSP.join(f"{part[0]}." for part in person.forenames.split())
    return f"{initials}{NBSP}{person.surname}"
