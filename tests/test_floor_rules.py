"""The rules behind the session screen: the timer reading, the floor balance, the roster search."""

from __future__ import annotations

import datetime as dt

from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain import statistics
from roundtable.domain.models import Participant, SpeakerRequest
from roundtable.domain.roster_search import RosterIndex
from roundtable.domain.timer import read_timer

T0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def speaking(limit: int = 240, **fields) -> SpeakerRequest:
    return SpeakerRequest(
        id="r", session_id="s", participant_id="p", status="speaking", requested_at=T0, started_at=T0,
        limit_seconds=limit, **fields,
    )


def test_timer_counts_down_then_warns_then_counts_overtime_up():
    request = speaking()
    assert (read_timer(request, at(0)).text, read_timer(request, at(0)).phase) == ("4:00", "running")
    assert read_timer(request, at(0.4)).text == "4:00"  # the second in progress is still shown
    assert (read_timer(request, at(209)).text, read_timer(request, at(209)).phase) == ("0:31", "running")
    assert (read_timer(request, at(210)).text, read_timer(request, at(210)).phase) == ("0:30", "warning")
    assert read_timer(request, at(240)).phase == "warning"
    over = read_timer(request, at(252))
    assert (over.text, over.phase, over.caption) == ("+0:12", "overtime", "over time")


def test_paused_time_is_not_speaking_time():
    request = speaking(paused_at=at(60), paused_seconds=30)
    reading = read_timer(request, at(500))
    assert reading.paused and reading.text == "3:30"
    assert read_timer(None, at(0)).phase == "idle"


def entry(name, category, gender, seconds) -> FloorEntry:
    person = Participant(id=name, name=name, category=category, gender=gender)
    request = SpeakerRequest(
        id=name, session_id="s", participant_id=name, status="spoken", requested_at=T0,
        started_at=T0, ended_at=at(seconds),
    )
    return FloorEntry(request, person)


def test_floor_balance_shares_speaking_time_by_category_and_gender_silent_ones_included():
    state = FloorState(
        spoken=[entry("a", "government", "m", 180), entry("b", "government", "m", 60), entry("c", "academia", "f", 120)],
        current=FloorEntry(speaking(), Participant(id="d", name="d", category="civil-society")),
    )
    balance = statistics.balance(statistics.counted(state.given, at(60)))
    assert balance.totals.seconds == 420
    shares = {s.key: s for s in balance.by_category}
    assert shares["government"].seconds == 240 and round(shares["government"].fraction, 3) == round(240 / 420, 3)
    assert shares["civil-society"].seconds == 60
    assert shares["private-sector"].seconds == 0  # silent voices are listed, with nothing
    genders = {s.key: s.seconds for s in balance.by_gender}
    assert genders == {"f": 120, "m": 240, "x": 0, None: 60}


def test_floor_balance_of_a_silent_session_is_all_zero():
    balance = statistics.balance(statistics.counted(FloorState().given, T0))
    assert balance.totals.seconds == 0
    assert all(s.fraction == 0 for s in balance.by_category + balance.by_gender)


ROSTER = [
    Participant(id="1", name="Bagdat Mussin", country="KZ", organisation="Government of Kazakhstan"),
    Participant(id="2", name="Marie-Claire Dubois", country="FR", organisation="École nationale d'administration"),
    Participant(id="3", name="Айгерим Жумабаева", country="KZ", organisation="Ministry of Investment and Development"),
    Participant(id="4", name="Julia Glidden", country="GB", organisation="21c Consultancy"),
    Participant(id="5", name="Jean-Luc Moreau", country="FR", organisation="Embassy of France in Kazakhstan"),
]


def names(result) -> list[str]:
    return [p.name for p in result.matches]


def test_roster_search_by_name_country_and_organisation_without_case_or_accents():
    index = RosterIndex(ROSTER)
    assert names(index.search("mussin")) == ["Bagdat Mussin"]
    assert names(index.search("ECOLE")) == ["Marie-Claire Dubois"]
    assert set(names(index.search("kaz"))) == {"Bagdat Mussin", "Айгерим Жумабаева", "Jean-Luc Moreau"}
    # The organisation ("Embassy of France in Kazakhstan") before the country (France)
    assert names(index.search("france")) == ["Jean-Luc Moreau", "Marie-Claire Dubois"]
    assert names(index.search("gb")) == ["Julia Glidden"]
    # The Russian country name, read in any script: the organisations that name Kazakhstan first
    # (Mussin's government, Moreau's embassy), then Жумабаева, of Kazakhstan.
    assert names(index.search("казахстан")) == ["Bagdat Mussin", "Jean-Luc Moreau", "Айгерим Жумабаева"]
    assert names(index.search("айгер")) == ["Айгерим Жумабаева"]
    assert names(index.search("nobody")) == []


