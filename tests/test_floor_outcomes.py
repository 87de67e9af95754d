"""The floor's commands say what happened, and refuse with one family of reasons (issue 23 item 2).

The moderator's screen tells "a new speaker", "the interrupted speaker resumes" and "the floor is
free" apart from the value `n` returns; every refusal is a FloorRefused with its one line; where
an entry goes in the queue is the domain's (queue_policy), and the log's words are the catalogue's.
"""

from __future__ import annotations

import pytest

from roundtable.domain.catalogue import catalogue
from roundtable.domain.floor_outcomes import (
    AlreadyQueued,
    CannotMove,
    Ended,
    FloorRefused,
    ListClosed,
    NewSpeaker,
    NobodySpeaking,
    NotCorrectable,
    NotInRoster,
    NotWaiting,
    QueueEmpty,
    Resumed,
)
from roundtable.domain.queue_policy import Candidate, move_target, place, points_of_order_ahead, position_at
from roundtable.store import floor, list_closing, roster, undo_log
from roundtable.store import programme as programme_store


def _people(store) -> dict[str, str]:
    return {p.name: p.id for p in roster.load_participants(store)}


def test_a_new_entry_and_a_moved_one_land_exactly_where_the_domain_says():
    assert position_at([], 0) == 1.0
    assert position_at([1.0, 2.0], 0) == 0.0  # before the head
    assert position_at([1.0, 2.0], 1) == 1.5  # between
    assert position_at([1.0, 2.0], 2) == 3.0  # after the end
    assert move_target(3, 0, -1) is None and move_target(3, 2, 1) is None
    assert move_target(3, 1, -1) == 0 and move_target(3, 1, 1) == 2
    queue = [Candidate(point_of_order=True), Candidate(point_of_order=True), Candidate()]
    assert points_of_order_ahead(queue) == 2
    assert place("balanced", Candidate(point_of_order=True), queue).index == 2


def test_n_returns_a_new_speaker_a_resumed_one_and_the_floor_freed(demo_forum, clock):
    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.1")
    ids = _people(store)
    with pytest.raises(QueueEmpty, match="The queue is empty"):
        floor.next_speaker(store, session.id, clock())
    hoda = floor.request_floor(store, session, ids["Hoda Baraka"], clock())
    first = floor.next_speaker(store, session.id, clock())
    assert isinstance(first, NewSpeaker) and first.request.id == hoda.id and first.ended is None
    order = floor.raise_point_of_order(store, session, ids["Pavel Tkach"], clock())
    assert isinstance(order, NewSpeaker) and order.interrupted.id == hoda.id
    back = floor.next_speaker(store, session.id, clock())
    assert isinstance(back, Resumed) and back.request.id == hoda.id and back.ended.id == order.request.id
    done = floor.next_speaker(store, session.id, clock())
    assert isinstance(done, Ended) and done.request.id == hoda.id and done.speaker is None
    assert undo_log.last_undoable(store, session.id).label == "ended H.E. Dr. Hoda Baraka's intervention"


def test_a_point_of_order_waiting_at_the_head_interrupts_whoever_speaks(demo_forum, clock):
    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.1")
    ids = _people(store)
    hoda = floor.request_floor(store, session, ids["Hoda Baraka"], clock())
    floor.next_speaker(store, session.id, clock())
    pavel = floor.request_floor(store, session, ids["Pavel Tkach"], clock())
    floor.set_speech_type(store, pavel.id, "point-of-order", clock())
    moved = floor.next_speaker(store, session.id, clock())
    assert isinstance(moved, NewSpeaker)
    assert (moved.request.id, moved.interrupted.id, moved.ended) == (pavel.id, hoda.id, None)


def test_every_refusal_is_a_floor_refusal_and_writes_nothing(demo_forum, clock):
    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.1")
    ids = _people(store)
    hoda = floor.request_floor(store, session, ids["Hoda Baraka"], clock())
    logged = len(undo_log.history(store, session.id))
    refusals = {
        AlreadyQueued: lambda: floor.request_floor(store, session, ids["Hoda Baraka"], clock()),
        NotInRoster: lambda: floor.request_floor(store, session, "nobody", clock()),
        CannotMove: lambda: floor.move(store, hoda.id, -1, clock()),
        NobodySpeaking: lambda: floor.end_current(store, session.id, clock()),
        NotCorrectable: lambda: floor.correct_duration(store, hoda.id, 60, clock()),
    }
    for kind, attempt in refusals.items():
        with pytest.raises(kind) as refused:
            attempt()
        assert isinstance(refused.value, FloorRefused) and str(refused.value)
    floor.withdraw(store, hoda.id, clock())
    with pytest.raises(NotWaiting):
        floor.withdraw(store, hoda.id, clock())
    with pytest.raises(NobodySpeaking):
        floor.toggle_pause(store, hoda.id, clock())
    list_closing.set_list_closed(store, session.id, True, clock())
    with pytest.raises(ListClosed):
        floor.request_floor(store, session, ids["Pavel Tkach"], clock())
    assert len(undo_log.history(store, session.id)) == logged + 2  # the withdrawal and the closing only


def test_the_logs_words_come_from_the_catalogue(demo_forum, clock):
    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.1")
    ids = _people(store)
    hoda = floor.request_floor(store, session, ids["Hoda Baraka"], clock())
    floor.request_floor(store, session, ids["Pavel Tkach"], clock())
    floor.move(store, hoda.id, 1, clock())
    words = catalogue().log_label("moved_down", name="H.E. Dr. Hoda Baraka")
    assert undo_log.last_undoable(store, session.id).label == words == "moved H.E. Dr. Hoda Baraka down"
