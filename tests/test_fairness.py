"""Fairness figures: who got the floor, by region, category, gender, and how unequally."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.domain.fairness import (
    Share,
    delegation,
    delegation_gini,
    gini,
    gini_sentence,
    seconds_by_delegation,
    shares_by_category,
    shares_by_gender,
    shares_by_region,
)
from roundtable.domain.models import Participant, SpeakerRequest
from roundtable.domain.speech_counts import count_by_language, count_by_speech_type


def person(name, country=None, organisation=None, category="government", gender=None):
    return Participant(name=name, country=country, organisation=organisation, category=category, gender=gender)


MINISTER_KZ = person("Mussin", "KZ", gender="m")
EXPERT_KZ = person("Nurgali", "KZ", category="academia", gender="f")
DELEGATE_IT = person("Rossi", "IT", gender="f")
DELEGATE_RU = person("Ivanova", "RU", category="academia", gender="f")
OECD = person("O'Neill", None, "OECD", category="international-organisation")


def test_gini_is_zero_when_everyone_speaks_equally_long():
    assert gini([120, 120, 120, 120]) == 0.0


@pytest.mark.parametrize("n", [2, 3, 5, 10])
def test_gini_is_n_minus_one_over_n_when_one_delegation_speaks_alone(n):
    assert gini([600] + [0] * (n - 1)) == pytest.approx((n - 1) / n)


def test_gini_on_known_inputs():
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)
    assert gini([4, 3, 2, 1]) == pytest.approx(0.25)  # order does not matter
    assert gini([1, 1, 1, 5]) == pytest.approx(0.375)  # sum|xi-xj| = 24 over 2·n²·mean = 64
    assert gini([]) == 0.0
    assert gini([0, 0]) == 0.0


def test_delegation_is_the_country_else_the_organisation_else_the_person():
    assert delegation(MINISTER_KZ) == "KZ"
    assert delegation(OECD) == "OECD"
    assert delegation(person("Walk-in")) == "Walk-in"


def test_kazakhstan_is_one_delegation_however_many_speak_for_it():
    times = [(MINISTER_KZ, 300), (EXPERT_KZ, 100), (DELEGATE_IT, 400)]
    assert seconds_by_delegation(times) == {"KZ": 400, "IT": 400}
    assert delegation_gini(times) == 0.0


def test_speaking_time_by_region_in_un_order_with_no_group_last():
    times = [(DELEGATE_IT, 200), (MINISTER_KZ, 300), (DELEGATE_RU, 100), (OECD, 400), (EXPERT_KZ, 0)]
    assert shares_by_region(times) == [
        Share("asia-pacific", 300, 0.3),
        Share("eastern-european", 100, 0.1),
        Share("western-european-others", 200, 0.2),
        Share(None, 400, 0.4),
    ]


def test_speaking_time_by_category_and_gender():
    times = [(MINISTER_KZ, 300), (EXPERT_KZ, 100), (DELEGATE_RU, 100), (OECD, 500)]
    assert [(s.key, s.seconds) for s in shares_by_category(times)] == [
        ("government", 300), ("international-organisation", 500), ("academia", 200),
    ]
    by_gender = shares_by_gender(times)
    assert [(s.key, s.share) for s in by_gender] == [("f", 0.2), ("m", 0.3), (None, 0.5)]


def test_nobody_spoke_gives_zero_shares_not_a_division_error():
    assert shares_by_gender([(MINISTER_KZ, 0)]) == [Share("m", 0, 0.0)]
    assert shares_by_region([]) == []


def test_gini_sentence_says_what_the_figure_means_in_three_languages():
    assert gini_sentence(0.42) == (
        "0.00 means every delegation spoke equally long; 1.00 that one delegation spoke alone. "
        "Here: 0.42 — speaking time was shared moderately unevenly."
    )
    assert gini_sentence(0.05, "ru").endswith("Здесь: 0,05 — время выступлений распределилось почти поровну.")
    assert gini_sentence(0.9, "kk").startswith("0,00 барлық делегация")
    assert "0,90" in gini_sentence(0.9, "kk")
    assert gini_sentence(1.0).endswith("concentrated in a few delegations.")
    assert gini_sentence(0.2, "fr").startswith("0.00 means")  # unknown language: English


def _intervention(speech_type="statement", language=None):
    at = dt.datetime(2014, 10, 7, 10, tzinfo=dt.timezone.utc)
    return SpeakerRequest(id="r", session_id="s", participant_id="p", status="spoken", requested_at=at,
                          speech_type=speech_type, language=language)


def test_interventions_counted_by_speech_type_with_every_type_listed():
    given = [_intervention("statement"), _intervention("question"), _intervention("statement")]
    assert count_by_speech_type(given) == [
        ("statement", 2), ("reply", 0), ("question", 1), ("point-of-order", 0),
    ]


def test_interventions_counted_by_language_unrecorded_ones_in_the_forum_default():
    given = [_intervention(language="ru"), _intervention(), _intervention(language="kk"),
             _intervention(language="fr"), _intervention(language="ru")]
    assert count_by_language(given, ["en", "ru", "kk"]) == [("en", 1), ("ru", 2), ("kk", 1), ("fr", 1)]
    assert count_by_language([_intervention()]) == [("", 1)]


def test_fairness_figures_from_the_demo_forum(demo_forum):
    from roundtable.store import floor, programme as programme_store

    store = demo_forum.store
    plenary = programme_store.find_session(store, "D2-PLEN")
    times = floor.speaking_times(store, [plenary.id])
    assert [p.name for p, _ in times] == ["Bagdat Mussin", "Vincenzo Aquaro", "Alikhan Baimenov"]
    assert times[0][1] == 400
    assert sum(s.share for s in shares_by_region(times)) == pytest.approx(1.0)
    assert 0.0 <= delegation_gini(floor.speaking_times(store)) < 1.0
    assert len(floor.interventions(store, [plenary.id])) == 3
    assert floor.speaking_times(store, []) == []
