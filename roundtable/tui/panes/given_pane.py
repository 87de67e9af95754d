"""The given pane: the interventions given, oldest first, under a title that says how many count
and for how long (domain/statistics.py says what counts), and the moderator's corrections of one:
its speaker, type, language or duration, keeping one too short to count, deleting it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from roundtable.domain import clock, statistics
from roundtable.domain.durations import format_clock, format_typed, parse_duration
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.floor_outcomes import FloorRefused
from roundtable.domain.languages import next_language
from roundtable.domain.models import Participant, Session, SpeakerRequest
from roundtable.domain.vocabulary import SPEECH_TYPES, cycle
from roundtable.store import floor
from roundtable.tui.action_guard import verdict
from roundtable.tui.messages import FloorWritten
from roundtable.tui.screens.relink_picker import LinkTarget
from roundtable.tui.screens.text_prompt import TextPrompt
from roundtable.tui.widgets.given_list import Correction, GivenList
from roundtable.tui.widgets.speaker_timer import speaker_title


def given_title(summary: statistics.Finished) -> Content:
    count = summary.interventions
    text = f"Given · {count} intervention{'' if count == 1 else 's'} · {format_clock(summary.seconds)}"
    if summary.too_short:
        text += f" · {summary.too_short} too short to count"
    return Content(text)


def speaker_targets(state: FloorState, zone: str | None) -> list[LinkTarget]:
    """The session's speakers a note can be filed under, the most recent first."""
    given = sorted(state.given, key=lambda e: e.request.started_at or e.request.requested_at, reverse=True)
    return [
        LinkTarget("speaker", e.request.id,
                   f"{speaker_title(e)} ({clock.local(e.request.started_at, zone):%H:%M})"
                   if e.request.started_at else speaker_title(e))
        for e in given
    ]


class GivenPane(Vertical):
    """`pick(title, then)` opens the speaker picker (tui/speaker_picking.py)."""

    def __init__(self, session: Session, pick: Callable[[str, Callable[[Participant], None]], None], **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self._pick = pick
        self.state = FloorState()
        self._corrections: dict[Correction, Callable[[FloorEntry], None]] = {
            Correction.SPEAKER: self._speaker,
            Correction.TYPE: self._speech_type,
            Correction.LANGUAGE: self._language,
            Correction.DURATION: self._duration,
            Correction.KEEP: self._keep,
            Correction.DELETE: self._delete,
        }

    def compose(self) -> ComposeResult:
        yield Static(id="given-title", classes="pane-title")
        yield GivenList(id="given")

    def show(self, state: FloorState, now: dt.datetime, languages: tuple[str, ...], zone: str | None) -> None:
        self.state = state
        self.query_one(GivenList).show(state.spoken, now, languages, zone)
        summary = statistics.finished(state.counted, len(state.spoken))  # counted as read
        self.query_one("#given-title", Static).update(given_title(summary), layout=False)

    def _say(self, text: str, severity: str = "information") -> None:
        self.notify(text, severity=severity, markup=False)

    def on_given_list_correct(self, message: GivenList.Correct) -> None:
        message.stop()
        refusal = verdict(self.app, message.given_list, "correct")  # before asking anything (a picker)
        if refusal is not None:
            self._say(refusal, "warning")
            return
        entry = next((e for e in self.state.spoken if e.request.id == message.request_id), None)
        if entry is not None:
            self._corrections[message.what](entry)

    def _corrected(self, correct: Callable[[dt.datetime], SpeakerRequest],
                   said: str | Callable[[SpeakerRequest], str] = "") -> None:
        """Run `correct(now)`; the floor and the notes are re-read; `said` (or `said(result)`) is said."""
        try:
            result = correct(self.app.now())
        except FloorRefused as refused:
            self.post_message(FloorWritten(notes=True))
            self._say(str(refused), "warning")
            return
        self.post_message(FloorWritten(notes=True))
        text = said(result) if callable(said) else said
        if text:
            self._say(text)

    def _speaker(self, entry: FloorEntry) -> None:
        store, request_id = self.app.store, entry.request.id
        place = next(i for i, e in enumerate(self.state.spoken, start=1) if e.request.id == request_id)
        self._pick("Who gave this intervention?", lambda person: self._corrected(
            lambda now: floor.correct_speaker(store, request_id, person.id, now),
            f"Intervention {place} is now {person.name}'s."))

    def _speech_type(self, entry: FloorEntry) -> None:
        kind = cycle(SPEECH_TYPES, entry.request.speech_type)
        self._corrected(lambda now: floor.correct_speech_type(self.app.store, entry.request.id, kind, now))

    def _language(self, entry: FloorEntry) -> None:
        language = next_language(entry.request.language, self.app.forum.languages)
        self._corrected(lambda now: floor.correct_language(self.app.store, entry.request.id, language, now))

    def _keep(self, entry: FloorEntry) -> None:
        self._corrected(lambda now: floor.toggle_kept(self.app.store, entry.request.id, now),
                        lambda kept: "Kept: it counts although short." if kept.kept else "No longer kept.")

    def _delete(self, entry: FloorEntry) -> None:
        self._corrected(lambda now: floor.delete_intervention(self.app.store, entry.request.id, now),
                        f"Intervention of {speaker_title(entry)} deleted; its notes moved to the session "
                        "(ctrl+z undoes).")

    def _duration(self, entry: FloorEntry) -> None:
        def typed(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                seconds = parse_duration(text)
            except ValueError as error:
                self._say(str(error), "error")
                return
            self._corrected(lambda now: floor.correct_duration(self.app.store, entry.request.id, seconds, now),
                            f"Duration corrected to {format_clock(seconds)}.")

        self.app.push_screen(
            TextPrompt(f"Duration of {speaker_title(entry)}'s intervention",
                       format_typed(entry.request.elapsed(self.app.now())),
                       'like "3m20s", "45s" or "4m" · enter saves · esc cancels'),
            typed,
        )
