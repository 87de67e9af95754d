"""The queue pane: the strip of requests from phones (while any waits), the queue's title (how many
wait, the time they need, the time left, the list closed) and the queue, and the commands on the
highlighted entry: withdraw it (`x`), move it (shift+↑/↓, [ ]), change its speech type (`t`), and
adding someone (`a`), closing or reopening the list (`c`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorState
from roundtable.domain.floor_outcomes import CannotMove, FloorRefused
from roundtable.domain.forecast import Forecast
from roundtable.domain.models import Participant, Session
from roundtable.domain.vocabulary import SPEECH_TYPES, cycle
from roundtable.store import floor, list_closing
from roundtable.tui.messages import FloorWritten
from roundtable.tui.panes.requests_pane import RequestsPane
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.speaker_timer import speaker_title


def queue_title(state: FloorState, outlook: Forecast) -> Content:
    parts = [f"Queue {len(state.queue)}"]
    if state.queue or state.current:
        parts.append(f"needs {format_clock(outlook.needed_seconds)}")
    parts.append(f"{format_clock(outlook.left_seconds)} left" if outlook.left_seconds > 0 else "end passed")
    title = Content(" · ".join(parts))
    if state.list_closed:
        how = "at its set time" if state.list_closed_automatically else "by the chair"
        title += Content.styled(f" · LIST CLOSED {how}", "bold $text-warning")
    elif not outlook.fits:
        title += Content.styled(" · will not all be heard", "bold $text-warning")
    return title


class QueuePane(Vertical):
    """`pick(title, then)` opens the speaker picker (tui/speaker_picking.py)."""

    def __init__(self, session: Session, pick: Callable[[str, Callable[[Participant], None]], None], **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self._pick = pick
        self.state = FloorState()

    def compose(self) -> ComposeResult:
        # Requests from delegates' phones waiting for the moderator (shown while there are any).
        yield RequestsPane(self.session, id="requests-pane")
        yield Static(id="queue-title", classes="pane-title")
        yield FloorQueue(id="queue")

    def show(self, state: FloorState, outlook: Forecast, select: str | None = None) -> None:
        self.state = state
        self.query_one(FloorQueue).show(state.queue, select=select, forecast=outlook)
        self.query_one("#queue-title", Static).update(queue_title(state, outlook), layout=False)

    @property
    def selected(self) -> str | None:
        return self.query_one(FloorQueue).selected_request_id

    def _say(self, text: str, severity: str = "information") -> None:
        self.notify(text, severity=severity, markup=False)

    def _refused(self, refused: FloorRefused) -> None:
        """Nothing was written (the queue moved meanwhile, here or elsewhere): show what is."""
        self.post_message(FloorWritten())
        self._say(str(refused), "warning")

    def add_speaker(self) -> None:
        """`a`: pick someone and queue them where the session's policy puts them."""
        if self.state.list_closed:
            how = "by the programme's closing time" if self.state.list_closed_automatically else "by the chair"
            self._say(f"The list of speakers is closed ({how}): only points of order (o). c reopens it.", "warning")
            return
        self._pick("Add a speaker to the queue", self.queue)

    def queue(self, person: Participant) -> None:
        try:
            request = floor.request_floor(self.app.store, self.session, person.id, self.app.now())
        except FloorRefused as refused:  # closed or queued meanwhile, here or elsewhere
            self._refused(refused)
            return
        self.post_message(FloorWritten(select=request.id))

    def withdraw(self) -> None:
        request_id = self.selected
        if request_id is None:
            self._say("The queue is empty.", "warning")
            return
        entry = next((e for e in self.state.queue if e.request.id == request_id), None)
        try:
            floor.withdraw(self.app.store, request_id, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten())
        if entry is not None:
            self._say(f"{speaker_title(entry)} withdrawn from the queue (ctrl+z undoes).")

    def move(self, offset: int) -> None:
        request_id = self.selected
        if request_id is None:
            return
        try:
            floor.move(self.app.store, request_id, offset, self.app.now())
        except CannotMove:
            return  # at the head or the end already: nothing to say
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten(select=request_id))

    def speech_type(self) -> None:
        """`t`: the highlighted entry's speech type, or the current speaker's when the queue is empty."""
        request_id = self.selected
        entries = self.state.queue if request_id else []
        entry = next((e for e in entries if e.request.id == request_id), None) or self.state.current
        if entry is None:
            self._say("Nobody is waiting or speaking.", "warning")
            return
        kind = cycle(SPEECH_TYPES, entry.request.speech_type)
        try:
            floor.set_speech_type(self.app.store, entry.request.id, kind, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten(select=request_id))

    def toggle_list(self) -> None:
        """`c`: the list of speakers closes (only points of order are taken) or reopens."""
        closed = list_closing.toggle_list_closed(self.app.store, self.session, self.app.now())
        self.post_message(FloorWritten())
        self._say("List of speakers closed: only points of order are taken." if closed else "List of speakers reopened.")
