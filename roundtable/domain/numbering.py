"""How recommendations are numbered in the outcome document, and in the app that prepares it.

Tracks are numbered 1, 2, ... in the order of the programme's [[tracks]]; inside a track the
agreed recommendations come first, then the proposed ones, each group in the rapporteur's order
(`position`); they are numbered `<track n>.<k>`. Dropped recommendations are listed last in the app
and never numbered (the document leaves them out). A track code the programme no longer lists
keeps its recommendations, numbered after the programme's tracks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from roundtable.domain.models import Recommendation

STATUS_ORDER = {"agreed": 0, "proposed": 1, "dropped": 2}


def sort_key(rec: Recommendation) -> tuple[int, float, str]:
    """The order of recommendations inside their track: agreed, proposed, dropped; then position."""
    return STATUS_ORDER.get(rec.status, len(STATUS_ORDER)), rec.position, rec.id


@dataclass(frozen=True)
class NumberedRecommendation:
    number: str | None  # "2.3"; None for a dropped one
    recommendation: Recommendation


@dataclass
class TrackRecommendations:
    track_code: str
    track_number: int
    items: list[NumberedRecommendation] = field(default_factory=list)

    @property
    def numbered(self) -> list[NumberedRecommendation]:
        """What the outcome document lists: agreed and proposed ones, in order."""
        return [item for item in self.items if item.number is not None]


def number_recommendations(
    track_codes: Sequence[str], recommendations: Iterable[Recommendation], include_empty: bool = True
) -> list[TrackRecommendations]:
    """Group `recommendations` by track in programme order and number them.

    `track_codes` is the programme's order of tracks. With `include_empty`, tracks without any
    recommendation are listed too (the app shows them; the document may skip them).
    """
    by_track: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        by_track.setdefault(rec.track_code, []).append(rec)
    codes = list(track_codes) + sorted(code for code in by_track if code not in track_codes)
    groups = []
    for n, code in enumerate(codes, start=1):
        recs = sorted(by_track.get(code, []), key=sort_key)
        if not recs and not include_empty:
            continue
        group = TrackRecommendations(code, n)
        k = 0
        for rec in recs:
            if rec.status == "dropped":
                group.items.append(NumberedRecommendation(None, rec))
            else:
                k += 1
                group.items.append(NumberedRecommendation(f"{n}.{k}", rec))
        groups.append(group)
    return groups


def numbers_by_id(groups: Iterable[TrackRecommendations]) -> dict[str, str]:
    return {item.recommendation.id: item.number for g in groups for item in g.items if item.number}
