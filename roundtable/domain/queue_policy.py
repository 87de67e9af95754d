"""Where a new request for the floor goes in the queue, and why.

A request is placed once, when it is made; the queue never reshuffles by itself, so the chair can
always say why an entry stands where it stands (the reason is kept with it). Points of order go to
the head, after earlier points of order, whatever the policy.
"""

from __future__ import annotations

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


def place(policy: str, newcomer: Candidate, queue: list[Candidate]) -> Placement:
    """The index at which `newcomer` enters `queue` (0 = next to speak) and the reason shown."""
    heads = 0
    while heads < len(queue) and queue[heads].point_of_order:
        heads += 1
    if newcomer.point_of_order:
        return Placement(heads, "point of order")
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


def _place_balanced(newcomer: Candidate, queue: list[Candidate], heads: int) -> Placement:
    """First-time speakers first; within that tier, the newcomer takes the earliest place that
    breaks a run of the other gender, so the list alternates where it can."""
    tier = "first speech" if not newcomer.has_spoken else "has spoken already"
    # The tier runs from `start` to `end` (exclusive).
    start = heads
    if newcomer.has_spoken:
        while start < len(queue) and not queue[start].has_spoken:
            start += 1
    end = start
    while end < len(queue) and queue[end].has_spoken == newcomer.has_spoken:
        end += 1
    gender = newcomer.gender
    if gender is None:
        return Placement(end, tier)
    previous = queue[start - 1].gender if start > heads else None
    for i in range(start, end):
        before = queue[i - 1].gender if i > start else previous
        if queue[i].gender not in (None, gender) and before not in (None, gender) and i > start:
            return Placement(i, f"{tier}; balance")
    return Placement(end, tier)


def position_between(before: float | None, after: float | None) -> float:
    """A sort key strictly between two neighbours' keys (either may be missing)."""
    if before is None and after is None:
        return 1.0
    if before is None:
        return after - 1.0
    if after is None:
        return before + 1.0
    return (before + after) / 2.0
