"""Two terminals on one forum: the moderator and the rapporteur write at full speed at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from roundtable.domain import clock
from roundtable.store import floor, floor_reads, list_closing, notes, programme as programme_store, recommendations, roster
from roundtable.store.merge import merge_database
from roundtable.workspace import open_forum

WRITERS = Path(__file__).with_name("writers.py")
OPERATIONS = 1000


def start(role: str, db: Path, count: int, go: Path | None = None) -> subprocess.Popen:
    args = [sys.executable, str(WRITERS), role, str(db), str(count)] + ([str(go)] if go else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def printed(output: str, kind: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith(kind + " ")]


def test_moderator_and_rapporteur_write_at_once_and_nothing_is_lost(demo_forum, tmp_path):
    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.1")
    before = {t: store.query_one(f"SELECT count(*) FROM {t}")[0] for t in ("requests", "notes", "recommendations")}
    go = tmp_path / "go"
    moderator = start("moderator", store.path, OPERATIONS, go)
    rapporteur = start("rapporteur", store.path, OPERATIONS, go)
    for process in (moderator, rapporteur):
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    out_m, err_m = moderator.communicate(timeout=120)
    out_r, err_r = rapporteur.communicate(timeout=120)
    assert (moderator.returncode, err_m) == (0, "")
    assert (rapporteur.returncode, err_r) == (0, "")  # no "database is locked" reached anyone
    assert out_m.splitlines()[-1] == out_r.splitlines()[-1] == f"done {OPERATIONS}"

    requests, notes_, recs = printed(out_m, "request"), printed(out_r, "note"), printed(out_r, "recommendation")
    assert len(requests) == len(notes_) == len(recs) == OPERATIONS // 2
    count = lambda table: store.query_one(f"SELECT count(*) FROM {table}")[0]  # noqa: E731
    assert count("requests") == before["requests"] + len(requests)
    assert count("notes") == before["notes"] + len(notes_)
    assert count("recommendations") == before["recommendations"] + len(recs)
    assert {r[0] for r in store.query("SELECT id FROM requests WHERE session_id = ?", (session.id,))} >= set(requests)
    # The floor stayed coherent: one speaker at most, everyone else spoken (each request was followed by "next").
    statuses = [r[0] for r in store.query("SELECT status FROM requests WHERE session_id = ?", (session.id,))]
    assert statuses.count("speaking") == 1 and statuses.count("queued") == 0
    positions = [r[0] for r in store.query("SELECT position FROM recommendations WHERE track_code = 'T2'")]
    assert len(positions) == len(set(positions))  # appended one at a time, never interleaved
    assert store.query_one("PRAGMA integrity_check")[0] == "ok"
    assert store.query_one("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'ünïcode'")[0] == len(notes_)


def test_every_write_is_an_immediate_transaction(demo_forum, demo_dir, tmp_path):
    """No store function writes outside BEGIN IMMEDIATE ... COMMIT (a deferred BEGIN would fail at
    once, whatever busy_timeout says, when another terminal holds the write lock)."""
    store = demo_forum.store
    laptop = open_forum(demo_dir / "gegf-2014.toml", db=tmp_path / "laptop.db").store
    notes.add_note(laptop, programme_store.find_session(laptop, "T2-2.1").id, "from the track laptop", clock.now())
    laptop.close()
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    now = clock.now()
    session = programme_store.find_session(store, "T2-2.1")
    person = roster.load_participants(store)[0]
    request = floor.request_floor(store, session, person.id, now)
    floor.set_speech_type(store, request.id, "question", now)
    floor.set_language(store, request.id, "ru", now)
    floor.move(store, request.id, 0, now)
    floor.next_speaker(store, session.id, now)
    floor.toggle_pause(store, request.id, now)
    list_closing.set_list_closed(store, session.id, True, now)
    floor.end_current(store, session.id, now)
    note = notes.add_note(store, session.id, "x", now)
    recommendations.add_recommendation(store, "T2", "y", now, note_id=note.id)
    roster.add_participant(store, "gegf-2014", person.model_copy(update={"name": "Someone New"}))
    store.db["drafts"].insert({"key": "k", "text": "t", "updated_at": now.isoformat()})  # sqlite-utils on its own
    assert merge_database(store, laptop.path).total("taken")
    store.conn.set_trace_callback(None)

    depth, writes = 0, 0
    for sql in statements:
        word = sql.split(None, 1)[0].upper()
        if word == "BEGIN":
            assert sql.strip().upper() == "BEGIN IMMEDIATE", sql
            depth += 1
        elif word in ("COMMIT", "ROLLBACK"):
            depth -= 1
        elif word in ("INSERT", "UPDATE", "DELETE", "REPLACE"):
            assert depth == 1, f"write outside a transaction: {sql}"
            writes += 1
    assert writes >= 12 and depth == 0


async def test_an_open_screen_converges_within_a_second_after_both_writers_stop(demo_forum, tmp_path):
    """A third terminal (the app) watches the session while two processes write 400 operations each
    as fast as they can; once they stop, its screen shows the database's final state within 1 s."""
    import asyncio
    import time

    from roundtable.store import open_store
    from roundtable.tui.app import RoundtableApp
    from roundtable.tui.widgets.given_list import GivenList
    from roundtable.tui.widgets.notes_list import NotesList
    from roundtable.tui.widgets.speaker_timer import SpeakerTimer

    store = demo_forum.store
    session = programme_store.find_session(store, "T2-2.1")
    viewer = open_store(store.path)
    app = RoundtableApp(viewer, session_code="T2-2.1")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        go = tmp_path / "go"
        writers = [
            await asyncio.create_subprocess_exec(sys.executable, str(WRITERS), role, str(store.path), "400", str(go),
                                                 stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
            for role in ("moderator", "rapporteur")
        ]
        for writer in writers:
            assert (await writer.stdout.readline()).strip() == b"ready"
        go.touch()
        for writer in writers:
            _, err = await writer.communicate()
            assert writer.returncode == 0 and not err  # no "database is locked" reached a writer
        stopped = time.monotonic()
        state = floor_reads.floor_state(store, session.id)
        notes_on_disk = len(notes.session_notes(store, session.id))
        screen = app.screen

        def converged() -> bool:
            timer = screen.query_one(SpeakerTimer)
            return (screen.query_one(GivenList).row_count == len(state.spoken)
                    and timer.entry is not None and timer.entry.request.id == state.current.request.id
                    and screen.query_one(NotesList).note_count == notes_on_disk)

        while not converged() and time.monotonic() - stopped < 1.0:
            await pilot.pause(0.02)
        assert converged(), "the open screen did not show the final state within one second"
    viewer.close()
