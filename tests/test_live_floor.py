"""The live floor forgives mistakes (issue 13), driven with the real keys: undo and redo from the
session's log, points of order that interrupt, corrections in the given list, the 3-second rule,
read back from the database and the exports."""

from __future__ import annotations

import sqlite3

from roundtable.outcome.export import export
from roundtable.store import floor_reads, open_store, undo_log
from roundtable.store import merge
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.audit_trail import AuditTrail
from roundtable.tui.screens.text_prompt import TextPrompt
from roundtable.tui.widgets.given_list import GivenList
from roundtable.tui.widgets.notes_list import NotesList
from roundtable.tui.widgets.speaker_timer import SpeakerTimer

from floor_helpers import SIZE, add, csv_rows, keys, notices, queue_up, session_of, state_of

CODE = "T2-2.2"


def export_from(forum, path, fmt, now):
    """Export as the CLI does, on a connection of its own (the app closed the test's on quitting)."""
    with open_store(forum.store.path) as store:
        return export(store, path, fmt, now=now)  # attributed, order of request, five minutes each, nothing recorded in the demo


async def test_n_n_ctrl_z_gives_the_floor_back_with_the_clock_running_on(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden", "Hannes Astok")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(100)
        await pilot.press("n")  # a slip: Glidden gets the floor, the minister's intervention is closed
        clock.advance(8)
        await pilot.press("i", *keys("Uzbekistan: 300 services online"), "enter", "escape")
        await pilot.pause()
        assert state_of(forum, CODE, clock).current.participant.name == "Julia Glidden"
        await pilot.press("ctrl+z")
        await pilot.pause()
        state = state_of(forum, CODE, clock)
        assert state.current.participant.name == "Bagdat Mussin"
        assert state.current.request.elapsed(clock()) == 108  # the seconds until the undo count as his
        assert [e.participant.name for e in state.queue] == ["Julia Glidden", "Hannes Astok"]
        assert state.spoken == []
        timer = app.screen.query_one(SpeakerTimer)
        timer.tick()
        assert timer.reading.text == "3:12"
        assert "Undone: next speaker: Dr. Julia Glidden; H.E. Mr. Bagdat Mussin has the floor, 3:12 left." in notices(app)
        # The note taken during the slip moves back with him.
        notes = app.screen.query_one(NotesList)
        assert "Bagdat Mussin (KZ): Uzbekistan" in notes.note_text(notes.note_count - 1)
        clock.advance(30)
        await pilot.press("ctrl+y")  # and the slip again, as it was
        await pilot.pause()
        state = state_of(forum, CODE, clock)
        assert state.current.participant.name == "Julia Glidden"
        assert state.spoken[0].request.elapsed(clock()) == 100


async def test_undo_goes_back_twenty_actions_and_more_survives_a_restart_and_redoes(forum, clock):
    people = ["Bagdat Mussin", "Julia Glidden", "Hannes Astok", "Richard Kerby", "Adriana Alberti",
              "Vincenzo Aquaro", "Alikhan Baimenov"]
    session = session_of(forum, CODE)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        for query in ("muss", "glid", "asto", "kerb", "albe", "aqua", "baim"):  # 7
            await add(pilot, query)
        for _ in range(3):  # 3
            await pilot.press("n")
            clock.advance(20)
        await pilot.press("x", "t", "c", "c", "l", "space", "space", "left_square_bracket", "t", "l")  # 10 more
        await pilot.pause()
        entries = undo_log.history(app.store, session.id)
        assert len(entries) == 20 and all(e.state == "done" for e in entries)
    # A restart: the log is on disk.
    other = open_store(forum.store.path)
    app = RoundtableApp(other, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):
            await pilot.press("ctrl+z")
        await pilot.pause()
        state = floor_reads.floor_state(other, session.id, clock())
        assert state.current is None and state.queue == [] and state.spoken == []
        assert not state.list_closed
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Nothing to undo in this session." in notices(app)
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        state = floor_reads.floor_state(other, session.id, clock())
        assert [e.participant.name for e in state.queue] == people[:2]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, AuditTrail)
        assert len(app.screen.entries) == 20
        assert app.screen.entries[0].terminal.endswith(f"pid {__import__('os').getpid()}")