def test_names_are_found_in_any_script():
    roster = [
        Participant(id="1", name="Мусин Бағдат"), Participant(id="2", name="Hoda Барака"),
        Participant(id="3", name="Айгүл Нұрланқызы"), Participant(id="4", name="Olga Dobrolyubova"),
        Participant(id="5", name="Ерлан Хасенов"), Participant(id="6", name="Bagdat Mussin"),
    ]
    index = RosterIndex(roster)
    assert names(index.search("musin")) == ["Мусин Бағдат", "Bagdat Mussin"]
    assert names(index.search("baraka")) == ["Hoda Барака"]
    assert names(index.search("aigul")) == ["Айгүл Нұрланқызы"]
    assert names(index.search("Добролюбова")) == ["Olga Dobrolyubova"]
    assert names(index.search("dobro")) == ["Olga Dobrolyubova"]
    assert names(index.search("yerlan khasenov")) == ["Ерлан Хасенов"]
    assert names(index.search("Мусин")) == ["Мусин Бағдат", "Bagdat Mussin"]  # the other way round
    assert names(index.search("baghdat")) == ["Мусин Бағдат", "Bagdat Mussin"]


def test_roster_search_puts_name_matches_first_and_caps_the_list():
    index = RosterIndex(ROSTER)
    # "jul" is in Julia's name and in no other field; "mo" starts Moreau's name, and is inside others
    assert names(index.search("mo"))[0] == "Jean-Luc Moreau"
    crowd = RosterIndex(Participant(id=str(i), name=f"Delegate {i:04d}", country="KZ") for i in range(1000))
    result = crowd.search("kaz", limit=50)
    assert (len(result.matches), result.total) == (50, 1000)
    assert crowd.knows_name("delegate 0007") and not crowd.knows_name("Delegate 7")


def test_the_previous_speaker_is_the_intervention_that_ended_last():
    """Issue 24 item 1: a rule of the domain, not an ORDER BY: the intervention that stopped last
    (ended, or interrupted by a point of order), whatever the order they started in."""
    from roundtable.domain.floor_moves import previous_intervention

    t = dt.datetime(2014, 10, 7, 9, tzinfo=dt.timezone.utc)

    def given(rid, status, start, end=None, interrupted=None):
        return SpeakerRequest(id=rid, session_id="s", participant_id=rid, status=status, requested_at=t,
                              started_at=t + dt.timedelta(minutes=start), limit_seconds=60,
                              ended_at=end and t + dt.timedelta(minutes=end),
                              interrupted_at=interrupted and t + dt.timedelta(minutes=interrupted))

    baraka = given("baraka", "spoken", 0, end=5)
    astok = given("astok", "spoken", 1, end=2)
    glidden = given("glidden", "speaking", 5)
    assert previous_intervention([astok, baraka, glidden]).id == "baraka"
    assert previous_intervention([given("baraka", "interrupted", 0, interrupted=1), given("astok", "speaking", 1)]
                                 ).id == "baraka"
    assert previous_intervention([glidden]) is None
    assert previous_intervention([baraka.model_copy(update={"deleted_at": t}), astok]).id == "astok"


def test_a_point_of_order_runs_on_its_own_limit(forum, clock):
    """Issue 24 item 3: `o` gives a point of order the session's point_of_order_time (1 minute by
    default), not the 4 minutes of a statement; `t` making a request one does too, and back."""
    from roundtable.store import floor, floor_reads, programme as programme_store, roster

    store = forum.store
    session = programme_store.find_session(store, "D2-RT")
    people = {p.name: p for p in roster.load_participants(store)}
    floor.request_floor(store, session, people["Hoda Baraka"].id, clock())
    queued = floor.request_floor(store, session, people["Julia Glidden"].id, clock())
    floor.next_speaker(store, session.id, clock())
    point = floor.raise_point_of_order(store, session, people["Hannes Astok"].id, clock()).request
    assert (session.speaking_time, point.limit_seconds) == (240, 60)
    state = floor_reads.floor_state(store, session.id, clock())
    assert read_timer(state.current.request, clock()).text == "1:00"
    floor.set_speech_type(store, queued.id, "point-of-order", clock())
    assert floor_reads.floor_state(store, session.id, clock()).queue[0].request.limit_seconds == 60
    floor.set_speech_type(store, queued.id, "reply", clock())
    assert floor_reads.floor_state(store, session.id, clock()).queue[0].request.limit_seconds == 240
