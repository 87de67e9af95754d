"""The projector's clock draws its digits as large as its space allows (tui/widgets/big_clock.py)."""

from __future__ import annotations

from roundtable.tui.widgets.big_clock import dots, draw, scale_for


def test_the_digits_take_the_largest_whole_size_that_fits():
    assert len(dots("2:45")[0]) == 5 + 1 + 2 + 1 + 5 + 1 + 5  # dots across, a dot between characters
    assert scale_for("2:45", 60, 8) == 2  # 16 half-lines hold 7 dots twice
    assert scale_for("2:45", 200, 50) == 10  # 200 cells across hold 19 dots ten times; 100 half-lines, 14
    assert scale_for("+0:12", 10, 2) == 0


def test_drawn_digits_fill_their_lines_and_are_centred():
    lines = draw("4:00", 60, 8)
    assert len(lines) == 8 and all(len(line) == 60 for line in lines)
    inked = [i for i, line in enumerate(lines) if line.strip()]
    assert inked == list(range(0, 7))  # 14 half-lines from a whole line (an even size starts on one)
    left = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    right = min(len(line) - len(line.rstrip()) for line in lines if line.strip())
    assert abs(left - right) <= 1
    assert set("".join(lines)) <= {" ", "█"}  # an even size: whole cells, no half blocks


def test_too_small_a_space_shows_the_time_as_text():
    assert draw("+0:12", 10, 2) == [" " * 10, "  +0:12   "]
