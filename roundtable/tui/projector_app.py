"""The read-only projector app that `roundtable serve` gives to browsers (and `roundtable projector`
shows in a terminal). It only reads: there is no key here that writes to the forum.

With a session code it shows that session; with a room, whichever of that room's sessions has the
floor; with neither, whichever session in the forum has the floor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.app import App, ComposeResult

from roundtable.domain import clock
from roundtable.domain.access import Actor
from roundtable.domain.floor import FloorState
from roundtable.store import floor_reads, Store
from roundtable.store import programme as programme_store
from roundtable.store.changes import PROGRAMME, ROSTER
from roundtable.tui.database_watch import watch_database
from roundtable.tui.widgets.projector_view import ProjectorView
from roundtable.tui.storage_guard import GuardsStorage


class ProjectorApp(GuardsStorage, App):
    CSS_PATH = "app.tcss"
    TITLE = "roundtable projector"
    # No palette: its system commands (screenshots, themes) have no place on a served screen.
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, store: Store, session_code: str | None = None, now: Callable[[], dt.datetime] = clock.now,
                 room: str | None = None):
        super().__init__()
        self.store = store
        store.actor = Actor("projector")  # writes nothing: its connection is read-only, and so is its actor
        self.session_code = session_code
        self.room = room
        self.now = now
        self._session_id: str | None = None  # the session shown

    def compose(self) -> ComposeResult:
        yield ProjectorView(self.now)

    def on_mount(self) -> None:
        self.languages = programme_store.load_forum(self.store).languages
        self.reload()
        self.database_watch = watch_database(self, self.store, self._changed)

    def _changed(self, scopes: frozenset[str]) -> None:
        """Following the floor, any session's change may move it; showing one session, only its
        own changes, the roster's (names) and the programme's (titles) matter."""
        if self.session_code is None or not scopes.isdisjoint({self._session_id, ROSTER, PROGRAMME}):
            self.reload()

    def reload(self) -> None:
        session = None
        following = ""
        if self.session_code:
            session = programme_store.find_session(self.store, self.session_code)
        else:
            live = floor_reads.live_session_id(self.store, self.room)
            session = programme_store.load_session(self.store, live) if live else None
            # Say which session is shown and why, so that a hall never wonders.
            following = (f"{session.code} · the live session in {self.room}" if self.room
                         else f"{session.code} · the session whose floor changed last") if session else ""
        self._session_id = session.id if session else None
        state = floor_reads.floor_state(self.store, session.id, self.now()) if session else FloorState()
        self.query_one(ProjectorView).show(session, state, self.languages, following)

    def on_unmount(self) -> None:
        self.store.close()
