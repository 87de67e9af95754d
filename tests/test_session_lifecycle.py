"""Leaving, suspending and resuming a session; the clock while nobody had it open; the demo on a
first run (another day than the session's); a rehearsal cleared with `roundtable reset`."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from roundtable.domain import clock as venue_clock
from roundtable.store import open_store
from roundtable.store.session_presence import SessionPresence
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.leave_dialog import LeaveDialog, UnattendedDialog
from roundtable.tui.screens.programme import ProgrammeScreen
from roundtable.tui.screens.projector import ProjectorScreen
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.widgets.speaker_timer import SpeakerTimer

from fake_clock import FakeClock
from floor_helpers import SIZE, add, notices, queue_up, session_of, state_of

CODE = "T2-2.2"


async def test_escape_with_someone_on_the_floor_can_suspend_the_session(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(60)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        live = app.screen.query_one("#table-day-3")  # T2-2.2 is on the third day
        assert "‖ suspended" in [str(c) for c in live.get_row(session_of(forum, CODE).id)]
        clock.advance(600)  # ten minutes of suspension: not the minister's time
        await pilot.press("right", "right")
        app.open_session(session_of(forum, CODE).id)
        await pilot.pause()
        timer = app.screen.query_one(SpeakerTimer)
        assert "SESSION SUSPENDED" in str(app.screen.query_one("#speaker-lines").render())
        timer.tick()
        assert timer.reading.text == "4:00" and timer.reading.paused
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        assert "The session is suspended" in str(app.screen.query_one("#projector-interrupted").render())
        await pilot.press("escape", "n")  # n resumes the session; it does not give the floor away
        await pilot.pause()
        state = state_of(forum, CODE, clock)
        assert not state.suspended and state.current.participant.name == "Bagdat Mussin"
        clock.advance(30)
        assert state_of(forum, CODE, clock).current.request.elapsed(clock()) == 90


async def test_quitting_with_someone_on_the_floor_asks_and_can_end_the_intervention(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(45)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("e")
        await pilot.pause()
    assert app.return_code == 0
    state = state_of(forum, CODE, clock)
    assert state.current is None and state.spoken[0].request.elapsed(clock()) == 45


async def test_reopened_after_the_clock_ran_unattended_the_moderator_is_asked(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(60)
        await pilot.press("escape", "k")  # keep the clock running, the room goes on
        await pilot.pause()
    # Nobody had the session open from that moment (the lock file says when the last one left).
    presence = SessionPresence(forum.store.path, session_of(forum, CODE).id)
    left = clock().timestamp()
    os.utime(presence.path, (left, left))
    assert presence.unattended_since() == clock()
    clock.advance(6 * 60)
    app = RoundtableApp(open_store(forum.store.path), session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnattendedDialog)
        assert "ran for 6:00 while no roundtable had this session open" in app.screen.question
        await pilot.press("n")  # it does not count
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert state_of(forum, CODE, clock).current.request.elapsed(clock()) == 60
        await pilot.press("ctrl+z")  # changed their mind: it counts after all
        await pilot.pause()
        assert state_of(forum, CODE, clock).current.request.elapsed(clock()) == 420


async def test_a_session_open_elsewhere_was_never_unattended(forum, clock, tmp_path):
    session_id = session_of(forum, CODE).id
    here = SessionPresence(forum.store.path, session_id)
    here.enter()
    try:
        assert SessionPresence(forum.store.path, session_id).unattended_since() is None
    finally:
        here.leave()
    assert SessionPresence(forum.store.path, session_id).unattended_since() is not None


async def test_on_another_day_the_demo_takes_speakers_and_forecasts_the_planned_length(forum):
    # D2-RT closes its list at 16:30 on 7 October 2014; today is another day.
    today = FakeClock(dt.datetime(2026, 11, 23, 16, 45, tzinfo=dt.timezone.utc))
    app = RoundtableApp(forum.store, session_code="D2-RT", now=today)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "muss")
        await pilot.press("n")
        await pilot.pause()
        title = str(app.screen.query_one("#queue-title").render())
        assert "LIST CLOSED" not in title and "end passed" not in title
        assert "2:00:00 left" in title  # the session's planned length, from its first intervention today
        today.advance(30 * 60)
        await add(pilot, "glid")
        title = str(app.screen.query_one("#queue-title").render())
        assert "1:30:00 left" in title
    # On its own day the programme's closing time applies.
    on_the_day = FakeClock(venue_clock.at_venue(dt.date(2014, 10, 7), dt.time(16, 45)))
    app = RoundtableApp(open_store(forum.store.path), session_code="D2-RT", now=on_the_day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "LIST CLOSED at its set time" in str(app.screen.query_one("#queue-title").render())


def test_reset_clears_a_rehearsal_after_a_backup(forum, clock, cli, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    path = forum.store.path
    forum.store.close()
    result = cli("reset", "--db", path, "--session", CODE)  # no answer: nothing is changed
    assert result.code == 2 and "reset cancelled" in result.err
    assert len(state_of(forum, CODE, clock).queue) == 2
    result = cli("reset", "--db", path, "--session", CODE, "--yes")
    assert result.code == 0, result.err
    assert "2 requests and interventions, 0 notes and 0 recommendations cleared" in result.out
    backup = next(path.parent.glob(f"{path.name}.before-reset-*"))
    assert backup.stat().st_mode & 0o777 == path.stat().st_mode & 0o777
    assert state_of(forum, CODE, clock).queue == []
    assert cli("reset", "--db", path, "--session", "NOPE", "--yes").code == 2


def test_resets_in_a_row_keep_a_backup_each(forum, clock, cli, monkeypatch):
    """Issue 24 item 8: two resets within one second printed one backup path, the second copy over
    the first, and the state before the first reset was lost. Every copy now has a name of its own."""
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    queue_up(forum, "D2-RT", clock, "Hoda Baraka")
    path = forum.store.path
    forum.store.close()
    frozen = dt.datetime(2014, 10, 7, 7, 55, 38, tzinfo=dt.timezone.utc)  # the same second, every time
    monkeypatch.setattr(venue_clock, "now", lambda: frozen)
    printed = []
    for code in (CODE, "D2-RT", CODE):
        result = cli("reset", "--db", path, "--session", code, "--yes")
        assert result.code == 0, result.err
        printed.append(Path(result.out.split("backup: ")[1].split(" (to go back")[0]))
    assert len(set(printed)) == 3, printed
    assert sorted(path.parent.glob(f"{path.name}.before-reset-*")) == sorted(printed)
    # Each copy is the state just before its own reset: 3 queued, then D2-RT's 1, then none.
    live = []
    for copy in printed:
        with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as conn:
            live.append(conn.execute(
                "SELECT count(*) FROM requests WHERE status = 'queued' AND deleted_at IS NULL").fetchone()[0])
    assert live == [3, 1, 0]


def test_a_backup_never_overwrites_a_file_of_that_name(forum, tmp_path):
    """Merge, reset and migration copies are all named by backup_beside: a name taken already (by
    this process a moment ago, or by another terminal's merge in the same second) moves on."""
    from roundtable.store.backup_copy import backup_beside

    path = forum.store.path
    taken = path.with_name(f"{path.name}.before-merge-20141007-075538")
    taken.write_text("another terminal's copy")
    first = backup_beside(path, "before-merge-20141007-075538")
    second = backup_beside(path, "before-merge-20141007-075538")
    assert taken.read_text() == "another terminal's copy"
    assert (first.name, second.name) == (f"{taken.name}-1", f"{taken.name}-2")
    assert backup_beside(path, "v9", ".bak").name == f"{path.name}.v9.bak"
    assert backup_beside(path, "v9", ".bak").name == f"{path.name}.v9-1.bak"
