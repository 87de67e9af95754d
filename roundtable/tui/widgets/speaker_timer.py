"""Who has the floor, and their clock: remaining time, a warning in the last 30 s, overtime in red.

Only the clock is redrawn once a second (one Static); the speaker's lines change when the floor does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from roundtable.domain.countries import country_name
from roundtable.domain.floor import FloorEntry
from roundtable.domain.languages import language_name, spoken_in
from roundtable.domain.timer import TimerReading, read_timer

PHASE_CLASSES = ("-running", "-warning", "-overtime", "-idle", "-paused")


def speaker_title(entry: FloorEntry) -> str:
    """ "H.E. Mr. Bagdat Mussin" — the honorific when the roster has one."""
    person = entry.participant
    return f"{person.honorific} {person.name}" if person.honorific else person.name


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class SpeakerTimer(Horizontal):
    """The speaker who has the floor (`entry`) and the running clock."""

    entry: reactive[FloorEntry | None] = reactive(None, init=False, always_update=True)

    def __init__(self, clock: Callable[[], dt.datetime], languages: Sequence[str] = ("en",), **kwargs):
        super().__init__(**kwargs)
        self.languages = tuple(languages)  # the forum's; the first is an intervention's default
        self._clock = clock
        self.reading: TimerReading = read_timer(None, clock())

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-lines")
        yield Static(id="speaker-clock")

    def on_mount(self) -> None:
        self._show_speaker(self.entry)
        self.tick()
        self.set_interval(1.0, self.tick)

    def watch_entry(self, entry: FloorEntry | None) -> None:
        self._show_speaker(entry)
        self.tick()

    def _show_speaker(self, entry: FloorEntry | None) -> None:
        lines = self.query_one("#speaker-lines", Static)
        if entry is None:
            lines.update(Content.from_markup("[b]Nobody has the floor[/b]\n[dim]n gives it to the head of the queue[/dim]"))
            return
        person = entry.participant
        details = " · ".join(
            part for part in (country_name(person.country), person.position, person.organisation) if part
        )
        kind = entry.request.speech_type.replace("-", " ")
        language = language_name(spoken_in(entry.request.language, self.languages))
        lines.update(
            Content.from_markup(
                "[b]$title[/b]\n$details\n[dim]$kind · in $language · $nth intervention in this session[/dim]",
                title=speaker_title(entry),
                details=details,
                kind=kind,
                language=language,
                nth=ordinal(max(entry.interventions, 1)),
            )
        )

    def tick(self) -> None:
        """Redraw the clock from the wall clock (paused time excluded)."""
        entry = self.entry
        self.reading = read_timer(entry.request if entry else None, self._clock())
        reading = self.reading
        clock = self.query_one("#speaker-clock", Static)
        clock.update(Content.from_markup("[b]$text[/b]\n$caption", text=reading.text or "—", caption=reading.caption))
        clock.remove_class(*PHASE_CLASSES)
        clock.add_class(f"-{reading.phase}")
        if reading.paused:
            clock.add_class("-paused")