async def test_two_terminals_undo_the_sessions_last_action_whoever_made_it(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    other_store = open_store(forum.store.path)
    moderator = RoundtableApp(forum.store, session_code=CODE, now=clock)
    second = RoundtableApp(other_store, session_code=CODE, now=clock)
    async with moderator.run_test(size=SIZE) as mod, second.run_test(size=SIZE) as sec:
        await mod.press("n")
        await mod.pause()
        await sec.press("ctrl+z")  # the other terminal undoes the moderator's `n`
        await sec.pause()
        for _ in range(20):
            await mod.pause(0.05)
            if moderator.screen.query_one(SpeakerTimer).entry is None:
                break
        assert moderator.screen.query_one(SpeakerTimer).entry is None
        assert [e.participant.name for e in state_of(forum, CODE, clock).queue] == ["Bagdat Mussin", "Julia Glidden"]


async def test_an_undo_whose_rows_changed_since_is_refused(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        # Something the log did not record (a merge, a hand edit) changes the same row.
        raw = sqlite3.connect(forum.store.path)
        raw.execute("UPDATE requests SET language = 'ru' WHERE status = 'speaking'")
        raw.commit()
        raw.close()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(n.startswith("Cannot undo \u201cnext speaker: H.E. Mr. Bagdat Mussin\u201d") for n in notices(app))
        assert state_of(forum, CODE, clock).current.participant.name == "Bagdat Mussin"


async def test_the_palette_offers_undo_with_the_actions_name(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Undo next speaker: H.E. Mr. Bagdat Mussin" in titles
        await pilot.press("ctrl+z")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Redo next speaker: H.E. Mr. Bagdat Mussin" in titles


async def test_ctrl_z_on_the_note_line_belongs_to_the_text(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "i", *keys("open data "), *keys("for all"))
        await pilot.press("ctrl+z")
        await pilot.pause()
        line = app.screen.query_one("#note-line")
        assert line.value == "open data for "  # a word at a time
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert line.value == "open data "
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert line.value == "open data for "
        assert state_of(forum, CODE, clock).current is not None  # the floor was not touched


async def test_a_point_of_order_interrupts_and_the_speaker_exports_as_one_intervention(forum, clock, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(70)
        await add(pilot, "kerb", key="o")
        clock.advance(40)  # the point of order: not the minister's time
        await pilot.press("n")
        timer = app.screen.query_one(SpeakerTimer)
        assert timer.entry.participant.name == "Bagdat Mussin"
        timer.tick()
        assert timer.reading.text == "3:50"  # five minutes, 70 s spoken before the interruption
        clock.advance(50)
        await pilot.press("n")
        assert timer.entry.participant.name == "Julia Glidden"
    rows = csv_rows(export_from(forum, tmp_path / "floor.csv", "csv", now=clock()))
    mine = [r for r in rows if r["session_code"] == CODE]
    assert [(r["speaker"], r["duration_seconds"], r["speech_type"]) for r in mine] == [
        ("H.E. Mr. Bagdat Mussin", "120", "statement"),  # 70 s + 50 s: one intervention
        ("Mr. Richard Kerby", "40", "point-of-order"),
        ("Dr. Julia Glidden", "0", "statement"),
    ]


async def test_a_queued_point_of_order_takes_the_same_path_when_n_gives_it_the_floor(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden", "Richard Kerby")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("end", "t", "t", "t")  # Kerby's request: statement -> reply -> question -> point of order
        await pilot.pause()
        state = state_of(forum, CODE, clock)
        assert [e.participant.name for e in state.queue] == ["Richard Kerby", "Julia Glidden"]  # to the head
        await pilot.press("n")
        state = state_of(forum, CODE, clock)
        assert state.current.participant.name == "Richard Kerby"
        assert [e.participant.name for e in state.interrupted] == ["Bagdat Mussin"]


def spoken_seconds(forum, clock) -> int:
    """The statistics' speaking time by category, summed: what the document's tables say."""
    from roundtable.outcome.assemble import assemble

    with open_store(forum.store.path) as store:
        return sum(row.seconds for row in assemble(store, "en", clock()).statistics.by_category)


async def test_a_corrected_duration_changes_the_csv_and_the_statistics(forum, clock, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    before = spoken_seconds(forum, clock)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(95)
        await pilot.press("n")
        await pilot.press("g")  # the given list takes focus, on the newest entry
        await pilot.pause()
        given = app.screen.query_one(GivenList)
        assert given.has_focus and given.column("speaker") == ["H.E. Mr. Bagdat Mussin"]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u", *keys("3m20s"), "enter")
        await pilot.pause()
        assert given.column("duration") == ["3:20"]
        assert given.column("mark") == ["fixed"]
        assert "Given · 1 intervention · 3:20" in str(app.screen.query_one("#given-title").render())
    rows = csv_rows(export_from(forum, tmp_path / "fixed.csv", "csv", now=clock()))
    assert [r["duration_seconds"] for r in rows if r["speaker"] == "H.E. Mr. Bagdat Mussin" and r["session_code"] == CODE] == ["200"]
    assert spoken_seconds(forum, clock) - before == 200  # Glidden is still at 0:00
    async with RoundtableApp(open_store(forum.store.path), session_code=CODE, now=clock).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+z")  # the correction is undoable like the rest
        await pilot.pause()
    rows = csv_rows(export_from(forum, tmp_path / "undone.csv", "csv", now=clock()))
    assert [r["duration_seconds"] for r in rows if r["speaker"] == "H.E. Mr. Bagdat Mussin" and r["session_code"] == CODE] == ["95"]


async def test_a_slip_of_the_finger_is_not_counted_unless_kept(forum, clock, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden", "Hannes Astok")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(60)
        await pilot.press("n", "n")  # n twice: Glidden's intervention lasts 0:00
        await pilot.pause()
        given = app.screen.query_one(GivenList)
        assert given.column("mark") == ["", "short"]
        assert "1 too short to count" in str(app.screen.query_one("#given-title").render())
        rows = csv_rows(export_from(forum, tmp_path / "slip.csv", "csv", now=clock()))
        assert [r["speaker"] for r in rows if r["session_code"] == CODE] == ["H.E. Mr. Bagdat Mussin", "Mr. Hannes Astok"]
        # The queue policies do not count it as a speech either: Glidden asks again, a first speech.
        await add(pilot, "glid")
        assert state_of(forum, CODE, clock).queue[0].interventions == 0
        await pilot.press("g", "k")  # keep it after all
        await pilot.pause()
        assert given.column("mark") == ["", "kept"]
    rows = csv_rows(export_from(forum, tmp_path / "kept.csv", "csv", now=clock()))
    assert [r["speaker"] for r in rows if r["session_code"] == CODE] == [
        "H.E. Mr. Bagdat Mussin", "Dr. Julia Glidden", "Mr. Hannes Astok"]


async def test_deleting_an_intervention_moves_its_notes_and_a_merge_cannot_bring_it_back(forum, clock, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("i", *keys("a wrong speaker"), "enter", "escape", "n")
        await pilot.pause()
    copy = tmp_path / "laptop-b.db"  # another laptop got the intervention before it was deleted
    source, target = sqlite3.connect(forum.store.path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    async with RoundtableApp(open_store(forum.store.path), session_code=CODE, now=clock).run_test(size=SIZE) as pilot:
        await pilot.press("g", "home", "x")
        await pilot.pause()
        state = state_of(forum, CODE, clock)
        assert [e.participant.name for e in state.spoken] == []
    with open_store(forum.store.path) as store:
        row = store.query_one("SELECT intervention_id FROM notes WHERE text = 'a wrong speaker'")
        assert row["intervention_id"] is None  # the note belongs to the session now
        merge.merge_database(store, copy)
        assert [e.participant.name for e in floor_reads.floor_state(store, session_of(forum, CODE).id).spoken] == []
    rows = csv_rows(export_from(forum, tmp_path / "deleted.csv", "csv", now=clock()))
    assert not [r for r in rows if r["session_code"] == CODE and r["speaker"] == "H.E. Mr. Bagdat Mussin"]
