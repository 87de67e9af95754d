"""The chair sees whether the list of speakers fits in the time left, and who will not be reached."""

from __future__ import annotations

import datetime as dt

from roundtable.domain import clock
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.forecast import floor_forecast, forecast
from roundtable.domain.models import Participant, Session, SpeakerRequest

NOW = dt.datetime(2014, 10, 7, 10, 0, tzinfo=dt.timezone.utc)


def minutes(m: float) -> dt.datetime:
    return NOW + dt.timedelta(minutes=m)


def test_a_list_that_fits():
    f = forecast([180, 180], 60, NOW, minutes(30))
    assert f.needed_seconds == 420
    assert f.left_seconds == 1800
    assert f.first_unreached is None and f.first_cut_short is None
    assert f.fits and f.overrun_seconds == 0
    assert f.done_at == minutes(7)


def test_the_first_request_that_would_start_after_the_end_is_marked():
    # 2 min left for the current speaker, then 4 x 4 min; the session ends in 12 min.
    f = forecast([240, 240, 240, 240], 120, NOW, minutes(12))
    # Starts at 2, 6, 10, 14 min: the third starts in time but cannot finish, the fourth never starts.
    assert f.first_cut_short == 2
    assert f.first_unreached == 3
    assert f.overrun_seconds == 18 * 60 - 12 * 60


def test_a_request_starting_exactly_at_the_end_is_not_reached():
    f = forecast([300, 300], None, NOW, minutes(5))
    assert f.first_unreached == 1
    assert f.first_cut_short is None


def test_a_current_speaker_over_time_is_assumed_to_stop_now():
    f = forecast([300], -95, NOW, minutes(5))
    assert f.needed_seconds == 300
    assert f.fits


def test_an_empty_queue_needs_only_the_current_speakers_time():
    assert forecast([], 90, NOW, minutes(1)).needed_seconds == 90
    f = forecast([], None, NOW, minutes(10))
    assert f.needed_seconds == 0 and f.first_unreached is None and f.done_at == NOW


def test_a_session_already_over_reaches_nobody():
    f = forecast([120, 120], 30, NOW, minutes(-5))
    assert f.left_seconds == -300
    assert f.first_unreached == 0
    assert f.first_cut_short is None
    assert f.overrun_seconds == 270


def test_forecast_from_the_floor_state_and_the_programme_times():
    session = Session(id="s", code="D2-RT", title="Round-table", kind="round-table",
                      date=dt.date(2014, 10, 7), start=dt.time(15), end=dt.time(17), speaking_time=240)
    now = clock.at_venue(session.date, dt.time(16, 50))
    kz = Participant(id="p", name="Mussin")

    def entry(status, started=None):
        return FloorEntry(SpeakerRequest(id=status, session_id="s", participant_id="p", status=status,
                                         requested_at=now, started_at=started, limit_seconds=240), kz)

    state = FloorState(current=entry("speaking", started=now - dt.timedelta(minutes=1)),
                       queue=[entry("queued"), entry("queued"), entry("queued")])
    f = floor_forecast(state, session, now)
    assert f.left_seconds == 600
    assert f.needed_seconds == 180 + 3 * 240
    assert (f.first_cut_short, f.first_unreached) == (1, 2)


def test_the_forecast_keeps_the_time_a_point_of_order_interrupted():
    """Issue 24 item 2: 3 queued at 7:00, Baraka with 6:55 left: "needs 27:55". After `o`, the point
    of order's own time, Baraka's 6:55 still owed, then 21:00; the delegates' expected turns too."""
    from roundtable.domain import floor_moves
    from roundtable.domain.forecast import expected_starts

    session = Session(id="s", code="D2-RT", title="Round-table", kind="round-table",
                      date=dt.date(2014, 10, 7), start=dt.time(15), end=dt.time(17), speaking_time=420)
    now = clock.at_venue(session.date, dt.time(15, 30))
    person = Participant(id="p", name="Baraka")

    def request(rid, status="queued", started=None, limit=420):
        return SpeakerRequest(id=rid, session_id="s", participant_id="p", status=status, requested_at=now,
                              started_at=started, limit_seconds=limit)

    baraka = request("baraka", "speaking", now - dt.timedelta(seconds=5))
    queue = [FloorEntry(request(f"q{i}"), person) for i in range(3)]
    before = floor_forecast(FloorState(current=FloorEntry(baraka, person), queue=queue), session, now)
    assert before.needed_seconds == 415 + 3 * 420
    interrupted, point = floor_moves.raise_point_of_order(baraka, request("astok", limit=60), now)
    state = FloorState(current=FloorEntry(point, person), interrupted=[FloorEntry(interrupted, person)], queue=queue)
    after = floor_forecast(state, session, now)
    assert after.needed_seconds == 60 + 415 + 3 * 420
    assert expected_starts(state, now)["q0"] == now + dt.timedelta(seconds=60 + 415)
