"""How recommendations are numbered in the outcome document, and in the app that prepares it.

Recommendations for the forum as a whole (track code "", `FORUM`: a plenary has no track, a
one-day forum may have no tracks at all) come first, numbered 1, 2, 3. Tracks are numbered 1, 2,
... in the order of the programme's [[tracks]]; inside a track the agreed recommendations come
first, then the proposed ones, each group in the rapporteur's order (`position`); they are numbered
`<track n>.<k>`. The forum's follow the same order, without the track's number. Dropped
recommendations are listed last in the app and never numbered (the document leaves them out). A
track code the programme no longer lists keeps its recommendations, numbered after the programme's
tracks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from roundtable.domain.models import Recommendation

STATUS_ORDER = {"agreed": 0, "proposed": 1, "dropped": 2}
FORUM = ""  # the track code of a recommendation for the forum as a whole


def sort_key(rec: Recommendation) -> tuple[int, float, str]:
    """The order of recommendations inside their track: agreed, proposed, dropped; then position."""
    return STATUS_ORDER.get(rec.status, len(STATUS_ORDER)), rec.position, rec.id


@dataclass(frozen=True)
class NumberedRecommendation:
    number: str | None  # "2.3"; None for a dropped one
    recommendation: Recommendation


@dataclass
class TrackRecommendations:
    track_code: str  # FORUM for the forum as a whole
    track_number: int  # 0 for the forum as a whole
    items: list[NumberedRecommendation] = field(default_factory=list)

    @property
    def forum_wide(self) -> bool:
        return self.track_code == FORUM

    @property
    def numbered(self) -> list[NumberedRecommendation]:
        """What the outcome document lists: agreed and proposed ones, in order."""
        return [item for item in self.items if item.number is not None]


def number_recommendations(
    track_codes: Sequence[str], recommendations: Iterable[Recommendation], include_empty: bool = True
) -> list[TrackRecommendations]:
    """Group `recommendations` by track in programme order and number them: the forum's first.

    `track_codes` is the programme's order of tracks. With `include_empty`, the forum and the
    tracks without any recommendation are listed too (the app shows them; the document skips them).
    """
    by_track: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        by_track.setdefault(rec.track_code, []).append(rec)
    tracks = [code for code in track_codes if code != FORUM]
    codes = [FORUM] + tracks + sorted(code for code in by_track if code not in tracks and code != FORUM)
    groups = []
    for n, code in enumerate(codes):
        recs = sorted(by_track.get(code, []), key=sort_key)
        if not recs and not include_empty:
            continue
        group = TrackRecommendations(code, n)
        prefix = f"{n}." if n else ""
        k = 0
        for rec in recs:
            if rec.status == "dropped":
                group.items.append(NumberedRecommendation(None, rec))
            else:
                k += 1
                group.items.append(NumberedRecommendation(f"{prefix}{k}", rec))
        groups.append(group)
    return groups


def numbers_by_id(groups: Iterable[TrackRecommendations]) -> dict[str, str]:
    return {item.recommendation.id: item.number for g in groups for item in g.items if item.number}
