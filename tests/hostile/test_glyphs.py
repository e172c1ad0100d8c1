"""A character the fonts lack is reported in every printed field, at the character's own place.

Check warns (a TEI export or an import need no fonts); ``--strict``, as CI runs it, fails."""
from __future__ import annotations

from sources import DOCUMENT_YAML, EDITION_YAML, X

NO_GLYPH = ("no font of the design (EB Garamond, Noto Serif, Noto Serif CJK SC, Noto Naskh Arabic) has a glyph for "
            "'{ch}' (U+{code} {name}): it would print in a font the machine picks, and the build's preflight would "
            "refuse the PDF; add a font that has it to font: fallback in edition.yaml")
SICKLE = NO_GLYPH.format(ch="\u262d", code="262D", name="HAMMER AND SICKLE")
KING = NO_GLYPH.format(ch="\u2654", code="2654", name="WHITE CHESS KING")  # 刘 is in a fallback font: no warning


def test_the_edition_title_and_an_editor(make_edition, run):
    make_edition(edition=EDITION_YAML.replace("title: A Volume", "title: The \u262d Volume")
                 .replace("[An Editor]", "[An Editor, \u2654 Editor]"))
    outcome = run("check", "--strict", ".")
    assert (outcome.code, outcome.problems) == (1, [f"edition.yaml:1:12: warning: {SICKLE}",
                                                    f"edition.yaml:2:22: warning: {KING}"])


def test_a_persons_identification_and_variant(make_edition, run):
    persons = ("persons:\n  - id: liu-shaoqi\n    surname: Liu\n    forenames: Shaoqi\n"
               "    name_order: surname-first\n    identification: CPC CC \u262d Vice-Chairman\n"
               "    variants: [\u2654\u5c11\u5947]\n")
    make_edition(document=DOCUMENT_YAML.replace("Text.", "Liu Shaoqi spoke."), persons=persons)
    outcome = run("check", "--strict", ".")
    assert outcome.code == 1
    assert outcome.problems[:2] == [f"persons.yaml:6:28: warning: {SICKLE}", f"persons.yaml:7:16: warning: {KING}"]


def test_a_citation_and_a_dateline(make_edition, run):
    make_edition(document=DOCUMENT_YAML.replace("title: A Session", "title: A Session\ndateline: \u262d 1956")
                 .replace("53-53ob\n", "53-53ob\n  compiler: V. N. \u2654\n"))
    outcome = run("check", "--strict", ".")
    assert (outcome.code, outcome.problems) == (1, [f"{X}:2:11: warning: {SICKLE}", f"{X}:6:19: warning: {KING}"])
