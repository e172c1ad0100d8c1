"""A character the fonts lack is reported in every printed field, at the character's own place.

Check warns (a TEI export or an import need no fonts); ``--strict``, as CI runs it, fails."""
from __future__ import annotations

from sources import DOCUMENT_YAML, EDITION_YAML, X

NO_GLYPH = ("the edition's fonts (EB Garamond) have no glyph for '{ch}' (U+{code} {name}): it would print in another "
            "font, and the build's preflight would refuse the PDF")
SICKLE = NO_GLYPH.format(ch="\u262d", code="262D", name="HAMMER AND SICKLE")
LIU = NO_GLYPH.format(ch="\u5218", code="5218", name="CJK UNIFIED IDEOGRAPH-5218")


def test_the_edition_title_and_an_editor(make_edition, run):
    make_edition(edition=EDITION_YAML.replace("title: A Volume", "title: The \u262d Volume")
                 .replace("[An Editor]", "[An Editor, \u5218 Editor]"))
    outcome = run("check", "--strict", ".")
    assert (outcome.code, outcome.problems) == (1, [f"edition.yaml:1:12: warning: {SICKLE}",
                                                    f"edition.yaml:2:22: warning: {LIU}"])


def test_a_persons_identification_and_variant(make_edition, run):
    persons = ("persons:\n  - id: liu-shaoqi\n    surname: Liu\n    forenames: Shaoqi\n"
               "    name_order: surname-first\n    identification: CPC CC \u262d Vice-Chairman\n"
               "    variants: [\u5218\u5c11\u5947]\n")
    make_edition(document=DOCUMENT_YAML.replace("Text.", "Liu Shaoqi spoke."), persons=persons)
    outcome = run("check", "--strict", ".")
    assert outcome.code == 1
    assert outcome.problems[:2] == [f"persons.yaml:6:28: warning: {SICKLE}", f"persons.yaml:7:16: warning: {LIU}"]


def test_a_citation_and_a_dateline(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("title: A Session", "title: A Session\ndateline: \u262d 1956")
                 .replace("53-53ob\n", "53-53ob\n  compiler: V. N. \u5218\n"))
    outcome = run("check", "--strict", ".")
    assert (outcome.code, outcome.problems) == (1, [f"{X}:2:11: warning: {SICKLE}", f"{X}:6:19: warning: {LIU}"])
