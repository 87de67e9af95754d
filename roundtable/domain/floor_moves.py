"""How the floor moves: who speaks after `n`, how a point of order interrupts, how a clock stops.

Pure functions on `SpeakerRequest`s: each returns the requests it changed, as they must be
stored. The store runs them inside one transaction and records them for undo; the screen never
computes any of this itself.

- `n` ends the current intervention and gives the floor to the head of the queue, except that
  the floor goes back first to a speaker a point of order interrupted (the most recent first).
- A point of order interrupts: the current speaker is suspended with their clock stopped
  ("interrupted") and resumes, with the time they had left, when the point of order is dealt with;
  their intervention stays one intervention. A point of order raised during a point of order
  stacks the same way. A point of order waiting at the head of the queue (`t` made it one) takes
  the same path when `n` gives it the floor: the speaker is interrupted, not ended, unless the
  speaker is a point of order too (which `n` then closes).
- Rights of reply and questions wait in the queue like statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from roundtable.domain.models import Session, SpeakerRequest

POINT_OF_ORDER = "point-of-order"


def limit_for(session: Session, speech_type: str) -> int:
    """The speaking limit of a request of `speech_type` in `session`: a point of order is brief and
    ruled on at once (`point_of_order_time`, 1 minute unless the programme says otherwise); every
    other intervention has the session's `speaking_time`."""
    return session.point_of_order_time if speech_type == POINT_OF_ORDER else session.speaking_time


def _update(request: SpeakerRequest, **changes) -> SpeakerRequest:
    return request.model_copy(update=changes)


def start(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    """A queued request gets the floor: its clock starts at `now`."""
    return _update(request, status="speaking", started_at=now, paused_at=None, paused_seconds=0.0)


def close(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    """The intervention ends at `now`; a pause in progress lasts until then (not speaking time)."""
    return _update(request, status="spoken", ended_at=now, paused_at=None, paused_seconds=request.paused_until(now),
                   interrupted_at=None)


def interrupt(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    """A point of order suspends the speaker: the clock stops (a pause already running goes on)."""
    return _update(request, status="interrupted", interrupted_at=now, paused_at=request.paused_at or now)


def resume(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    """The interrupted speaker has the floor again; the suspension was not speaking time."""
    return _update(request, status="speaking", interrupted_at=None, paused_at=None,
                   paused_seconds=request.paused_until(now))


def pause(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    return request if request.paused_at is not None else _update(request, paused_at=now)


def unpause(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    if request.paused_at is None:
        return request
    return _update(request, paused_at=None, paused_seconds=request.paused_until(now))


def toggle_pause(request: SpeakerRequest, now: dt.datetime) -> SpeakerRequest:
    return unpause(request, now) if request.paused_at is not None else pause(request, now)


def interrupted_stack(requests: Sequence[SpeakerRequest]) -> list[SpeakerRequest]:
    """The interrupted speakers, the one to resume first (interrupted last) first."""
    waiting = [r for r in requests if r.status == "interrupted"]
    return sorted(waiting, key=lambda r: r.interrupted_at or r.started_at or r.requested_at, reverse=True)


def next_turn(
    current: SpeakerRequest | None,
    interrupted: Sequence[SpeakerRequest],
    head: SpeakerRequest | None,
    now: dt.datetime,
) -> list[SpeakerRequest]:
    """`n`: the requests that change, in the order to store them (the new speaker last).

    `interrupted` as `interrupted_stack` orders it; `head` the first queued request.
    """
    changed: list[SpeakerRequest] = []
    head_is_point_of_order = head is not None and head.speech_type == POINT_OF_ORDER
    if current is not None:
        if head_is_point_of_order and current.speech_type != POINT_OF_ORDER:
            return [interrupt(current, now), start(head, now)]
        changed.append(close(current, now))
    if head_is_point_of_order:
        changed.append(start(head, now))
    elif interrupted:
        changed.append(resume(interrupted[0], now))
    elif head is not None:
        changed.append(start(head, now))
    return changed


def raise_point_of_order(
    current: SpeakerRequest | None, request: SpeakerRequest, now: dt.datetime
) -> list[SpeakerRequest]:
    """`o`: the point of order has the floor at once; whoever spoke is interrupted (stacking)."""
    changed = [interrupt(current, now)] if current is not None else []
    return changed + [start(request, now)]


def stopped_at(request: SpeakerRequest) -> dt.datetime | None:
    """When the speaker last stopped speaking: the end of their intervention, or the point of
    order that interrupted it; None while they speak or before they spoke."""
    if request.status == "spoken":
        return request.ended_at
    if request.status == "interrupted":
        return request.interrupted_at
    return None


def previous_intervention(requests: Sequence[SpeakerRequest]) -> SpeakerRequest | None:
    """"The previous speaker", where a rapporteur one speaker behind files a note (`<`): the
    intervention that stopped last, ended or interrupted, not deleted. Not the one that started
    last: after a point of order and the resumption, that would be whoever raised it."""
    stopped = [r for r in requests if r.deleted_at is None and stopped_at(r) is not None]
    return max(stopped, key=lambda r: stopped_at(r), default=None)


def one_speaker(speaking: Sequence[SpeakerRequest]) -> list[SpeakerRequest]:
    """Two laptops each gave the floor before they merged: the session has several speakers. The
    one who took the floor last keeps it (ties: the larger id, the same on every laptop); the others'
    interventions end when that one began. Returns the requests to store: the same on every laptop
    that merges them, in whatever order, so they converge."""
    if len(speaking) < 2:
        return []
    keeper = max(speaking, key=lambda r: (r.started_at or r.requested_at, r.id))
    began = keeper.started_at or keeper.requested_at
    return [close(r, max(began, r.started_at or began)) for r in speaking if r.id != keeper.id]
