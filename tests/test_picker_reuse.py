"""The speaker picker is built once per session screen and shown again: each opening starts clean."""

from __future__ import annotations

from textual.widgets import Input, Static

from roundtable.store import floor_reads
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen


async def test_reopening_the_picker_starts_with_an_empty_query_and_the_right_title(demo_forum):
    app = RoundtableApp(demo_forum.store, session_code="D2-PLEN")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        session_screen = app.screen
        assert isinstance(session_screen, SessionScreen)
        await pilot.press("a", "m", "u", "s", "s")
        first = app.screen
        assert isinstance(first, SpeakerPickerScreen)
        assert first.query_one("#picker-query", Input).value == "muss"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is session_screen

        await pilot.press("o")
        await pilot.pause()
        again = app.screen
        assert again is first  # the same screen, shown again
        assert again.query_one("#picker-query", Input).value == ""
        assert "Point of order" in str(again.query_one("#picker-title", Static).render())
        matches = again.query_one("#picker-matches")
        assert matches.row_count > 1  # the whole roster, not the earlier filter
        await pilot.press("k", "e", "r", "b", "y", "enter")
        await pilot.pause()
        assert app.screen is session_screen
        state = floor_reads.floor_state(demo_forum.store, session_screen.session.id, app.now())
        assert state.current.participant.name == "Richard Kerby"  # a point of order has the floor at once
        assert state.current.request.speech_type == "point-of-order"

    assert not any(name.startswith("speaker-picker-") for name in app._installed_screens)
