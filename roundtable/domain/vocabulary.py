"""Closed vocabularies of the programme and the floor, in the order users cycle through them."""

from typing import Literal, get_args

SessionKind = Literal[
    "plenary", "round-table", "workshop", "panel", "ceremony", "showcase", "brainstorming"
]
Attribution = Literal["attributed", "by-country", "chatham-house", "off-record"]
QueuePolicy = Literal["fifo", "protocol", "first-speech-first", "balanced"]
Category = Literal[
    "government", "international-organisation", "private-sector", "civil-society", "academia", "other"
]
Rank = Literal[
    "head-of-state", "minister", "deputy-minister", "ambassador", "head-of-agency",
    "senior-official", "expert", "other",
]
Gender = Literal["f", "m", "x"]
SpeechType = Literal["statement", "reply", "question", "point-of-order"]
# "interrupted": suspended by a point of order, clock stopped; it resumes with the remaining time.
RequestStatus = Literal["queued", "speaking", "interrupted", "spoken", "withdrawn"]
RecommendationStatus = Literal["proposed", "agreed", "dropped"]
# What a session does with a request from a delegate's phone (issue 28): "review" keeps it waiting
# for the moderator's enter (accept) or x (decline); "accept" queues it at once by the session's policy.
FloorRequests = Literal["review", "accept"]
# A request from the floor: waiting for the moderator, accepted (its queue entry lives on in
# `requests`), declined by the moderator, withdrawn by the delegate.
AskStatus = Literal["waiting", "accepted", "declined", "withdrawn"]

SESSION_KINDS: tuple[str, ...] = get_args(SessionKind)
ATTRIBUTIONS: tuple[str, ...] = get_args(Attribution)
QUEUE_POLICIES: tuple[str, ...] = get_args(QueuePolicy)
CATEGORIES: tuple[str, ...] = get_args(Category)
RANKS: tuple[str, ...] = get_args(Rank)
GENDERS: tuple[str, ...] = get_args(Gender)
SPEECH_TYPES: tuple[str, ...] = get_args(SpeechType)
RECOMMENDATION_STATUSES: tuple[str, ...] = get_args(RecommendationStatus)
FLOOR_REQUEST_MODES: tuple[str, ...] = get_args(FloorRequests)
ASK_STATUSES: tuple[str, ...] = get_args(AskStatus)

# Higher is more senior; protocol order gives the floor to the highest rank first.
RANK_PRECEDENCE: dict[str, int] = {rank: len(RANKS) - i for i, rank in enumerate(RANKS)}
MINISTERIAL_RANKS = frozenset({"head-of-state", "minister", "deputy-minister"})


def cycle(values: tuple[str, ...], current: str) -> str:
    """The value after `current` in `values`, wrapping round; the first one if `current` is unknown."""
    try:
        return values[(values.index(current) + 1) % len(values)]
    except ValueError:
        return values[0]
