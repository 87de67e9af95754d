"""A terminal limited to a track (`open --track`, a venue key's `--rapporteur-track`) writes in that
track's sessions and recommendations and reads the rest: the programme, the session's banner and
header and `f1` say so; plenaries and the Forum's recommendations are read-only there too."""

from __future__ import annotations

from textual.widgets import Markdown

from roundtable.store import floor, notes, open_store, recommendations
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.help import HelpScreen
from roundtable.tui.screens.recommendations import RecommendationsScreen
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.tui.widgets.notes_list import NotesList

from floor_helpers import SIZE, keys, queue_up, session_of, state_of
from limits_helpers import recorded_notices, rows_at

T1_RAPPORTEUR = "This terminal is rapporteur T1's: it writes notes and recommendations in track T1's sessions."


def note_texts(forum, code: str) -> list[str]:
    with open_store(forum.store.path) as store:
        return [n.text for n in notes.session_notes(store, session_of(forum, code).id)]


async def open_session(pilot, app, code: str) -> SessionScreen:
    app.open_session(session_of_app(app, code))
    await pilot.pause()
    assert isinstance(app.screen, SessionScreen) and app.screen.session.code == code
    return app.screen


def session_of_app(app, code: str) -> str:
    from roundtable.store import programme

    return programme.find_session(app.store, code).id


async def test_a_t1_rapporteur_writes_in_t1_and_reads_t2_and_the_plenary(forum, clock):
    queue_up(forum, "T1-1.1", clock, "Bagdat Mussin")
    floor.next_speaker(forum.store, session_of(forum, "T1-1.1").id, clock())
    app = RoundtableApp(forum.store, now=clock, role="rapporteur", track="T1")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one("#forum-banner").render())
        assert "Rapporteur T1: writes in track T1 only; other sessions (dimmed) are read-only." in banner
        assert app.screen.sub_title == "Programme · read-only but T1 · rapporteur T1"

        screen = await open_session(pilot, app, "T1-1.1")  # its own track: the note line, focused
        assert isinstance(app.focused, NoteLine) and screen.sub_title == "T1-1.1 · rapporteur T1"
        await pilot.press(*keys("Trust is capital"), "enter")
        await pilot.pause()
        assert note_texts(forum, "T1-1.1") == ["Trust is capital"]

        before = rows_at(forum.store.path)
        for code in ("T2-2.1", "D2-PLEN"):  # another track's, and a plenary
            screen = await open_session(pilot, app, code)
            assert screen.sub_title == f"{code} · read-only · rapporteur T1"
            assert str(screen.query_one("#session-banner").render()).startswith("READ-ONLY here · ")
            assert not screen.query(NoteLine)  # nothing to type in
            notes_list = screen.query_one(NotesList)
            assert notes_list.has_focus and notes_list.note_count > 0  # their notes, to read
            assert notes_list.border_title == "Notes · read-only on this terminal"
            count = len(seen)
            await pilot.press("k", "d", "e", "s", "u", "i", "ctrl+r", "ctrl+z")
            await pilot.pause()
            assert seen[count:] == [T1_RAPPORTEUR] * 8
            assert isinstance(app.screen, SessionScreen)  # no prompt, no picker opened
            app.pop_screen()
            await pilot.pause()
        assert rows_at(forum.store.path) == before


async def test_a_t1_rapporteurs_recommendation_is_t1s_and_the_board_writes_t1s_only(forum, clock):
    app = RoundtableApp(forum.store, session_code="T1-1.2", now=clock, role="rapporteur", track="T1")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys("Measure trust in e-services"), "ctrl+r")
        await pilot.pause()
        mine = next(r for r in recommendations.load_recommendations(forum.store) if r.text == "Measure trust in e-services")
        assert mine.track_code == "T1"
        theirs = next(r for r in recommendations.load_recommendations(forum.store) if r.track_code == "T2")
        app.open_recommendations(theirs.id)
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        assert app.screen.sub_title == "Recommendations · rapporteur T1: writes track T1's only"
        await pilot.press("s", "e", "m", "shift+down")  # on T2's: refused
        await pilot.pause()
        assert seen[-4:] == [T1_RAPPORTEUR] * 4
        assert recommendations.get_recommendation(forum.store, theirs.id).status == theirs.status
        app.screen.focus_id = mine.id
        app.screen.reload()
        await pilot.pause()
        await pilot.press("s")  # on its own: agreed
        await pilot.pause()
        assert recommendations.get_recommendation(forum.store, mine.id).status == "agreed"
        await pilot.press("ctrl+z")  # and its own undo
        await pilot.pause()
        assert recommendations.get_recommendation(forum.store, mine.id).status == "proposed"


async def test_a_t1_moderator_moves_t1s_floor_and_not_t2s(forum, clock):
    queue_up(forum, "T1-1.1", clock, "Bagdat Mussin")
    queue_up(forum, "T2-2.2", clock, "Julia Glidden")
    app = RoundtableApp(forum.store, session_code="T2-2.2", now=clock, role="moderator", track="T1")
    seen = recorded_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.sub_title == "T2-2.2 · read-only · moderator T1"
        await pilot.press("n", "a", "c")
        await pilot.pause()
        assert seen == ["This terminal is moderator T1's: it moves the floor and corrects the given list and the "
                        "roster in track T1's sessions."] * 3
        assert state_of(forum, "T2-2.2", clock).current is None
        await pilot.press("escape")  # nobody has the floor there: nothing to ask
        await pilot.pause()
        await open_session(pilot, app, "T1-1.1")
        await pilot.press("n")
        await pilot.pause()
        assert state_of(forum, "T1-1.1", clock).current.participant.name == "Bagdat Mussin"


async def test_f1_says_whose_terminal_this_is_and_lists_what_it_may_not_do_here(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.1", now=clock, role="rapporteur")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "f1")  # from the notes list
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        own, _, refused = text.partition("## Not on this terminal")
        assert "This terminal is the rapporteur's: it writes notes and recommendations\\." in refused
        for description in ("Next", "Add speaker", "Withdraw", "Point of order", "Close/reopen list"):
            assert f"— {description}\n" in refused and f"— {description}\n" not in own
        assert "— Re-link" in own and "— Note\n" in own
        assert app.screen.query_one(Markdown)
    chair = RoundtableApp(open_store(forum.store.path), session_code="T2-2.1", now=clock)
    async with chair.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "Not on this terminal" not in chair.screen.markdown  # the chair may do everything here
