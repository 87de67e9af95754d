"""A stick whose database holds rows roundtable could never have written (a bad date, an unknown
status, a limit that is not a number) is refused before anything is written, or with
--skip-invalid merged without them; every merge first keeps a copy of the target to go back to."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from roundtable.domain.models import Participant
from roundtable.store import floor, notes, open_store, programme as programme_store, roster
from roundtable.store.merge import TABLES, merge_database
from roundtable.store.row_validation import ROW_MODELS, validate_row
from roundtable.workspace import open_forum

from conftest import REPO

T0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)
TABLE_NAMES = ["tracks", "sessions", "participants", "requests", "notes", "recommendations",
               "recommendation_sources", "session_state"]


@pytest.fixture
def stick(tmp_path: Path):
    """(secretariat db, the track laptop's db on a stick, ids of what the laptop recorded)."""
    shutil.copy(REPO / "sessions" / "gegf-2014.toml", tmp_path / "gegf-2014.toml")
    (tmp_path / "sessions").mkdir()
    here = tmp_path / "sessions" / "gegf-2014.db"
    open_forum(tmp_path / "gegf-2014.toml", db=here).store.close()
    there = tmp_path / "stick" / "gegf-2014.db"
    there.parent.mkdir()
    with open_forum(tmp_path / "gegf-2014.toml", db=there).store as store:
        session = programme_store.find_session(store, "T2-2.1")
        people = [roster.add_participant(store, "gegf-2014", Participant(name=f"Speaker {n}")) for n in range(3)]
        requests = [floor.request_floor(store, session, p.id, T0 + dt.timedelta(minutes=n)) for n, p in enumerate(people)]
        floor.next_speaker(store, session.id, T0 + dt.timedelta(minutes=5))
        note = notes.add_note(store, session.id, "On the bad request", T0 + dt.timedelta(minutes=6),
                              intervention_id=requests[1].id)
    return here, there, {"requests": [r.id for r in requests], "note": note.id}


def spoil(db: Path, sql: str, *params) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(sql, params)
    conn.close()


def dump(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        result = {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in TABLE_NAMES}
    conn.close()
    return result


def test_invalid_rows_refuse_the_merge_and_each_is_named(cli, stick):
    here, there, ids = stick
    bad, also_bad = ids["requests"][1], ids["requests"][2]
    spoil(there, "UPDATE requests SET requested_at = 'yesterday', status = 'shouting', limit_seconds = 'three minutes'"
                 " WHERE id = ?", bad)
    spoil(there, "UPDATE requests SET started_at = '2014-02-30T10:00:00+00:00' WHERE id = ?", also_bad)
    before = dump(here)
    result = cli("merge", there, "--db", here)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert lines[0] == f"roundtable: {there}: 3 rows not valid, nothing merged (--skip-invalid merges the other rows):"
    assert f"  requests {bad}: requested_at: 'yesterday' is not stored as an ISO 8601 datetime" in lines
    assert any(line.startswith(f"  requests {bad}: status: \"shouting\" is not one of") for line in lines)
    assert any(line.startswith(f"  requests {bad}: limit_seconds: ") for line in lines)
    assert any(line.startswith(f"  requests {also_bad}: started_at: ") for line in lines)
    assert f"  notes {ids['note']}: intervention_id: the requests row '{bad}' it refers to is left out as not valid" in lines
    assert dump(here) == before
    assert sorted(p.name for p in here.parent.iterdir()) == ["gegf-2014.db"]  # no backup: nothing was written


def test_skip_invalid_merges_the_rest_and_the_forum_still_exports(cli, stick, tmp_path):
    here, there, ids = stick
    bad = ids["requests"][1]
    spoil(there, "UPDATE requests SET status = 'shouting' WHERE id = ?", bad)
    spoil(there, "UPDATE participants SET category = 'alien', updated_at = 42 WHERE name = 'Speaker 0'")
    result = cli("merge", there, "--db", here, "--skip-invalid")
    assert result.code == 0, result
    assert "skipped as not valid: 4 rows of gegf-2014.db" in result.out
    assert f"skipped: requests {bad}: status: \"shouting\" is not one of" in result.out
    assert "participants" in result.out and "category: \"alien\" is not one of" in result.out
    with open_store(here) as store:
        merged = {r["id"] for r in store.query("SELECT id FROM requests")}
        assert merged == {ids["requests"][2]}  # Speaker 0's request goes with Speaker 0
        assert store.query_one("SELECT count(*) FROM notes")[0] == 0
        assert store.query_one("SELECT count(*) FROM requests WHERE status = 'spoken'")[0] == 0
    exported = cli("export", "--db", here, "--format", "json", "--out", tmp_path / "out.json")
    assert exported.code == 0, exported


def test_a_merge_keeps_a_copy_of_the_database_to_go_back_to(cli, stick):
    here, there, _ = stick
    here.chmod(0o600)
    before = dump(here)
    result = cli("merge", there, "--db", here)
    assert result.code == 0, result
    backups = list(here.parent.glob("gegf-2014.db.before-merge-*"))
    assert len(backups) == 1
    backup = backups[0]
    assert f"backup of {here} before this merge: {backup}" in result.out
    assert f"to go back: close roundtable on this forum everywhere, copy {backup} over {here}" in result.out
    assert dump(backup) == before != dump(here)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    again = cli("merge", there, "--db", here)  # a second merge the same second keeps both copies
    assert again.code == 0 and len(list(here.parent.glob("gegf-2014.db.before-merge-*"))) == 2


def test_every_merged_table_has_a_row_model_that_knows_every_column(stick):
    """A new table or column is validated like the others once its model is in ROW_MODELS."""
    here, _, _ = stick
    with open_store(here) as store:
        for table in TABLES:
            assert table.name in ROW_MODELS, table.name
            columns = {r["name"] for r in store.query(f"PRAGMA table_info({table.name})")}
            assert columns <= set(ROW_MODELS[table.name].model.model_fields), table.name
            for row in store.query(f"SELECT * FROM {table.name}"):
                assert validate_row(table.name, dict(row)) == []


def test_rows_roundtable_writes_are_valid(stick):
    _, there, _ = stick
    with open_store(there) as store:
        for table in TABLE_NAMES:
            rows = store.query(f"SELECT * FROM {table}")
            assert rows or table in ("recommendations", "recommendation_sources", "session_state"), table
            for row in rows:
                assert validate_row(table, dict(row)) == [], (table, dict(row))
