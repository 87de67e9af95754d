"""The chair closes the list of speakers, or the programme's requests_close time closes it; a
closed list still takes points of order."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.domain import clock
from roundtable.domain.floor import ListClosed, list_status
from roundtable.store import floor, floor_reads, list_closing, programme as programme_store, roster

DAY = dt.date(2014, 10, 7)  # D2-RT: 15:00-17:00, requests_close = 16:30 (venue time)


def venue(hour: int, minute: int = 0) -> dt.datetime:
    return clock.at_venue(DAY, dt.time(hour, minute))


@pytest.fixture
def round_table(demo_forum):
    store = demo_forum.store
    session = programme_store.find_session(store, "D2-RT")
    people = roster.load_participants(store)
    return store, session, people


def test_domain_rule_latest_decision_wins():
    closes = venue(16, 30)
    assert not list_status(None, None, closes, venue(16, 29)).closed
    assert list_status(None, None, closes, venue(16, 30)).automatic
    # The chair reopened before 16:30: the programme's time still closes it.
    assert list_status(False, venue(16, 0), closes, venue(16, 40)).closed
    # The chair reopened after 16:30: open.
    assert not list_status(False, venue(16, 35), closes, venue(16, 40)).closed
    # The chair closed it early: closed, by the chair.
    early = list_status(True, venue(15, 10), closes, venue(15, 20))
    assert early.closed and not early.automatic
    # No requests_close in the programme: only the chair decides.
    assert not list_status(None, None, None, venue(23, 59)).closed


def test_the_list_closes_itself_at_requests_close(round_table):
    store, session, people = round_table
    floor.request_floor(store, session, people[0].id, venue(16, 29))
    assert not list_closing.is_list_closed(store, session, venue(16, 29))
    assert list_closing.is_list_closed(store, session, venue(16, 30))
    with pytest.raises(ListClosed, match="closed at 16:30 by the programme: only points of order"):
        floor.request_floor(store, session, people[1].id, venue(16, 31))
    state = floor_reads.floor_state(store, session.id, venue(16, 31))
    assert state.list_closed and state.list_closed_automatically
    assert len(state.queue) == 1


def test_a_closed_list_still_takes_points_of_order(round_table):
    store, session, people = round_table
    list_closing.set_list_closed(store, session.id, True, venue(15, 5))
    request = floor.request_floor(store, session, people[2].id, venue(15, 6), speech_type="point-of-order")
    assert request.reason == "point of order"
    with pytest.raises(ListClosed, match="closed by the chair"):
        floor.request_floor(store, session, people[3].id, venue(15, 7))
    count = store.query_one("SELECT count(*) FROM requests WHERE session_id = ? AND status = 'queued'",
                            (session.id,))[0]
    assert count == 1


def test_the_chair_reopens_after_the_programme_closed_it(round_table):
    store, session, people = round_table
    assert list_closing.toggle_list_closed(store, session, venue(16, 40)) is False  # was closed by time: reopens
    assert not list_closing.is_list_closed(store, session, venue(16, 41))
    floor.request_floor(store, session, people[0].id, venue(16, 41))
    assert list_closing.toggle_list_closed(store, session, venue(16, 45)) is True
    assert list_closing.is_list_closed(store, session, venue(16, 46))
    status = list_closing.list_status_of(store, session.id, venue(16, 46))
    assert status.closed and not status.automatic


def test_reopened_before_the_close_time_the_list_still_closes_on_time(round_table):
    store, session, people = round_table
    list_closing.toggle_list_closed(store, session, venue(15, 10))
    list_closing.toggle_list_closed(store, session, venue(15, 20))
    assert not list_closing.is_list_closed(store, session, venue(16, 0))
    assert list_closing.is_list_closed(store, session, venue(16, 30))


def test_a_session_without_requests_close_stays_open(demo_forum):
    store = demo_forum.store
    session = programme_store.find_session(store, "D2-PLEN")
    person = roster.load_participants(store)[0]
    late = clock.at_venue(session.date, session.end)
    assert not list_closing.is_list_closed(store, session, late)
    floor.request_floor(store, session, person.id, late)
