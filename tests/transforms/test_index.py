"""Index locators (Chicago style), collation of awkward names, See references."""
from __future__ import annotations

import pyuca
import unicodedata

from hypothesis import given, settings, strategies as st

from edition.diagnostics import SourcePos
from edition.model import Person, Variant
from edition.transforms.index import (abbreviate_range, build_index, format_locators, letter_group, sort_key,
                                      sort_keys, Mention, _table_for)

P = SourcePos("persons.yaml", 1, 1)


def texts(places):
    return [loc.text for loc in format_locators(places)]


def test_single_pages_are_listed_in_page_order_once():
    assert texts([(7, None, "a"), (3, None, "b"), (7, None, "c")]) == ["3", "7"]


def test_consecutive_text_pages_collapse_into_an_en_dash_range():
    assert texts([(5, None, "a"), (6, None, "b"), (7, None, "c"), (9, None, "d")]) == ["5\u20137", "9"]


def test_a_mention_only_in_a_note_cites_page_and_note():
    assert texts([(3, 4, "a")]) == ["3n4"]


def test_several_notes_on_one_page_use_nn_and_an_en_dash():
    assert texts([(5, 3, "a"), (5, 4, "b")]) == ["5nn3\u20134"]


def test_non_consecutive_notes_on_one_page_are_cited_separately():
    assert texts([(5, 2, "a"), (5, 7, "b")]) == ["5n2", "5n7"]


def test_a_page_cited_for_the_text_drops_its_note_locators():
    assert texts([(5, None, "a"), (5, 3, "b"), (6, 8, "c")]) == ["5", "6n8"]


def test_mixed_locators_keep_page_order():
    got = texts([(12, None, "a"), (2, 1, "b"), (3, None, "c"), (4, None, "d"), (12, 30, "e"), (14, 31, "f")])
    assert got == ["2n1", "3\u20134", "12", "14n31"]


def test_each_locator_links_to_the_first_anchor_on_its_page():
    (loc,) = format_locators([(5, None, "first"), (6, None, "second")])
    assert loc.anchor == "first" and (loc.first_page, loc.last_page) == (5, 6)


def test_inclusive_numbers_are_abbreviated_as_chicago_does():
    assert abbreviate_range(3, 10) == "3\u201310"
    assert abbreviate_range(71, 72) == "71\u201372"
    assert abbreviate_range(96, 117) == "96\u2013117"
    assert abbreviate_range(100, 104) == "100\u2013104"
    assert abbreviate_range(101, 108) == "101\u20138"
    assert abbreviate_range(808, 833) == "808\u201333"
    assert abbreviate_range(321, 328) == "321\u201328"
    assert abbreviate_range(498, 532) == "498\u2013532"
    assert abbreviate_range(1087, 1089) == "1087\u201389"


def _sorted(headings):
    return sorted(headings, key=sort_key)


def test_diacritics_are_ignored_for_ordering():
    assert _sorted(["Hu Qiaomu", "Hegedüs, András", "Gromyko, Andrei", "Gomułka, Władysław"]) == [
        "Gomułka, Władysław", "Gromyko, Andrei", "Hegedüs, András", "Hu Qiaomu"]
    assert letter_group("Gomułka, Władysław") == "G"
    assert letter_group("Østergaard, Nils") == "O"


def test_word_by_word_order():
    assert _sorted(["Liuba, Anna", "Liu Shaoqi", "Li, Peng"]) == ["Li, Peng", "Liu Shaoqi", "Liuba, Anna"]


def test_particles_follow_the_index_form():
    assert _sorted(["Gaulle, Charles de", "Dulles, John Foster", "Gomułka, Władysław"]) == [
        "Dulles, John Foster", "Gaulle, Charles de", "Gomułka, Władysław"]


def test_cyrillic_names_file_after_latin_in_their_own_groups():
    assert _sorted(["Хрущёв, Никита", "Zhukov, Georgii", "Андропов, Юрий"]) == [
        "Zhukov, Georgii", "Андропов, Юрий", "Хрущёв, Никита"]
    assert letter_group("Хрущёв, Никита") == "Х"


