"""Where a new request for the floor goes in the queue, and why.

A request is placed once, when it is made; the queue never reshuffles by itself, so the chair can
always say why an entry stands where it stands (the reason is kept with it). Points of order go to
the head, after earlier points of order, whatever the policy; an entry the chair makes a point of
order goes there too. The chair's moves put an entry exactly where asked.

Positions are sort keys (floats): an entry placed between two neighbours gets a key between
theirs, so placing or moving one entry rewrites only that entry's row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roundtable.domain.vocabulary import RANK_PRECEDENCE


@dataclass(frozen=True)
class Candidate:
    """What a policy needs to know of a queued (or newly requesting) participant."""

    rank: str = "other"
    gender: str | None = None
    has_spoken: bool = False
    point_of_order: bool = False


@dataclass(frozen=True)
class Placement:
    index: int
    reason: str


RANK_LABELS = {
    "head-of-state": "head of State",
    "minister": "minister",
    "deputy-minister": "deputy minister",
    "ambassador": "ambassador",
    "head-of-agency": "head of agency",
    "senior-official": "senior official",
    "expert": "expert",
    "other": "participant",
}


POINT_OF_ORDER_REASON = "point of order"
MOVED_REASON = "moved by the chair"


def points_of_order_ahead(queue: Sequence[Candidate]) -> int:
    """How many points of order wait at the head of `queue` (a new one goes after them)."""
    heads = 0
    while heads < len(queue) and queue[heads].point_of_order:
        heads += 1
    return heads


def place(policy: str, newcomer: Candidate, queue: Sequence[Candidate]) -> Placement:
    """The index at which `newcomer` enters `queue` (0 = next to speak) and the reason shown."""
    heads = points_of_order_ahead(queue)
    if newcomer.point_of_order:
        return Placement(heads, POINT_OF_ORDER_REASON)
    if policy == "protocol":
        mine = RANK_PRECEDENCE.get(newcomer.rank, 0)
        for i in range(heads, len(queue)):
            if RANK_PRECEDENCE.get(queue[i].rank, 0) < mine:
                return Placement(i, f"protocol: {RANK_LABELS.get(newcomer.rank, newcomer.rank)}")
        return Placement(len(queue), f"protocol: {RANK_LABELS.get(newcomer.rank, newcomer.rank)}")
    if policy == "first-speech-first":
        if newcomer.has_spoken:
            return Placement(len(queue), "has spoken already")
        for i in range(heads, len(queue)):
            if queue[i].has_spoken:
                return Placement(i, "first speech")
        return Placement(len(queue), "first speech")
    if policy == "balanced":
        return _place_balanced(newcomer, queue, heads)
    return Placement(len(queue), "order of request")


def _place_balanced(newcomer: Candidate, queue: Sequence[Candidate], heads: int) -> Placement:
    """Those who have not yet spoken go before those who have; among equals, a newcomer moves up
    past people of the other gender only as far as needed to alternate, and never past anyone of
    their own (or an unrecorded) gender who asked earlier. So nobody loses a place to someone
    "like them", and the reason says which of the two rules moved the newcomer up."""
    tier = "has spoken already" if newcomer.has_spoken else "first speech"

    def worse(other: Candidate) -> bool:  # has spoken, while the newcomer has not
        return other.has_spoken and not newcomer.has_spoken

    def may_overtake(other: Candidate) -> bool:
        if other.point_of_order:
            return False
        if worse(other):
            return True
        if other.has_spoken != newcomer.has_spoken:  # a first speech, while the newcomer has spoken
            return False
        return None not in (other.gender, newcomer.gender) and other.gender != newcomer.gender

    protected = [i for i in range(len(queue)) if not may_overtake(queue[i])]
    lo = max(protected[-1] + 1 if protected else 0, heads)
    hi = next((i for i in range(lo, len(queue)) if worse(queue[i])), len(queue))
    index = hi
    for i in range(lo, hi):
        # Points of order are procedure, not debate: they do not count in the alternation.
        before = queue[i - 1].gender if i > heads else None
        if before is not None and newcomer.gender is not None and before != newcomer.gender:
            index = i
            break
    reason = tier
    if index < hi:
        pair = "/".join(sorted({newcomer.gender, queue[index - 1].gender}))
        reason += f"; balance: alternates {pair}"
    return Placement(index, reason)


def position_between(before: float | None, after: float | None) -> float:
    """A sort key strictly between two neighbours' keys (either may be missing)."""
    if before is None and after is None:
        return 1.0
    if before is None:
        return after - 1.0
    if after is None:
        return before + 1.0
    return (before + after) / 2.0


def position_at(positions: Sequence[float], index: int) -> float:
    """The sort key that puts an entry at `index` of a queue whose keys, in order, are `positions`
    (the queue without that entry)."""
    before = positions[index - 1] if index > 0 else None
    after = positions[index] if index < len(positions) else None
    return position_between(before, after)


def move_target(count: int, index: int, offset: int) -> int | None:
    """Where the entry at `index` of a queue of `count` lands when moved `offset` places (-1 = up):
    None when that is beyond the head or the end."""
    target = index + offset
    return target if 0 <= target < count else None
