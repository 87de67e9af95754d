"""Who has the floor, and their clock: remaining time, a warning in the last 30 s, overtime in red.

Below the speaker, those a point of order interrupted ("resumes after the point of order"), and
when the session is suspended, that. Only the clock is redrawn once a second (one Static); the
speaker's lines change when the floor does, and the panel is laid out again only when their number
of lines changes (an interruption begins or ends).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from roundtable.domain.countries import country_name
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.languages import language_name, spoken_in
from roundtable.domain.timer import TimerReading, read_timer
from roundtable.tui.storage_guard import GuardsStorage

PHASE_CLASSES = ("-running", "-warning", "-overtime", "-idle", "-paused")


def speaker_title(entry: FloorEntry) -> str:
    """ "H.E. Mr. Bagdat Mussin" — the honorific when the roster has one."""
    return entry.participant.titled


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def interrupted_line(entry: FloorEntry, now: dt.datetime) -> Content:
    left = entry.request.remaining(now)
    when = f"{format_clock(left)} left" if left >= 0 else f"{format_clock(-left)} over"
    return Content.from_markup(
        "[b $text-warning]⏸ interrupted, $when:[/] $who resumes after the point of order",
        who=speaker_title(entry), when=when,
    )


class SpeakerTimer(GuardsStorage, Horizontal):
    """The speaker who has the floor and the running clock, from a FloorState (`show`)."""

    def __init__(self, clock: Callable[[], dt.datetime], languages: Sequence[str] = ("en",), **kwargs):
        super().__init__(**kwargs)
        self.languages = tuple(languages)  # the forum's; the first is an intervention's default
        self._clock = clock
        self.entry: FloorEntry | None = None
        self.state = FloorState()
        self.reading: TimerReading = read_timer(None, clock())
        self._lines = 0
        self._shown: tuple = ()
        self._clock_classes: tuple = ()

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-lines")
        yield Static(id="speaker-clock")

    def on_mount(self) -> None:
        self.show(self.state)
        self.set_interval(1.0, self.tick)

    def show(self, state: FloorState) -> None:
        self.state = state
        self.entry = state.current
        self._show_speaker()
        self.tick()

    def _show_speaker(self) -> None:
        state, entry = self.state, self.state.current
        now = self._clock()
        signature = (
            entry and (entry.request, entry.participant, entry.interventions),
            tuple((e.request, e.participant) for e in state.interrupted),
            state.suspended,
        )
        if signature == self._shown:
            return
        self._shown = signature
        if entry is None:
            lines = [Content.from_markup("[b]Nobody has the floor[/b]"),
                     Content.from_markup("[dim]n gives it to the head of the queue[/dim]")]
        else:
            person = entry.participant
            details = " · ".join(
                part for part in (country_name(person.country), person.position, person.organisation) if part
            )
            kind = entry.request.speech_type.replace("-", " ")
            language = language_name(spoken_in(entry.request.language, self.languages))
            lines = [
                Content.from_markup("[b]$title[/b]", title=speaker_title(entry)),
                Content(details),
                Content.from_markup(
                    "[dim]$kind · in $language · $nth intervention in this session[/dim]",
                    kind=kind, language=language, nth=ordinal(max(entry.interventions, 1)),
                ),
            ]
        lines += [interrupted_line(e, now) for e in state.interrupted]
        if state.suspended:
            lines.insert(0, Content.styled("SESSION SUSPENDED · n or space resumes", "bold $text-warning"))
        changed_height = len(lines) != self._lines
        self._lines = len(lines)
        self.query_one("#speaker-lines", Static).update(Content("\n").join(lines), layout=changed_height)

    def tick(self) -> None:
        """Redraw the clock from the wall clock (paused time excluded)."""
        entry = self.state.current
        self.reading = read_timer(entry.request if entry else None, self._clock())
        reading = self.reading
        clock = self.query_one("#speaker-clock", Static)
        caption = "session suspended" if self.state.suspended and entry else reading.caption
        clock.update(Content.from_markup("[b]$text[/b]\n$caption", text=reading.text or "—", caption=caption),
                     layout=False)
        classes = (f"-{reading.phase}", *(["-paused"] if reading.paused else []))
        if classes != self._clock_classes:  # a class change restyles the clock: only when the phase changes
            self._clock_classes = classes
            clock.remove_class(*PHASE_CLASSES)
            clock.add_class(*classes)
