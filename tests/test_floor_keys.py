"""Issue 8 on the session screen, with real keys: closing the list (c), speech types (t),
languages (l), the time forecast and the fairness figures."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_clock import FakeClock
from floor_helpers import queue_up

from roundtable.domain import clock as venue_clock
from roundtable.store import floor_reads, list_closing
from roundtable.store import programme as programme_store
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.projector import ProjectorScreen
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.projector_view import ProjectorView
from roundtable.tui.widgets.speaker_timer import SpeakerTimer

SIZE = (140, 45)


@pytest.fixture
def ws(demo_forum):
    """A workshop with nothing recorded yet (five minutes each, 11:30-13:00)."""
    return programme_store.find_session(demo_forum.store, "T2-2.2")


@pytest.fixture
def rt(demo_forum):
    """The ministerial round-table (protocol order, 4 minutes each, 15:00-17:00)."""
    return programme_store.find_session(demo_forum.store, "D2-RT")


def at(session, hh: int, mm: int) -> FakeClock:
    return FakeClock(venue_clock.at_venue(session.date, dt.time(hh, mm)))


def column(app, key: str) -> list[str]:
    table = app.screen.query_one(FloorQueue)
    return table.column(key)


def title(app) -> str:
    return str(app.screen.query_one("#queue-title").render())


async def test_c_closes_the_list_a_refuses_o_still_takes_the_floor_and_the_projector_says_so(demo_forum, rt):
    clock = at(rt, 15, 10)
    app = RoundtableApp(demo_forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert list_closing.is_list_closed(demo_forum.store, rt, clock())
        assert "LIST CLOSED by the chair" in title(app)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, SpeakerPickerScreen)
        assert any("list of speakers is closed" in n.message for n in app._notifications)
        await pilot.press("o", *"kerby", "enter")
        await pilot.pause()
        state = floor_reads.floor_state(demo_forum.store, rt.id, clock())
        assert (state.current.participant.name, state.current.request.speech_type) == ("Richard Kerby", "point-of-order")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        text = str(app.screen.query_one("#projector-next").render())
        assert "The list of speakers is closed" in text
        await pilot.press("escape")
        await pilot.press("c")  # reopen
        await pilot.pause()
        assert not list_closing.is_list_closed(demo_forum.store, rt, clock())
        assert "LIST CLOSED" not in title(app)


async def test_t_cycles_the_speech_type_of_the_selected_request(demo_forum, rt):
    clock = at(rt, 15, 10)
    queue_up(demo_forum, rt.code, clock, "Richard Kerby")
    app = RoundtableApp(demo_forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert column(app, "type") == ["statement"]
        await pilot.press("t")
        await pilot.pause()
        assert column(app, "type") == ["reply"]
        await pilot.press("t", "t")
        await pilot.pause()
        assert column(app, "type") == ["point of order"]
        request = floor_reads.floor_state(demo_forum.store, rt.id, clock()).queue[0].request
        assert request.speech_type == "point-of-order"


async def test_l_cycles_the_language_of_the_current_intervention(demo_forum, rt):
    clock = at(rt, 15, 10)
    queue_up(demo_forum, rt.code, clock, "Bagdat Mussin")
    app = RoundtableApp(demo_forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        lines = lambda: str(app.screen.query_one("#speaker-lines").render())  # noqa: E731
        assert "in English" in lines()  # the forum's first language by default
        await pilot.press("l")
        await pilot.pause()
        assert "in Russian" in lines()
        current = floor_reads.floor_state(demo_forum.store, rt.id, clock()).current
        assert current.request.language == "ru"
        await pilot.press("l", "l")
        await pilot.pause()
        assert floor_reads.floor_state(demo_forum.store, rt.id, clock()).current.request.language == "en"
        await pilot.press("l", "p")
        await pilot.pause()
        assert "in Russian" in str(app.screen.query_one("#projector-country").render())


async def test_the_forecast_marks_who_will_be_cut_short_and_who_will_not_be_reached(demo_forum, ws):
    clock = at(ws, 12, 48)  # twelve minutes left; five minutes each
    queue_up(demo_forum, ws.code, clock, "Richard Kerby", "Julia Glidden", "Vincenzo Aquaro", "Alikhan Baimenov")
    app = RoundtableApp(demo_forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert column(app, "forecast") == ["", "", "cut short", "unreached"]
        assert "needs 20:00" in title(app) and "12:00 left" in title(app)
        assert "will not all be heard" in title(app)
        await pilot.press("x", "x")  # withdraw two: the other two fit
        await pilot.pause()
        assert column(app, "forecast") == ["", ""]
        assert "needs 10:00" in title(app) and "will not all be heard" not in title(app)


async def test_the_balance_shows_regions_and_the_gini(demo_forum, ws):
    clock = at(ws, 11, 40)
    queue_up(demo_forum, ws.code, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(demo_forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.moment += dt.timedelta(seconds=180)
        await pilot.press("n")
        clock.moment += dt.timedelta(seconds=60)
        await pilot.press("n")
        await pilot.pause()
        text = str(app.screen.query_one("#balance").content)
        region = next(line for line in text.splitlines() if line.startswith("region"))
        assert "Asia-Pacific 75%" in region and "WEOG 25%" in region and "E. Europe 0%" in region
        assert "Gini 0.25 across 2 delegations" in text


async def test_shift_t_retypes_the_speaker_on_the_floor_while_the_queue_waits(demo_forum, rt):
    """Issue 24 item 5: `t` changes the highlighted queue entry; the speaker on the floor has a key
    of their own, `T`, shown in the key bar."""
    from roundtable.tui.widgets.footer import Footer

    clock = at(rt, 15, 10)
    queue_up(demo_forum, rt.code, clock, "Bagdat Mussin", "Richard Kerby")
    app = RoundtableApp(demo_forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "Speaker's type" in str(app.screen.query_one(Footer).render())
        await pilot.press("T")
        await pilot.pause()
        state = floor_reads.floor_state(demo_forum.store, rt.id, clock())
        assert (state.current.participant.name, state.current.request.speech_type) == ("Bagdat Mussin", "reply")
        assert state.queue[0].request.speech_type == "statement"  # the queue untouched
        assert column(app, "type") == ["statement"]
