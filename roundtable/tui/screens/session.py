"""A session's screen: who has the floor, the queue, and what has been said."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from roundtable.domain.durations import format_clock
from roundtable.domain.models import Session
from roundtable.store import floor
from roundtable.tui.messages import ForumChanged
from roundtable.tui.screens.note_taking import NoteTaking


class SessionScreen(NoteTaking):
    HELP = "A session of the forum."
    BINDINGS = [Binding("escape", "back", "Programme")]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        s = self.session
        yield Static(
            f"[b]{s.code}[/b] {s.title}\n{s.date:%a %d %b} {s.start:%H:%M}–{s.end:%H:%M}"
            f" · {s.room or ''} · chair: {s.chair or '—'}",
            id="session-banner",
        )
        yield DataTable(id="given", cursor_type="row")
        yield from self.compose_note_taking()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.session.code
        table = self.query_one("#given", DataTable)
        table.add_column("Speaker", key="speaker")
        table.add_column("Country", key="country")
        table.add_column("Duration", key="duration")
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#given", DataTable)
        table.clear()
        state = floor.floor_state(self.app.store, self.session.id, self.app.now())
        for entry in state.spoken:
            table.add_row(
                entry.participant.name,
                entry.participant.country or "",
                format_clock(entry.request.elapsed(self.app.now())),
                key=entry.request.id,
            )

    def on_forum_changed(self, message: ForumChanged) -> None:
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
