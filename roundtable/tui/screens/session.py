"""A session's screen: who has the floor and their clock, the queue, what has been said, the balance.

Thin on purpose: each key calls one store function (one transaction, committed at once and logged
for undo) and then re-reads the floor with one query. Another terminal's commits arrive as
ForumChanged and are re-read the same way, so what is shown is always what is on disk.

The layout follows the terminal: below 110 columns the queue takes the whole width and `g` swaps
it for the interventions given and the balance; below 34 lines the banner and the notes shrink,
so that at 80x24 the speaker, the clock and at least five queued requests stay in view.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Input, Static, TextArea

from roundtable.domain import actions, clock, statistics
from roundtable.domain.access import logged_actions, undoes_own_only
from roundtable.domain.durations import format_clock, format_typed, parse_duration
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.floor_outcomes import CannotMove, Ended, FloorRefused, Resumed
from roundtable.domain.forecast import Forecast, floor_forecast
from roundtable.domain.languages import language_name, next_language
from roundtable.domain.models import Participant, Session
from roundtable.domain.roster_search import RosterIndex
from roundtable.domain.typed_text import storable
from roundtable.domain.vocabulary import SPEECH_TYPES, cycle
from roundtable.store import floor, floor_reads, floor_requests, list_closing, roster, undo_log
from roundtable.store.session_presence import HEARTBEAT_SECONDS, SessionPresence
from roundtable.store import changes
from roundtable.store.changes import PROGRAMME, ROSTER
from roundtable.tui import gc_tuning
from roundtable.tui.action_guard import bindings, verdict
from roundtable.tui.messages import ForumChanged
from roundtable.tui.screens.audit_trail import AuditTrail
from roundtable.tui.screens.leave_dialog import LeaveChoice, LeaveDialog, UnattendedDialog
from roundtable.tui.screens.note_taking import NoteTaking
from roundtable.tui.screens.projector import ProjectorScreen
from roundtable.tui.screens.relink_picker import LinkTarget
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen
from roundtable.tui.screens.text_prompt import TextPrompt
from roundtable.tui.widgets.floor_balance import FloorBalanceView
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.floor_requests_strip import FloorRequestsStrip
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.widgets.given_list import GivenList
from roundtable.tui.widgets.participant_picker import PickerChoice
from roundtable.tui.widgets.speaker_timer import SpeakerTimer, ordinal, speaker_title

POLICY_LABELS = {
    "fifo": "order of request",
    "protocol": "protocol order",
    "first-speech-first": "first speeches first",
    "balanced": "first speeches first, balanced",
}
# The balance includes the running intervention, so it is redrawn now and then between changes.
BALANCE_INTERVAL = 5.0
# A clock that ran unattended for less than this (a restart) is not worth a question.
UNATTENDED_SECONDS = 30.0


def _balance(state: FloorState, now: dt.datetime) -> statistics.Balance:
    return statistics.balance(statistics.counted(state.given, now))


def floor_phrase(state: FloorState, now: dt.datetime) -> str:
    """"Ms. Hoda Baraka has the floor, 3:12 left" / "the floor is free": said after an undo."""
    current = state.current
    if current is None:
        return "the floor is free"
    left = current.request.remaining(now)
    clock = f"{format_clock(left)} left" if left >= 0 else f"{format_clock(-left)} over time"
    return f"{speaker_title(current)} has the floor, {clock}"


class SessionScreen(NoteTaking):
    HELP = (
        "The list of speakers of one session. The highlighted queue entry is the one `x`, `t` and the move "
        "keys (shift+↑ / shift+↓, or [ and ]) act on. `g` (or tab) goes to the interventions given, where "
        "an entry's speaker (s), type (t), language (l) and duration (d) are corrected, a short one kept (k) "
        "or deleted (x). ctrl+z undoes the session's last action, again and again; ctrl+y redoes; h shows "
        "the audit trail. Requests from delegates' phones wait in the strip above the queue (\"From the floor\"): "
        "`f` goes there, `enter` accepts, `x` declines. "
        "Every action is saved at once; another terminal on this forum sees it within a second."
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (160, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    ACTION_PLACE = "session"
    BINDINGS = bindings("session")  # the note line's keys and the floor's (domain/actions.py)

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.state = FloorState()
        self._roster: RosterIndex | None = None  # built when the picker first opens
        self._picker: SpeakerPickerScreen | None = None  # installed on the first pick, reused after
        self._presence: SessionPresence | None = None
        self._roster_version: int | None = None  # the roster's change version the picker's index reflects
        self._announced: set[str] = set()  # requests from the floor already said

    @property
    def zone(self) -> str | None:
        return self.app.forum.timezone

    def compose(self) -> ComposeResult:
        yield Header()
        s = self.session
        yield Static(self._banner(), id="session-banner")
        yield Static(
            Content(
                f"{s.date:%a %d %b} {s.start:%H:%M}–{s.end:%H:%M} · {s.room or 'no room'} · chair: {s.chair or '—'}"
                f" · {format_clock(s.speaking_time)} per speaker · {POLICY_LABELS.get(s.queue_policy, s.queue_policy)}"
            ),
            id="session-details",
        )
        yield SpeakerTimer(self.app.now, self.app.forum.languages, id="floor")
        with Horizontal(id="floor-lists"):
            with Vertical(id="queue-pane"):
                # Requests from delegates' phones waiting for the moderator (shown while there are any).
                yield Static(id="floor-strip-title", classes="pane-title")
                yield FloorRequestsStrip(id="floor-strip")
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

    @property
    def read_only(self) -> bool:
        """This terminal writes nothing in this session (limited to another track, or a projector)."""
        return not (self.writes_floor or self.takes_notes)

    def _banner(self) -> Content:
        banner = Content.from_markup("[b]$code[/b] $title", code=self.session.code, title=self.session.title)
        if self.read_only:  # first, so that a narrow terminal's ellipsis never hides it
            banner = Content.styled("READ-ONLY here · ", "bold $text-warning") + banner
        return banner

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
            self._prepare_roster()
        self._presence = SessionPresence(self.app.store.path, self.session.id)
        since = self._presence.unattended_since()
        self._presence.enter()
        self.set_interval(HEARTBEAT_SECONDS, self._presence.heartbeat)
        self._ask_about_unattended_time(since)
        self.call_after_refresh(gc_tuning.settle)  # what this screen built lives as long as it does

    def on_unmount(self) -> None:
        if self._presence is not None:
            self._presence.leave()
        if self._picker is not None and self._picker not in self.app.screen_stack:
            self.app.uninstall_screen(self._picker)
            self._picker = None

    def say(self, message: str, severity: str = "information") -> None:
        """A notice on screen; it quotes names and titles, so it is never read as markup."""
        self.notify(message, severity=severity, markup=False)

    # -- reading -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the floor (one query) and hand each widget its part."""
        now = self.app.now()
        state = floor_reads.floor_state(self.app.store, self.session.id, now)
        self.state = state
        self.query_one(SpeakerTimer).show(state)
        outlook = floor_forecast(state, self.session, now, self.zone)
        self.query_one(FloorQueue).show(state.queue, select=select, forecast=outlook)
        self.query_one(GivenList).show(state.spoken, now, tuple(self.app.forum.languages), self.zone)
        self.query_one(FloorBalanceView).balance = statistics.balance(state.counted)  # counted as read
        self._show_queue_title(outlook)
        self._show_given_title(now)
        self._show_floor_requests()

    def _show_queue_title(self, outlook: Forecast) -> None:
        state = self.state
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
        self.query_one("#queue-title", Static).update(title, layout=False)

    def _show_floor_requests(self) -> None:
        """The strip of requests from delegates' phones; a new one is said once (a point of order
        as a warning: it interrupts the speaker if accepted)."""
        waiting = floor_requests.waiting(self.app.store, self.session.id)
        strip = self.query_one(FloorRequestsStrip)
        strip.show(waiting, self.zone)
        self.set_class(bool(waiting), "-floor-requests")
        # As tall as its requests (up to four, then it scrolls): each line it takes is the queue's.
        strip.styles.height = min(len(waiting), 4) + 1 if waiting else 0
        orders = sum(1 for w in waiting if w.ask.is_point_of_order)
        title = Content(f"From the floor · {len(waiting)} waiting")
        if orders:
            title += Content.styled(f" · {orders} POINT{'S' if orders > 1 else ''} OF ORDER", "bold $text-warning")
        if self.writes_floor:
            title += Content.styled(" · f to answer", "dim")
        self.query_one("#floor-strip-title", Static).update(title, layout=False)
        new = [w for w in waiting if w.ask.id not in self._announced]
        self._announced = {w.ask.id for w in waiting}
        if not self.writes_floor:
            return
        for w in new:
            if w.ask.is_point_of_order:
                self.say(f"Point of order from the floor: {w.participant.titled} (f, then enter gives the floor).",
                         "warning")
            else:
                self.say(f"From the floor: {w.participant.titled} asks ({w.ask.speech_type}).")

    def _show_given_title(self, now: dt.datetime) -> None:
        given = [t for t in self.state.counted if t.request.status == "spoken"]
        total = sum(t.seconds for t in given)
        count = len(given)
        text = f"Given · {count} intervention{'' if count == 1 else 's'} · {format_clock(total)}"
        if len(self.state.spoken) > count:
            text += f" · {len(self.state.spoken) - count} too short to count"
        self.query_one("#given-title", Static).update(Content(text), layout=False)

    def _redraw_balance(self) -> None:
        """Time moves on: the running intervention's share, the forecast, and whether the
        programme's requests_close time has closed the list (one single-row query)."""
        now = self.app.now()
        status = list_closing.list_status_of(self.app.store, self.session.id, now)
        if status.closed != self.state.list_closed:
            self.reload()
            return
        self.query_one(FloorBalanceView).balance = _balance(self.state, now)
        outlook = floor_forecast(self.state, self.session, now, self.zone)
        self.query_one(FloorQueue).show(self.state.queue, forecast=outlook)
        self._show_queue_title(outlook)

    def on_screen_resume(self) -> None:
        """Back from a screen that may have changed the roster here (the participants screen corrects
        people: the queue, the balance and the picker follow at once). One small read says whether
        it did; back from the picker, nothing is re-read."""
        if not self.is_mounted:
            return
        version = changes.versions(self.app.store).get(ROSTER)
        if version != self._roster_version:
            self._roster_version = version
            self._roster = None
            self._prepare_roster()
            self.reload()

    def watched_scopes(self) -> frozenset[str]:
        """What another terminal's change must touch for this screen to re-read (database_watch.py)."""
        return frozenset({self.session.id, ROSTER, PROGRAMME})

    def on_forum_changed(self, message: ForumChanged) -> None:
        self._roster = None  # another terminal may have added someone
        self._prepare_roster()
        self.reload()

    # -- the clock while nobody had the session open -------------------------------------------

    def _ask_about_unattended_time(self, since: dt.datetime | None) -> None:
        current = self.state.current
        if not self.writes_floor or since is None or current is None or current.request.is_paused or self.state.suspended:
            return
        now = self.app.now()
        began = max(since, current.request.started_at or since)
        gap = (now - began).total_seconds()
        if gap < UNATTENDED_SECONDS:
            return
        who = speaker_title(current)
        question = (
            f"The clock of {who} ran for {format_clock(gap)} while no roundtable had this session open. "
            "Does that time count as speaking time?"
        )
        request_id = current.request.id

        def answered(counts: bool | None) -> None:
            if counts is False:
                try:
                    floor.uncount(self.app.store, request_id, gap, self.app.now())
                except FloorRefused as refused:
                    self._refused(refused)
                    return
                self.reload()
                self.say(f"{format_clock(gap)} taken out of {who}'s speaking time (ctrl+z puts it back).")

        self.app.push_screen(UnattendedDialog(question), answered)

    # -- picking people ------------------------------------------------------------------------

    def _roster_index(self) -> RosterIndex:
        """The roster, indexed for the picker. Kept between picks (indexing 1,000 people in every
        script takes ~0.05–0.15 s, felt on every `a`) until the roster may have changed: a name added
        here, or any change from another terminal; built ahead, off the event loop, when the screen
        opens and after each such change (`_prepare_roster`)."""
        if self._roster is None:
            self._roster = RosterIndex(roster.load_participants(self.app.store))
        return self._roster

    def _prepare_roster(self) -> None:
        store = self.app.store

        def build() -> None:  # off the event loop: reading and indexing 1,000 people takes ~0.1 s
            index = RosterIndex(roster.load_participants(store))
            self.app.call_from_thread(setattr, self, "_roster", index)

        self.run_worker(build, thread=True, exclusive=True, group="roster-index")

    def _statuses(self) -> dict[str, str]:
        """What the picker says of people already on this session's floor."""
        statuses: dict[str, str] = {}
        for entry in self.state.spoken:
            if entry.interventions:
                statuses[entry.participant.id] = f"spoke {entry.interventions}×"
        for entry in self.state.interrupted:
            statuses[entry.participant.id] = "interrupted, resumes"
        for place, entry in enumerate(self.state.queue, start=1):
            statuses[entry.participant.id] = f"in the queue ({ordinal(place)})"
        if self.state.current is not None:
            statuses[self.state.current.participant.id] = "has the floor"
        return statuses

    def _pick(self, title: str, then) -> None:
        """Open the speaker picker; `then(person)` runs with the person chosen (added on the spot
        when the name is new), nothing happens on escape."""
        index = self._roster_index()
        name = f"speaker-picker-{id(self)}"
        if self._picker is None:
            self._picker = SpeakerPickerScreen(title, index, self._statuses())
            self.app.install_screen(self._picker, name)
        else:
            self._picker.reset(title, index, self._statuses())

        def chosen(choice: PickerChoice | None) -> None:
            person = self._person(choice)
            if person is not None:
                then(person)

        self.app.push_screen(name, chosen)

    def _person(self, choice: PickerChoice | None) -> Participant | None:
        if choice is None:
            return None
        store = self.app.store
        if choice.new_name:
            person = roster.add_participant(store, self.app.forum.id, Participant(name=storable(choice.new_name)))
            self._roster = None
            self._prepare_roster()
            self.say(f"{person.name} added to the roster")
            return person
        person = roster.load_participant(store, choice.participant_id)
        if person is None:
            self.say("That person is no longer in the roster.", "error")
        return person

    # -- the floor -----------------------------------------------------------------------------

    def action_add_speaker(self) -> None:
        if self.state.list_closed:
            how = "by the programme's closing time" if self.state.list_closed_automatically else "by the chair"
            self.say(f"The list of speakers is closed ({how}): only points of order (o). c reopens it.", "warning")
            return
        self._pick("Add a speaker to the queue", self._queue)

    def _queue(self, person: Participant) -> None:
        try:
            request = floor.request_floor(self.app.store, self.session, person.id, self.app.now())
        except FloorRefused as refused:  # closed or queued meanwhile, here or elsewhere
            self._refused(refused)
            return
        self.reload(select=request.id)

    def _refused(self, refused: FloorRefused) -> None:
        """The command changed nothing (the floor moved meanwhile, here or elsewhere): show what is."""
        self.reload()
        self.say(str(refused), "warning")

    def action_point_of_order(self) -> None:
        self._pick("Point of order: who raises it? (they get the floor at once)", self._point_of_order)

    def _point_of_order(self, person: Participant) -> None:
        try:
            raised = floor.raise_point_of_order(self.app.store, self.session, person.id, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload()
        interrupted = self._entry(raised.interrupted.id) if raised.interrupted else None
        if interrupted is not None:
            self.say(f"Point of order: {person.name} has the floor; {speaker_title(interrupted)} is interrupted "
                     "and resumes with n.")
        else:
            self.say(f"Point of order: {person.name} has the floor.")

    def action_next_speaker(self) -> None:
        if self.state.suspended:
            self._resume_session()
            return
        now = self.app.now()
        try:
            moved = floor.next_speaker(self.app.store, self.session.id, now)
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload()
        if isinstance(moved, Ended):
            self.say(f"{speaker_title(self._entry(moved.request.id))} finished; the queue is empty, the floor is free.")
        elif isinstance(moved, Resumed):
            self.say(f"{floor_phrase(self.state, now)} again, after the point of order.")
        elif moved.interrupted is not None:
            self.say(f"Point of order: {speaker_title(self._entry(moved.interrupted.id))} is interrupted and resumes with n.")

    def _entry(self, request_id: str) -> FloorEntry | None:
        """The floor entry of a request, as just re-read (wherever it now stands)."""
        state = self.state
        everyone = [*state.spoken, *state.interrupted, *state.queue, *([state.current] if state.current else [])]
        return next((e for e in everyone if e.request.id == request_id), None)

    def action_withdraw(self) -> None:
        request_id = self.query_one(FloorQueue).selected_request_id
        if request_id is None:
            self.say("The queue is empty.", "warning")
            return
        entry = next((e for e in self.state.queue if e.request.id == request_id), None)
        try:
            floor.withdraw(self.app.store, request_id, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload()
        if entry is not None:
            self.say(f"{speaker_title(entry)} withdrawn from the queue (ctrl+z undoes).")

    def action_pause(self) -> None:
        if self.state.suspended:
            self._resume_session()
            return
        current = self.state.current
        if current is None:
            self.say("Nobody has the floor.", "warning")
            return
        try:
            floor.toggle_pause(self.app.store, current.request.id, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload()

    def _resume_session(self) -> None:
        floor.resume_session(self.app.store, self.session.id, self.app.now())
        self.reload()
        self.say(f"The session resumes: {floor_phrase(self.state, self.app.now())}.")

    def action_move(self, offset: int) -> None:
        request_id = self.query_one(FloorQueue).selected_request_id
        if request_id is None:
            return
        try:
            floor.move(self.app.store, request_id, offset, self.app.now())
        except CannotMove:
            return  # at the head or the end already: nothing to say
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload(select=request_id)

    def action_toggle_list(self) -> None:
        closed = list_closing.toggle_list_closed(self.app.store, self.session, self.app.now())
        self.reload()
        self.say("List of speakers closed: only points of order are taken." if closed else "List of speakers reopened.")

    def action_speech_type(self) -> None:
        """`t`: the selected queue entry's speech type, or the current speaker's when the queue is empty."""
        request_id = self.query_one(FloorQueue).selected_request_id
        entries = self.state.queue if request_id else []
        entry = next((e for e in entries if e.request.id == request_id), None) or self.state.current
        if entry is None:
            self.say("Nobody is waiting or speaking.", "warning")
            return
        kind = cycle(SPEECH_TYPES, entry.request.speech_type)
        try:
            floor.set_speech_type(self.app.store, entry.request.id, kind, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload(select=request_id)

    def action_language(self) -> None:
        """`l`: the language of the intervention in progress, through the forum's languages."""
        current = self.state.current
        if current is None:
            self.say("Nobody has the floor.", "warning")
            return
        language = next_language(current.request.language, self.app.forum.languages)
        try:
            floor.set_language(self.app.store, current.request.id, language, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.reload()
        self.say(f"{speaker_title(current)} speaks in {language_name(language)}.")

    def action_projector(self) -> None:
        self.app.push_screen(ProjectorScreen(self.session))

    # -- requests from the floor (delegates' phones) -------------------------------------------

    def action_floor_requests(self) -> None:
        """`f`: to the strip of requests from delegates' phones."""
        strip = self.query_one(FloorRequestsStrip)
        if strip.row_count == 0:
            self.say("No request from the floor is waiting.")
            return
        strip.focus()

    def on_floor_requests_strip_answer(self, message: FloorRequestsStrip.Answer) -> None:
        refusal = verdict(self.app, message.strip, "accept" if message.accept else "decline")
        if refusal is not None:
            self.say(refusal, "warning")
            return
        waiting = {w.ask.id: w for w in floor_requests.waiting(self.app.store, self.session.id)}
        asked = waiting.get(message.ask_id)
        if asked is None:
            self.reload()
            self.say("That request is no longer waiting (withdrawn meanwhile?).", "warning")
            return
        now = self.app.now()
        who = asked.participant.titled
        if message.accept:
            request = floor_requests.accept(self.app.store, self.session, message.ask_id, now)
            self.reload(select=request.id if request else None)
            if asked.ask.is_point_of_order:
                self.say(f"Point of order: {who} has the floor (n resumes the speaker).")
            else:
                self.say(f"{who} joins the queue from the floor (ctrl+z undoes).")
        else:
            floor_requests.decline(self.app.store, self.session.id, message.ask_id, now)
            self.reload()
            self.say(f"{who}'s request declined; their phone says so (ctrl+z undoes).")
        if not floor_requests.waiting(self.app.store, self.session.id):
            self.query_one(FloorQueue).focus()

    def on_floor_requests_strip_left(self, message: FloorRequestsStrip.Left) -> None:
        self.query_one(FloorQueue).focus()

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
        self.query_one("#session-banner", Static).update(self._banner())

        async def rebuild() -> None:
            slot = self.query_one("#note-slot")
            await slot.remove_children()
            await slot.mount_all(list(self.compose_note_taking()))
            self._mount_notes()
            self.refresh_bindings()

        self.run_worker(rebuild(), exclusive=True, group="role")

    def _undoable(self) -> frozenset[str] | None:
        """The session log's actions this terminal's ctrl+z undoes: what it may write here (None:
        all of them, the chair's)."""
        kinds = [kind for kind in ("floor", "given", "notes") if self.app.actor.may_write(kind, self.session.track)]
        return None if len(kinds) == 3 else logged_actions(*kinds)

    def action_undo(self) -> None:
        if not self.writes_floor:
            self.undo_notes()  # a rapporteur's ctrl+z: their own notes
            return
        self._undo_or_redo(undo_log.undo, "Undone", "Nothing to undo in this session.")

    def action_redo(self) -> None:
        if not self.writes_floor:
            self.undo_notes(redo=True)  # a rapporteur's ctrl+y: their own notes
            return
        self._undo_or_redo(undo_log.redo, "Redone", "Nothing to redo.")

    def _undo_or_redo(self, step, done: str, nothing: str) -> None:
        try:
            entry = step(self.app.store, self.session.id, self.app.now(), actions=self._undoable())
        except undo_log.UndoRefused as refused:
            self.reload()
            self.say(str(refused), "warning")
            return
        if entry is None:
            self.say(nothing)
            return
        self.reload()
        self.reload_notes()
        self.say(f"{done}: {entry.label}; {floor_phrase(self.state, self.app.now())}.")

    def undo_title(self) -> str | None:
        """"Undo next speaker: Ms. Hoda Baraka" for the command palette (None: nothing to undo)."""
        entry = undo_log.last_undoable(self.app.store, self.session.id, *self._undo_filter())
        return f"Undo {entry.label}" if entry else None

    def redo_title(self) -> str | None:
        entry = undo_log.last_redoable(self.app.store, self.session.id, *self._undo_filter())
        return f"Redo {entry.label}" if entry else None

    def _undo_filter(self) -> tuple[frozenset[str] | None, str | None]:
        if not self.writes_floor:
            return logged_actions("notes"), (self.app.store.terminal if undoes_own_only(self.app.actor) else None)
        return self._undoable(), None

    def action_history(self) -> None:
        entries = undo_log.history(self.app.store, self.session.id)
        self.app.push_screen(AuditTrail(f"Audit trail · {self.session.code} {self.session.title}", entries, self.zone))

    # -- the interventions given ---------------------------------------------------------------

    def action_given(self) -> None:
        self.add_class("-show-given")
        self.query_one(GivenList).focus()

    def on_given_list_left(self, message: GivenList.Left) -> None:
        self.remove_class("-show-given")
        self.query_one(FloorQueue).focus()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, FloorQueue):
            self.remove_class("-show-given")

    def on_given_list_correct(self, message: GivenList.Correct) -> None:
        refusal = verdict(self.app, message.given_list, "correct")  # before asking anything (a picker)
        if refusal is not None:
            self.say(refusal, "warning")
            return
        entry = next((e for e in self.state.spoken if e.request.id == message.request_id), None)
        if entry is None:
            return
        store, request_id = self.app.store, entry.request.id
        if message.what == "speaker":
            self._pick("Who gave this intervention?", lambda person: self._corrected(
                lambda: floor.correct_speaker(store, request_id, person.id, self.app.now()),
                f"Intervention {self._place(entry)} is now {person.name}'s."))
        elif message.what == "type":
            kind = cycle(SPEECH_TYPES, entry.request.speech_type)
            self._corrected(lambda: floor.correct_speech_type(store, request_id, kind, self.app.now()), "")
        elif message.what == "language":
            language = next_language(entry.request.language, self.app.forum.languages)
            self._corrected(lambda: floor.correct_language(store, request_id, language, self.app.now()), "")
        elif message.what == "duration":
            self._ask_duration(entry)
        elif message.what == "keep":
            self._corrected(lambda: floor.toggle_kept(store, request_id, self.app.now()),
                            lambda kept: "Kept: it counts although short." if kept.kept else "No longer kept.")
        elif message.what == "delete":
            self._corrected(lambda: floor.delete_intervention(store, request_id, self.app.now()),
                            f"Intervention of {speaker_title(entry)} deleted; its notes moved to the session "
                            "(ctrl+z undoes).")

    def _place(self, entry: FloorEntry) -> int:
        return next(i for i, e in enumerate(self.state.spoken, start=1) if e.request.id == entry.request.id)

    def _corrected(self, correct, message) -> None:
        """Run the correction `correct()`, re-read, and say `message` (or `message(result)`)."""
        try:
            result = correct()
        except FloorRefused as refused:
            self.reload()
            self.reload_notes()
            self.say(str(refused), "warning")
            return
        self.reload()
        self.reload_notes()
        text = message(result) if callable(message) else message
        if text:
            self.say(text)

    def _ask_duration(self, entry: FloorEntry) -> None:
        now = self.app.now()

        def typed(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                seconds = parse_duration(text)
            except ValueError as error:
                self.say(str(error), "error")
                return
            self._corrected(lambda: floor.correct_duration(self.app.store, entry.request.id, seconds, self.app.now()),
                            f"Duration corrected to {format_clock(seconds)}.")

        self.app.push_screen(
            TextPrompt(f"Duration of {speaker_title(entry)}'s intervention", format_typed(entry.request.elapsed(now)),
                       'like "3m20s", "45s" or "4m" · enter saves · esc cancels'),
            typed,
        )

    # -- leaving -------------------------------------------------------------------------------

    def asks_before_leaving(self) -> bool:
        """Someone has the floor and the clock runs: leaving must say what happens to it (unless this
        terminal does not decide about this session's floor: a rapporteur's, another track's)."""
        return self.writes_floor and self.state.current is not None and not self.state.suspended

    def leave(self, then, leaving: str = "Leaving the session") -> None:
        """Ask about the clock if someone has the floor, then `then()`."""
        if not self.asks_before_leaving():
            then()
            return

        def decided(choice: LeaveChoice | None) -> None:
            if choice is None:
                return
            now = self.app.now()
            if choice == "suspend":
                floor.suspend_session(self.app.store, self.session.id, now)
            elif choice == "end":
                try:
                    floor.end_current(self.app.store, self.session.id, now)
                except FloorRefused:
                    pass  # ended meanwhile (another terminal): nothing left to end, leave all the same
            then()

        self.app.push_screen(LeaveDialog(speaker_title(self.state.current), leaving), decided)

    def action_back(self) -> None:
        self.leave(self.app.pop_screen)

    def leave_session(self) -> None:
        self.action_back()

    def link_targets(self) -> list[LinkTarget]:
        """A note can be filed under any speaker of the session, most recent first, the chair, or
        the session."""
        zone = self.zone
        given = sorted(self.state.given, key=lambda e: e.request.started_at or e.request.requested_at, reverse=True)
        speakers = [
            LinkTarget("speaker", e.request.id,
                       f"{speaker_title(e)} ({clock.local(e.request.started_at, zone):%H:%M})"
                       if e.request.started_at else speaker_title(e))
            for e in given
        ]
        return speakers + super().link_targets()
