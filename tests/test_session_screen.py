"""The moderator's session screen, driven with real keys: the picker, the queue, the timer, resume."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.store import floor, floor_reads, open_store, roster
from roundtable.store import programme as programme_store
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.leave_dialog import LeaveDialog
from roundtable.tui.screens.programme import ProgrammeScreen
from roundtable.tui.screens.projector import ProjectorScreen
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.given_list import GivenList
from roundtable.tui.widgets.projector_view import ProjectorView
from roundtable.tui.widgets.speaker_timer import SpeakerTimer

from fake_clock import FakeClock
from floor_helpers import SIZE, add, keys


@pytest.fixture
def clock():
    """On the session's own day: the list's closing time and the forecast apply."""
    return FakeClock(dt.datetime(2014, 10, 7, 11, 0, tzinfo=dt.timezone.utc))


def queue_up(forum, code: str, clock, *names: str) -> None:
    """Requests made before the test's keys (as if from another terminal earlier)."""
    session = programme_store.find_session(forum.store, code)
    people = {p.name: p for p in roster.load_participants(forum.store)}
    for name in names:
        floor.request_floor(forum.store, session, people[name].id, clock())


def queue_names(app) -> list[str]:
    table = app.screen.query_one(FloorQueue)
    return table.column("speaker")


def db_queue(forum, code: str) -> list[str]:
    session = programme_store.find_session(forum.store, code)
    return [e.participant.name for e in floor_reads.floor_state(forum.store, session.id).queue]


def clock_text(app) -> str:
    timer = app.screen.query_one(SpeakerTimer)
    timer.tick()
    return timer.reading.text


async def test_picker_filters_the_roster_as_you_type(forum, clock):
    app = RoundtableApp(forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"kaz")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPickerScreen)
        matches = app.screen.query_one("#picker-matches")
        shown = [matches.row_text(key) for key in matches.keys]
        assert any("Bagdat Mussin" in s for s in shown) and any("Айгерим" in s for s in shown)
        assert not any("Hoda Baraka" in s for s in shown)
        await pilot.press("escape")  # escape closes the picker only
        assert isinstance(app.screen, SessionScreen)
        assert queue_names(app) == []


async def test_a_queues_the_highlighted_person_accents_and_case_ignored(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "mussin")
        await add(pilot, "ECOLE")
        assert queue_names(app) == ["H.E. Mr. Bagdat Mussin", "Ms. Marie-Claire Dubois"]
        assert db_queue(forum, "T2-2.2") == ["Bagdat Mussin", "Marie-Claire Dubois"]
        await add(pilot, "mussin")  # already waiting: not queued twice
        assert db_queue(forum, "T2-2.2") == ["Bagdat Mussin", "Marie-Claire Dubois"]


async def test_a_name_not_in_the_roster_is_added_on_the_spot_and_queued(forum, clock):
    before = roster.count_participants(forum.store)
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "Zhanar Omarova")
        assert queue_names(app) == ["Zhanar Omarova"]
    store = open_store(forum.store.path)
    try:
        assert roster.count_participants(store) == before + 1
        assert any(p.name == "Zhanar Omarova" for p in roster.load_participants(store))
    finally:
        store.close()


async def test_next_gives_the_floor_and_the_timer_warns_then_counts_overtime(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "muss")
        await add(pilot, "glid")
        await pilot.press("n")
        timer = app.screen.query_one(SpeakerTimer)
        assert timer.entry.participant.name == "Bagdat Mussin"
        assert clock_text(app) == "5:00"  # T2-2.2 gives five minutes
        clock.advance(275)
        assert clock_text(app) == "0:25"
        assert app.screen.query_one("#speaker-clock").has_class("-warning")
        clock.advance(37)
        assert clock_text(app) == "+0:12"
        assert app.screen.query_one("#speaker-clock").has_class("-overtime")
        await pilot.press("n")
        assert timer.entry.participant.name == "Julia Glidden"
        assert clock_text(app) == "5:00"
        given = app.screen.query_one(GivenList)
        assert given.column("speaker")[0] == "H.E. Mr. Bagdat Mussin"
        assert given.column("duration")[0] == "5:12 (+0:12)"
        assert queue_names(app) == []
        spoken = floor_reads.floor_state(forum.store, programme_store.find_session(forum.store, "T2-2.2").id).spoken
        assert [round(e.request.elapsed(clock())) for e in spoken] == [312]


