"""A session's screen: who has the floor and their clock, the queue, what has been said, the balance.

Made of panes (tui/panes/): the floor, the queue (with the strip of requests from phones), the
interventions given, the balance, and the rapporteur's notes (notes_pane.py). Each
key is the screen's (the table of actions' "session" rows) and goes to the pane it concerns; a
pane's command calls one store function (one transaction, committed at once and logged for undo)
and posts FloorWritten, on which the screen re-reads the floor with one query and hands each pane
its part. Another terminal's commits arrive as ForumChanged and are re-read the same way, so what
is shown is always what is on disk.

The layout follows the terminal: below 110 columns the queue takes the whole width and `g` swaps
it for the interventions given and the balance; below 34 lines the banner and the notes shrink,
so that at 80x24 the speaker, the clock and at least five queued requests stay in view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static, TextArea

from roundtable.domain import actions, statistics
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorState
from roundtable.domain.forecast import floor_forecast
from roundtable.domain.models import Session
from roundtable.store import changes, floor_reads, floor_requests, list_closing, undo_log
from roundtable.store.changes import PROGRAMME, ROSTER
from roundtable.store.session_presence import HEARTBEAT_SECONDS, SessionPresence
from roundtable.tui import gc_tuning
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.messages import FloorWritten, ForumChanged
from roundtable.tui.panes.floor_pane import FloorPane, floor_phrase
from roundtable.tui.panes.given_pane import GivenPane, speaker_targets
from roundtable.tui.panes.notes_pane import NotesPane
from roundtable.tui.panes.queue_pane import QueuePane
from roundtable.tui.panes.requests_pane import RequestsPane
from roundtable.tui.screens.audit_trail import AuditTrail
from roundtable.tui.screens.projector import ProjectorScreen
from roundtable.tui.session_rights import SessionRights
from roundtable.tui.session_undo import undo_filter, undoable
from roundtable.tui.speaker_picking import SpeakerPicking
from roundtable.tui.widgets.floor_balance import FloorBalanceView
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.widgets.given_list import GivenList

POLICY_LABELS = {
    "fifo": "order of request",
    "protocol": "protocol order",
    "first-speech-first": "first speeches first",
    "balanced": "first speeches first, balanced",
}
HELP = (
    "The list of speakers of one session. The highlighted queue entry is the one `x`, `t` and the move "
    "keys (shift+↑ / shift+↓, or [ and ]) act on. `g` (or tab) goes to the interventions given, where "
    "an entry's speaker (s), type (t), language (l) and duration (d) are corrected, a short one kept (k) "
    "or deleted (x). ctrl+z undoes the session's last action, again and again; ctrl+y redoes; h shows "
    "the audit trail. Requests from delegates' phones wait in the strip above the queue (\"From the floor\"): "
    "`f` goes there, `enter` accepts, `x` declines. "
    "Every action is saved at once; another terminal on this forum sees it within a second."
)
# The balance includes the running intervention, so it is redrawn now and then between changes.
BALANCE_INTERVAL = 5.0


def banner(session: Session, read_only: bool) -> Content:
    text = Content.from_markup("[b]$code[/b] $title", code=session.code, title=session.title)
    if read_only:  # first, so that a narrow terminal's ellipsis never hides it
        text = Content.styled("READ-ONLY here · ", "bold $text-warning") + text
    return text


def details(s: Session) -> Content:
    """When and where, the chair, the time per speaker and the queue's order."""
    return Content(
        f"{s.date:%a %d %b} {s.start:%H:%M}–{s.end:%H:%M} · {s.room or 'no room'} · chair: {s.chair or '—'}"
        f" · {format_clock(s.speaking_time)} per speaker · {POLICY_LABELS.get(s.queue_policy, s.queue_policy)}"
    )


