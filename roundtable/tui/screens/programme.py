"""The programme: the forum's sessions by day and track. `enter` opens a session.

On a terminal limited to a track, the banner and the header say so, and the sessions it only
reads (other tracks', plenaries) are dimmed: they open read-only.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from roundtable.domain.models import Forum, Session, Track
from roundtable.outcome.labels import format_date_range
from roundtable.store import floor_reads
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.messages import ForumChanged, SessionChosen
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.widgets.programme_table import LIVE, SUSPENDED, ProgrammeTable
from roundtable.tui.storage_guard import GuardsStorage

class ProgrammeScreen(ActsByTable, GuardsStorage, Screen):
    HELP = "The forum's programme, a tab per day. Pick a session and press enter to run it."
    ACTION_PLACE = "programme"
    BINDINGS = bindings("programme")

    def __init__(self, forum: Forum, tracks: list[Track], sessions: list[Session]):
        super().__init__()
        self.forum = forum
        self.tracks = {t.code: t for t in tracks}
        self.sessions = sessions
        self._live: dict = {}
        self._pending: Session | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        forum = self.forum
        dates = format_date_range(forum.start, forum.end, "en")
        # Programme texts are shown as they are written, never read as markup (a title "[/]").
        banner = Content.from_markup(
            "[b]$title[/b]\n$theme\n$venue · $dates",
            title=forum.title, theme=forum.theme or "", venue=forum.venue or "", dates=dates,
        )
        actor = self.app.actor
        if actor.track:  # one line at 80 columns
            label = actor.label[0].upper() + actor.label[1:]
            banner += Content("\n") + Content.styled(
                f"{label}: writes in track {actor.track} only; other sessions (dimmed) are read-only.",
                "bold $text-warning")
        yield Static(banner, id="forum-banner")
        by_day: dict = {}
        for session in sorted(self.sessions, key=lambda s: (s.start, s.track or "", s.code)):
            by_day.setdefault(session.date, []).append(session)
        with TabbedContent(id="days"):
            for number, day in enumerate(self.forum.days, start=1):
                with TabPane(f"Day {number} · {day:%a %d %b}", id=f"day-{number}"):
                    yield ProgrammeTable(by_day.get(day, []), self._look, id=f"table-day-{number}")
        legend = Content("  ").join(
            Content.from_markup("[b]$code[/b] $title", code=code, title=track.title) for code, track in self.tracks.items()
        )
        yield Static(legend, id="track-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.forum.title
        track = self.app.track_code  # "read-only" first: a narrow header cuts the end
        self.sub_title = f"Programme · read-only but {track} · {self.app.actor.label}" if track else "Programme"
        self._show_live()
        if self._pending is not None:
            self.show_session(self._pending)
            self._pending = None
        self._focus_table()

    def _look(self, session: Session) -> str:
        return "" if self._writes_in(session) else "dim"

    def _writes_in(self, session: Session) -> bool:
        actor = self.app.actor
        return any(actor.may_write(kind, session.track) for kind in ("floor", "given", "notes"))

    def _show_live(self) -> None:
        """Mark the sessions with someone on the floor ("● live") or suspended ("‖ suspended")."""
        live = floor_reads.live_sessions(self.app.store)
        if live == self._live:
            return
        marks = {key: SUSPENDED if state.suspended else LIVE for key, state in live.items()}
        for table in self.query(ProgrammeTable):
            table.show_marks(marks)
        self._live = live

    def on_forum_changed(self, message: ForumChanged) -> None:
        self._show_live()

    def on_screen_resume(self) -> None:
        self._show_live()

    def show_session(self, session: Session) -> None:
        """Turn to the session's day and highlight it (a session opened from the command line, or
        from search, returns here on escape)."""
        if session.date not in self.forum.days:
            return
        if not self.query("#days"):  # not composed yet: done when mounted
            self._pending = session
            return
        number = self.forum.days.index(session.date) + 1
        self.query_one("#days", TabbedContent).active = f"day-{number}"
        self.query_one(f"#table-day-{number}", ProgrammeTable).select(session.id)

    def _active_table(self) -> DataTable:
        active = self.query_one("#days", TabbedContent).active
        return self.query_one(f"#table-{active}", DataTable)

    def _focus_table(self) -> None:
        self._active_table().focus()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._focus_table()

    def action_open_session(self) -> None:
        table = self._active_table()
        if table.row_count == 0:
            self.notify("No session on this day.", severity="warning")
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.post_message(SessionChosen(str(row_key.value)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(SessionChosen(str(event.row_key.value)))

    def _switch_day(self, step: int) -> None:
        tabs = self.query_one("#days", TabbedContent)
        count = len(self.forum.days)
        current = int(tabs.active.split("-")[1])
        tabs.active = f"day-{(current - 1 + step) % count + 1}"

    def action_day(self, number: int) -> None:
        if number <= len(self.forum.days):
            self.query_one("#days", TabbedContent).active = f"day-{number}"

    def action_previous_day(self) -> None:
        self._switch_day(-1)

    def action_next_day(self) -> None:
        self._switch_day(1)
