"""What the speaking timer reads: remaining time, the last-30-seconds warning, overtime counting up.

Kept apart from the widgets so that the session screen, the projector and the tests read the
same clock the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from roundtable.domain.durations import format_clock
from roundtable.domain.models import SpeakerRequest

WARNING_SECONDS = 30

Phase = Literal["idle", "running", "warning", "overtime"]


@dataclass(frozen=True)
class TimerReading:
    text: str  # "3:12" remaining, "+0:12" over time, "" when nobody has the floor
    phase: Phase
    paused: bool = False
    limit: int = 0

    @property
    def caption(self) -> str:
        """A word or two under the clock: what the figure means."""
        if self.phase == "idle":
            return "the floor is free"
        if self.paused:
            return "paused"
        if self.phase == "overtime":
            return "over time"
        return f"remaining of {format_clock(self.limit)}"


def read_timer(request: SpeakerRequest | None, now: dt.datetime) -> TimerReading:
    """The reading for the intervention in progress (or none) at `now`."""
    if request is None or request.started_at is None:
        return TimerReading("", "idle")
    remaining = request.remaining(now)
    paused = request.is_paused
    if remaining < 0:
        # Overtime counts up from +0:00 the moment the limit passes.
        return TimerReading("+" + format_clock(math.floor(-remaining)), "overtime", paused, request.limit_seconds)
    # A countdown shows the second it is in: 3:59.4 left reads 4:00 until a full second has gone.
    shown = math.ceil(remaining)
    phase: Phase = "warning" if remaining <= WARNING_SECONDS else "running"
    return TimerReading(format_clock(shown), phase, paused, request.limit_seconds)
