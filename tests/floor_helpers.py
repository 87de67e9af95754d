"""Shared steps of the live-floor tests: keys typed, speakers queued, the floor read back."""

from __future__ import annotations

import csv
import io

from roundtable.store import floor, floor_reads, open_store, roster
from roundtable.store import programme as programme_store

SIZE = (140, 45)


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


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
