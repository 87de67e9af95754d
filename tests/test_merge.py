"""`roundtable merge`: a track rapporteur's laptop brought into the secretariat's database."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from roundtable.domain.merge_policy import Mark, decide
from roundtable.domain.models import Participant
from roundtable.store import floor, floor_reads, list_closing, notes, open_store, programme as programme_store, recommendations, roster
from roundtable.store.merge import MergeRefused, merge_database
from roundtable.workspace import open_forum

from conftest import REPO

T0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def dump(store) -> dict[str, list[tuple]]:
    tables = ["tracks", "sessions", "participants", "requests", "notes", "recommendations",
              "recommendation_sources", "session_state", "merge_marks"]
    return {t: [tuple(r) for r in store.query(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables}


def record_track_session(store) -> dict:
    """The T2 rapporteur records a session: two speakers (one added on the spot), notes, a recommendation."""
    session = programme_store.find_session(store, "T2-2.1")
    people = roster.load_participants(store)
    guest = roster.add_participant(store, "gegf-2014", Participant(name="Aigerim Tulegenova", organisation="Astana IT University"))
    first = floor.request_floor(store, session, people[0].id, at(0))
    floor.request_floor(store, session, guest.id, at(1))
    floor.next_speaker(store, session.id, at(2))
    note = notes.add_note(store, session.id, "Open data portals need a legal basis", at(3), intervention_id=first.id)
    floor.next_speaker(store, session.id, at(5))
    notes.add_note(store, session.id, "Universities train civil servants", at(6))
    rec = recommendations.add_recommendation(
        store, "T2", "Adopt an open data law", at(7), session_id=session.id, note_id=note.id, addressed_to="Governments"
    )
    list_closing.set_list_closed(store, session.id, True, at(8))
    return {"session": session, "guest": guest, "note": note, "recommendation": rec}


def edit(store, table: str, row_id: str, moment: dt.datetime, **values) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    with store.transaction() as conn:
        conn.execute(f"UPDATE {table} SET {sets}, updated_at = ? WHERE id = ?", (*values.values(), moment.isoformat(), row_id))


def test_secretariat_takes_everything_the_track_recorded(laptops):
    here, there = laptops
    recorded = record_track_session(there)
    report = merge_database(here, there.path)
    counts = report.tables
    assert counts["requests"].taken == 2
    assert counts["notes"].taken == 2
    assert counts["recommendations"].taken == 1 and counts["recommendation_sources"].taken == 1
    assert counts["session_state"].taken == 1
    assert counts["participants"].taken == 1  # the guest; the roster was already here
    assert counts["participants"].identical == roster.count_participants(there) - 1
    assert counts["sessions"].taken == 0 and counts["sessions"].identical == 15
    assert report.conflicts == []
    session = recorded["session"]
    state = floor_reads.floor_state(here, session.id)
    assert state.list_closed
    assert [e.participant.name for e in state.spoken] == [roster.load_participants(here)[0].name]
    assert state.current.participant.name == "Aigerim Tulegenova"
    assert [n.text for n in notes.session_notes(here, session.id)] == [
        "Open data portals need a legal basis", "Universities train civil servants"]
    assert [r.text for r in recommendations.load_recommendations(here)] == ["Adopt an open data law"]
    # The search indexes were kept in step by the triggers.
    assert [r["id"] for r in here.db["notes"].search("legal basis", quote=True)] == [recorded["note"].id]
    assert len(list(here.db["recommendations"].search("Governments", quote=True))) == 1
    assert here.query_one("PRAGMA integrity_check")[0] == "ok"
    assert here.query_one("PRAGMA foreign_key_check") is None


def test_merging_twice_changes_nothing(laptops):
    here, there = laptops
    record_track_session(there)
    merge_database(here, there.path)
    before = dump(here)
    again = merge_database(here, there.path)
    assert again.total("taken") == again.total("updated") == 0 and again.conflicts == []
    assert dump(here) == before
    assert "total: 0 taken, 0 updated" in "\n".join(again.lines())


def test_an_edit_on_one_side_is_kept_without_conflict(laptops):
    here, there = laptops
    recorded = record_track_session(there)
    merge_database(here, there.path)
    note_id, rec_id = recorded["note"].id, recorded["recommendation"].id
    edit(there, "notes", note_id, at(30), text="Open data portals need a law")  # the rapporteur corrects a note
    edit(here, "recommendations", rec_id, at(20), status="agreed")  # the secretariat agrees a recommendation
    report = merge_database(here, there.path)
    assert report.tables["notes"].updated == 1
    assert report.tables["recommendations"].older == 1 and report.tables["recommendations"].updated == 0
    assert report.conflicts == []
    assert here.query_one("SELECT text FROM notes WHERE id = ?", (note_id,))[0] == "Open data portals need a law"
    assert here.query_one("SELECT status FROM recommendations WHERE id = ?", (rec_id,))[0] == "agreed"
    assert [r["id"] for r in here.db["notes"].search("law", quote=True)] == [note_id]
    assert list(here.db["notes"].search("legal", quote=True)) == []
    # The rapporteur now edits the recommendation the secretariat changed: both changed it since the
    # last merge, a conflict; the secretariat's later edit wins and the conflict is reported once.
    edit(here, "recommendations", rec_id, at(90), status="agreed", text="Adopt an open data law by 2016")
    edit(there, "recommendations", rec_id, at(25), addressed_to="Parliaments")
    report = merge_database(here, there.path)
    assert [(c.row_id, c.winner) for c in report.conflicts] == [(rec_id, "here")]
    assert here.query_one("SELECT text FROM recommendations WHERE id = ?", (rec_id,))[0].endswith("by 2016")
    assert merge_database(here, there.path).conflicts == []


def test_an_item_edited_on_both_laptops_keeps_the_later_edit_and_is_reported(laptops):
    here, there = laptops
    recorded = record_track_session(there)
    merge_database(here, there.path)
    note_id = recorded["note"].id
    edit(here, "notes", note_id, at(40), text="secretariat's wording")
    edit(there, "notes", note_id, at(41), text="rapporteur's wording")
    report = merge_database(here, there.path)
    [conflict] = report.conflicts
    assert (conflict.table, conflict.row_id, conflict.winner) == ("notes", note_id, "there")
    assert here.query_one("SELECT text FROM notes WHERE id = ?", (note_id,))[0] == "rapporteur's wording"
    assert any(line.startswith("conflict: notes") and "track2.db" in line for line in report.lines())
    # Resolved: merging again reports nothing more.
    assert merge_database(here, there.path).conflicts == []


def test_soft_deletes_and_recommendation_merges_travel(laptops):
    here, there = laptops
    recorded = record_track_session(there)
    second = recommendations.add_recommendation(there, "T2", "Pass an open data law", at(9))
    merge_database(here, there.path)
    edit(there, "notes", recorded["note"].id, at(50), deleted_at=at(50).isoformat())
    edit(there, "recommendations", second.id, at(51), merged_into=recorded["recommendation"].id)
    merge_database(here, there.path)
    assert recorded["note"].id not in [n.id for n in notes.session_notes(here, recorded["session"].id)]
    assert [r.id for r in recommendations.load_recommendations(here)] == [recorded["recommendation"].id]


def test_people_added_on_the_spot_on_both_laptops_are_one_person(laptops):
    here, there = laptops
    person = Participant(name="Aigerim Tulegenova", organisation="Astana IT University")
    roster.add_participant(here, "gegf-2014", person)
    record_track_session(there)
    count = roster.count_participants(here)
    report = merge_database(here, there.path)
    assert report.tables["participants"].taken == 0
    assert roster.count_participants(here) == count


def test_a_person_corrected_here_and_added_under_that_name_there_is_one_person(laptops):
    """The secretariat corrects a misspelt name (the record keeps its id); the track's laptop adds
    the person on the spot, correctly spelt (another id). The merge takes them as one person, and
    the intervention recorded there becomes the corrected record's."""
    here, there = laptops
    misspelt = roster.add_participant(here, "gegf-2014", Participant(name="Aigerim Tulegenva", organisation="AITU"))
    roster.update_participant(here, misspelt.model_copy(update={"name": "Aigerim Tulegenova"}), at(0))
    guest = roster.add_participant(there, "gegf-2014", Participant(name="  aigerim TULEGENOVA ", organisation="aitu"))
    assert guest.id != misspelt.id
    session = programme_store.find_session(there, "T2-2.1")
    request = floor.request_floor(there, session, guest.id, at(1))
    count = roster.count_participants(here)
    report = merge_database(here, there.path)
    assert report.tables["participants"].taken == 0 and roster.count_participants(here) == count
    assert here.query_one("SELECT participant_id FROM requests WHERE id = ?", (request.id,))[0] == misspelt.id


