"""Where a request for the floor enters the queue under each policy, and the reason shown."""

from __future__ import annotations

from roundtable.domain.queue_policy import Candidate, place

EXPERT = Candidate(rank="expert")
MINISTER = Candidate(rank="minister")
AMBASSADOR = Candidate(rank="ambassador")
ORDER = Candidate(point_of_order=True)


def test_fifo_puts_everyone_at_the_end_in_order_of_request():
    queue = [MINISTER, EXPERT]
    assert place("fifo", AMBASSADOR, queue).index == 2
    assert place("fifo", AMBASSADOR, queue).reason == "order of request"


def test_protocol_puts_the_higher_rank_first_and_equal_ranks_in_order_of_request():
    queue = [MINISTER, AMBASSADOR, EXPERT]
    assert place("protocol", Candidate(rank="head-of-state"), queue).index == 0
    assert place("protocol", Candidate(rank="deputy-minister"), queue).index == 1
    placement = place("protocol", MINISTER, queue)
    assert placement.index == 1  # after the minister who asked first
    assert placement.reason == "protocol: minister"
    assert place("protocol", Candidate(rank="other"), queue).index == 3


def test_first_speech_first_puts_newcomers_before_those_who_have_spoken():
    spoke = Candidate(has_spoken=True)
    fresh = Candidate()
    queue = [fresh, spoke, spoke]
    placement = place("first-speech-first", fresh, queue)
    assert (placement.index, placement.reason) == (1, "first speech")
    again = place("first-speech-first", spoke, queue)
    assert (again.index, again.reason) == (3, "has spoken already")


def test_a_point_of_order_goes_to_the_head_after_earlier_points_of_order_whatever_the_policy():
    queue = [ORDER, MINISTER, EXPERT]
    for policy in ("fifo", "protocol", "first-speech-first", "balanced"):
        placement = place(policy, ORDER, queue)
        assert (placement.index, placement.reason) == (1, "point of order")
    # and nobody, however senior, goes before a pending point of order
    assert place("protocol", Candidate(rank="head-of-state"), queue).index == 1


def test_balanced_breaks_a_run_of_the_other_gender_within_first_speeches():
    man, woman = Candidate(gender="m"), Candidate(gender="f")
    assert place("balanced", woman, [man, man]).index == 1
    assert place("balanced", woman, [man]).index == 1
    assert place("balanced", man, [man, woman]).index == 2
    assert place("balanced", woman, [Candidate(gender="m", has_spoken=True)]).index == 0


def test_an_empty_queue_takes_anyone_at_the_head():
    for policy in ("fifo", "protocol", "first-speech-first", "balanced"):
        assert place(policy, EXPERT, []).index == 0