def _person(pid, surname, forenames, variants=(), surname_first=False, see_also=()):
    display = f"{surname} {forenames}" if surname_first else f"{forenames} {surname}"
    index = display if surname_first else f"{surname}, {forenames}"
    return Person(pid, surname, forenames, P, index, display, surname_first,
                  variants=tuple(variants), see_also=tuple(see_also))


class _Ed:
    def __init__(self, persons):
        self.persons = tuple(persons)


def test_see_reference_for_a_variant_the_text_uses_that_readers_would_look_up_elsewhere():
    rok = _person("rok", "Rokossovsky", "Konstantin", [Variant("Rokossowski", P)])
    gom = _person("gom", "Gomułka", "Władysław", [Variant("Gomulka", P)])
    sus = _person("sus", "Suslov", "Mikhail", [Variant("Suslova", P, misspelling=True)])
    mentions = (Mention("rok", "a1", "d", None, "Rokossowski"), Mention("gom", "a2", "d", None, "Gomulka"),
                Mention("sus", "a3", "d", 4, "Suslova"))
    pages = {"a1": 1, "a2": 2, "a3": 3}
    entries = build_index(_Ed([rok, gom, sus]), mentions, pages.get)
    headings = [(e.heading, [x.see for x in e.see]) for e in entries]
    assert headings == [("Gomułka, Władysław", []), ("Rokossovsky, Konstantin", []),
                        ("Rokossowski", ["See"]), ("Suslov, Mikhail", [])]
    assert [loc.text for loc in entries[-1].locators] == ["3n4"]


def test_chinese_names_stay_uninverted_and_see_also_is_printed():
    liu = _person("liu", "Liu", "Shaoqi", surname_first=True, see_also=["deng"])
    deng = _person("deng", "Deng", "Xiaoping", surname_first=True)
    mentions = (Mention("liu", "a1", "d", None, "Liu Shaoqi"), Mention("deng", "a2", "d", 1, "Deng Xiaoping"))
    entries = build_index(_Ed([liu, deng]), mentions, {"a1": 1, "a2": 1}.get)
    assert [e.heading for e in entries] == ["Deng Xiaoping", "Liu Shaoqi"]
    assert [(x.see, x.target_heading) for x in entries[1].see] == [("See also", "Deng Xiaoping")]


WHOLE_TABLE = pyuca.Collator()  # read once for the module

AWKWARD = ["Gomułka, Władysław", "Hegedüs, András", "Liu Shaoqi", "Хрущёв, Никита", "刘少奇", "Ðorđević", "Œuvre",
           "Ångström", "Æbeltoft", "Straße", "ʻOkina", "Dvořák", "ﬁne", "Ｆｕｌｌ", "Çelik", "İnönü"]


@settings(max_examples=40)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=6))
def test_the_table_read_for_the_headings_characters_gives_the_keys_of_the_whole_table(headings):
    whole = WHOLE_TABLE
    chars = frozenset(c for h in headings for form in (h, h.casefold()) for c in unicodedata.normalize("NFD", form))
    filtered = _table_for(chars)
    for heading in headings:
        assert filtered.sort_key(heading) == whole.sort_key(heading)
        assert filtered.sort_key(heading.casefold()) == whole.sort_key(heading.casefold())


def test_awkward_names_sort_as_with_the_whole_table_and_new_characters_extend_it():
    whole = WHOLE_TABLE
    keys = sort_keys(AWKWARD)
    for heading in AWKWARD:
        words = heading.replace(",", " ").split()
        assert keys[heading] == (tuple(whole.sort_key(w.casefold()) for w in words), whole.sort_key(heading))
    assert sort_key("Ørsted") == ((whole.sort_key("ørsted"),), whole.sort_key("Ørsted"))  # a character not yet read
