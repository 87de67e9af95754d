"""Shared by the live-floor tests: a hand-moved clock, the demo forum with its roster, key helpers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from roundtable.formats.registration_list import read_roster
from roundtable.store import floor, floor_reads, open_store, roster
from roundtable.store import programme as programme_store

SIZE = (140, 45)


class FakeClock:
    """The app's clock, moved by hand (a day that is not the demo's, as on a first run)."""

    def __init__(self, moment: dt.datetime | None = None):
        self.moment = moment or dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def forum(demo_forum, demo_dir):
    """The demo forum with its registration list imported."""
    people = read_roster(demo_dir / "gegf-2014-participants.csv").participants
    roster.import_participants(demo_forum.store, demo_forum.forum.id, people)
    return demo_forum


@pytest.fixture
def clock():
    return FakeClock()


def keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def add(pilot, query: str, key: str = "a") -> None:
    await pilot.press(key, *keys(query), "enter")
    await pilot.pause()


def session_of(forum, code: str):
    with open_store(forum.store.path) as store:
        return programme_store.find_session(store, code)


def queue_up(forum, code: str, clock, *names: str) -> None:
    """Requests made before the test's keys (as if from another terminal earlier)."""
    session = session_of(forum, code)
    people = {p.name: p for p in roster.load_participants(forum.store)}
    for name in names:
        floor.request_floor(forum.store, session, people[name].id, clock())


def state_of(forum, code: str, clock):
    """The floor as the database holds it, read on a connection of its own (an app closes its
    store when it quits)."""
    with open_store(forum.store.path) as store:
        session = programme_store.find_session(store, code)
        return floor_reads.floor_state(store, session.id, clock())


async def until(pilot, condition, what: str, tries: int = 400) -> None:
    """Let the app run until `condition()` holds (another connection's commit reaches the screen at
    the next database watch, a quarter of a second); fails naming `what` never happened."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
