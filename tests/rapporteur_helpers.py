"""Shared steps of the rapporteur's tests: a session, a speaker given the floor."""

from __future__ import annotations

import datetime as dt

from roundtable.store import floor, programme, roster

T0 = dt.datetime(2014, 10, 7, 11, 0, tzinfo=dt.timezone.utc)


def person(store, name: str):
    return next(p for p in roster.load_participants(store) if p.name == name)


def give_floor(store, session_code: str, name: str, now: dt.datetime = T0):
    """Queue `name` in the session and give them the floor; returns the intervention (request)."""
    session = programme.find_session(store, session_code)
    floor.request_floor(store, session, person(store, name).id, now)
    return floor.next_speaker(store, session.id, now).request
