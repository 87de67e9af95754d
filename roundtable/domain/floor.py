"""The state of the floor in one session, as the moderator's screen and the projector show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roundtable.domain.floor_outcomes import AlreadyQueued, ListClosed  # noqa: F401  (their old home)
from roundtable.domain.models import Participant, SpeakerRequest


@dataclass
class FloorEntry:
    request: SpeakerRequest
    participant: Participant
    interventions: int = 0  # this person's interventions in the session so far (as statistics counts them)
    spoken_seconds: float = 0.0  # and their total speaking time there
    noted: bool = False  # a note is linked to this request's intervention


@dataclass
class FloorState:
    current: FloorEntry | None = None
    queue: list[FloorEntry] = field(default_factory=list)
    spoken: list[FloorEntry] = field(default_factory=list)  # in the order they were given
    list_closed: bool = False
    list_closed_automatically: bool = False  # closed by the session's requests_close time, not the chair
    interrupted: list[FloorEntry] = field(default_factory=list)  # suspended by points of order, next to resume first
    suspended_at: dt.datetime | None = None  # the session is suspended (clock stopped) since then
    # The interventions that count (statistics.counted), as of the moment the state was read.
    counted: list = field(default_factory=list)

    @property
    def suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def given(self) -> list[FloorEntry]:
        """The interventions given, interrupted and in progress: what the floor balance counts."""
        return [*self.spoken, *self.interrupted, *([self.current] if self.current else [])]

    def next_up(self, count: int = 3) -> list[FloorEntry]:
        return self.queue[:count]

    def has_spoken(self, participant_id: str) -> bool:
        """True when this person has an intervention in this session that counts (see statistics)."""
        everyone = [*self.spoken, *self.interrupted, *self.queue, *([self.current] if self.current else [])]
        return any(e.participant.id == participant_id and e.interventions for e in everyone)


@dataclass(frozen=True)
class ListStatus:
    closed: bool
    automatic: bool = False  # closed because the programme's requests_close time has passed
    closes_at: dt.datetime | None = None  # that time (aware UTC), when the programme sets one


def list_status(
    chair_closed: bool | None,
    chair_changed_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    now: dt.datetime,
) -> ListStatus:
    """Is the list of speakers closed at `now`?

    `chair_closed`/`chair_changed_at`: the chair's last close (True) or reopen (False) and when, or
    None if the chair never touched it; `closes_at`: the programme's requests_close moment, if any,
    and only on the session's own day (a rehearsal on another day is never closed by the clock).
    The latest decision wins: the programme's time closes the list once it has passed, unless the
    chair reopened (or closed) it after that moment.
    """
    due = closes_at is not None and now >= closes_at
    if chair_closed is not None and chair_changed_at is not None:
        if not due or chair_changed_at >= closes_at:
            return ListStatus(chair_closed, False, closes_at)
    if due:
        return ListStatus(True, True, closes_at)
    return ListStatus(False, False, closes_at)