async def test_space_pauses_and_resumes_the_timer(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        queue_up(forum, "T2-2.2", clock, "Bagdat Mussin")
        await pilot.press("n")
        clock.advance(60)
        await pilot.press("space")
        clock.advance(100)
        assert clock_text(app) == "4:00"
        assert app.screen.query_one(SpeakerTimer).reading.paused
        await pilot.press("space")
        clock.advance(30)
        assert clock_text(app) == "3:30"


async def test_x_withdraws_the_selected_entry_and_moves_reorder_it(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "muss")
        queue_up(forum, "T2-2.2", clock, "Julia Glidden", "Hannes Astok")
        await add(pilot, "albe")
        assert db_queue(forum, "T2-2.2") == ["Bagdat Mussin", "Julia Glidden", "Hannes Astok", "Adriana Alberti"]
        # the last one added is selected; move it up twice with shift+up, then down once with ]
        await pilot.press("shift+up", "shift+up", "right_square_bracket")
        assert db_queue(forum, "T2-2.2") == ["Bagdat Mussin", "Julia Glidden", "Adriana Alberti", "Hannes Astok"]
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert db_queue(forum, "T2-2.2") == ["Adriana Alberti", "Bagdat Mussin", "Julia Glidden", "Hannes Astok"]
        assert queue_names(app)[0] == "Ms. Adriana Alberti"
        table = app.screen.query_one(FloorQueue)
        assert table.cursor == 0
        assert table.column("reason")[0] == "moved by the chair"
        await pilot.press("down", "x")
        assert db_queue(forum, "T2-2.2") == ["Adriana Alberti", "Julia Glidden", "Hannes Astok"]
        assert [n.split()[-1] for n in queue_names(app)] == ["Alberti", "Glidden", "Astok"]


async def test_protocol_gives_the_minister_the_floor_first_and_o_interrupts_the_speaker(forum, clock):
    app = RoundtableApp(forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "glid")
        await add(pilot, "asto")
        await add(pilot, "muss")
        assert db_queue(forum, "D2-RT") == ["Bagdat Mussin", "Julia Glidden", "Hannes Astok"]
        table = app.screen.query_one(FloorQueue)
        assert table.column("reason")[0] == "protocol: minister"
        await pilot.press("n")
        clock.advance(60)
        await add(pilot, "albe", key="o")  # a point of order: Alberti has the floor at once
        timer = app.screen.query_one(SpeakerTimer)
        assert timer.entry.participant.name == "Adriana Alberti"
        assert timer.entry.request.speech_type == "point-of-order"
        assert [e.participant.name for e in timer.state.interrupted] == ["Bagdat Mussin"]
        lines = str(app.screen.query_one("#speaker-lines").render())
        assert "interrupted, 3:00 left: H.E. Mr. Bagdat Mussin resumes after the point of order" in lines
        assert db_queue(forum, "D2-RT") == ["Julia Glidden", "Hannes Astok"]  # the queue is untouched
        clock.advance(20)
        await add(pilot, "kerb", key="o")  # a point of order on the point of order stacks
        assert timer.entry.participant.name == "Richard Kerby"
        assert [e.participant.name for e in timer.state.interrupted] == ["Adriana Alberti", "Bagdat Mussin"]
        clock.advance(10)
        await pilot.press("n")  # Kerby done: Alberti resumes
        assert timer.entry.participant.name == "Adriana Alberti"
        clock.advance(10)
        await pilot.press("n")  # Alberti done: the minister resumes with his remaining time
        assert timer.entry.participant.name == "Bagdat Mussin"
        assert clock_text(app) == "3:00"
        clock.advance(30)
        await pilot.press("n")  # the minister done: the queue goes on
        assert timer.entry.participant.name == "Julia Glidden"
        session = programme_store.find_session(forum.store, "D2-RT")
        spoken = floor_reads.floor_state(forum.store, session.id, clock()).spoken
        minister = [e for e in spoken if e.participant.name == "Bagdat Mussin"]
        assert len(minister) == 1  # one intervention, in two parts: 60 s + 30 s
        assert minister[0].request.elapsed(clock()) == 90


async def test_first_speech_first_puts_those_who_have_spoken_last(forum, clock):
    app = RoundtableApp(forum.store, session_code="T1-1.1", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "asto")
        await pilot.press("n")
        clock.advance(40)
        await add(pilot, "glid")
        await add(pilot, "asto")
        await add(pilot, "albe")
        assert db_queue(forum, "T1-1.1") == ["Julia Glidden", "Adriana Alberti", "Hannes Astok"]
        table = app.screen.query_one(FloorQueue)
        assert (table.column("reason")[2], table.column("count")[2], table.column("spoken")[2]) == (
            "has spoken already", "1", "0:40")


async def test_fifo_keeps_the_order_of_request(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        for who in ("glid", "muss", "asto"):
            await add(pilot, who)
        assert db_queue(forum, "T2-2.2") == ["Julia Glidden", "Bagdat Mussin", "Hannes Astok"]
        assert app.screen.query_one(FloorQueue).column("reason")[1] == "order of request"


async def test_closing_and_reopening_resumes_speaker_elapsed_time_and_queue(forum, clock):
    path = forum.store.path
    app = RoundtableApp(forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        queue_up(forum, "D2-RT", clock, "Julia Glidden", "Bagdat Mussin", "Hannes Astok")
        await pilot.press("n")
        clock.advance(50)
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("space")
        clock.advance(10)
    # the app closed its store on exit, as after quitting or a crash; reopen the same file
    clock.advance(5)
    store = open_store(path)
    again = RoundtableApp(store, session_code="D2-RT", now=clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.query_one(SpeakerTimer).entry.participant.name == "Bagdat Mussin"
        assert clock_text(again) == "2:55"  # 4:00 - (50 + 10 + 5) s; the 30 s pause does not count
        assert queue_names(again) == ["Dr. Julia Glidden", "Mr. Hannes Astok"]
        await pilot.press("space")  # paused when the app is killed ...
    clock.advance(600)
    store = open_store(path)
    third = RoundtableApp(store, session_code="D2-RT", now=clock)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert clock_text(third) == "2:55"  # ... still paused, at the same second
        assert third.screen.query_one(SpeakerTimer).reading.paused


async def test_p_shows_the_projector_and_escape_returns_then_escape_goes_to_the_programme(forum, clock):
    app = RoundtableApp(forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        queue_up(forum, "D2-RT", clock, "Bagdat Mussin", "Adriana Alberti", "Julia Glidden", "Richard Kerby", "Hannes Astok")
        await pilot.press("n", "p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        view = app.screen.query_one(ProjectorView)
        assert str(view.query_one("#projector-speaker").content) == "H.E. Mr. Bagdat Mussin"
        assert str(view.query_one("#projector-country").content) == "Kazakhstan · in English"
        assert view.query_one("#projector-clock").value == "4:00"
        upcoming = str(view.query_one("#projector-next").content)
        assert "1. Ms. Adriana Alberti" in upcoming and "3." in upcoming and "4." not in upcoming
        await pilot.press("p")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("p", "escape")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape")  # someone has the floor: what happens to the clock?
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # stay
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("escape", "k")  # leave, the clock keeps running
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert floor_reads.floor_state(forum.store, programme_store.find_session(forum.store, "D2-RT").id).current


async def test_floor_balance_shows_shares_by_category_and_gender(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        queue_up(forum, "T2-2.2", clock, "Bagdat Mussin", "Julia Glidden")
        await pilot.press("n")
        clock.advance(90)
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("n")  # the queue is empty: Glidden's 30 s are closed, nobody speaks
        text = str(app.screen.query_one("#balance").content)
        assert "2:00 spoken" in text
        lines = {line.split()[0]: line for line in text.splitlines() if line}
        assert "govt 75%" in lines["category"] and "private 25%" in lines["category"]
        assert "academia 0%" in lines["category"]
        assert "women 25%" in lines["gender"] and "men 75%" in lines["gender"]
        # Mussin (KZ) and Glidden (US): Asia-Pacific and Western European and other States
        assert "Asia-Pacific 75%" in lines["region"] and "WEOG 25%" in lines["region"]
        assert "Africa 0%" in lines["region"]
        assert lines["Gini"].startswith("Gini 0.25 across 2 delegations")


async def test_two_terminals_see_each_others_changes_within_a_second(forum, clock):
    path = forum.store.path
    other_store = open_store(path)
    moderator = RoundtableApp(forum.store, session_code="D2-RT", now=clock)
    rapporteur = RoundtableApp(other_store, session_code="D2-RT", now=clock)
    async with moderator.run_test(size=SIZE) as mod, rapporteur.run_test(size=SIZE) as rap:
        await mod.pause()
        await rap.pause()
        await add(mod, "muss")
        await mod.press("n")
        for _ in range(20):  # at most one second
            await rap.pause(0.05)
            if rapporteur.screen.query_one(SpeakerTimer).entry is not None:
                break
        assert rapporteur.screen.query_one(SpeakerTimer).entry.participant.name == "Bagdat Mussin"
        await add(rap, "glid")
        for _ in range(20):
            await mod.pause(0.05)
            if queue_names(moderator):
                break
        assert queue_names(moderator) == ["Dr. Julia Glidden"]


async def test_a_thousand_people_and_a_hundred_waiting(forum, clock):
    from roundtable.domain.models import Participant

    crowd = [
        Participant(name=f"Delegate {i:04d}", country="KZ" if i % 2 else "FR", rank="expert", organisation="Org")
        for i in range(1000)
    ]
    roster.import_participants(forum.store, forum.forum.id, crowd)
    session = programme_store.find_session(forum.store, "T2-2.2")
    people = [p for p in roster.load_participants(forum.store) if p.name.startswith("Delegate")]
    for person in people[:100]:
        floor.request_floor(forum.store, session, person.id, clock())
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(FloorQueue).row_count == 100
        await pilot.press("a", *"kaz")
        await pilot.pause()
        matches = app.screen.query_one("#picker-matches")
        assert matches.row_count <= 31  # at most 30 people (+ the "add as new" line)
        await pilot.press(*"akh", "backspace", "backspace", "backspace", *" 0999", "enter")
        await pilot.pause()
        assert queue_names(app)[-1] == "Delegate 0999"
        await pilot.press("up", "x")
        assert queue_names(app)[-2:] == ["Delegate 0098", "Delegate 0999"]
        assert len(db_queue(forum, "T2-2.2")) == 100


async def test_f1_and_the_palette_list_the_session_keys(forum, clock):
    from roundtable.tui.screens.help import HelpScreen

    app = RoundtableApp(forum.store, session_code="D2-RT", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Add speaker", "Next", "Point of order", "Withdraw", "Pause", "Move up", "Projector"} <= set(titles)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Point of order" in app.screen.markdown and "shift+↑" in app.screen.markdown
