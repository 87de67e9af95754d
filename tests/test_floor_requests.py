"""Requests for the floor from delegates' phones, below the page (issue 28): the store's commands and
rules, read back from the database: review and accept, one open request, points of order apart,
the delegate's limits, the undo log and audit trail, a reset, a merge."""

from __future__ import annotations

import sqlite3

import pytest

from roundtable.domain.access import Actor, Refused
from roundtable.domain.floor_requests import AskRefused
from roundtable.store import floor, floor_requests, list_closing, open_store, roster, undo_log
from roundtable.store import programme as programme_store
from roundtable.store.merge import merge_database
from roundtable.store.session_reset import reset_session
from tests.floor_helpers import state_of

CODE = "T1-1.1"  # first speeches first


def people(forum) -> dict[str, str]:
    return {p.name: p.id for p in roster.load_participants(forum.store)}


def session(forum, mode: str = "review", code: str = CODE):
    found = programme_store.find_session(forum.store, code)
    return found.model_copy(update={"floor_requests": mode})


def rows(forum, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(forum.store.path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def delegate(forum, name: str) -> Actor:
    return Actor("delegate", participant_id=people(forum)[name])


def test_in_review_a_request_waits_for_the_moderator_who_accepts_it_into_the_queue(forum, clock):
    s, ids = session(forum), people(forum)
    asked = floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "question", clock(), terminal="phone of Hoda Baraka")
    assert asked.status == "waiting"
    assert state_of(forum, CODE, clock).queue == []
    assert [w.participant.name for w in floor_requests.waiting(forum.store, s.id)] == ["Hoda Baraka"]

    clock.advance(5)
    entry = floor_requests.accept(forum.store, s, asked.id, clock())
    queue = state_of(forum, CODE, clock).queue
    assert [e.participant.name for e in queue] == ["Hoda Baraka"]
    assert queue[0].request.id == entry.id and queue[0].request.speech_type == "question"
    assert queue[0].request.reason.endswith("from the floor")
    stored = rows(forum, "SELECT status, request_id FROM floor_requests WHERE id = ?", asked.id)[0]
    assert (stored["status"], stored["request_id"]) == ("accepted", entry.id)
    assert floor_requests.waiting(forum.store, s.id) == []


def test_with_accept_a_statement_joins_the_queue_at_once_by_the_sessions_policy(forum, clock):
    s, ids = session(forum, "accept"), people(forum)
    floor.request_floor(forum.store, s, ids["Hoda Baraka"], clock())
    floor.next_speaker(forum.store, s.id, clock())  # she has spoken: a first speech goes before her next one
    clock.advance(60)
    floor.request_floor(forum.store, s, ids["Hoda Baraka"], clock())
    asked = floor_requests.ask(forum.store, s, ids["Ерлан Сейітқали"], "statement", clock())
    assert asked.status == "accepted"
    queue = state_of(forum, CODE, clock).queue
    assert [e.participant.name for e in queue] == ["Ерлан Сейітқали", "Hoda Baraka"]
    assert queue[0].request.reason == "first speech · from the floor"


def test_a_declined_request_is_the_delegates_to_see_and_leaves_the_queue_alone(forum, clock):
    s, ids = session(forum), people(forum)
    asked = floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "reply", clock())
    assert floor_requests.decline(forum.store, s.id, asked.id, clock())
    request, _ = floor_requests.own(forum.store, s.id, ids["Hoda Baraka"], clock())
    assert request.state == "declined"
    assert state_of(forum, CODE, clock).queue == []
    assert not floor_requests.decline(forum.store, s.id, asked.id, clock())  # answered already
    assert floor_requests.accept(forum.store, s, asked.id, clock()) is None


