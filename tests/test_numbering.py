"""Recommendations are numbered `<track n>.<k>` as the outcome document numbers them."""

from __future__ import annotations

import datetime as dt

from roundtable.domain.models import Recommendation
from roundtable.domain.note_entry import note_line, parse_note_line
from roundtable.domain.numbering import number_recommendations, numbers_by_id

T0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)


def rec(id: str, track: str, status: str = "proposed", position: float = 0) -> Recommendation:
    return Recommendation(
        id=id, track_code=track, text=id, status=status, position=position, created_at=T0, updated_at=T0
    )


def test_tracks_numbered_in_programme_order_agreed_first_dropped_unnumbered():
    recs = [
        rec("a", "T2", "proposed", 1),
        rec("b", "T2", "agreed", 2),
        rec("c", "T2", "dropped", 3),
        rec("d", "T2", "proposed", 4),
        rec("e", "T1", "proposed", 1),
    ]
    groups = number_recommendations(["T1", "T2", "T3"], recs)
    # the forum as a whole first (empty here), then the tracks
    assert [(g.track_code, g.track_number) for g in groups] == [("", 0), ("T1", 1), ("T2", 2), ("T3", 3)]
    t2 = groups[2]
    assert [(i.number, i.recommendation.id) for i in t2.items] == [("2.1", "b"), ("2.2", "a"), ("2.3", "d"), (None, "c")]
    assert [i.recommendation.id for i in t2.numbered] == ["b", "a", "d"]
    assert numbers_by_id(groups) == {"e": "1.1", "b": "2.1", "a": "2.2", "d": "2.3"}
    assert groups[0].items == groups[3].items == []


def test_a_track_missing_from_the_programme_comes_after_and_empty_tracks_can_be_skipped():
    groups = number_recommendations(["T1", "T2"], [rec("x", "OLD"), rec("y", "T2")], include_empty=False)
    assert [(g.track_code, g.track_number) for g in groups] == [("T2", 2), ("OLD", 3)]
    assert numbers_by_id(groups) == {"y": "2.1", "x": "3.1"}


def test_a_leading_bang_marks_a_key_point():
    assert parse_note_line("  ! Trust is capital ") == parse_note_line("!Trust is capital")
    entry = parse_note_line("!Trust is capital")
    assert entry.key_point and entry.text == "Trust is capital"
    assert not parse_note_line("Plain").key_point
    assert parse_note_line(note_line("Trust", True)) == entry.__class__("Trust", True)
