"""The floor pane: who has the floor and their clock (SpeakerTimer), and the commands on it.

`n` gives the floor on, a point of order takes it at once, `space` pauses the clock (or resumes a
suspended session), `l` changes the language of the intervention in progress, and the question
asked when the clock ran while no roundtable had the session open. What the notice says comes
from what the command returned (domain/floor_outcomes.py), never from comparing timestamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.floor_outcomes import Ended, FloorMove, FloorRefused, Resumed
from roundtable.domain.languages import language_name, next_language
from roundtable.domain.models import Participant, Session, SpeakerRequest
from roundtable.domain.vocabulary import SPEECH_TYPES, cycle
from roundtable.store import floor, roster
from roundtable.tui.messages import FloorWritten
from roundtable.tui.screens.leave_dialog import LeaveChoice, LeaveDialog, UnattendedDialog
from roundtable.tui.widgets.speaker_timer import SpeakerTimer, speaker_title

# A clock that ran unattended for less than this (a restart) is not worth a question.
UNATTENDED_SECONDS = 30.0


def holds_the_floor(title: str, request: SpeakerRequest, now: dt.datetime) -> str:
    """"Ms. Hoda Baraka has the floor, 3:12 left" (or "… 0:20 over time")."""
    left = request.remaining(now)
    clock = f"{format_clock(left)} left" if left >= 0 else f"{format_clock(-left)} over time"
    return f"{title} has the floor, {clock}"


def floor_phrase(state: FloorState, now: dt.datetime) -> str:
    """"Ms. Hoda Baraka has the floor, 3:12 left" / "the floor is free": said after an undo."""
    current = state.current
    if current is None:
        return "the floor is free"
    return holds_the_floor(speaker_title(current), current.request, now)


def entry_of(state: FloorState, request_id: str) -> FloorEntry | None:
    """The floor entry of a request, wherever it stands in `state`."""
    everyone = [*([state.current] if state.current else []), *state.interrupted, *state.queue, *state.spoken]
    return next((e for e in everyone if e.request.id == request_id), None)


class FloorPane(SpeakerTimer):
    """The speaker and the clock, and the commands on the floor."""

    def __init__(self, session: Session, clock: Callable[[], dt.datetime], languages: Sequence[str] = ("en",),
                 **kwargs):
        super().__init__(clock, languages, **kwargs)
        self.session = session

    def _say(self, text: str, severity: str = "information") -> None:
        self.notify(text, severity=severity, markup=False)  # names and titles are never markup

    def _refused(self, refused: FloorRefused) -> None:
        """Nothing was written (the floor moved meanwhile, here or elsewhere): show what is."""
        self.post_message(FloorWritten())
        self._say(str(refused), "warning")

    def _title(self, request: SpeakerRequest) -> str:
        entry = entry_of(self.state, request.id)
        if entry is not None:
            return speaker_title(entry)
        person = roster.load_participant(self.app.store, request.participant_id)  # arrived meanwhile
        return person.titled if person else "The speaker"

    def next_speaker(self) -> None:
        """`n`: the floor moves on (or the suspended session resumes)."""
        if self.state.suspended:
            self.resume_session()
            return
        now = self.app.now()
        try:
            moved = floor.next_speaker(self.app.store, self.session.id, now)
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten())
        self._say_moved(moved, now)

    def _say_moved(self, moved: FloorMove, now: dt.datetime) -> None:
        if isinstance(moved, Ended):
            self._say(f"{self._title(moved.request)} finished; the queue is empty, the floor is free.")
        elif isinstance(moved, Resumed):
            self._say(f"{holds_the_floor(self._title(moved.request), moved.request, now)} again, "
                      "after the point of order.")
        elif moved.interrupted is not None:
            self._say(f"Point of order: {self._title(moved.interrupted)} is interrupted and resumes with n.")

    def point_of_order(self, person: Participant) -> None:
        """The person chosen raises a point of order: they have the floor at once."""
        try:
            raised = floor.raise_point_of_order(self.app.store, self.session, person.id, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten())
        if raised.interrupted is not None:
            self._say(f"Point of order: {person.name} has the floor; {self._title(raised.interrupted)} is "
                      "interrupted and resumes with n.")
        else:
            self._say(f"Point of order: {person.name} has the floor.")

    def pause(self) -> None:
        """`space`: the clock stops or runs again; a suspended session resumes."""
        if self.state.suspended:
            self.resume_session()
            return
        current = self.state.current
        if current is None:
            self._say("Nobody has the floor.", "warning")
            return
        try:
            floor.toggle_pause(self.app.store, current.request.id, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten())

    def resume_session(self) -> None:
        now = self.app.now()
        floor.resume_session(self.app.store, self.session.id, now)
        self.post_message(FloorWritten())
        self._say(f"The session resumes: {floor_phrase(self.state, now)}.")  # the clock's reading is the same

    def language(self) -> None:
        """`l`: the language of the intervention in progress, through the forum's languages."""
        current = self.state.current
        if current is None:
            self._say("Nobody has the floor.", "warning")
            return
        language = next_language(current.request.language, self.languages)
        try:
            floor.set_language(self.app.store, current.request.id, language, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten())
        self._say(f"{speaker_title(current)} speaks in {language_name(language)}.")

    def speaker_type(self) -> None:
        """`T`: the speech type of the intervention in progress (statement → reply → question →
        point of order), whatever the queue's highlighted entry; the clock follows the type."""
        current = self.state.current
        if current is None:
            self._say("Nobody has the floor.", "warning")
            return
        kind = cycle(SPEECH_TYPES, current.request.speech_type)
        try:
            floor.set_speech_type(self.app.store, current.request.id, kind, self.app.now())
        except FloorRefused as refused:
            self._refused(refused)
            return
        self.post_message(FloorWritten())
        self._say(f"{speaker_title(current)}: {kind.replace('-', ' ')}.")

    def ask_about_unattended_time(self, since: dt.datetime | None) -> None:
        """The clock ran while no roundtable had the session open (since `since`): does that count?"""
        current = self.state.current
        if since is None or current is None or current.request.is_paused or self.state.suspended:
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
            if counts is not False:
                return
            try:
                floor.uncount(self.app.store, request_id, gap, self.app.now())
            except FloorRefused as refused:
                self._refused(refused)
                return
            self.post_message(FloorWritten())
            self._say(f"{format_clock(gap)} taken out of {who}'s speaking time (ctrl+z puts it back).")

        self.app.push_screen(UnattendedDialog(question), answered)

    def settle_before_leaving(self, then: Callable[[], object], leaving: str) -> None:
        """Someone has the floor: ask whether their clock keeps running, the session is suspended
        or the intervention ends; then `then()` (nothing on escape)."""

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
                    pass  # ended meanwhile (another terminal): nothing left to end; leave all the same
            then()

        self.app.push_screen(LeaveDialog(speaker_title(self.state.current), leaving), decided)