class SessionScreen(SessionRights, ActsByTable, Screen):
    HELP = HELP
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (160, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    ACTION_PLACE = "session"
    BINDINGS = bindings("session")  # the note line's keys and the floor's (domain/actions.py)

    note_to_show: str | None = None  # set by whoever opens the screen to show a note found by search

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.state = FloorState()
        self.picking = SpeakerPicking(self, lambda: self.state)
        self._presence: SessionPresence | None = None
        self._roster_version: int | None = None  # the roster's change version the picker's index reflects

    @property
    def zone(self) -> str | None:
        return self.app.forum.timezone

    def compose(self) -> ComposeResult:
        yield Header()
        s = self.session
        yield Static(banner(s, self.read_only), id="session-banner")
        yield Static(details(s), id="session-details")
        yield FloorPane(s, self.app.now, self.app.forum.languages, id="floor")
        with Horizontal(id="floor-lists"):
            yield QueuePane(s, self.picking.pick, id="queue-pane")
            yield GivenPane(s, self.picking.pick, id="side-pane")
        yield FloorBalanceView(id="balance")
        yield NotesPane(s, lambda: speaker_targets(self.state, self.zone), id="note-slot",
                        note_to_show=self.note_to_show)
        yield Footer()

    @property
    def read_only(self) -> bool:
        """This terminal writes nothing in this session (limited to another track, or a projector)."""
        return not (self.writes_floor or self.takes_notes)

    def _show_terminal(self) -> None:
        """The header says whose terminal this is, and whether it writes in this session."""
        # "read-only" before the terminal's name: a narrow header cuts the end
        self.sub_title = " · ".join([self.session.code, *(["read-only"] if self.read_only else []), self.app.actor.label])

    def write_track(self) -> str | None:
        """Where this screen's writes land (tui/action_guard.py): the session's track."""
        return self.session.track

    def on_mount(self) -> None:
        self._show_terminal()
        self.reload()
        if self.writes_floor or not self.shows_notes:
            self.query_one(FloorQueue).focus()
        self.set_interval(BALANCE_INTERVAL, self._redraw_balance)
        if self.writes_floor:
            self._roster_version = changes.versions(self.app.store).get(ROSTER)
            self.picking.prepare()
        self._presence = SessionPresence(self.app.store.path, self.session.id)
        since = self._presence.unattended_since()
        self._presence.enter()
        self.set_interval(HEARTBEAT_SECONDS, self._presence.heartbeat)
        if self.writes_floor:
            self.query_one(FloorPane).ask_about_unattended_time(since)
        self.query_one(NotesPane).show_notes()  # after the queue took the focus: a note found by search takes it
        self.call_after_refresh(gc_tuning.settle)  # what this screen built lives as long as it does

    def on_unmount(self) -> None:
        if self._presence is not None:
            self._presence.leave()
        self.picking.close()

    # -- reading -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the floor (one query) and hand each pane its part."""
        now = self.app.now()
        state = floor_reads.floor_state(self.app.store, self.session.id, now)
        self.state = state
        self.query_one(FloorPane).show(state)
        self.query_one(QueuePane).show(state, floor_forecast(state, self.session, now, self.zone), select)
        self.query_one(GivenPane).show(state, now, tuple(self.app.forum.languages), self.zone)
        self.query_one(FloorBalanceView).balance = statistics.balance(state.counted)  # counted as read
        waiting = floor_requests.waiting(self.app.store, self.session.id)
        self.set_class(bool(waiting), "-floor-requests")
        self.query_one(RequestsPane).show(waiting, self.zone, self.writes_floor)

    def on_floor_written(self, message: FloorWritten) -> None:
        self.reload(select=message.select)
        if message.notes:
            self.reload_notes()
        if message.to_queue:
            self.query_one(FloorQueue).focus()

    def _redraw_balance(self) -> None:
        """Time moves on: the running intervention's share, the forecast, and whether the
        programme's requests_close time has closed the list (one single-row query)."""
        now = self.app.now()
        status = list_closing.list_status_of(self.app.store, self.session.id, now)
        if status.closed != self.state.list_closed:
            self.reload()
            return
        self.query_one(FloorBalanceView).balance = statistics.balance(statistics.counted(self.state.given, now))
        self.query_one(QueuePane).show(self.state, floor_forecast(self.state, self.session, now, self.zone))

    def on_screen_resume(self) -> None:
        """Back from a screen that may have changed the roster here (the participants screen corrects
        people: the queue, the balance and the picker follow at once). One small read says whether
        it did; back from the picker, nothing is re-read."""
        if not self.is_mounted:
            return
        version = changes.versions(self.app.store).get(ROSTER)
        if version != self._roster_version:
            self._roster_version = version
            self.picking.prepare()
            self.reload()

    def watched_scopes(self) -> frozenset[str]:
        """What another terminal's change must touch for this screen to re-read (database_watch.py)."""
        return frozenset({self.session.id, ROSTER, PROGRAMME})

    def on_forum_changed(self, message: ForumChanged) -> None:
        self.picking.prepare()  # another terminal may have added someone
        self.reload()
        self.reload_notes()

    def reload_notes(self) -> None:
        self.query_one(NotesPane).reload()

    def highlight_note(self, note_id: str) -> None:
        """Show a note found by search: highlight it in the notes list."""
        self.query_one(NotesPane).highlight_note(note_id)

    # -- the keys: each to the pane it concerns ---------------------------------------------------

    def action_add_speaker(self) -> None:
        self.query_one(QueuePane).add_speaker()

    def action_point_of_order(self) -> None:
        self.picking.pick("Point of order: who raises it? (they get the floor at once)",
                          self.query_one(FloorPane).point_of_order)

    def action_next_speaker(self) -> None:
        self.query_one(FloorPane).next_speaker()

    def action_withdraw(self) -> None:
        self.query_one(QueuePane).withdraw()

    def action_pause(self) -> None:
        self.query_one(FloorPane).pause()

    def action_move(self, offset: int) -> None:
        self.query_one(QueuePane).move(offset)

    def action_toggle_list(self) -> None:
        self.query_one(QueuePane).toggle_list()

    def action_speech_type(self) -> None:
        self.query_one(QueuePane).speech_type()

    def action_language(self) -> None:
        self.query_one(FloorPane).language()

    def action_speaker_type(self) -> None:
        self.query_one(FloorPane).speaker_type()

    def action_projector(self) -> None:
        self.app.push_screen(ProjectorScreen(self.session))

    def action_floor_requests(self) -> None:
        self.query_one(RequestsPane).enter()

    def action_focus_note_line(self) -> None:
        self.query_one(NotesPane).focus_note_line()

    def action_recommend(self) -> None:
        self.query_one(NotesPane).recommend()

    def action_note_for_previous(self) -> None:
        self.query_one(NotesPane).note_for_previous()

    def on_notes_pane_left(self, message: NotesPane.Left) -> None:
        queue = self.query_one(FloorQueue)
        queue.focus() if queue.focusable else self.set_focus(None)

    def on_notes_pane_leave_session(self, message: NotesPane.LeaveSession) -> None:
        self.action_back()

    def action_given(self) -> None:
        self.add_class("-show-given")
        self.query_one(GivenList).focus()

    def on_given_list_left(self, message: GivenList.Left) -> None:
        self.remove_class("-show-given")
        self.query_one(FloorQueue).focus()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, FloorQueue):
            self.remove_class("-show-given")

    # -- undo, redo, the audit trail -----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo") and isinstance(self.focused, (Input, TextArea)):
            return False  # ctrl+z belongs to the text being typed
        return super().check_action(action, parameters)

    def key_rank(self, action: str) -> int:
        """The key bar's order: on a terminal that moves the floor its keys come first, on a
        rapporteur's the note keys."""
        row = actions.find("session", action.split("(", 1)[0])
        is_note = row is not None and "notes" in row.writes and "floor" not in row.writes
        return 0 if is_note != self.writes_floor else 1

    def role_changed(self) -> None:
        """The palette switched this terminal's role: the note line comes or goes."""
        self._show_terminal()
        self.query_one("#session-banner", Static).update(banner(self.session, self.read_only))

        async def rebuild() -> None:
            await self.query_one(NotesPane).rebuild()
            self.refresh_bindings()

        self.run_worker(rebuild(), exclusive=True, group="role")

    def action_undo(self) -> None:
        self._undo_or_redo(redo=False)

    def action_redo(self) -> None:
        self._undo_or_redo(redo=True)

    def _undo_or_redo(self, redo: bool) -> None:
        if not self.writes_floor:
            self.query_one(NotesPane).undo(redo=redo)  # a rapporteur's ctrl+z: their own notes
            return
        step, done, nothing = ((undo_log.redo, "Redone", "Nothing to redo.") if redo
                               else (undo_log.undo, "Undone", "Nothing to undo in this session."))
        try:
            entry = step(self.app.store, self.session.id, self.app.now(),
                         actions=undoable(self.app.actor, self.session.track))
        except undo_log.UndoRefused as refused:
            self.reload()
            self.notify(str(refused), severity="warning", markup=False)
            return
        if entry is None:
            self.notify(nothing, markup=False)
            return
        self.reload()
        self.reload_notes()
        self.notify(f"{done}: {entry.label}; {floor_phrase(self.state, self.app.now())}.", markup=False)

    def undo_title(self) -> str | None:
        """"Undo next speaker: Ms. Hoda Baraka" for the command palette (None: nothing to undo)."""
        entry = undo_log.last_undoable(self.app.store, self.session.id, *self._undo_filter())
        return f"Undo {entry.label}" if entry else None

    def redo_title(self) -> str | None:
        entry = undo_log.last_redoable(self.app.store, self.session.id, *self._undo_filter())
        return f"Redo {entry.label}" if entry else None

    def _undo_filter(self) -> tuple[frozenset[str] | None, str | None]:
        return undo_filter(self.app.actor, self.session.track, self.app.store.terminal)

    def action_history(self) -> None:
        entries = undo_log.history(self.app.store, self.session.id)
        self.app.push_screen(AuditTrail(f"Audit trail · {self.session.code} {self.session.title}", entries, self.zone))

    # -- leaving -------------------------------------------------------------------------------

    def asks_before_leaving(self) -> bool:
        """Someone has the floor and the clock runs: leaving must say what happens to it (unless this
        terminal does not decide about this session's floor: a rapporteur's, another track's)."""
        return self.writes_floor and self.state.current is not None and not self.state.suspended

    def leave(self, then, leaving: str = "Leaving the session") -> None:
        """Ask about the clock if someone has the floor, then `then()`."""
        if self.asks_before_leaving():
            self.query_one(FloorPane).settle_before_leaving(then, leaving)
        else:
            then()

    def action_back(self) -> None:
        self.leave(self.app.pop_screen)

    def leave_session(self) -> None:
        self.action_back()
