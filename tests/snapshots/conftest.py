"""Snapshot tests of the screens (pytest-textual-snapshot): the demo forum at a fixed moment, at
the three terminal sizes the layout is made for.

A case builds its app with the `app_on_demo` fixture, sets the forum up (someone on the floor,
a queue) through the store, then compares with `snapshot`:

    @pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
    def test_the_programme(app_on_demo, snapshot, size):
        snapshot(app_on_demo(), size, press=["right"])

The saved SVGs are in __snapshots__/ beside the test file. After a change to a screen, look at
the report of the failing cases (snapshot_report.html), and if the new screen is the right one,
write the new SVGs with `make snapshots` (pytest --snapshot-update) and commit them.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable, Iterable

import pytest

from fake_clock import FakeClock

from roundtable.store import floor, roster
from roundtable.store import programme as programme_store
from roundtable.tui.app import RoundtableApp

from snapshots.screen_setup import DELEGATES_URL, MOMENT


@pytest.fixture(autouse=True)
def venue_in_utc(monkeypatch):
    """The demo's venue clock is this machine's time zone: the same on every machine here."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def moment() -> FakeClock:
    """The application's clock, standing still at MOMENT unless a case moves it."""
    return FakeClock(MOMENT)


@pytest.fixture
def app_on_demo(forum, moment) -> Callable[..., RoundtableApp]:
    """Makes the roundtable app on the demo forum (with its roster), on the fixed clock;
    keyword arguments go to RoundtableApp (session_code, role, track...)."""

    def make(**options) -> RoundtableApp:
        options.setdefault("delegates_url", DELEGATES_URL)
        return RoundtableApp(forum.store, now=moment, **options)

    return make


@pytest.fixture
def on_the_floor(forum, moment) -> Callable[..., None]:
    """Puts `speaking` on the floor of session `code` (started `seconds` ago) and `waiting` in its
    queue, as another terminal would have done before the screen opens."""

    def setup(code: str, speaking: str | None, waiting: Iterable[str] = (), seconds: int = 75) -> None:
        store = forum.store
        session = programme_store.find_session(store, code)
        people = {p.name: p for p in roster.load_participants(store)}
        start = moment.moment - dt.timedelta(seconds=seconds)
        if speaking is not None:
            floor.request_floor(store, session, people[speaking].id, start)
            floor.next_speaker(store, session.id, start)
        for name in waiting:
            floor.request_floor(store, session, people[name].id, moment.moment)

    return setup


@pytest.fixture
def snapshot(snap_compare) -> Callable[..., None]:
    """Compares the app at `size` (after `press` and `run_before`) with its saved SVG."""

    def compare(app, size: tuple[int, int], press: Iterable[str] = (),
                run_before: Callable[..., Awaitable[None] | None] | None = None) -> None:
        assert snap_compare(app, press=list(press), terminal_size=size, run_before=run_before)

    return compare
