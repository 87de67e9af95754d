"""Numbering recommendations `<track n>.<k>` (e.g. "2.3"), as the outcome document prints them.

A track's number is its place in the programme (1 for the first track), so it does not change when
an earlier track has nothing to recommend. Within a track, agreed recommendations come first, then
proposed ones, each group in the rapporteur's order; dropped ones get no number and are left out.
Recommendations for a track the programme does not know (its code was removed) are numbered after
the known tracks, in order of code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from roundtable.domain.models import Recommendation, Track

STATUS_ORDER = {"agreed": 0, "proposed": 1}


@dataclass
class NumberedTrack:
    number: int
    track: Track
    items: list[tuple[str, Recommendation]] = field(default_factory=list)


def number_recommendations(
    tracks: Sequence[Track], recommendations: Iterable[Recommendation]
) -> list[NumberedTrack]:
    """Every track (in programme order, empty ones included) with its numbered recommendations."""
    by_track: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        if rec.status in STATUS_ORDER:
            by_track.setdefault(rec.track_code, []).append(rec)
    ordered = sorted(tracks, key=lambda t: (t.position, t.code))
    known = {t.code for t in ordered}
    ordered += [Track(code=code, title=code) for code in sorted(by_track) if code not in known]
    numbered = []
    for n, track in enumerate(ordered, start=1):
        recs = sorted(by_track.get(track.code, []), key=lambda r: (STATUS_ORDER[r.status], r.position))
        numbered.append(NumberedTrack(n, track, [(f"{n}.{k}", rec) for k, rec in enumerate(recs, start=1)]))
    return numbered
