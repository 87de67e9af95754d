"""A commit wakes only the screens that show what it changed (issue 18 item 3, issue 17 item 6): the
store keeps a version per scope (a session, the roster, the recommendations, the programme), bumped
by every write in its transaction, a merge's too; drafts bump nothing."""

from __future__ import annotations

import datetime as dt

from roundtable.domain import clock as venue_clock
from roundtable.domain.models import Participant
from roundtable.store import drafts, floor, notes, open_store, programme as programme_store, recommendations, roster
from roundtable.store.changes import PROGRAMME, RECOMMENDATIONS, ROSTER, ChangeWatch, versions
from roundtable.store.merge import merge_database
from roundtable.tui.app import RoundtableApp
from roundtable.tui.projector_app import ProjectorApp
from roundtable.tui.screens.programme import ProgrammeScreen
from roundtable.tui.screens.session import SessionScreen
from roundtable.tui.widgets.notes_list import NotesList

from waiting import until

NOW = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)


def test_each_write_changes_only_its_scope_for_the_other_terminals(demo_forum):
    here = demo_forum.store
    ws = programme_store.find_session(here, "T2-2.2")
    rt = programme_store.find_session(here, "D2-RT")
    with open_store(here.path) as other:  # another terminal, watching
        watch = ChangeWatch(other)
        assert watch.changed() == frozenset()

        drafts.save_draft(here, f"{ws.id}:rapporteur@laptop", "half a sent", NOW)
        assert watch.changed() == frozenset()  # a draft wakes nobody

        note = notes.add_note(here, ws.id, "first point", NOW)
        assert watch.changed() == {ws.id}
        notes.update_note(here, note.id, "first point, edited", False, NOW)
        assert watch.changed() == {ws.id}

        person = roster.add_participant(here, demo_forum.forum.id, Participant(name="Aru Nurgali"))
        assert watch.changed() == {ROSTER}
        floor.request_floor(here, rt, person.id, NOW)
        assert watch.changed() == {rt.id}

        recommendations.add_recommendation(here, "T2", "Open data by default", NOW, session_id=ws.id, note_id=note.id)
        assert watch.changed() == {RECOMMENDATIONS, ws.id}  # its session's notes show the mark

        with here.transaction() as conn:  # the programme opened again with another title
            conn.execute("UPDATE sessions SET title = title || '.' WHERE id = ?", (rt.id,))
        assert watch.changed() == {PROGRAMME}


def test_a_merge_wakes_what_it_brought_and_carries_no_bookkeeping(laptops):
    here, there = laptops
    ws = programme_store.find_session(there, "T2-2.2")
    for k in range(30):  # the track laptop's bookkeeping runs far ahead of the secretariat's
        notes.add_note(there, ws.id, f"point {k}", NOW + dt.timedelta(minutes=k))
    assert versions(there)[ws.id] == 30
    with open_store(here.path) as watching:
        watch = ChangeWatch(watching)
        merge_database(here, there.path)
        assert watch.changed() == {ws.id}
    assert versions(here)[ws.id] == 30  # bumped here once per row merged, not copied from there
    notes.add_note(here, ws.id, "after the merge", NOW + dt.timedelta(hours=1))
    assert versions(here)[ws.id] == 31


async def test_the_session_screen_rereads_for_its_own_session_not_for_others_nor_drafts(demo_forum):
    writer = demo_forum.store  # another terminal
    ws = programme_store.find_session(writer, "T2-2.2")
    rt = programme_store.find_session(writer, "D2-RT")
    moment = venue_clock.at_venue(ws.date, dt.time(12, 0))
    app = RoundtableApp(open_store(writer.path), session_code="T2-2.2", now=lambda: moment)
    async with app.run_test(size=(140, 45)) as pilot:

        await until(lambda: isinstance(app.screen, SessionScreen), "the session screen", pilot=pilot)
        session_screen = app.screen
        programme = next(s for s in app.screen_stack if isinstance(s, ProgrammeScreen))
        reads = {"session": 0, "programme": 0}

        def spy(screen, method: str, key: str) -> None:
            original = getattr(screen, method)

            def counted(*args, **kwargs):
                reads[key] += 1
                return original(*args, **kwargs)

            setattr(screen, method, counted)

        spy(session_screen, "reload", "session")
        spy(programme, "_show_live", "programme")

        drafts.save_draft(writer, f"{ws.id}:rapporteur@laptop", "half a sent", moment)
        notes.add_note(writer, rt.id, "a point in another room", moment)
        await until(lambda: reads["programme"] >= 1, "the programme (it shows every session) re-read", pilot=pilot)
        for _ in range(3):
            await pilot.pause()
        assert reads["session"] == 0

        note = notes.add_note(writer, ws.id, "a point in this room", moment)
        await until(lambda: reads["session"] >= 1, "this session re-read", pilot=pilot)
        notes_list = session_screen.query_one(NotesList)
        await until(lambda: note.id in notes_list.note_ids, "the note shown", pilot=pilot)

        before = reads["session"]
        roster.add_participant(writer, demo_forum.forum.id, Participant(name="Aru Nurgali"))
        await until(lambda: reads["session"] > before, "re-read for the roster (names in the queue)", pilot=pilot)


async def test_the_projector_of_one_session_ignores_the_others(demo_forum):
    writer = demo_forum.store
    ws = programme_store.find_session(writer, "T2-2.2")
    rt = programme_store.find_session(writer, "D2-RT")
    app = ProjectorApp(open_store(writer.path), session_code="T2-2.2")
    async with app.run_test(size=(100, 30)) as pilot:

        reads = []
        shown = app.reload
        app.reload = lambda: (reads.append(1), shown())
        notes.add_note(writer, rt.id, "another room", NOW)
        await until(lambda: app.database_watch.known_versions == versions(writer), "the change seen", pilot=pilot)
        assert reads == []
        notes.add_note(writer, ws.id, "this room", NOW)
        await until(lambda: reads, "re-read for its own session", pilot=pilot)