def test_sessions_of_a_newer_programme_are_taken(tmp_path, laptops):
    here, there = laptops
    folder = tmp_path / "newer"
    folder.mkdir()
    text = (REPO / "sessions" / "gegf-2014.toml").read_text(encoding="utf-8")
    text += '\n[[sessions]]\ncode = "T2-2.3"\ntitle = "Extra workshop"\nkind = "workshop"\ndate = 2014-10-08\nstart = 09:00:00\nend = 10:00:00\ntrack = "T2"\n'
    (folder / "gegf-2014.toml").write_text(text, encoding="utf-8")
    there.close()
    there = open_forum(folder / "gegf-2014.toml", db=tmp_path / "track2.db").store
    extra = programme_store.find_session(there, "T2-2.3")
    notes.add_note(there, extra.id, "A session the secretariat did not plan", at(60))
    report = merge_database(here, there.path)
    there.close()
    assert report.tables["sessions"].taken == 1
    assert programme_store.find_session(here, "T2-2.3").title == "Extra workshop"
    assert notes.session_notes(here, extra.id)[0].text == "A session the secretariat did not plan"


def test_the_other_file_is_left_untouched(laptops):
    here, there = laptops
    record_track_session(there)
    path = there.path
    there.close()
    before = path.read_bytes()
    files = sorted(p.name for p in path.parent.iterdir())
    backup = merge_database(here, path).backup  # the secretariat's copy, beside it in this test
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([*files, backup.name])


