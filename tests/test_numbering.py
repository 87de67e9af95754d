"""Recommendations are numbered <track n>.<k>: agreed first, dropped ones never."""

import datetime as dt

from roundtable.domain.models import Recommendation, Track
from roundtable.domain.numbering import number_recommendations

NOW = dt.datetime(2014, 10, 8, tzinfo=dt.timezone.utc)
TRACKS = [Track(code="T1", title="One", position=0), Track(code="T2", title="Two", position=1),
          Track(code="T3", title="Three", position=2)]


def rec(track, text, status="proposed", position=0.0):
    return Recommendation(id=text, track_code=track, text=text, status=status, position=position,
                          created_at=NOW, updated_at=NOW)


def test_agreed_first_then_proposed_in_the_rapporteurs_order():
    recs = [rec("T1", "a", "proposed", 1), rec("T1", "b", "agreed", 2), rec("T1", "c", "dropped", 3),
            rec("T1", "d", "agreed", 4), rec("T1", "e", "proposed", 5)]
    (t1, t2, t3) = number_recommendations(TRACKS, recs)
    assert [(n, r.text) for n, r in t1.items] == [("1.1", "b"), ("1.2", "d"), ("1.3", "a"), ("1.4", "e")]
    assert t2.items == [] and t3.items == []


def test_a_track_keeps_its_number_when_an_earlier_one_has_nothing():
    numbered = number_recommendations(TRACKS, [rec("T3", "x", "agreed")])
    assert [t.number for t in numbered] == [1, 2, 3]
    assert numbered[2].items[0][0] == "3.1"


def test_tracks_follow_programme_order_and_unknown_tracks_come_last():
    shuffled = [TRACKS[2], TRACKS[0], TRACKS[1]]
    numbered = number_recommendations(shuffled, [rec("T9", "orphan"), rec("T2", "y")])
    assert [(t.number, t.track.code) for t in numbered] == [(1, "T1"), (2, "T2"), (3, "T3"), (4, "T9")]
    assert numbered[3].items[0][0] == "4.1" and numbered[1].items[0][0] == "2.1"
