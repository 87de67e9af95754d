"""The moderator stays in charge (issue 28 item 2): requests from delegates' phones reach the session
screen's strip marked "from the floor"; `f` goes to it, `enter` accepts, `x` declines; a point of
order is flagged first and takes the floor when accepted; ctrl+z undoes the moderator's answer."""

from __future__ import annotations

from roundtable.domain.access import Actor
from roundtable.store import floor_requests, open_store, roster
from roundtable.store import programme as programme_store
from roundtable.tui.app import RoundtableApp
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.floor_requests_strip import FloorRequestsStrip

from floor_helpers import SIZE, notices, queue_up, state_of
from waiting import until

CODE = "T2-2.2"


def phone_asks(forum, name: str, speech_type: str, clock) -> str:
    """A delegate's phone asks, on a connection of its own (the venue server's), as that delegate."""
    with open_store(forum.store.path) as store:
        person = next(p for p in roster.load_participants(store) if p.name == name)
        store.actor = Actor("delegate", participant_id=person.id)
        session = programme_store.find_session(store, CODE)
        return floor_requests.ask(store, session, person.id, speech_type, clock(), terminal=f"{name}'s phone").id


async def test_the_moderator_accepts_one_request_from_the_floor_and_declines_another(forum, clock):
    queue_up(forum, CODE, clock, "Hoda Baraka")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="moderator")
    async with app.run_test(size=SIZE) as pilot:
        strip = app.screen.query_one(FloorRequestsStrip)
        assert not strip.display
        phone_asks(forum, "Ana Souza", "question", clock)
        await until(lambda: strip.row_count == 1, "the request in the strip", pilot=pilot)
        assert strip.display and strip.column("speaker") == ["Ms. Ana Souza"] and strip.column("kind") == ["question"]
        assert "From the floor: Ms. Ana Souza asks (question)." in notices(app)
        declined = phone_asks(forum, "Andrei Popescu", "statement", clock)
        await until(lambda: strip.row_count == 2, "the second request", pilot=pilot)
        await pilot.press("f")
        assert app.focused is strip
        await pilot.press("enter")  # Ana Souza, the first asked
        await pilot.pause()
        queue = app.screen.query_one(FloorQueue)
        assert queue.column("speaker") == ["H.E. Dr. Hoda Baraka", "Ms. Ana Souza · from the floor"]
        assert strip.row_count == 1
        await pilot.press("x")  # Andrei Popescu's
        await pilot.pause()
        assert not strip.display and app.focused is queue
        assert "Mr. Andrei Popescu's request declined; their phone says so (ctrl+z undoes)." in notices(app)
        await pilot.press("ctrl+z")  # the decline is the moderator's: undone, back in the strip
        await pilot.pause()
        assert strip.column("speaker") == ["Mr. Andrei Popescu"]
    with open_store(forum.store.path) as store:
        assert floor_requests.load_ask(store, declined).status == "waiting"
    assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["Hoda Baraka", "Ana Souza"]


async def test_a_point_of_order_from_the_floor_is_flagged_first_and_takes_the_floor(forum, clock):
    queue_up(forum, CODE, clock, "Hoda Baraka")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="moderator")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # Hoda Baraka speaks
        phone_asks(forum, "Andrei Popescu", "statement", clock)
        clock.advance(5)
        phone_asks(forum, "Ana Souza", "point-of-order", clock)
        strip = app.screen.query_one(FloorRequestsStrip)
        await until(lambda: strip.row_count == 2, "both requests", pilot=pilot)
        assert strip.column("kind") == ["POINT OF ORDER", "statement"]
        assert "POINT OF ORDER" in str(app.screen.query_one("#floor-strip-title").render())
        assert any(n.startswith("Point of order from the floor: Ms. Ana Souza") for n in notices(app))
        await pilot.press("f", "enter")
        await pilot.pause()
    state = state_of(forum, CODE, clock)
    assert state.current.participant.name == "Ana Souza" and state.current.request.speech_type == "point-of-order"
    assert [e.participant.name for e in state.interrupted] == ["Hoda Baraka"]


async def test_a_rapporteur_sees_the_strip_but_cannot_answer_it(forum, clock):
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="rapporteur")
    async with app.run_test(size=SIZE) as pilot:
        asked = phone_asks(forum, "Ana Souza", "question", clock)
        strip = app.screen.query_one(FloorRequestsStrip)
        await until(lambda: strip.row_count == 1, "the request in the strip", pilot=pilot)
        strip.focus()
        await pilot.press("enter")
        await pilot.pause()
    with open_store(forum.store.path) as store:
        assert floor_requests.load_ask(store, asked).status == "waiting"
