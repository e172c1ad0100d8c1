"""Names: persons of the authority found as hand-written sources find them, other names listed, never added."""
from __future__ import annotations

from pathlib import Path

import yaml

from edition.diagnostics import Diagnostics
from edition.importer.drafts import draft_entries
from edition.importer.names import NameCandidate, find_names
from edition.importer.passage import Line, Passage
from edition.model import PersonMention, walk_inlines
from edition.reader import _read_persons

TEXT = ("Those Taking Part: Bulganin, Voroshilov, Ignatov. Cdes. Shepilov, Brezhnev, and Furtseva are to study it. "
        "Cde. Liu Shaoqi spoke. A cable from A. A. Gromyko and V. V. Kuznetsov to tov. Yanoshem Boldotskim; "
        "Ambassador Andropov agreed with Comrade Zoltán Komócsin. The Central Committee and the Higher Party "
        "School. Mr. Smith's letter.")


SOURCE = Path(__file__).resolve().parents[2] / "source"


def test_persons_of_the_authority_and_names_to_review():
    report = find_names([Passage.of_line(Line(7, TEXT))], tuple(_read_persons(SOURCE, Diagnostics())))
    assert {p.person_id for p in report.known} >= {"bulganin", "voroshilov", "shepilov", "brezhnev", "furtseva",
                                                    "liu-shaoqi", "gromyko"}
    assert all(p.line == 7 for p in report.known)
    assert [c.name for c in report.unknown] == ["Ignatov", "V. V. Kuznetsov", "Yanoshem Boldotskim", "Andropov",
                                                "Zoltán Komócsin", "Smith"]
    first = report.unknown[0]
    assert (first.line, first.col, first.count) == (7, TEXT.index("Ignatov") + 1, 1)


def test_imported_documents_are_not_marked_the_pipeline_finds_the_persons(load):
    loaded = load(
        "May 1, 1957\n\n**A Title**\n\nCitation:\n\nTsKhSD, F. 3, Op. 12, D. 1, L. 1\n\n"
        "Cde. Mikoyan and Cde. Ignatov spoke.\n", persons=True)
    assert "person=" not in loaded.imported.yaml
    mentions = [n.person_id for n in walk_inlines(loaded.doc.sections[0].blocks[0].content)
                if isinstance(n, PersonMention)]
    assert mentions == ["mikoyan"]
    assert [c.name for c in loaded.imported.names.unknown] == ["Ignatov"]
    assert "# Names not in the authority: Ignatov (line 9)." in loaded.imported.yaml
    assert "mikoyan" in loaded.imported.yaml.split("title:")[0]  # listed in the opening comment


def test_draft_entries_merge_spellings_and_initials_into_one_person():
    text, count = draft_entries([("a.txt", NameCandidate("V. V. Kuznetsov", 2, 3, 4, "…to V. V. Kuznetsov…")),
                                 ("b.txt", NameCandidate("Ignatov", 1, 5, 1, "…Ignatov…")),
                                 ("b.txt", NameCandidate("Andrei Ignatov", 1, 6, 1, "…Andrei Ignatov…")),
                                 ("c.txt", NameCandidate("János Kádár", 1, 2, 1, "…[János] Kádár…")),
                                 ("d.txt", NameCandidate("J. Kadar", 1, 9, 1, "…J. Kadar…"))])
    data = yaml.safe_load(text)
    assert count == 3
    assert data["persons"] == [
        {"id": "ignatov", "surname": "Ignatov", "forenames": "Andrei"},
        {"id": "kadar", "surname": "Kádár", "forenames": "János", "variants": ["J. Kadar"]},
        {"id": "kuznetsov", "surname": "Kuznetsov", "forenames": "V. V."}]
    assert "# a.txt:3:4: …to V. V. Kuznetsov…" in text
    assert yaml.safe_load(draft_entries([])[0]) == {"persons": []}
