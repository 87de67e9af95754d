"""What a terminal may not do, it cannot do, by any path (issue 22 item 2): for every role and every
action of the table of actions, its key is refused with one line and nothing is written; and the
paths that once slipped through (tab or a click to the given list and the queue, the palette, a
widget's message) hold as well."""

from __future__ import annotations

import pytest

from roundtable.domain import actions
from roundtable.domain.access import Actor
from roundtable.store import delegate_keys, floor, floor_requests, open_store, recommendations, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.delegate_link import DelegateLinkScreen
from roundtable.tui.screens.leave_dialog import LeaveDialog, UnattendedDialog
from roundtable.tui.screens.participant_form import ParticipantForm
from roundtable.tui.screens.participants import ParticipantsScreen, PeopleTable
from roundtable.tui.screens.recommendation_editor import RecommendationEditor
from roundtable.tui.screens.recommendations import RecommendationsScreen
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.floor_requests_strip import FloorRequestsStrip
from roundtable.tui.widgets.given_list import GivenList
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.tui.widgets.notes_list import NotesList

from floor_helpers import SIZE, keys, queue_up, session_of
from limits_helpers import recorded_notices, rows_at

CODE = "T2-2.1"  # the demo's sample: an intervention given, two notes; a T2 recommendation exists

TERMINALS = {
    "chair T1": Actor("chair", "T1"),
    "moderator": Actor("moderator"),
    "moderator T1": Actor("moderator", "T1"),
    "rapporteur": Actor("rapporteur"),
    "rapporteur T1": Actor("rapporteur", "T1"),
    "projector": Actor("projector"),
}


@pytest.fixture
def floor_in_t2(forum, clock):
    """T2-2.1 with someone on the floor and someone waiting, besides the sample's intervention; a
    request from a delegate's phone waiting for the moderator, and the speaker's personal link."""
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden", "Hannes Astok")
    session = session_of(forum, CODE)
    floor.next_speaker(forum.store, session.id, clock())
    people = {p.name: p.id for p in roster.load_participants(forum.store)}
    floor_requests.ask(forum.store, session, people["Hoda Baraka"], "question", clock())
    delegate_keys.link_of(forum.store, delegate_keys.load_secret(forum.store.path), people["Bagdat Mussin"], clock())
    return forum


def t2_recommendation(store):
    return next(r for r in recommendations.load_recommendations(store) if r.track_code == "T2")


# -- reaching each place of the table ------------------------------------------------------------


async def _session(pilot, app) -> SessionScreen:
    while not isinstance(app.screen, SessionScreen):
        app.pop_screen()
        await pilot.pause()
    return app.screen


async def on_screen(pilot, app):
    screen = await _session(pilot, app)
    screen.set_focus(None)  # the key reaches the screen's bindings
    await pilot.pause()
    return screen


def on_widget(kind):
    async def reach(pilot, app):
        screen = await _session(pilot, app)
        found = screen.query(kind)
        if not found:
            return None
        found.first().focus()
        await pilot.pause()
        return found.first()
    return reach


def on_dialog(make):
    async def reach(pilot, app):
        screen = await _session(pilot, app)
        dialog, then = make(app, screen)
        app.push_screen(dialog, then)
        await pilot.pause()
        return dialog
    return reach


def _leave(app, screen):
    def decided(choice):  # what the session screen does with the answer
        if choice == "suspend":
            floor.suspend_session(app.store, screen.session.id, app.now())
        elif choice == "end":
            floor.end_current(app.store, screen.session.id, app.now())
    return LeaveDialog("H.E. Mr. Bagdat Mussin"), decided


def _unattended(app, screen):
    request_id = screen.state.current.request.id

    def answered(counts):
        if counts is False:
            floor.uncount(app.store, request_id, 60, app.now())
    return UnattendedDialog("Does that time count?"), answered


def _editor(app, screen):
    rec = t2_recommendation(app.store)

    def edited(change):
        if change is not None:
            recommendations.update_recommendation(app.store, rec.id, change.text, change.addressed_to, app.now())
    return RecommendationEditor(rec, "2.1", []), edited


def _form(app, screen):
    person = screen.state.current.participant

    def saved(corrected):
        if corrected is not None:
            from roundtable.store import roster
            roster.update_participant(app.store, corrected, app.now())
    return ParticipantForm(f"Correct {person.name}", person), saved


def _link(app, screen):
    return DelegateLinkScreen(screen.state.current.participant, "http://127.0.0.1:8000"), None


async def on_board(pilot, app):
    await _session(pilot, app)
    app.push_screen(RecommendationsScreen(t2_recommendation(app.store).id))
    await pilot.pause()
    return app.screen


async def on_people(pilot, app):
    await _session(pilot, app)
    app.push_screen(ParticipantsScreen())
    await pilot.pause()
    app.screen.query_one(PeopleTable).focus()
    await pilot.pause()
    return app.screen


REACH = {
    "app": on_screen, "session": on_screen, "given list": on_widget(GivenList), "notes list": on_widget(NotesList),
    "note line": on_widget(NoteLine), "leave dialog": on_dialog(_leave), "unattended dialog": on_dialog(_unattended),
    "recommendations": on_board, "recommendation editor": on_dialog(_editor), "participants": on_people,
    "participant form": on_dialog(_form), "floor requests": on_widget(FloorRequestsStrip),
    "delegate link": on_dialog(_link),
}