def test_one_open_request_per_person_per_session_but_a_point_of_order_stands_apart(forum, clock):
    s, ids = session(forum, "accept"), people(forum)
    hoda = ids["Hoda Baraka"]
    floor_requests.ask(forum.store, s, hoda, "statement", clock())
    with pytest.raises(AskRefused) as refused:
        floor_requests.ask(forum.store, s, hoda, "question", clock())
    assert refused.value.code == "already-open"
    order = floor_requests.ask(forum.store, s, hoda, "point-of-order", clock())
    assert order.status == "waiting"  # a point of order waits for the moderator even with "accept"
    with pytest.raises(AskRefused) as again:
        floor_requests.ask(forum.store, s, hoda, "point-of-order", clock())
    assert again.value.code == "point-of-order-open"
    # queued by the moderator's `a` counts as open too
    floor.request_floor(forum.store, s, ids["Ерлан Сейітқали"], clock())
    with pytest.raises(AskRefused):
        floor_requests.ask(forum.store, s, ids["Ерлан Сейітқали"], "statement", clock())
    assert len(rows(forum, "SELECT * FROM floor_requests WHERE participant_id = ?", hoda)) == 2


def test_a_point_of_order_accepted_from_the_floor_interrupts_the_speaker(forum, clock):
    s, ids = session(forum), people(forum)
    floor.request_floor(forum.store, s, ids["Hoda Baraka"], clock())
    floor.next_speaker(forum.store, s.id, clock())
    order = floor_requests.ask(forum.store, s, ids["Ерлан Сейітқали"], "point-of-order", clock())
    assert floor_requests.waiting(forum.store, s.id)[0].ask.is_point_of_order
    clock.advance(10)
    floor_requests.accept(forum.store, s, order.id, clock())
    state = state_of(forum, CODE, clock)
    assert state.current.participant.name == "Ерлан Сейітқали"
    assert state.current.request.speech_type == "point-of-order"
    assert [e.participant.name for e in state.interrupted] == ["Hoda Baraka"]


def test_points_of_order_come_first_in_the_strip(forum, clock):
    s, ids = session(forum), people(forum)
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    clock.advance(1)
    floor_requests.ask(forum.store, s, ids["Ерлан Сейітқали"], "point-of-order", clock())
    assert [w.participant.name for w in floor_requests.waiting(forum.store, s.id)] == ["Ерлан Сейітқали", "Hoda Baraka"]


def test_a_closed_list_takes_points_of_order_only_and_off_record_sessions_take_none(forum, clock):
    s, ids = session(forum), people(forum)
    list_closing.set_list_closed(forum.store, s.id, True, clock())
    with pytest.raises(AskRefused) as refused:
        floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    assert refused.value.code == "list-closed"
    assert floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "point-of-order", clock()).status == "waiting"
    off = session(forum, code="D1-HOD")
    with pytest.raises(AskRefused) as off_record:
        floor_requests.ask(forum.store, off, ids["Hoda Baraka"], "statement", clock())
    assert off_record.value.code == "off-record"
    assert rows(forum, "SELECT count(*) FROM floor_requests WHERE session_id = ?", off.id)[0][0] == 0


def test_the_delegate_withdraws_and_retypes_their_own_request_keeping_its_place(forum, clock):
    s, ids = session(forum, "accept"), people(forum)
    floor.request_floor(forum.store, s, ids["Айгерим Жумабаева"], clock())
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    before = state_of(forum, CODE, clock).queue
    assert floor_requests.retype(forum.store, s, ids["Hoda Baraka"], "reply", clock())
    after = state_of(forum, CODE, clock).queue
    assert [e.participant.name for e in after] == [e.participant.name for e in before]
    assert after[1].request.speech_type == "reply" and after[1].request.position == before[1].request.position
    assert floor_requests.withdraw(forum.store, s, ids["Hoda Baraka"], clock())
    assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["Айгерим Жумабаева"]
    request, _ = floor_requests.own(forum.store, s.id, ids["Hoda Baraka"], clock())
    assert request.state == "withdrawn"
    assert not floor_requests.withdraw(forum.store, s, ids["Hoda Baraka"], clock())  # nothing open


def test_a_delegate_cannot_withdraw_or_retype_someone_elses_request(forum, clock):
    s, ids = session(forum, "accept"), people(forum)
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    forum.store.actor = delegate(forum, "Ерлан Сейітқали")
    try:
        for attempt in (lambda: floor_requests.withdraw(forum.store, s, ids["Hoda Baraka"], clock()),
                        lambda: floor_requests.retype(forum.store, s, ids["Hoda Baraka"], "reply", clock()),
                        lambda: floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "question", clock()),
                        lambda: floor.next_speaker(forum.store, s.id, clock()),
                        lambda: floor_requests.accept(forum.store, s, "x", clock())):
            with pytest.raises(Refused):
                attempt()
    finally:
        forum.store.actor = Actor("chair")
    queue = state_of(forum, CODE, clock).queue
    assert [(e.participant.name, e.request.speech_type) for e in queue] == [("Hoda Baraka", "statement")]


