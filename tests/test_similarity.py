"""Likely duplicates: rewordings of one recommendation score at or above the threshold, different
recommendations of the same track below it."""

from __future__ import annotations

import datetime as dt

from roundtable.domain.models import Recommendation
from roundtable.domain.similarity import DUPLICATE_THRESHOLD, likely_duplicates, similarity, stems

T0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)

REWORDINGS = [
    (
        "Member States should invest in the digital skills of civil servants.",
        "Governments should invest in digital skills for civil servants.",
    ),
    (
        "Open government data should be published in machine-readable formats.",
        "Publish open government data in machine readable formats!",
    ),
    (
        "Рекомендуется расширить сотрудничество в области электронного правительства.",
        "Расширить сотрудничество в области электронного правительства в Центральной Азии.",
    ),
]

DIFFERENT = [
    (
        "Member States should invest in the digital skills of civil servants.",
        "Open government data should be published in machine-readable formats.",
    ),
    (
        "UN DESA should continue to document innovative e-government practices in the Survey.",
        "Treat government as an open innovation platform and involve citizens in designing services.",
    ),
    (
        "Continue to train civil servants in the use of e-government platforms.",
        "Make a written public answer to every citizen inquiry a measured service standard.",
    ),
]


def test_rewordings_reach_the_threshold():
    for a, b in REWORDINGS:
        assert similarity(a, b) >= DUPLICATE_THRESHOLD, (a, b, similarity(a, b))


def test_different_recommendations_stay_below_it():
    for a, b in DIFFERENT:
        assert similarity(a, b) < 0.35, (a, b, similarity(a, b))


def test_folding_ignores_case_accents_and_function_words():
    assert stems("The ÉCOLE and the école") == {"ecole"}
    assert similarity("", "anything") == 0.0
    assert similarity("Қазақстан өкілі", "ҚАЗАҚСТАН ӨКІЛІ") == 1.0


def _rec(id: str, text: str, minute: int) -> Recommendation:
    at = T0 + dt.timedelta(minutes=minute)
    return Recommendation(id=id, track_code="T1", text=text, created_at=at, updated_at=at)


def test_likely_duplicates_pairs_the_older_first_best_first():
    recs = [
        _rec("new", REWORDINGS[0][1], 5),
        _rec("old", REWORDINGS[0][0], 1),
        _rec("other", DIFFERENT[0][1], 2),
        _rec("copy", DIFFERENT[0][1] + " ", 3),
    ]
    pairs = likely_duplicates(recs)
    assert [(p.first.id, p.second.id) for p in pairs] == [("other", "copy"), ("old", "new")]
    assert pairs[0].score == 1.0