def test_cli_merge_reports_what_it_took(cli, laptops):
    here, there = laptops
    record_track_session(there)
    result = cli("merge", there.path, "--db", here.path)
    assert result.code == 0, result
    assert "notes: 2 taken, 0 updated" in result.out
    assert "total: 8 taken, 0 updated" in result.out and "0 in conflict" in result.out
    again = cli("merge", there.path, "--db", here.path)
    assert "total: 0 taken, 0 updated" in again.out


def test_a_database_of_another_forum_is_refused(cli, tmp_path, laptops):
    here, there = laptops
    record_track_session(there)
    there.close()
    with sqlite3.connect(there.path) as conn:
        conn.execute("UPDATE forum SET id = 'wsis-2015'")
    conn.close()
    before = dump(here)
    result = cli("merge", there.path, "--db", here.path)
    assert result.code == 2
    assert result.err.count("\n") == 1 and 'holds forum "wsis-2015", not "gegf-2014"' in result.err
    assert dump(here) == before


@pytest.mark.parametrize(
    "content, message",
    [(b"shopping list" * 100, "not a forum database"), (None, "no such database")],
)
def test_files_that_are_not_forum_databases_are_refused(cli, tmp_path, laptops, content, message):
    here, _ = laptops
    other = tmp_path / "stick.db"
    if content is not None:
        other.write_bytes(content)
    result = cli("merge", other, "--db", here.path)
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1


def test_a_broken_database_merges_nothing(laptops):
    """All or nothing: a note pointing at a session that does not exist fails the whole merge."""
    here, there = laptops
    record_track_session(there)
    there.close()
    conn = sqlite3.connect(there.path)
    conn.execute(
        "INSERT INTO notes (id, session_id, text, created_at, updated_at) VALUES ('n', 'nowhere', 'x', 't', 't')"
    )
    conn.commit()
    conn.close()
    before = dump(here)
    with pytest.raises(MergeRefused, match="nothing merged"):
        merge_database(here, there.path)
    assert dump(here) == before
    assert not here.conn.in_transaction


def test_the_same_database_is_refused(laptops):
    here, _ = laptops
    with pytest.raises(MergeRefused, match="the database being merged into"):
        merge_database(here, here.path)


def test_merge_policy_judges_by_what_changed_since_the_last_merge():
    base = Mark("t1", "t1")
    assert decide(True, "t1", "t2", base).action == "identical"
    assert decide(False, "t1", "t2", base).action == "take"
    assert decide(False, "t3", "t1", base).action == "keep"
    both = decide(False, "2014-10-07T10:00:00+00:00", "2014-10-07T09:00:00+00:00", base)
    assert both.conflict and both.winner == "here"
    # Stamps compared as instants, not as text: 09:30 in Astana (+06:00) is before 04:00 UTC.
    assert decide(False, "2014-10-07T04:00:00+00:00", "2014-10-07T09:30:00+06:00", None).winner == "here"
    assert decide(False, "x", "x", None).conflict  # never merged and different: a conflict


def test_two_laptops_that_opened_the_demo_merge_its_sample_once(cli, demo_dir, tmp_path):
    """Both laptops recorded the demo's sample when they first opened the programme: it has the
    same ids on both, so the merge takes none of it twice."""
    import shutil
    import sqlite3

    laptop = tmp_path / "track-laptop"
    shutil.copytree(demo_dir, laptop)
    for folder in (demo_dir, laptop):
        assert cli("init", folder / "gegf-2014.toml").code == 0
    here, there = demo_dir / "gegf-2014.db", laptop / "gegf-2014.db"

    def counts(db):
        with sqlite3.connect(db) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("requests", "notes", "recommendations", "recommendation_sources")}

    before = counts(here)
    assert before == counts(there) and before["notes"] > 0
    result = cli("merge", there, "--db", here)
    assert result.code == 0, result.err
    assert counts(here) == before
