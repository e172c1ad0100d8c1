"""Words of a run of inlines: counted across nodes, and a run cut before its k-th word."""
from __future__ import annotations

import pytest

from edition.diagnostics import SourcePos
from edition.model import Emphasis, Gap, PersonMention, Text, plain_text
from edition.words import WordCounter, count_words, split_inlines

POS = SourcePos("documents/x.yaml", 3, 5)


def t(value):
    return Text(value, POS)


RUN = (t("Cde. "), PersonMention("gomulka", (t("Gomułka"),), POS), t("’s letter to "), Emphasis((t("Pravda"),), POS),
       t(" was  read."), Gap(POS), t(" Хрущёв agreed."))


def test_a_word_runs_on_across_nodes_and_space_separates_words():
    assert count_words(RUN) == 9  # Cde. | Gomułka’s | letter | to | Pravda | was | read. | Хрущёв | agreed.
    counter = WordCounter()
    assert counter.starts("a  b") == [0, 3] and counter.starts("c d") == [] + [2] and counter.count == 3


@pytest.mark.parametrize("k", range(0, 11))
def test_the_cut_keeps_every_character_in_order(k):
    first, rest = split_inlines(RUN, k)
    assert plain_text(first) + plain_text(rest) == plain_text(RUN)
    assert count_words(first) == min(k, 9)
    assert count_words(rest) == max(0, 9 - k)


def test_a_container_cut_in_two_holds_its_own_part_on_each_side():
    run = (Emphasis((t("one two three"),), POS),)
    first, rest = split_inlines(run, 2)
    assert first == (Emphasis((t("one two "),), POS),) and rest == (Emphasis((t("three"),), POS),)


def test_a_sign_between_words_stays_with_the_words_before_it():
    first, rest = split_inlines((t("read. "), Gap(POS), t(" agreed")), 1)
    assert Gap(POS) in first and plain_text(rest) == "agreed"