def test_a_moderator_cannot_ask_for_a_delegate(forum, clock):
    s, ids = session(forum), people(forum)
    forum.store.actor = Actor("moderator")
    try:
        with pytest.raises(Refused):
            floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    finally:
        forum.store.actor = Actor("chair")


def test_the_audit_trail_names_the_delegate_and_ctrl_z_skips_their_actions(forum, clock):
    s, ids = session(forum), people(forum)
    floor.request_floor(forum.store, s, ids["Айгерим Жумабаева"], clock())
    forum.store.actor = delegate(forum, "Hoda Baraka")
    try:
        asked = floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "question", clock(),
                                   terminal="delegate Hoda Baraka, phone at 10.0.0.7")
    finally:
        forum.store.actor = Actor("chair")
    floor_requests.accept(forum.store, s, asked.id, clock())
    trail = undo_log.history(forum.store, s.id)
    assert [e.action for e in trail] == ["accept", "ask", "add"]
    assert trail[1].terminal == "delegate Hoda Baraka, phone at 10.0.0.7"
    assert trail[1].label == "H.E. Dr. Hoda Baraka asked from the floor: question"
    # ctrl+z: the accept goes back to the strip; again: the moderator's own "add", not the ask
    assert undo_log.undo(forum.store, s.id, clock()).action == "accept"
    assert [w.participant.name for w in floor_requests.waiting(forum.store, s.id)] == ["Hoda Baraka"]
    assert undo_log.undo(forum.store, s.id, clock()).action == "add"
    assert undo_log.undo(forum.store, s.id, clock()) is None
    assert rows(forum, "SELECT status FROM floor_requests WHERE id = ?", asked.id)[0]["status"] == "waiting"


def test_a_delegates_ask_does_not_take_the_moderators_redo_away(forum, clock):
    s, ids = session(forum), people(forum)
    floor.request_floor(forum.store, s, ids["Айгерим Жумабаева"], clock())
    undo_log.undo(forum.store, s.id, clock())
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    assert undo_log.redo(forum.store, s.id, clock()).action == "add"
    assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["Айгерим Жумабаева"]


def test_a_reset_clears_the_sessions_requests_from_the_floor(forum, clock):
    s, ids = session(forum), people(forum)
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    reset_session(forum.store, s.id, clock())
    assert floor_requests.waiting(forum.store, s.id) == []
    assert rows(forum, "SELECT deleted_at FROM floor_requests")[0]["deleted_at"] is not None
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())  # open again after it


def test_requests_from_the_floor_travel_in_a_merge(forum, clock, tmp_path):
    other_path = tmp_path / "track.db"
    with open_store(forum.store.path) as source:
        source.conn.execute(f"VACUUM INTO '{other_path}'")
    s, ids = session(forum), people(forum)
    with open_store(other_path) as other:
        asked = floor_requests.ask(other, s, ids["Hoda Baraka"], "question", clock())
        floor_requests.accept(other, s, asked.id, clock())
    report = merge_database(forum.store, other_path)
    assert report.tables["floor_requests"].taken == 1
    queue = state_of(forum, CODE, clock).queue
    assert [e.participant.name for e in queue] == ["Hoda Baraka"]
    assert rows(forum, "SELECT status FROM floor_requests")[0]["status"] == "accepted"


def test_merging_two_records_of_a_person_moves_their_requests_from_the_floor(forum, clock):
    s, ids = session(forum), people(forum)
    floor_requests.ask(forum.store, s, ids["Hoda Baraka"], "statement", clock())
    roster.merge_participants(forum.store, ids["Айгерим Жумабаева"], ids["Hoda Baraka"], clock())
    assert [w.participant.name for w in floor_requests.waiting(forum.store, s.id)] == ["Айгерим Жумабаева"]
