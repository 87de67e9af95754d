"""The rapporteur on the session screen: `i`, type, `enter` -- the note lands on the speaker who
has the floor; `ctrl+r` files it as a recommendation; a draft survives a killed app."""

from __future__ import annotations

from fake_clock import FakeClock
from rapporteur_helpers import T0, give_floor

from roundtable.store import notes, programme
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.track_picker import TrackPicker
from roundtable.tui.widgets.attribution_banner import AttributionBanner
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.tui.widgets.notes_list import NotesList
from roundtable.workspace import open_forum


async def type_text(pilot, text: str) -> None:
    # One key per character is slow (~70 ms); the Input takes pasted text the same way typing does.
    pilot.app.focused.insert_text_at_cursor(text)
    await pilot.pause()


async def test_notes_go_to_the_speaker_with_the_floor_and_the_line_stays_focused(demo_forum):
    store = demo_forum.store
    speech = give_floor(store, "T2-2.2", "Hoda Baraka")
    app = RoundtableApp(store, session_code="T2-2.2", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("i")
        assert isinstance(app.focused, NoteLine)
        await type_text(pilot, "!Clear procurement rules close the gap")
        await pilot.press("enter")
        assert isinstance(app.focused, NoteLine) and app.focused.value == ""
        await pilot.press("p", "p", "p", "enter")
        session = programme.find_session(store, "T2-2.2")
        rows = store.query("SELECT text, intervention_id, key_point FROM notes WHERE session_id = ? ORDER BY created_at", (session.id,))
        assert [tuple(r) for r in rows] == [
            ("Clear procurement rules close the gap", speech.id, 1),
            ("ppp", speech.id, 0),
        ]
        shown = app.screen.query_one(NotesList).note_text(0)
        assert "Hoda Baraka" in shown and "★" in shown
        await pilot.press("escape")
        assert not isinstance(app.focused, NoteLine)
        assert app.screen.session.code == "T2-2.2"  # escape left the line, not the session


async def test_notes_list_keys_mark_edit_delete_and_undo(demo_forum):
    store = demo_forum.store
    session = programme.find_session(store, "T2-2.2")
    notes.take_note(store, session.id, "First", FakeClock(T0, tick=1)())
    app = RoundtableApp(store, session_code="T2-2.2", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("i", "up")
        assert isinstance(app.focused, NotesList)
        await pilot.press("k")
        assert notes.session_notes(store, session.id)[0].key_point
        await pilot.press("e")
        await pilot.press("end", "!", "enter")
        assert notes.session_notes(store, session.id)[0].text == "First!"
        await pilot.press("d")
        assert notes.session_notes(store, session.id) == []
        assert app.screen.query_one(NotesList).note_count == 0
        await pilot.press("u")
        assert [n.text for n in notes.session_notes(store, session.id)] == ["First!"]


async def test_ctrl_r_files_a_recommendation_for_the_session_track(demo_forum):
    store = demo_forum.store
    speech = give_floor(store, "T2-2.2", "Pavel Tkach")
    app = RoundtableApp(store, session_code="T2-2.2", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Build a single national portal")
        await pilot.press("ctrl+r")
        assert app.focused.value == ""
        rec = store.query_one("SELECT * FROM recommendations WHERE text = 'Build a single national portal'")
        assert rec["track_code"] == "T2" and rec["session_id"] == programme.find_session(store, "T2-2.2").id
        note = store.query_one("SELECT * FROM notes WHERE text = 'Build a single national portal'")
        assert note["intervention_id"] == speech.id
        source = store.query_one("SELECT * FROM recommendation_sources WHERE recommendation_id = ?", (rec["id"],))
        assert (source["note_id"], source["intervention_id"]) == (note["id"], speech.id)


async def test_ctrl_r_asks_for_the_track_when_the_session_has_none(demo_forum):
    store = demo_forum.store
    app = RoundtableApp(store, session_code="D2-PLEN", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Measure trust in e-services")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, TrackPicker)
        await pilot.press("down", "down", "down", "enter")  # the third track, after the forum as a whole
        await pilot.pause()
        assert isinstance(app.focused, NoteLine) and app.focused.value == ""
        rec = store.query_one("SELECT track_code FROM recommendations WHERE text = 'Measure trust in e-services'")
        assert rec["track_code"] == "T3"


async def test_the_draft_survives_a_killed_app(demo_dir):
    first = open_forum(demo_dir / "gegf-2014.toml")
    app = RoundtableApp(first.store, session_code="T1-1.1", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Half a thought about Қазақстан")
        await pilot.pause(0.5)  # the debounce has written it; nothing else has
        again = open_forum(demo_dir / "gegf-2014.toml")  # another process would see the same
        session = programme.find_session(again.store, "T1-1.1")
        key = f"{session.id}:{app.draft_key_suffix}"  # kept per terminal (role and host)
        assert again.store.query_one("SELECT text FROM drafts WHERE key = ?", (key,))[0] == (
            "Half a thought about Қазақстан"
        )
    app2 = RoundtableApp(again.store, session_code="T1-1.1", now=FakeClock(T0, tick=1))
    async with app2.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app2.screen.query_one(NoteLine).value == "Half a thought about Қазақстан"
        await pilot.press("i", "end", "!")
        await pilot.press("escape")  # leaving the line writes at once, no debounce
        third = open_forum(demo_dir / "gegf-2014.toml")
        assert third.store.query_one("SELECT text FROM drafts")[0] == "Half a thought about Қазақстан!"
        third.store.close()


async def test_leaving_the_session_keeps_the_draft_too(demo_forum):
    store = demo_forum.store
    app = RoundtableApp(store, session_code="T1-1.1", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "typed just now")
        app.pop_screen()  # at once, before the debounce fires
        await pilot.pause()
        assert store.query_one("SELECT text FROM drafts")[0] == "typed just now"


async def test_chatham_house_and_off_record_sessions_show_their_banner(demo_forum):
    app = RoundtableApp(demo_forum.store, session_code="D2-RT")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(AttributionBanner)
        assert banner.display and "Chatham House" in str(banner.render())
        await pilot.press("escape")
        app.open_session(programme.find_session(demo_forum.store, "D1-HOD").id)
        await pilot.pause()
        banner = app.screen.query_one(AttributionBanner)
        assert "nothing from this session will be exported" in str(banner.render())
        await pilot.press("escape")
        app.open_session(programme.find_session(demo_forum.store, "T1-1.1").id)
        await pilot.pause()
        assert not app.screen.query_one(AttributionBanner).display
