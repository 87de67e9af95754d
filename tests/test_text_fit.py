"""Texts shortened for the screen are cut at a word and say so with "…" (tui/text_fit.py)."""

from __future__ import annotations

from hypothesis import given, strategies as st
from rich.cells import cell_len

from roundtable.tui.text_fit import cut_at_word, narrowest, wrap_words

TITLE = "Ministerial Round-Table: Partnerships for smart governance"


def test_a_title_that_fits_is_whole_and_a_longer_one_ends_at_a_word_with_an_ellipsis():
    assert cut_at_word(TITLE, 60) == TITLE
    assert cut_at_word(TITLE, 56) == "Ministerial Round-Table: Partnerships for smart…"
    assert cut_at_word(TITLE, 30) == "Ministerial Round-Table…"  # no colon left hanging before the …
    assert cut_at_word("Supercalifragilistic", 8) == "Superca…"  # one word longer than the room


def test_two_lines_cut_the_second_at_a_word():
    assert wrap_words(TITLE, 26, 2) == ["Ministerial Round-Table:", "Partnerships for smart…"]
    assert wrap_words("Chatham House", 7, 2) == ["Chatham", "House"]
    assert narrowest("off the record", 2) == 7
    assert narrowest("Зал пленарных заседаний", 2) == 13


@given(st.text(alphabet=st.sampled_from("ab Қз漢-"), max_size=40), st.integers(1, 30), st.integers(1, 3))
def test_nothing_is_ever_wider_than_its_room(text, width, lines):
    wrapped = wrap_words(text, width, lines)
    assert len(wrapped) <= lines
    assert all(cell_len(line) <= width for line in wrapped)
    if wrapped and not any("…" in line for line in wrapped):
        assert " ".join(wrapped).split() == text.split()  # nothing left out without an ellipsis
