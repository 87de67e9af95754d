"""Speaking-time statistics (domain/statistics.py): the one module the session screen, the
document and the CSV count through: shares by region, category, gender, speech type and language,
the Gini coefficient across delegations, per-person records, and the 3-second rule."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.domain import statistics
from roundtable.domain.models import Participant, SpeakerRequest
from roundtable.domain.statistics import (
    Intervention,
    Share,
    Timed,
    by_category,
    by_gender,
    by_language,
    by_region,
    by_speech_type,
    counted,
    counts,
    delegation,
    gini,
    per_person,
    seconds_by_delegation,
    totals,
)
from roundtable.domain.catalogue import catalogue

AT = dt.datetime(2014, 10, 7, 10, tzinfo=dt.timezone.utc)


def person(name, country=None, organisation=None, category="government", gender=None):
    return Participant(id=name, name=name, country=country, organisation=organisation, category=category,
                       gender=gender)


def timed(*pairs) -> list[Timed]:
    return [Timed(_intervention(), who, seconds) for who, seconds in pairs]


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
    times = timed((MINISTER_KZ, 300), (EXPERT_KZ, 100), (DELEGATE_IT, 400))
    assert seconds_by_delegation(times) == {"KZ": 400, "IT": 400}
    assert totals(times).gini == 0.0
    assert totals(times).delegations == 2 and totals(times).speakers == 3


def test_speaking_time_by_region_in_un_order_with_no_group_last():
    times = timed((DELEGATE_IT, 200), (MINISTER_KZ, 300), (DELEGATE_RU, 100), (OECD, 400), (EXPERT_KZ, 0))
    assert by_region(times) == [
        Share("asia-pacific", 2, 300, 0.3),
        Share("eastern-european", 1, 100, 0.1),
        Share("western-european-others", 1, 200, 0.2),
        Share(None, 1, 400, 0.4),
    ]


def test_the_screen_lists_silent_groups_the_document_leaves_them_out():
    times = timed((MINISTER_KZ, 300))
    assert [s.key for s in by_region(times)] == ["asia-pacific"]
    silent = by_region(times, silent=True)
    assert [s.key for s in silent] == ["african", "asia-pacific", "eastern-european", "latin-american-caribbean",
                                       "western-european-others"]
    assert [s.seconds for s in silent if s.key != "asia-pacific"] == [0, 0, 0, 0]
    assert [s.key for s in by_gender(times, silent=True)] == ["f", "m", "x"]


def test_speaking_time_by_category_and_gender():
    times = timed((MINISTER_KZ, 300), (EXPERT_KZ, 100), (DELEGATE_RU, 100), (OECD, 500))
    assert [(s.key, s.seconds) for s in by_category(times)] == [
        ("government", 300), ("international-organisation", 500), ("academia", 200),
    ]
    assert [(s.key, s.fraction) for s in by_gender(times)] == [("f", 0.2), ("m", 0.3), (None, 0.5)]


def test_nobody_spoke_gives_zero_shares_not_a_division_error():
    assert by_gender(timed((MINISTER_KZ, 0))) == [Share("m", 1, 0, 0.0)]
    assert by_region([]) == []


def test_gini_sentence_says_what_the_figure_means_in_three_languages():
    assert catalogue("en").gini_sentence(0.42) == (
        "0.00 means every delegation spoke equally long; 1.00 that one delegation spoke alone. "
        "Here: 0.42 — speaking time was shared moderately unevenly."
    )
    assert catalogue("ru").gini_sentence(0.05).endswith("Здесь: 0,05 — время выступлений распределилось почти поровну.")
    assert catalogue("kk").gini_sentence(0.9).startswith("0,00 барлық делегация")
    assert "0,90" in catalogue("kk").gini_sentence(0.9)
    assert catalogue("en").gini_sentence(1.0).endswith("concentrated in a few delegations.")


def _intervention(speech_type="statement", language=None, seconds=60, **fields):
    return SpeakerRequest(id="r", session_id="s", participant_id="p", status="spoken", requested_at=AT,
                          started_at=AT, ended_at=AT + dt.timedelta(seconds=seconds),
                          speech_type=speech_type, language=language, **fields)


def test_interventions_counted_by_speech_type():
    given = [Timed(_intervention(kind), MINISTER_KZ, 60) for kind in ("statement", "question", "statement")]
    assert [(s.key, s.interventions) for s in by_speech_type(given)] == [("statement", 2), ("question", 1)]


def test_interventions_counted_by_language_unrecorded_ones_in_the_forum_default():
    given = [Timed(_intervention(language=code), MINISTER_KZ, 60) for code in ("ru", None, "kk", "fr", "ru")]
    assert [(s.key, s.interventions) for s in by_language(given, ["en", "ru", "kk"])] == [
        ("en", 1), ("ru", 2), ("kk", 1), ("fr", 1),
    ]


def test_a_slip_of_the_finger_does_not_count_unless_noted_or_kept():
    slip = _intervention(seconds=1)
    assert not counts(slip, noted=False, now=AT)
    assert counts(slip, noted=True, now=AT)  # a note was linked to it: something was said
    assert counts(slip.model_copy(update={"kept": True}), noted=False, now=AT)
    assert counts(_intervention(seconds=3), noted=False, now=AT)
    running = slip.model_copy(update={"status": "speaking", "ended_at": None})
    assert counts(running, noted=False, now=AT + dt.timedelta(seconds=1))  # in progress: it counts
    deleted = _intervention(seconds=600).model_copy(update={"deleted_at": AT})
    assert not counts(deleted, noted=True, now=AT)


def test_a_corrected_duration_is_the_duration_everywhere():
    corrected = _intervention(seconds=1).model_copy(update={"corrected_seconds": 200.0})
    [item] = counted([Intervention(corrected, MINISTER_KZ)], AT)
    assert item.seconds == 200
    assert per_person([item])[MINISTER_KZ.id].seconds == 200


def test_per_person_records_add_up_a_speakers_interventions():
    times = timed((MINISTER_KZ, 300), (EXPERT_KZ, 100), (MINISTER_KZ, 50))
    records = per_person(times)
    assert records[MINISTER_KZ.id] == statistics.PersonRecord(2, 350)
    assert records[EXPERT_KZ.id] == statistics.PersonRecord(1, 100)


def test_fairness_figures_from_the_demo_forum(demo_forum):
    from roundtable.store import programme as programme_store
    from roundtable.store.outcome_reader import read_outcome

    record = read_outcome(demo_forum.store)
    plenary = programme_store.find_session(demo_forum.store, "D2-PLEN")
    given = counted([i for i in record.interventions if i.request.session_id == plenary.id], AT)
    assert [t.participant.name for t in given] == ["Bagdat Mussin", "Vincenzo Aquaro", "Alikhan Baimenov"]
    assert given[0].seconds == 400
    assert sum(s.fraction for s in by_region(given)) == pytest.approx(1.0)
    assert 0.0 <= totals(counted(record.interventions, AT)).gini < 1.0


# Issue 24 item 7: staff of an international organisation speak for their organisation, never for
# their nationality (the README's rule for the document): one rule here, read by the floor balance,
# the Gini and the interventions CSV alike.
AQUARO = Participant(id="aquaro", name="Vincenzo Aquaro", country="IT", organisation="UN DESA / DPADM",
                     category="international-organisation", gender="m")


def test_international_staff_speak_for_their_organisation_not_their_nationality():
    assert statistics.speaks_for_organisation(AQUARO) and statistics.represented_country(AQUARO) is None
    assert delegation(AQUARO) == "UN DESA / DPADM"
    times = timed((AQUARO, 300), (DELEGATE_IT, 300))
    assert seconds_by_delegation(times) == {"UN DESA / DPADM": 300, "IT": 300}  # not one Italian delegation
    assert totals(times).delegations == 2
    assert by_region(times) == [Share("western-european-others", 1, 300, 0.5), Share(None, 1, 300, 0.5)]
    weog = next(s for s in statistics.balance(times).by_region if s.key == "western-european-others")
    assert weog == Share("western-european-others", 1, 300, 0.5)  # the floor balance: one Italian, not two
    assert not statistics.speaks_for_organisation(DELEGATE_IT) and statistics.represented_country(DELEGATE_IT) == "IT"
    assert statistics.speaks_for_organisation(OECD)  # no country: their organisation too
