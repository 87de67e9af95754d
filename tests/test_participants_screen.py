"""People in the application (issue 14): the participants screen completes someone added on the
spot, corrects a record without changing whose it is, merges two records of one person; the
picker finds names in any script and says who is queued or has spoken."""

from __future__ import annotations

from textual.widgets import Input

from roundtable.outcome.export import export
from roundtable.store import open_store, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.participant_form import ParticipantForm
from roundtable.tui.screens.participants import ParticipantsScreen, PeopleTable
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen

from floor_helpers import SIZE, add, csv_rows, keys, notices, queue_up, state_of

CODE = "T2-2.2"


async def fill(pilot, field: str, text: str) -> None:
    """Replace what a form field holds by `text`, as a person would (focus, clear, type)."""
    pilot.app.screen.query_one(f"#field-{field}", Input).focus()
    await pilot.press("ctrl+a", "ctrl+k", *keys(text))


async def open_participants(pilot) -> None:
    """`f2`, and the roster's index (built in a worker thread) ready, as a person who waits a moment."""
    await pilot.press("f2")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_someone_added_on_the_spot_is_completed_and_counts_by_category_and_region(forum, clock, tmp_path):
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "Amina Diallo")  # not in the roster: added on the spot and queued
        await pilot.press("n")
        clock.advance(120)
        await pilot.press("n")
        await pilot.pause()
        await open_participants(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        await pilot.press(*keys("diallo"))  # the search line
        await pilot.pause()
        table = app.screen.query_one(PeopleTable)
        assert table.column("mark") == ["added on the spot: to complete"]
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)
        await fill(pilot, "country", "Сенегал")  # by name, in Russian
        await fill(pilot, "organisation", "Government of Senegal")
        app.screen.query_one("#field-category").value = "government"
        app.screen.query_one("#field-gender").value = "f"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        assert table.column("mark") == [""] and table.column("country") == ["Senegal"]
        await pilot.press("escape")  # back to the session
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        balance = str(app.screen.query_one("#balance").render())
        assert "Africa 100%" in balance and "women 100%" in balance  # her 2:00 is the session's all
    with open_store(forum.store.path) as store:
        amina = next(p for p in roster.load_participants(store) if p.name == "Amina Diallo")
        assert (amina.country, amina.category, amina.gender) == ("SN", "government", "f")
        rows = csv_rows(export(store, tmp_path / "out.csv", "csv", now=clock()))
    [row] = [r for r in rows if r["session_code"] == CODE]
    assert (row["speaker"], row["country"], row["regional_group"], row["category"]) == (
        "Amina Diallo", "Senegal", "African States", "government")


async def test_a_correction_keeps_the_persons_id_and_a_reimport_does_not_undo_it(forum, clock, demo_dir, cli):
    queue_up(forum, CODE, clock, "Julia Glidden")
    with open_store(forum.store.path) as store:
        before = next(p for p in roster.load_participants(store) if p.name == "Julia Glidden")
    app = RoundtableApp(forum.store, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(pilot)
        await pilot.press(*keys("glidden"), "tab", "enter")
        await pilot.pause()
        await fill(pilot, "name", "Julia Glidden-Smith")
        await fill(pilot, "country", "xx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)  # refused, with the import's own message
        assert "country" in str(app.screen.query_one("#form-error").render())
        await fill(pilot, "country", "GB")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
    with open_store(forum.store.path) as store:
        after = next(p for p in roster.load_participants(store) if p.id == before.id)
        assert after.name == "Julia Glidden-Smith"
    assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["Julia Glidden-Smith"]
    # The original registration list again: nobody duplicated, the correction stands.
    result = cli("participants", "import", demo_dir / "gegf-2014-participants.csv", "--db", forum.store.path)
    assert result.code == 0, result
    with open_store(forum.store.path) as store:
        people = roster.load_participants(store)
    assert [p.name for p in people if "Glidden" in p.name] == ["Julia Glidden-Smith"]


async def test_two_records_of_one_person_are_merged_and_undone(forum, clock):
    with open_store(forum.store.path) as store:
        roster.add_participant(store, forum.forum.id, roster.Participant(name="B. Mussin"))
    queue_up(forum, CODE, clock, "B. Mussin")
    app = RoundtableApp(open_store(forum.store.path), now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(pilot)
        await pilot.press(*keys("mussin"), "tab")
        await pilot.pause()
        table = app.screen.query_one(PeopleTable)
        assert table.column("name") == ["B. Mussin", "H.E. Mr. Bagdat Mussin"]
        await pilot.press("home", "m", "down", "m")  # B. Mussin into the minister
        await pilot.pause()
        assert table.column("name") == ["H.E. Mr. Bagdat Mussin"]
        assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["Bagdat Mussin"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table.column("name") == ["B. Mussin", "H.E. Mr. Bagdat Mussin"]
        assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["B. Mussin"]


async def test_the_picker_finds_names_in_any_script_and_says_who_is_queued(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *keys("dobro"))  # Елена Добролюбова, typed on a Latin keyboard
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPickerScreen)
        matches = app.screen.query_one("#picker-matches")
        shown = [matches.row_text(key) for key in matches.keys]
        assert shown[0].startswith("Елена Добролюбова")
        await pilot.press(*["backspace"] * 5, *keys("Муссин"))  # and a Latin name typed in Cyrillic
        await pilot.pause()
        shown = [matches.row_text(key) for key in matches.keys]
        assert shown[0].startswith("Bagdat Mussin") and shown[0].endswith("has the floor")
        await pilot.press(*["backspace"] * 6, *keys("glid"))
        await pilot.pause()
        shown = [matches.row_text(key) for key in matches.keys]
        assert shown[0].endswith("in the queue (1st)")
