"""A session's screen: who has the floor and their clock, the queue, what has been said, the balance.

Thin on purpose: each key calls one store function (one transaction, committed at once) and then
re-reads the floor with one query. Another terminal's commits arrive as ForumChanged and are
re-read the same way, so what is shown is always what is on disk.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Static

from roundtable.domain.durations import format_clock
from roundtable.domain.floor import AlreadyQueued, FloorState, ListClosed
from roundtable.domain.forecast import floor_forecast
from roundtable.domain.languages import language_name, next_language
from roundtable.domain.typed_text import storable
from roundtable.domain.vocabulary import SPEECH_TYPES, cycle
from roundtable.domain import statistics
from roundtable.domain.models import Participant, Session
from roundtable.domain.roster_search import RosterIndex
from roundtable.store import floor, floor_reads, list_closing, roster
from roundtable.tui.messages import ForumChanged
from roundtable.tui.screens.note_taking import NoteTaking
from roundtable.tui.screens.projector import ProjectorScreen
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen
from roundtable.tui.widgets.floor_balance import FloorBalanceView
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.widgets.given_list import GivenList
from roundtable.tui.widgets.participant_picker import PickerChoice
from roundtable.tui.widgets.speaker_timer import SpeakerTimer, speaker_title

POLICY_LABELS = {
    "fifo": "order of request",
    "protocol": "protocol order",
    "first-speech-first": "first speeches first",
    "balanced": "first speeches first, balanced",
}
# The balance includes the running intervention, so it is redrawn now and then between changes.
BALANCE_INTERVAL = 5.0


def _balance(state: FloorState, now) -> statistics.Balance:
    return statistics.balance(statistics.counted(state.given, now))


class SessionScreen(NoteTaking):
    HELP = (
        "The list of speakers of one session. The highlighted queue entry is the one `x` and the move "
        "keys (shift+↑ / shift+↓, or [ and ]) act on. Every action is saved at once; another terminal on this forum sees it within a second."
    )
    # Keys left free for the rapporteur's note line (i, ctrl+r, /) and the app's export (ctrl+e).
    BINDINGS = [
        Binding("a", "add_speaker", "Add speaker"),
        Binding("n", "next_speaker", "Next"),
        Binding("o", "point_of_order", "Point of order"),
        Binding("x", "withdraw", "Withdraw"),
        Binding("space", "pause", "Pause"),
        Binding("shift+up,left_square_bracket", "move(-1)", "Move up", key_display="⇧↑"),
        Binding("shift+down,right_square_bracket", "move(1)", "Move down", key_display="⇧↓"),
        Binding("c", "toggle_list", "Close/reopen list"),
        Binding("t", "speech_type", "Speech type"),
        Binding("l", "language", "Language"),
        Binding("p", "projector", "Projector"),
        Binding("escape", "back", "Programme"),
    ]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.state = FloorState()
        self._roster: RosterIndex | None = None  # built when the picker first opens
        self._picker: SpeakerPickerScreen | None = None  # installed on the first `a`, reused after

    def compose(self) -> ComposeResult:
        yield Header()
        s = self.session
        yield Static(
            Content.from_markup(
                "[b]$code[/b] $title\n$when · $room · chair: $chair · $limit per speaker · $policy",
                code=s.code,
                title=s.title,
                when=f"{s.date:%a %d %b} {s.start:%H:%M}–{s.end:%H:%M}",
                room=s.room or "no room",
                chair=s.chair or "—",
                limit=format_clock(s.speaking_time),
                policy=POLICY_LABELS.get(s.queue_policy, s.queue_policy),
            ),
            id="session-banner",
        )
        yield SpeakerTimer(self.app.now, self.app.forum.languages, id="floor")
        with Horizontal(id="floor-lists"):
            with Vertical(id="queue-pane"):
                yield Static(id="queue-title", classes="pane-title")
                yield FloorQueue(id="queue")
            with Vertical(id="side-pane"):
                yield Static(id="given-title", classes="pane-title")
                yield GivenList(id="given")
                yield FloorBalanceView(id="balance")
        # The rapporteur's part: attribution banner, notes, note line (tui/screens/note_taking.py).
        with Container(id="note-slot"):
            yield from self.compose_note_taking()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.session.code
        self.reload()
        self.query_one(FloorQueue).focus()
        self.set_interval(BALANCE_INTERVAL, self._redraw_balance)

    # -- reading -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the floor (one query) and hand each widget its part."""
        now = self.app.now()
        state = floor_reads.floor_state(self.app.store, self.session.id, now)
        self.state = state
        self.query_one(SpeakerTimer).entry = state.current
        self.query_one(FloorQueue).show(state.queue, select=select, forecast=floor_forecast(state, self.session, now))
        self.query_one(GivenList).show(state.spoken, now)
        self.query_one(FloorBalanceView).balance = _balance(state, now)
        self._show_queue_title(now)
        total = sum(e.request.elapsed(now) for e in state.spoken)
        self.query_one("#given-title", Static).update(
            f"Given · {len(state.spoken)} intervention{'' if len(state.spoken) == 1 else 's'} · {format_clock(total)}"
        )

    def _show_queue_title(self, now) -> None:
        state = self.state
        outlook = floor_forecast(state, self.session, now)
        parts = [f"Queue {len(state.queue)}"]
        if state.queue or state.current:
            parts.append(f"needs {format_clock(outlook.needed_seconds)}")
        parts.append(
            f"{format_clock(outlook.left_seconds)} left" if outlook.left_seconds > 0 else "end passed"
        )
        title = Content(" · ".join(parts))
        if state.list_closed:
            how = "at its set time" if state.list_closed_automatically else "by the chair"
            title += Content.styled(f" · LIST CLOSED {how}", "bold $text-warning")
        elif not outlook.fits:
            title += Content.styled(" · will not all be heard", "bold $text-warning")
        self.query_one("#queue-title", Static).update(title)

    def _redraw_balance(self) -> None:
        """Time moves on: the running intervention's share, the forecast, and whether the
        programme's requests_close time has closed the list (one single-row query)."""
        now = self.app.now()
        status = list_closing.list_status_of(self.app.store, self.session.id, now)
        if status.closed != self.state.list_closed:
            self.reload()
            return
        self.query_one(FloorBalanceView).balance = _balance(self.state, now)
        self.query_one(FloorQueue).show(self.state.queue, forecast=floor_forecast(self.state, self.session, now))
        self._show_queue_title(now)

    def on_forum_changed(self, message: ForumChanged) -> None:
        self._roster = None  # another terminal may have added someone
        self.reload()

    # -- actions -------------------------------------------------------------------------------

    def _roster_index(self) -> RosterIndex:
        """The roster, indexed for the picker. Kept between picks (indexing 1,000 people takes
        ~0.1 s, felt on every `a`) until the roster may have changed: a name added here, or any
        change from another terminal."""
        if self._roster is None:
            self._roster = RosterIndex(roster.load_participants(self.app.store))
        return self._roster

    def _pick(self, title: str, speech_type: str) -> None:
        index = self._roster_index()
        name = f"speaker-picker-{id(self)}"
        if self._picker is None:
            self._picker = SpeakerPickerScreen(title, index)
            self.app.install_screen(self._picker, name)
        else:
            self._picker.reset(title, index)
        self.app.push_screen(name, lambda choice: self._queue(choice, speech_type))

    def on_unmount(self) -> None:
        if self._picker is not None:
            self.app.uninstall_screen(self._picker)
            self._picker = None

    def action_add_speaker(self) -> None:
        if self.state.list_closed:
            how = "by the programme's closing time" if self.state.list_closed_automatically else "by the chair"
            self.notify(
                f"The list of speakers is closed ({how}): only points of order (o). c reopens it.",
                severity="warning",
            )
            return
        self._pick("Add a speaker to the queue", "statement")

    def action_point_of_order(self) -> None:
        self._pick("Point of order: who raises it?", "point-of-order")

    def _queue(self, choice: PickerChoice | None, speech_type: str) -> None:
        self.query_one(FloorQueue).focus()
        if choice is None:
            return
        store = self.app.store
        if choice.new_name:
            person = roster.add_participant(store, self.app.forum.id, Participant(name=storable(choice.new_name)))
            self._roster = None
            self.notify(f"{person.name} added to the roster")
        else:
            person = roster.load_participant(store, choice.participant_id)
            if person is None:
                self.notify("That person is no longer in the roster.", severity="error")
                return
        try:
            if speech_type == "point-of-order":
                request = floor.raise_point_of_order(store, self.session, person.id, self.app.now())
            else:
                request = floor.request_floor(store, self.session, person.id, self.app.now(), speech_type=speech_type)
        except (ListClosed, AlreadyQueued) as refused:  # closed or queued meanwhile, here or in another terminal
            self.reload()
            self.notify(str(refused), severity="warning")
            return
        self.reload(select=request.id)

    def action_next_speaker(self) -> None:
        had_floor = self.state.current
        speaker = floor.next_speaker(self.app.store, self.session.id, self.app.now())
        self.reload()
        if speaker is None:
            if had_floor:
                self.notify(f"{had_floor.participant.name} finished; the queue is empty, the floor is free.")
            else:
                self.notify("The queue is empty.", severity="warning")

    def action_withdraw(self) -> None:
        queue = self.query_one(FloorQueue)
        request_id = queue.selected_request_id
        if request_id is None:
            self.notify("The queue is empty.", severity="warning")
            return
        entry = next((e for e in self.state.queue if e.request.id == request_id), None)
        floor.withdraw(self.app.store, request_id, self.app.now())
        self.reload()
        if entry is not None:
            self.notify(f"{speaker_title(entry)} withdrawn from the queue.")

    def action_pause(self) -> None:
        current = self.state.current
        if current is None:
            self.notify("Nobody has the floor.", severity="warning")
            return
        floor.toggle_pause(self.app.store, current.request.id, self.app.now())
        self.reload()

    def action_move(self, offset: int) -> None:
        request_id = self.query_one(FloorQueue).selected_request_id
        if request_id is None:
            return
        if floor.move(self.app.store, request_id, offset, self.app.now()):
            self.reload(select=request_id)

    def action_toggle_list(self) -> None:
        closed = list_closing.toggle_list_closed(self.app.store, self.session, self.app.now())
        self.reload()
        self.notify("List of speakers closed: only points of order are taken." if closed else "List of speakers reopened.")

    def action_speech_type(self) -> None:
        """`t`: the selected queue entry's speech type, or the current speaker's when the queue is empty."""
        queue = self.query_one(FloorQueue)
        request_id = queue.selected_request_id
        entries = self.state.queue if request_id else []
        entry = next((e for e in entries if e.request.id == request_id), None) or self.state.current
        if entry is None:
            self.notify("Nobody is waiting or speaking.", severity="warning")
            return
        kind = cycle(SPEECH_TYPES, entry.request.speech_type)
        floor.set_speech_type(self.app.store, entry.request.id, kind, self.app.now())
        self.reload(select=request_id)

    def action_language(self) -> None:
        """`l`: the language of the intervention in progress, through the forum's languages."""
        current = self.state.current
        if current is None:
            self.notify("Nobody has the floor.", severity="warning")
            return
        language = next_language(current.request.language, self.app.forum.languages)
        floor.set_language(self.app.store, current.request.id, language, self.app.now())
        self.reload()
        self.notify(f"{speaker_title(current)} speaks in {language_name(language)}.")

    def action_projector(self) -> None:
        self.app.push_screen(ProjectorScreen(self.session))

    def action_back(self) -> None:
        self.app.pop_screen()
