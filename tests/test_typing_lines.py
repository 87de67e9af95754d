"""The lines typed into on the key path (the note line, the picker's line) take their letters
without laying the screen out again (tui/widgets/typing_line.py), and still behave as an Input:
a line longer than the box scrolls to keep the cursor in sight, and the text is what was typed."""

from __future__ import annotations

from fake_clock import FakeClock
from rapporteur_helpers import T0

from textual.screen import Screen

from roundtable.tui.app import RoundtableApp
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.tui.widgets.participant_picker import QueryLine


def count_layouts(monkeypatch) -> list[Screen]:
    """Every layout pass of any screen, recorded (Screen._refresh_layout is Textual's private hook:
    if an upgrade renames it, this fails loudly here rather than measuring nothing)."""
    laid_out: list[Screen] = []
    original = Screen._refresh_layout

    def recording(self, *args, **kwargs):
        laid_out.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", recording)
    return laid_out


async def test_letters_in_the_note_line_need_no_layout_and_a_long_line_scrolls(demo_forum, monkeypatch):
    app = RoundtableApp(demo_forum.store, session_code="T2-2.2", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        line = app.focused
        assert isinstance(line, NoteLine)
        await pilot.pause()
        laid_out = count_layouts(monkeypatch)
        text = "Open data portals need a licence that lets anyone reuse them, and a register of every dataset the ministries hold"
        await pilot.press(*("space" if c == " " else c for c in text))
        await pilot.pause()
        assert line.value == text
        assert laid_out == []
        assert line.scroll_offset.x > 0  # the line is longer than the box: it scrolled
        shown = "".join(segment.text for segment in line.render_line(0))
        assert "reuse them" in shown  # the end of the text, where the cursor is, is in sight


async def test_letters_in_the_picker_filter_without_a_layout(demo_forum, monkeypatch):
    app = RoundtableApp(demo_forum.store, session_code="T2-2.2", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        query = app.screen.query_one("#picker-query", QueryLine)
        laid_out = count_layouts(monkeypatch)
        await pilot.press(*"Hoda")
        await pilot.pause()
        assert query.value == "Hoda"
        assert laid_out == []
        await pilot.press("enter")
        await pilot.pause()
        assert "Hoda Baraka" in str(app.screen.query_one("#queue").render_line(1))
