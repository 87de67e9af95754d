"""The state of the floor in one session, as the moderator's screen and the projector show it."""

from __future__ import annotations

from dataclasses import dataclass, field

from roundtable.domain.models import Participant, SpeakerRequest


@dataclass
class FloorEntry:
    request: SpeakerRequest
    participant: Participant
    interventions: int = 0  # this person's interventions in the session so far
    spoken_seconds: float = 0.0  # and their total speaking time there


@dataclass
class FloorState:
    current: FloorEntry | None = None
    queue: list[FloorEntry] = field(default_factory=list)
    spoken: list[FloorEntry] = field(default_factory=list)  # in the order they were given
    list_closed: bool = False

    def next_up(self, count: int = 3) -> list[FloorEntry]:
        return self.queue[:count]

    def is_queued(self, participant_id: str) -> bool:
        """True when this person already waits in the queue (the picker warns instead of queuing twice)."""
        return any(entry.participant.id == participant_id for entry in self.queue)
