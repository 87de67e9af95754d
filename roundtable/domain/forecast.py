"""Will the list of speakers fit in the session? From each queued request's limit, the current
speaker's remaining time and the session's planned end.

Each speaker is assumed to use their full limit; a current speaker already over time is assumed
to stop now (their overtime is spent, not forecast); a speaker a point of order interrupted is owed
the time they had left, before the queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roundtable.domain import clock
from roundtable.domain.floor import FloorState
from roundtable.domain.models import Session


@dataclass(frozen=True)
class Forecast:
    needed_seconds: float  # the current speaker's remaining time, the interrupted ones', every queued limit
    left_seconds: float  # until the planned end; negative once it has passed
    first_unreached: int | None  # queue index of the first request that would start at or after the end
    first_cut_short: int | None  # queue index of the first request that would start but not finish in time
    done_at: dt.datetime  # when the list would be exhausted

    @property
    def overrun_seconds(self) -> float:
        """How much longer than the time left the list needs (0 when it fits)."""
        return max(0.0, self.needed_seconds - max(0.0, self.left_seconds))

    @property
    def fits(self) -> bool:
        return self.first_unreached is None and self.first_cut_short is None


def start_offsets(limits: Sequence[float], current_remaining: float | None) -> list[float]:
    """Seconds from now at which each queued request (head first) would start: every speaker uses
    their full limit, a current speaker already over time stops now."""
    start = max(0.0, current_remaining or 0.0)
    offsets = []
    for limit in limits:
        offsets.append(start)
        start += limit
    return offsets


def owed_before_queue(state: FloorState, now: dt.datetime) -> float | None:
    """Seconds the floor is taken before the head of the queue speaks: the current speaker's time
    left (none once over time: they stop now) and the time still owed to each speaker a point of
    order interrupted, who resumes before the queue. None when nobody has or is owed the floor."""
    if state.current is None and not state.interrupted:
        return None
    current = max(0.0, state.current.request.remaining(now)) if state.current is not None else 0.0
    return current + sum(max(0.0, entry.request.remaining(now)) for entry in state.interrupted)


def expected_starts(state: FloorState, now: dt.datetime) -> dict[str, dt.datetime]:
    """When each queued request's turn would come (request id -> moment): a delegate's place."""
    offsets = start_offsets([entry.request.limit_seconds for entry in state.queue], owed_before_queue(state, now))
    return {entry.request.id: now + dt.timedelta(seconds=offset) for entry, offset in zip(state.queue, offsets)}


def forecast(
    limits: Sequence[float],
    current_remaining: float | None,
    now: dt.datetime,
    planned_end: dt.datetime,
) -> Forecast:
    """`limits`: the queued requests' limits in seconds, head first; `current_remaining`: the
    seconds the floor is taken before the queue (`owed_before_queue`; negative when the current
    speaker is over time; None when nobody has the floor);
    `now` and `planned_end`: aware datetimes."""
    left = (planned_end - now).total_seconds()
    offsets = start_offsets(limits, current_remaining)
    unreached = cut_short = None
    for index, (start, limit) in enumerate(zip(offsets, limits)):
        if unreached is None and start >= left:
            unreached = index
        if cut_short is None and start < left < start + limit:
            cut_short = index
    start = offsets[-1] + limits[-1] if limits else max(0.0, current_remaining or 0.0)
    return Forecast(
        needed_seconds=start,
        left_seconds=left,
        first_unreached=unreached,
        first_cut_short=cut_short,
        done_at=now + dt.timedelta(seconds=start),
    )


def planned_end(state: FloorState, session: Session, now: dt.datetime, zone: str | None = None) -> dt.datetime:
    """When the session should end. On its own day (venue time): its planned end. On any other day
    (a rehearsal, the demo's 2014 sessions opened today): its planned length from when today's
    first intervention started, or from now when nobody has spoken yet today."""
    if clock.venue_day(now, zone) == session.date:
        return clock.at_venue(session.date, session.end, zone)
    length = clock.at_venue(session.date, session.end, zone) - clock.at_venue(session.date, session.start, zone)
    today = clock.venue_day(now, zone)
    starts = [
        e.request.started_at for e in state.given
        if e.request.started_at is not None and clock.venue_day(e.request.started_at, zone) == today
    ]
    return (min(starts) if starts else now) + length


def floor_forecast(state: FloorState, session: Session, now: dt.datetime, zone: str | None = None) -> Forecast:
    """The forecast for a session's floor as the session screen shows it."""
    return forecast(
        [entry.request.limit_seconds for entry in state.queue],
        owed_before_queue(state, now),
        now,
        planned_end(state, session, now, zone),
    )
