"""Text from the programme, the roster or the keyboard is shown as written, never read as Textual
markup: a title "[/]" does not crash the screen, "[@click=app.quit]" is not a link, "[T1]" does not
vanish — in the programme, a session's screen, the pickers and the notifications that quote them."""

from __future__ import annotations

import datetime as dt
import shutil

from textual.widgets import DataTable, OptionList, Static

from roundtable.domain.models import Participant
from roundtable.store import floor, programme as programme_store, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.help import HelpScreen
from roundtable.tui.screens.programme import ProgrammeScreen
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.screens.track_picker import TrackPicker
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.workspace import open_forum

from conftest import REPO

CLICK = "[@click=app.quit]x[/]"
FORUM_TITLE = "[/] Forum [b]2014"
THEME = f"Theme {CLICK}"
TRACK_TITLE = "[T1] capacity [/]"
SESSION_TITLE = "[/]"
OTHER_TITLE = "[T1]"
ROOM = "[b]Hall A"
CHAIR = CLICK
CODE = "D2-[b]P[/b]"
NAME = "Anna [Chair] Smith [/]"
OTHER = "Bob [@click=app.bell]ring[/]"
NOW = dt.datetime(2014, 10, 7, 10, 0, tzinfo=dt.timezone.utc)


def hostile_forum(tmp_path):
    text = (REPO / "sessions" / "gegf-2014.toml").read_text(encoding="utf-8")

    def swap(old: str, new: str) -> None:
        nonlocal text
        assert old in text, old
        text = text.replace(old, new, 1)

    def line_after(anchor: str, key: str, value: str) -> None:
        """Replace the `key = …` line that follows `anchor` (a string or a table of languages)."""
        nonlocal text
        at = text.index(anchor)
        start = text.index(f"\n{key} = ", at) + 1
        end = text.index("\n", start)
        text = text[:start] + f"{key} = {value}" + text[end:]

    def toml(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    line_after("[forum]", "title", toml(FORUM_TITLE))
    line_after("[forum]", "theme", toml(THEME))
    line_after('code = "T1"', "title", toml(TRACK_TITLE))
    line_after('code = "D2-PLEN"', "title", toml(SESSION_TITLE))
    line_after('code = "D2-PLEN"', "room", toml(ROOM))
    line_after('code = "D2-PLEN"', "chair", toml(CHAIR))
    swap('code = "D2-PLEN"', f'code = "{CODE}"')
    line_after('code = "D1-SHOW"', "title", toml(OTHER_TITLE))
    path = tmp_path / "forum.toml"
    path.write_text(text, encoding="utf-8")
    opened = open_forum(path, db=tmp_path / "forum.db")
    session = programme_store.find_session(opened.store, CODE)
    for minute, name in enumerate((NAME, OTHER)):
        person = roster.add_participant(opened.store, "gegf-2014", Participant(name=name, position=f"[i]{name}"))
        floor.request_floor(opened.store, session, person.id, NOW + dt.timedelta(minutes=minute))
    return opened


def plain(widget: Static) -> str:
    return str(widget.render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_programme_shows_hostile_titles_as_written(tmp_path):
    opened = hostile_forum(tmp_path)
    app = RoundtableApp(opened.store, now=lambda: NOW)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        banner = plain(screen.query_one("#forum-banner", Static))
        assert FORUM_TITLE in banner and THEME in banner
        assert f"T1 {TRACK_TITLE}" in plain(screen.query_one("#track-legend", Static))
        day1 = screen.query_one("#table-day-1", DataTable)
        assert str(day1.get_row_at(0)[2]) == OTHER_TITLE
        await pilot.press("right")
        day2 = screen.query_one("#table-day-2", DataTable)
        row = next(day2.get_row_at(i) for i in range(day2.row_count) if str(day2.get_row_at(i)[2]) == SESSION_TITLE)
        assert str(row[4]) == ROOM
        assert app.is_running


async def test_a_session_with_hostile_texts_opens_and_quotes_them_literally(tmp_path):
    opened = hostile_forum(tmp_path)
    app = RoundtableApp(opened.store, session_code=CODE, now=lambda: NOW)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:  # toasts drawn, as for a user
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        banner = plain(screen.query_one("#session-banner", Static)) + " " + plain(screen.query_one("#session-details", Static))
        assert CODE in banner and SESSION_TITLE in banner and ROOM in banner and f"chair: {CHAIR}" in banner
        queue = screen.query_one(FloorQueue)
        assert queue.column("speaker") == [NAME, OTHER]
        await pilot.press("n")  # Anna has the floor; Bob waits
        await pilot.pause()
        assert NAME in plain(screen.query_one("#speaker-lines", Static))
        await pilot.press("l")  # a notification quoting her name
        await pilot.press("x")  # withdraws Bob: another one
        await pilot.pause()
        assert f"{NAME} speaks in Russian." in messages(app)
        assert f"{OTHER} withdrawn from the queue (ctrl+z undoes)." in messages(app)
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any(NAME in t for t in toasts) and any(OTHER in t for t in toasts)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "D2\\-\\[b\\]P\\[/b\\]" in app.screen.markdown
        await pilot.press("escape")
        assert app.is_running


async def test_the_track_picker_shows_track_titles_as_written(tmp_path):
    opened = hostile_forum(tmp_path)
    app = RoundtableApp(opened.store, now=lambda: NOW)
    async with app.run_test(size=(160, 40)) as pilot:
        await app.push_screen(TrackPicker(programme_store.load_tracks(opened.store), title=CLICK))
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(1).prompt) == f"1. T1  {TRACK_TITLE}"  # after the forum
        assert CLICK in plain(app.screen.query_one(".dialog-title", Static))