@pytest.mark.parametrize("who", TERMINALS, ids=str)
async def test_every_action_this_terminal_may_not_run_is_refused_in_one_line_and_writes_nothing(
        floor_in_t2, clock, demo_dir, who):
    """Parametrised by terminal, walking the whole table: a new action is tried as soon as it is in
    it (and a new place fails here until the test knows how to reach it)."""
    actor = TERMINALS[who]
    app = RoundtableApp(floor_in_t2.store, session_code=CODE, now=clock, role=actor.role, track=actor.track)
    seen = recorded_notices(app)
    tried = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows_at(floor_in_t2.store.path)
        for place in actions.PLACES:
            refused = [row for row in actions.of_place(place) if row.keys and not row.allows(actor, "T2")]
            if not refused:
                continue
            assert place in REACH, f"the test cannot reach {place!r} yet"
            node = await REACH[place](pilot, app)
            if node is None:  # not on this terminal's screen at all: nothing there to press
                assert place in ("notes list", "note line"), f"{place} missing on {who}'s terminal"
                continue
            for row in refused:
                count = len(seen)
                await pilot.press(row.keys.split(",")[0])
                await pilot.pause()
                assert seen[count:] == [actor.refusal()], f"{place}: {row.invocation} ({who})"
                assert rows_at(floor_in_t2.store.path) == before, f"{place}: {row.invocation} wrote ({who})"
                tried.append(row.invocation)
    assert tried  # every terminal here is refused something
    assert list((demo_dir.parent / "exports").iterdir()) == []  # nor was a file written


# -- the paths that slipped through ----------------------------------------------------------------

RAPPORTEURS = "This terminal is the rapporteur's: it writes notes and recommendations."
# On the given list every one of these is a correction; on the queue, `x` and `t` are the screen's.
GIVEN_KEYS, QUEUE_KEYS = ("x", "delete", "s", "t", "l", "d", "k"), ("x", "t", "[", "]", "n", "space", "c", "a", "o")


async def test_a_rapporteur_tabs_to_the_given_list_and_the_queue_and_changes_nothing(floor_in_t2, clock):
    app = RoundtableApp(floor_in_t2.store, session_code=CODE, now=clock, role="rapporteur")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows_at(floor_in_t2.store.path)
        await pilot.press("escape")  # off the note line (a letter there is typed)
        for target, presses in ((GivenList, GIVEN_KEYS), (FloorQueue, QUEUE_KEYS)):
            for _ in range(12):
                if isinstance(app.focused, target):
                    break
                await pilot.press("tab")
            assert isinstance(app.focused, target), f"tab never reached the {target.__name__}"
            count = len(seen)
            await pilot.press(*presses)
            await pilot.pause()
            assert seen[count:] == [RAPPORTEURS] * len(presses), target.__name__
            assert isinstance(app.screen, SessionScreen)  # no picker, no prompt opened
        assert rows_at(floor_in_t2.store.path) == before


async def test_a_click_on_the_given_list_or_the_queue_then_a_key_changes_nothing(floor_in_t2, clock):
    app = RoundtableApp(floor_in_t2.store, session_code=CODE, now=clock, role="rapporteur")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows_at(floor_in_t2.store.path)
        for target, presses in ((GivenList, GIVEN_KEYS), (FloorQueue, QUEUE_KEYS)):
            assert await pilot.click(target, offset=(10, 1))
            await pilot.pause()
            assert isinstance(app.focused, target)
            count = len(seen)
            await pilot.press(*presses)
            await pilot.pause()
            assert seen[count:] == [RAPPORTEURS] * len(presses), target.__name__
        assert rows_at(floor_in_t2.store.path) == before


async def test_the_palette_offers_a_rapporteur_no_floor_action_and_runs_none(floor_in_t2, clock):
    chair = RoundtableApp(open_store(floor_in_t2.store.path), session_code=CODE, now=clock)
    async with chair.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offered_to_chair = {c.title for c in chair.get_system_commands(chair.screen)}
    floor_titles = {row.description for row in actions.of_place("session")
                    if "floor" in row.writes and row.name not in ("undo", "redo")}  # "Undo <what>"
    assert floor_titles <= offered_to_chair  # so that their absence below means something
    app = RoundtableApp(floor_in_t2.store, session_code=CODE, now=clock, role="rapporteur")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows_at(floor_in_t2.store.path)
        await pilot.press("escape")  # to the notes list: the palette lists its keys and the screen's
        offered = {c.title for c in app.get_system_commands(app.screen)}
        assert not offered & floor_titles and "Note" in offered and "Re-link" in offered
        assert not any(title.startswith("Undo next speaker") for title in offered)
        # What a palette entry does, run as it runs it (the palette calls run_action):
        for action in ("next_speaker", "withdraw", "toggle_list", "pause"):
            assert await app.run_action(action, app.screen)  # handled: refused
        await pilot.press("ctrl+p", *keys("Next"), "enter")  # typed in the palette: no such command
        await pilot.pause()
        assert rows_at(floor_in_t2.store.path) == before
        assert seen.count(RAPPORTEURS) == 4


async def test_a_given_lists_message_corrects_nothing_and_the_store_holds_below_the_screen(floor_in_t2, clock):
    app = RoundtableApp(floor_in_t2.store, session_code=CODE, now=clock, role="rapporteur")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows_at(floor_in_t2.store.path)
        given = app.screen.query_one(GivenList)
        request_id = given.keys[0]
        for what in ("delete", "speaker", "keep", "duration"):  # as if a widget posted it, no key at all
            given.post_message(GivenList.Correct(given, what, request_id))
            await pilot.pause()
        assert isinstance(app.screen, SessionScreen)  # no picker, no prompt
        assert seen == [RAPPORTEURS] * 4
        # and were the screen to call the store anyway, the store refuses it: nothing written
        from roundtable.domain.access import Refused

        with pytest.raises(Refused, match="rapporteur's"):
            floor.delete_intervention(app.store, request_id, clock())
        with pytest.raises(Refused):
            floor.next_speaker(app.store, app.screen.session.id, clock())
    assert rows_at(floor_in_t2.store.path) == before
