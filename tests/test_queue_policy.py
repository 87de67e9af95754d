"""Where a new request goes under each policy, and the reason the chair can read out."""

from __future__ import annotations

from roundtable.domain.queue_policy import Candidate, Placement, place


def c(gender=None, spoken=False, rank="other", poo=False) -> Candidate:
    return Candidate(rank=rank, gender=gender, has_spoken=spoken, point_of_order=poo)


def test_balanced_empty_queue_first_speech():
    assert place("balanced", c("f"), []) == Placement(0, "first speech")


def test_balanced_alternates_behind_the_first_man_who_asked():
    queue = [c("m"), c("m"), c("m")]
    assert place("balanced", c("f"), queue) == Placement(1, "first speech; balance: alternates f/m")


def test_balanced_never_overtakes_someone_of_the_same_gender():
    # m1 m2 f1 m3 m4: a second woman goes after f1 and one man, not before f1.
    queue = [c("m"), c("m"), c("f"), c("m"), c("m")]
    assert place("balanced", c("f"), queue) == Placement(4, "first speech; balance: alternates f/m")


def test_balanced_already_alternating_list_takes_the_newcomer_at_the_end():
    queue = [c("m"), c("f"), c("m")]
    assert place("balanced", c("m"), queue) == Placement(3, "first speech")
    assert place("balanced", c("f"), queue) == Placement(3, "first speech")


def test_balanced_first_time_speakers_go_before_those_who_have_spoken():
    queue = [c("m"), c("m", spoken=True), c("f", spoken=True)]
    assert place("balanced", c("m"), queue) == Placement(1, "first speech")
    # A woman's first speech: after the first man (alternation), still before those who spoke.
    assert place("balanced", c("f"), queue) == Placement(1, "first speech")


def test_balanced_someone_who_has_spoken_waits_behind_first_speeches_but_may_alternate():
    queue = [c("f"), c("m", spoken=True), c("m", spoken=True)]
    assert place("balanced", c("f", spoken=True), queue) == Placement(
        2, "has spoken already; balance: alternates f/m"
    )
    assert place("balanced", c("m", spoken=True), queue) == Placement(3, "has spoken already")


def test_balanced_unknown_gender_neither_overtakes_nor_is_overtaken_for_balance():
    queue = [c("m"), c(None), c("m")]
    assert place("balanced", c(None), queue) == Placement(3, "first speech")
    # The woman may not pass the person whose gender is not recorded, but alternates after them.
    assert place("balanced", c("f"), queue) == Placement(3, "first speech")


def test_balanced_points_of_order_stay_at_the_head():
    queue = [c("m", poo=True), c("m"), c("m")]
    assert place("balanced", c("f"), queue) == Placement(2, "first speech; balance: alternates f/m")
    assert place("balanced", c("f", poo=True), queue) == Placement(1, "point of order")


def test_balanced_non_binary_speaker_alternates_too():
    queue = [c("f"), c("f")]
    assert place("balanced", c("x"), queue) == Placement(1, "first speech; balance: alternates f/x")


def test_other_policies_keep_their_reasons():
    queue = [c("m", rank="expert"), c("f", rank="expert")]
    assert place("protocol", c(rank="minister"), queue) == Placement(0, "protocol: minister")
    assert place("fifo", c(), queue) == Placement(2, "order of request")
    assert place("first-speech-first", c(), [c(spoken=True)]) == Placement(0, "first speech")
