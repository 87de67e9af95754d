"""Another program holds the forum's write lock (a merge, an import) while the moderator and the
rapporteur press keys: each action is refused with a notice, nothing is half-written, the
application stays up, and once the lock is free the same keys work."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

from roundtable.domain import clock as venue_clock
from roundtable.store import floor, open_store, programme as programme_store, roster
from roundtable.store.connection import BUSY_TIMEOUT_MS, INTERACTIVE_BUSY_TIMEOUT_MS
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.storage_guard import BUSY_NOTICE
from roundtable.tui.widgets.note_line import NoteLine

from waiting import until

SIZE = (140, 45)


def typed(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def counts(conn: sqlite3.Connection, session_id: str) -> dict[str, object]:
    one = lambda sql: conn.execute(sql, (session_id,)).fetchone()[0]  # noqa: E731
    return {
        "requests": one("SELECT count(*) FROM requests WHERE session_id = ?"),
        "speaking": one("SELECT count(*) FROM requests WHERE session_id = ? AND status = 'speaking'"),
        "notes": one("SELECT count(*) FROM notes WHERE session_id = ?"),
        "log": one("SELECT count(*) FROM undo_log WHERE scope = ?"),
    }


async def test_keys_pressed_while_another_program_holds_the_write_lock(demo_forum):
    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.2")
    moment = venue_clock.at_venue(session.date, dt.time(12, 0))
    people = {p.name: p for p in roster.load_participants(store)}
    floor.request_floor(store, session, people["Hoda Baraka"].id, moment)

    holder = sqlite3.connect(store.path, isolation_level=None)  # another program, e.g. a merge
    app = RoundtableApp(store, session_code="T2-2.2", now=lambda: moment)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, SessionScreen), "the session screen", pilot=pilot)
        screen = app.screen
        line = screen.query_one(NoteLine)

        def busy_notices() -> int:
            return sum(BUSY_NOTICE in str(n.message) for n in app._notifications)

        # The app's own writes wait half a second for the lock; the CLI's and workers' connections long.
        assert store.query_one("PRAGMA busy_timeout")[0] == INTERACTIVE_BUSY_TIMEOUT_MS
        with open_store(store.path) as worker:
            assert worker.query_one("PRAGMA busy_timeout")[0] == BUSY_TIMEOUT_MS

        holder.execute("BEGIN IMMEDIATE")
        before = counts(holder, session.id)

        await pilot.press("a", *"kapparov", "enter")
        await until(lambda: busy_notices() >= 1, "a notice for a", pilot=pilot)
        await pilot.press("n")
        await until(lambda: busy_notices() >= 2, "a notice for n", pilot=pilot)
        await pilot.press("i", *typed("digital identity first"), "enter")
        await until(lambda: busy_notices() >= 3, "a notice for the note", pilot=pilot)

        assert app.is_running and app._exception is None
        assert counts(holder, session.id) == before  # nothing half-written
        assert line.value == "digital identity first"  # the note is not lost: it waits on the line
        assert app.screen is screen

        holder.execute("ROLLBACK")  # the other program is done
        shown = len(app._notifications)
        await pilot.press("enter")
        await until(lambda: line.value == "", "the note saved", pilot=pilot)
        await pilot.press("escape", "a", *"kapparov", "enter")
        await until(lambda: counts(holder, session.id)["requests"] == before["requests"] + 1, "queued", pilot=pilot)
        await pilot.press("n")
        await until(lambda: counts(holder, session.id)["speaking"] == 1, "the floor given", pilot=pilot)
        assert not any(BUSY_NOTICE in str(n.message) for n in list(app._notifications)[shown:])
        assert app.is_running and app._exception is None

    holder.close()
    with open_store(store.path) as check:
        assert check.query_one("PRAGMA integrity_check")[0] == "ok"
        texts = [r[0] for r in check.query("SELECT text FROM notes WHERE session_id = ?", (session.id,))]
        assert texts == ["digital identity first"]
        speaking = check.query_one(
            "SELECT p.name FROM requests r JOIN participants p ON p.id = r.participant_id"
            " WHERE r.session_id = ? AND r.status = 'speaking'", (session.id,))
        assert speaking[0] == "Hoda Baraka"


async def test_a_second_ctrl_e_waits_for_the_export_under_way(demo_forum, monkeypatch):
    """`exclusive=True` would cancel the first export (its thread still writing the file) and
    start a second on the same file: the second ctrl+e only says one is under way."""
    import roundtable.outcome.export as export_module

    started, release = [], threading.Event()

    def slow_export(store, target, fmt, *args, **kwargs):
        started.append(target)
        release.wait(10)
        return target

    monkeypatch.setattr(export_module, "export", slow_export)
    app = RoundtableApp(demo_forum.store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await until(lambda: len(started) == 1, "the export started", pilot=pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("still being written" in str(n.message) for n in app._notifications)
        assert all(not w.is_cancelled for w in app.workers)
        release.set()
        await app.workers.wait_for_complete()
        await until(lambda: any("Outcome document written" in n.title for n in app._notifications),
                    "the export's notice", pilot=pilot)
    assert len(started) == 1
