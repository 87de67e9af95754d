"""The projector: the read-only app that `roundtable serve` hands to browsers, and the serve command."""

from __future__ import annotations

import datetime as dt

from roundtable.store import floor, floor_reads, open_store, roster
from roundtable.store import programme as programme_store
from roundtable.tui.projector_app import ProjectorApp
from roundtable.tui.widgets.projector_view import ProjectorView

NOW = dt.datetime(2014, 10, 7, 11, 0, tzinfo=dt.timezone.utc)


def give_floor(store, code: str, *names: str) -> None:
    session = programme_store.find_session(store, code)
    people = {p.name: p for p in roster.load_participants(store)}
    for name in names:
        floor.request_floor(store, session, people[name].id, NOW)
    floor.next_speaker(store, session.id, NOW)


async def test_the_projector_follows_the_session_that_has_the_floor(demo_forum):
    path = demo_forum.store.path
    app = ProjectorApp(open_store(path), now=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ProjectorView)
        assert str(view.query_one("#projector-speaker").content) == "The floor is free"
        # the moderator's terminal (another connection) gives the floor in D2-RT
        give_floor(demo_forum.store, "D2-RT", "Bagdat Mussin", "Julia Glidden")
        for _ in range(20):
            await pilot.pause(0.05)
            if "Mussin" in str(view.query_one("#projector-speaker").content):
                break
        assert str(view.query_one("#projector-speaker").content) == "H.E. Mr. Bagdat Mussin"
        assert view.query_one("#projector-clock").value == "4:00"
        assert "1. Dr. Julia Glidden — United Kingdom" in str(view.query_one("#projector-next").content)
        assert "Ministerial Round-Table" in str(view.query_one("#projector-session").content)


async def test_the_served_app_has_no_key_that_writes(demo_forum):
    app = ProjectorApp(open_store(demo_forum.store.path), session_code="D2-RT", now=lambda: NOW)
    version = demo_forum.store.data_version()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "n", "x", "space", "o", "enter", "p", "escape")
        await pilot.pause()
        actions = {b.binding.action.split(".")[-1] for b in app.screen.active_bindings.values()}
        # Textual's own navigation and quit keys only
        assert actions <= {"quit", "help_quit", "focus_next", "focus_previous", "copy_text"}
    assert demo_forum.store.data_version() == version
    session = programme_store.find_session(demo_forum.store, "D2-RT")
    state = floor_reads.floor_state(demo_forum.store, session.id)
    assert state.current is None and state.queue == []


def test_serve_binds_localhost_and_serves_the_read_only_projector(cli, demo_dir, monkeypatch):
    from roundtable.serve import launch

    served = []
    monkeypatch.setattr(launch.Plan, "serve", lambda plan, ready: (served.append(plan), ready()))
    result = cli("serve", demo_dir / "gegf-2014.toml", "--session", "D2-RT")
    assert result.code == 0, result
    server = served[-1].server
    assert server.host == "127.0.0.1" and server.port == 8000 and server.keys is None
    assert result.out.strip() == "http://127.0.0.1:8000/"
    command = server.command_for(None, None, None)
    assert command[1:4] == ["-m", "roundtable", "projector"]
    assert command[4:] == [str((demo_dir / "gegf-2014.db").resolve()), "--session", "D2-RT"]

    monkeypatch.setattr("roundtable.serve.network.primary_address", lambda: "192.168.7.20")
    result = cli("serve", demo_dir / "gegf-2014.db", "--host", "0.0.0.0", "--port", "9000", "--room", "hall a")
    assert result.code == 0, result
    server = served[-1].server
    assert server.host == "0.0.0.0" and server.port == 9000 and server.public_url == "http://192.168.7.20:9000"
    assert server.command_for(None, None, None)[-2:] == ["--room", "Hall A"]
    assert "warning" in result.err


def test_serve_refuses_an_unknown_session(cli, demo_dir):
    result = cli("serve", demo_dir / "gegf-2014.toml", "--session", "NOPE")
    assert result.code == 2
    assert '"NOPE"' in result.err


async def test_the_projector_of_a_room_follows_that_rooms_live_session(demo_forum):
    from roundtable.store import open_read_only

    app = ProjectorApp(open_read_only(demo_forum.store.path), room="Hall A", now=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ProjectorView)
        hall_a = programme_store.find_session(demo_forum.store, "D2-RT")
        assert hall_a.room == "Hall A"
        give_floor(demo_forum.store, hall_a.code, "Julia Glidden")
        give_floor(demo_forum.store, "D2-PLEN", "Bagdat Mussin")  # later, in the Plenary Hall
        for _ in range(20):
            await pilot.pause(0.05)
            if "Glidden" in str(view.query_one("#projector-speaker").content):
                break
        assert str(view.query_one("#projector-speaker").content) == "Dr. Julia Glidden"
        assert hall_a.title in str(view.query_one("#projector-session").content)
    assert floor_reads.live_session_in_room(demo_forum.store, "Plenary Hall") == \
        programme_store.find_session(demo_forum.store, "D2-PLEN").id
    assert floor_reads.live_session_in_room(demo_forum.store, "Nowhere") is None


def test_projector_refuses_an_unknown_room_and_lists_the_rooms(cli, demo_dir):
    result = cli("projector", demo_dir / "gegf-2014.toml", "--room", "Hall Z")
    assert result.code == 2 and result.err.count("\n") == 1
    assert '"Hall Z"' in result.err and "Hall A, Hall B" in result.err


def test_the_served_view_cannot_write_and_migrates_nothing(demo_forum, tmp_path, cli):
    import shutil
    import sqlite3

    import pytest

    from roundtable.store import DatabaseError, open_read_only
    from roundtable.store import schema

    # a folder name that would inject URI parameters into an f-string URI
    odd = tmp_path / "F #2?mode=rwc&x=%41"
    odd.mkdir()
    db = odd / "forum.db"
    demo_forum.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(demo_forum.store.path, db)
    store = open_read_only(db)
    try:
        assert programme_store.find_session(store, "D2-RT") is not None
        with pytest.raises(sqlite3.OperationalError):
            with store.transaction() as conn:
                conn.execute("DELETE FROM notes")
    finally:
        store.close()
    assert sorted(p.name for p in odd.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["forum.db"]
    # an older schema is refused, not migrated
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={schema.CURRENT_VERSION - 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="written by an older roundtable"):
        open_read_only(db)
    result = cli("projector", db)  # what `serve` runs for each browser
    assert result.code == 2 and "written by an older roundtable" in result.err
    assert not list(odd.glob("*.bak"))
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION - 1
    conn.close()


async def test_the_hall_reads_international_staff_by_their_organisation_not_their_nationality(demo_forum):
    give_floor(demo_forum.store, "D2-RT", "Vincenzo Aquaro", "Adriana Alberti")
    session = programme_store.find_session(demo_forum.store, "D2-RT")
    mussin = next(p for p in roster.load_participants(demo_forum.store) if p.name == "Bagdat Mussin")
    floor.request_floor(demo_forum.store, session, mussin.id, NOW)
    app = ProjectorApp(open_store(demo_forum.store.path), session_code="D2-RT", now=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.query_one(ProjectorView)
        where = str(view.query_one("#projector-country").content)
        assert where.startswith("UN DESA / DPADM") and "Italy" not in where
        following = str(view.query_one("#projector-next").content)
        assert "Italy" not in following and "Ms. Adriana Alberti — UN DESA / DPADM" in following, following
        assert "H.E. Mr. Bagdat Mussin — Kazakhstan" in following
