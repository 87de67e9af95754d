"""The TUI shell: the demo programme by day and track, help, palette, opening a session."""

from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.help import HelpScreen
from roundtable.tui.screens.programme import ProgrammeScreen


async def test_programme_shows_each_day_with_its_sessions(demo_forum):
    app = RoundtableApp(demo_forum.store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        day1 = screen.query_one("#table-day-1", DataTable)
        assert [str(day1.get_row_at(i)[2]) for i in range(day1.row_count)][0].startswith("Showcase")
        await pilot.press("right", "right")
        assert screen.query_one("#days", TabbedContent).active == "day-3"
        day3 = screen.query_one("#table-day-3", DataTable)
        tracks = {str(day3.get_row_at(i)[1]) for i in range(day3.row_count)}
        assert {"T1", "T2", "T3", "T4"} <= tracks
        first = day3.get_row_at(0)
        assert str(first[0]) == "09:30–11:00"


async def test_enter_opens_the_selected_session_and_escape_returns(demo_forum):
    app = RoundtableApp(demo_forum.store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("right", "down", "down", "down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.code == "D2-RT"
        await pilot.press("escape")
        assert isinstance(app.screen, ProgrammeScreen)


async def test_f1_lists_the_keys_of_the_screen(demo_forum):
    app = RoundtableApp(demo_forum.store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Open session" in app.screen.markdown
        await pilot.press("escape")
        assert isinstance(app.screen, ProgrammeScreen)


async def test_command_palette_offers_the_screen_actions(demo_forum):
    app = RoundtableApp(demo_forum.store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Open session" in titles


async def test_digits_jump_to_a_day_even_in_a_narrow_terminal(demo_forum):
    app = RoundtableApp(demo_forum.store)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("3")
        assert app.screen.query_one("#days", TabbedContent).active == "day-3"
        await pilot.press("left")
        assert app.screen.query_one("#days", TabbedContent).active == "day-2"
