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


class FakeServer:
    seen: dict = {}

    def __init__(self, command, host="localhost", port=8000, title=None, **kwargs):
        FakeServer.seen = {"command": command, "host": host, "port": port, "title": title}

    def serve(self, debug: bool = False) -> None:
        FakeServer.seen["served"] = True


def test_serve_binds_localhost_and_serves_the_read_only_projector(cli, demo_dir, monkeypatch):
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    result = cli("serve", demo_dir / "gegf-2014.toml", "--session", "D2-RT")
    assert result.code == 0, result
    seen = FakeServer.seen
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000 and seen["served"]
    assert "-m roundtable projector" in seen["command"]
    assert str(demo_dir / "gegf-2014.db") in seen["command"] and "--session D2-RT" in seen["command"]

    result = cli("serve", demo_dir / "gegf-2014.db", "--host", "0.0.0.0", "--port", "9000")
    assert result.code == 0 and FakeServer.seen["host"] == "0.0.0.0" and FakeServer.seen["port"] == 9000
    assert "warning" in result.err


def test_serve_refuses_an_unknown_session(cli, demo_dir):
    result = cli("serve", demo_dir / "gegf-2014.toml", "--session", "NOPE")
    assert result.code == 2
    assert '"NOPE"' in result.err
