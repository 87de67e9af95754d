"""Requests for the floor from the delegates' phones (issue 28): what a delegate may ask, what waits
for the moderator, and what the delegate's phone says of their own request.

The rules, in one place (the store, the page and the session screen's strip all ask them):

- **One open request per person per session**: waiting for the moderator, in the queue, or
  holding the floor. A point of order stands apart: a delegate in the queue may still raise one
  (one at a time), as in the room, where a point of order is taken whenever it is raised.
- **Statement, reply or question** follow the session's `floor_requests`: with "accept" they join
  the queue at once, placed by the session's policy as the moderator's `a` would place them; with
  "review" they wait in the strip above the queue for the moderator's `enter` (accept) or `x`
  (decline).
- **A point of order always waits for the moderator**, flagged and first in the strip: it
  interrupts whoever speaks, so only the chair gives it the floor (`enter`, as `o` does).
- **Changing the type** of an open request: among statement, reply and question (a place in the
  queue is kept: the type does not move it).
- **A closed list** takes points of order only. **Off-record sessions** show their title only, and
  take no request from a phone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.vocabulary import AskStatus, SpeechType

POINT_OF_ORDER = "point-of-order"
# The types a delegate asks for (and changes between); a point of order has its own button.
ASKED_TYPES: tuple[str, ...] = ("statement", "reply", "question")
PHONE_TYPES: tuple[str, ...] = (*ASKED_TYPES, POINT_OF_ORDER)
FROM_THE_FLOOR = "from the floor"  # how the queue's reason marks an entry a phone asked for


class FloorRequest(BaseModel):
    """One request from a phone. `request_id`: its entry in the queue once accepted."""

    model_config = ConfigDict(extra="forbid")

    id: str
    session_id: str
    participant_id: str
    speech_type: SpeechType = "statement"
    status: AskStatus = "waiting"
    request_id: str | None = None
    asked_at: dt.datetime
    decided_at: dt.datetime | None = None

    @property
    def is_point_of_order(self) -> bool:
        return self.speech_type == POINT_OF_ORDER


class AskRefused(Exception):
    """A delegate's action that cannot be done. `code` names it for the page (its texts say it in
    the page's language); the message is the English line for the command line and the logs."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def waits_for_moderator(mode: str, speech_type: str) -> bool:
    """Whether a request of `speech_type` waits in the strip (else it joins the queue at once)."""
    return mode != "accept" or speech_type == POINT_OF_ORDER


def takes_phones(attribution: str) -> bool:
    """Off-record sessions show their title only and take no request from a phone."""
    return attribution != "off-record"


def queue_reason(placement_reason: str) -> str:
    """The queue entry's reason for a request from the floor: its placement's, marked as such."""
    return f"{placement_reason} · {FROM_THE_FLOOR}" if placement_reason else FROM_THE_FLOOR


def is_from_the_floor(reason: str) -> bool:
    return reason.endswith(FROM_THE_FLOOR)


# -- what a delegate's own phone says ---------------------------------------------------------------

OwnState = Literal[
    "none",  # nothing asked (or asked and done with long ago)
    "waiting",  # waiting for the moderator
    "queued",  # in the queue, at `place` of `of`
    "speaking",  # has the floor
    "interrupted",  # a point of order interrupted them; they resume after it
    "spoken",  # their intervention is over
    "declined",  # the moderator declined it
    "withdrawn",  # they withdrew it
    "removed",  # the moderator took it out of the queue
]


@dataclass(frozen=True)
class OwnRequest:
    state: OwnState = "none"
    speech_type: str | None = None
    place: int | None = None  # 1-based, in the queue
    of: int | None = None
    expected_at: dt.datetime | None = None  # when their turn would come (domain.forecast's assumptions)
    since: dt.datetime | None = None  # asked at (waiting), decided at (declined)

    @property
    def is_open(self) -> bool:
        return self.state in ("waiting", "queued", "speaking", "interrupted")


@dataclass(frozen=True)
class AskWithRequest:
    """A request from the floor as the store reads it for a phone: with its queue entry's status
    (None: never queued, or its entry deleted)."""

    ask: FloorRequest
    request_status: str | None = None


def own_requests(participant_id: str, state: FloorState, asks: list[AskWithRequest],
                 starts: dict[str, dt.datetime]) -> tuple[OwnRequest, OwnRequest]:
    """What this person's phone shows: (their request, their point of order).

    `state`: the session's floor; `asks`: this person's requests from the floor in the session,
    oldest first; `starts`: each queued request's expected start (forecast). A queue entry of
    theirs counts whoever queued it (the moderator's `a` or their phone).
    """
    mine = [a for a in asks if a.ask.participant_id == participant_id]
    request = _open_on_the_floor(participant_id, state, starts, points_of_order=False)
    order = _open_on_the_floor(participant_id, state, starts, points_of_order=True)
    last_ask = next((a for a in reversed(mine) if not a.ask.is_point_of_order), None)
    last_order = next((a for a in reversed(mine) if a.ask.is_point_of_order), None)
    return (request or _after(last_ask)), (order or _after(last_order))


def _open_on_the_floor(participant_id: str, state: FloorState, starts: dict[str, dt.datetime],
                       points_of_order: bool) -> OwnRequest | None:
    def theirs(entry: FloorEntry) -> bool:
        return (entry.participant.id == participant_id
                and (entry.request.speech_type == POINT_OF_ORDER) == points_of_order)

    if state.current is not None and theirs(state.current):
        return OwnRequest("speaking", state.current.request.speech_type)
    for entry in state.interrupted:
        if theirs(entry):
            return OwnRequest("interrupted", entry.request.speech_type)
    for place, entry in enumerate(state.queue, start=1):
        if theirs(entry):
            return OwnRequest("queued", entry.request.speech_type, place, len(state.queue),
                              starts.get(entry.request.id), entry.request.requested_at)
    return None


def _after(last: AskWithRequest | None) -> OwnRequest:
    """Their latest request from the floor, no longer in the queue: what became of it."""
    if last is None:
        return OwnRequest()
    ask = last.ask
    if ask.status == "waiting":
        return OwnRequest("waiting", ask.speech_type, since=ask.asked_at)
    if ask.status == "declined":
        return OwnRequest("declined", ask.speech_type, since=ask.decided_at)
    if ask.status == "withdrawn":
        return OwnRequest("withdrawn", ask.speech_type, since=ask.decided_at)
    # accepted: its queue entry has left the queue
    if last.request_status == "spoken":
        return OwnRequest("spoken", ask.speech_type)
    if last.request_status == "withdrawn":
        return OwnRequest("removed", ask.speech_type, since=ask.decided_at)
    return OwnRequest()

