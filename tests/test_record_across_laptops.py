"""Issue 24 items 9 and 10: what one laptop did survives a merge with another, whichever way.

A reset of the session's state is recorded (`reset_at`), not a deleted row a merge brings back;
every change of a merged row moves its `updated_at` (store/stamping.py), a suspension too."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from roundtable.store import floor, floor_reads, list_closing, open_store, programme as programme_store, roster, undo_log
from roundtable.store.merge import merge_database
from roundtable.store.session_reset import reset_session
from roundtable.store.stamping import MERGED_TABLES

T0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)
CODE = "T2-2.1"


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def rehearse(store) -> str:
    """A speaker on the floor, the session suspended, the list closed."""
    session = programme_store.find_session(store, CODE)
    people = roster.load_participants(store)
    floor.request_floor(store, session, people[0].id, at(0))
    floor.request_floor(store, session, people[1].id, at(0.5))
    floor.next_speaker(store, session.id, at(1))
    floor.suspend_session(store, session.id, at(2))
    list_closing.set_list_closed(store, session.id, True, at(3))
    return session.id


def copy_of(store, path: Path):
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(store.path, path)
    return open_store(path)


def floor_of(store, session_id: str, moment: dt.datetime):
    return floor_reads.floor_state(store, session_id, moment)


def test_a_reset_does_not_come_back_with_a_merge(laptops, tmp_path):
    a, _ = laptops
    session_id = rehearse(a)
    b = copy_of(a, tmp_path / "b.db")  # laptop B copies A after the rehearsal
    reset_session(a, session_id, at(10))
    report = merge_database(a, b.path)
    state = floor_of(a, session_id, at(11))
    assert not state.list_closed and not state.suspended, report.lines()
    assert state.current is None and state.queue == []
    assert report.tables["session_state"].taken == 0 and report.tables["session_state"].updated == 0
    # And the other way: B takes the reset.
    merge_database(b, a.path)
    state = floor_of(b, session_id, at(12))
    assert not state.list_closed and not state.suspended and state.current is None
    b.close()


def test_a_suspension_travels_both_ways(laptops, tmp_path):
    a, _ = laptops
    session = programme_store.find_session(a, CODE)
    people = roster.load_participants(a)
    list_closing.set_list_closed(a, session.id, True, at(0))
    list_closing.set_list_closed(a, session.id, False, at(0.2))  # the row exists on both laptops
    floor.request_floor(a, session, people[0].id, at(0.5))
    floor.next_speaker(a, session.id, at(1))
    b = copy_of(a, tmp_path / "b.db")
    floor.suspend_session(b, session.id, at(2))  # B suspends
    merge_database(a, b.path)
    merge_database(b, a.path)
    for store in (a, b):
        state = floor_of(store, session.id, at(3))
        assert state.suspended and state.current.request.is_paused, store.path
    floor.resume_session(a, session.id, at(4))  # A resumes
    merge_database(b, a.path)
    merge_database(a, b.path)
    for store in (a, b):
        state = floor_of(store, session.id, at(5))
        assert not state.suspended and not state.current.request.is_paused, store.path
    b.close()


def test_a_suspension_does_not_reopen_a_list_the_programme_closed(laptops):
    """The chair's decision on the list has its own moment (`list_changed_at`): a suspension after
    the programme's requests_close time used to write the row's only stamp, which read as the
    chair reopening the list."""
    a, _ = laptops
    session = programme_store.find_session(a, "D2-RT")  # requests_close 16:30 on 2014-10-07
    from roundtable.domain import clock

    after_close = clock.at_venue(session.date, session.requests_close) + dt.timedelta(minutes=5)
    assert list_closing.list_status_of(a, session.id, after_close).closed
    floor.suspend_session(a, session.id, after_close)
    assert list_closing.list_status_of(a, session.id, after_close + dt.timedelta(minutes=1)).closed


def test_undoing_the_first_suspension_leaves_a_row_a_merge_cannot_undo(laptops, tmp_path):
    a, _ = laptops
    session = programme_store.find_session(a, CODE)
    floor.suspend_session(a, session.id, at(1))  # creates the session's state row
    b = copy_of(a, tmp_path / "b.db")
    undo_log.undo(a, session.id, at(2))
    assert a.query_one("SELECT suspended_at FROM session_state WHERE session_id = ?", (session.id,)) is not None
    merge_database(a, b.path)
    assert not floor_of(a, session.id, at(3)).suspended
    b.close()


def test_every_update_of_a_merged_table_goes_through_the_stamping_helper():
    """No UPDATE or upsert of a merged table outside store/stamping.py (the merge, which writes the
    other laptop's stamps, and the migrations aside)."""
    store_dir = Path(__file__).resolve().parent.parent / "roundtable" / "store"
    tables = "|".join(sorted(MERGED_TABLES))
    writes = re.compile(rf"(UPDATE\s+({tables})\b|INSERT\s+INTO\s+({tables})\b[^;]*ON\s+CONFLICT)", re.S)
    found = []
    for path in sorted(store_dir.glob("*.py")):
        if path.name in ("stamping.py", "merge.py", "schema.py"):
            continue
        for match in writes.finditer(path.read_text(encoding="utf-8")):
            found.append(f"{path.name}: {match.group(0)[:60]}")
    assert found == []


def test_a_person_or_a_recommendation_merged_into_another_stays_merged(laptops, tmp_path):
    """`merged_into` ends a record like `deleted_at` does: a later edit on a laptop that had not
    seen the merge used to win and bring the absorbed record back."""
    from roundtable.domain.models import Participant
    from roundtable.store import recommendations

    a, _ = laptops
    one = roster.create_participant(a, "gegf-2014", Participant(name="Aigerim Tulegenova"), at(0))
    two = roster.create_participant(a, "gegf-2014", Participant(name="Айгерим Тулегенова"), at(0))
    first = recommendations.add_recommendation(a, "T2", "Adopt an open data law", at(0))
    second = recommendations.add_recommendation(a, "T2", "Open data needs a law", at(0))
    b = copy_of(a, tmp_path / "b.db")
    roster.merge_participants(a, one.id, two.id, at(1))
    recommendations.merge(a, second.id, first.id, at(1))
    roster.update_participant(b, two.model_copy(update={"position": "Dean"}), at(2))  # later, on B
    recommendations.update_recommendation(b, second.id, "Open data needs a law, soon", None, at(2))
    merge_database(a, b.path)
    assert a.query_one("SELECT merged_into FROM participants WHERE id = ?", (two.id,))[0] == one.id
    assert a.query_one("SELECT merged_into FROM recommendations WHERE id = ?", (second.id,))[0] == first.id
    merge_database(b, a.path)
    assert b.query_one("SELECT merged_into FROM participants WHERE id = ?", (two.id,))[0] == one.id
    b.close()
