"""What a command of the list of speakers did, and why it refused.

A floor command (store/floor.py) either returns what happened, as one of the outcomes below, or
raises a `FloorRefused` and writes nothing. So a caller says what happened from the value it is
given, never by comparing timestamps after the fact, and catches one exception family for every
refusal (the message is the one line to show).
"""

from __future__ import annotations

from dataclasses import dataclass

from roundtable.domain.models import SpeakerRequest

# -- refusals -------------------------------------------------------------------------------------


class FloorRefused(Exception):
    """The command was refused and nothing was written; the message says why, in one line."""


class ListClosed(FloorRefused):
    """A request for the floor (other than a point of order) on a closed list of speakers."""


class AlreadyQueued(FloorRefused):
    """This person already waits in the queue: a second request is refused (another terminal may
    have queued them a moment ago)."""


class NotInRoster(FloorRefused):
    """The person named is not (or no longer) in the roster."""


class NotWaiting(FloorRefused):
    """The queue entry is no longer waiting (withdrawn, given the floor or gone meanwhile)."""


class CannotMove(FloorRefused):
    """The entry is already at the head (or the end) of the queue."""


class NobodySpeaking(FloorRefused):
    """The command needs someone to have the floor, and nobody has it."""


class QueueEmpty(FloorRefused):
    """`n` with nobody speaking and nobody waiting: there is no floor to give."""


class NotCorrectable(FloorRefused):
    """The intervention can no longer be corrected: not given yet, deleted, or gone meanwhile."""


# -- what `n` did ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSpeaker:
    """The floor went to someone new: `request`. Before, `ended` finished, or `interrupted` was
    suspended by this point of order (and resumes when it is dealt with)."""

    request: SpeakerRequest
    ended: SpeakerRequest | None = None
    interrupted: SpeakerRequest | None = None

    @property
    def speaker(self) -> SpeakerRequest:
        return self.request


@dataclass(frozen=True)
class Resumed:
    """The speaker a point of order interrupted has the floor again; `ended` is the point of order
    (or whoever spoke) that finished."""

    request: SpeakerRequest
    ended: SpeakerRequest | None = None

    @property
    def speaker(self) -> SpeakerRequest:
        return self.request


@dataclass(frozen=True)
class Ended:
    """`request`'s intervention finished and nobody has the floor now (the queue was empty)."""

    request: SpeakerRequest

    @property
    def speaker(self) -> None:
        return None


FloorMove = NewSpeaker | Resumed | Ended


# -- the other commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockToggled:
    """The running intervention's clock was paused (`paused`) or runs again."""

    request: SpeakerRequest

    @property
    def paused(self) -> bool:
        return self.request.paused_at is not None


@dataclass(frozen=True)
class Moved:
    """The queue entry now stands at `index` (0 = next to speak)."""

    request: SpeakerRequest
    index: int
