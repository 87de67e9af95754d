"""What the hall sees: the speaker, the clock in digits filling the space left, the next three."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Static

from roundtable.domain.countries import country_name
from roundtable.domain.floor import FloorState
from roundtable.domain.languages import language_name, spoken_in
from roundtable.domain.models import Participant, Session
from roundtable.domain.statistics import represented_country
from roundtable.domain.timer import read_timer
from roundtable.tui.widgets.big_clock import BigClock
from roundtable.tui.widgets.speaker_timer import PHASE_CLASSES, speaker_title
from roundtable.tui.storage_guard import GuardsStorage

NEXT_COUNT = 3
COMPACT_BELOW = 32  # lines: fewer, and the speaker's band and the spaces shrink to one line each


def _speaks_for(person: Participant) -> str:
    """What the hall reads beside a name: the country a delegate speaks for, or the organisation of
    international staff (never their nationality: domain.statistics.speaks_for_organisation)."""
    country = represented_country(person)
    return country_name(country) if country else (person.organisation or "")


class ProjectorView(GuardsStorage, Vertical):
    """Shows a FloorState (`show`); the clock redraws itself once a second from `clock`."""

    def __init__(self, clock: Callable[[], dt.datetime], **kwargs):
        super().__init__(**kwargs)
        self._clock = clock
        self.state = FloorState()

    def compose(self) -> ComposeResult:
        yield Static(id="projector-session")
        yield Static(id="projector-speaker")
        yield Static(id="projector-country")
        yield BigClock(id="projector-clock")
        yield Static(id="projector-caption")
        yield Static(id="projector-interrupted")
        with Center():
            yield Static(id="projector-next")

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def on_resize(self, event: events.Resize) -> None:
        # Short (a browser's large font, a laptop's terminal): what the clock can spare goes.
        self.set_class(event.size.height < COMPACT_BELOW, "-compact")

    def show(self, session: Session | None, state: FloorState, languages: Sequence[str] = ("en",),
             following: str = "") -> None:
        """`languages`: the forum's; the interpreters see the language of the intervention.
        `following`: which session is shown and why, when the projector follows the live one."""
        self.state = state
        heading = Content(f"{session.title}" if session else "No session is running")
        if following:
            heading += Content.styled(f"\n{following}", "dim")
        self.query_one("#projector-session", Static).update(heading)
        current = state.current
        speaker = self.query_one("#projector-speaker", Static)
        country = self.query_one("#projector-country", Static)
        if current is None:
            speaker.update(Content("The floor is free"))
            country.update("")
        else:
            speaker.update(Content(speaker_title(current)))
            spoken = language_name(spoken_in(current.request.language, languages))
            where = _speaks_for(current.participant)
            country.update(Content(" · ".join(part for part in (where, f"in {spoken}") if part)))
        waiting = [f"{speaker_title(e)} resumes after the point of order" for e in state.interrupted]
        if state.suspended:
            waiting.insert(0, "The session is suspended")
        self.query_one("#projector-interrupted", Static).update(Content("\n".join(waiting)))
        upcoming = state.next_up(NEXT_COUNT)
        following_box = self.query_one("#projector-next", Static)
        following_box.border_title = "Next" if upcoming else None
        lines = [] if upcoming else ["The list of speakers is empty"]
        lines += [
            f"{i}. {speaker_title(entry)}"
            + (f" — {_speaks_for(entry.participant)}" if _speaks_for(entry.participant) else "")
            for i, entry in enumerate(upcoming, start=1)
        ]
        if len(state.queue) > NEXT_COUNT:
            lines.append(f"   and {len(state.queue) - NEXT_COUNT} more")
        if state.list_closed:
            lines += ["", "The list of speakers is closed"]
        following_box.update(Content("\n".join(lines)))
        self.tick()

    def tick(self) -> None:
        current = self.state.current
        reading = read_timer(current.request if current else None, self._clock())
        digits = self.query_one("#projector-clock", BigClock)
        digits.update(reading.text)
        digits.remove_class(*PHASE_CLASSES)
        digits.add_class(f"-{reading.phase}")
        if reading.paused:
            digits.add_class("-paused")
        caption = ("session suspended" if self.state.suspended else reading.caption) if current else ""
        self.query_one("#projector-caption", Static).update(caption)
