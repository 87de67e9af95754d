"""The forum database: WAL, schema versions, migrations with backup, programme updates in place."""

from __future__ import annotations

import sqlite3
import shutil
from pathlib import Path

import earlier_schemas
import pytest

from roundtable.domain import clock
from roundtable.store import DatabaseError, NewerDatabaseError, open_store
from roundtable.store import floor_reads, notes, programme as programme_store, roster, schema
from roundtable.workspace import open_forum


def test_database_is_wal_with_foreign_keys(demo_forum):
    store = demo_forum.store
    assert store.query_one("PRAGMA journal_mode")[0] == "wal"
    assert store.query_one("PRAGMA foreign_keys")[0] == 1
    assert store.query_one("PRAGMA busy_timeout")[0] >= 5000
    assert store.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION
    assert store.path.name == "gegf-2014.db"


def test_demo_forum_holds_a_recorded_sample(demo_forum):
    store = demo_forum.store
    plenary = programme_store.find_session(store, "D2-PLEN")
    state = floor_reads.floor_state(store, plenary.id)
    assert [e.participant.name for e in state.spoken] == ["Bagdat Mussin", "Vincenzo Aquaro", "Alikhan Baimenov"]
    assert state.spoken[0].request.elapsed(clock.now()) == 400
    assert any(n.key_point for n in notes.session_notes(store, plenary.id))


def test_reopening_an_edited_programme_updates_in_place_and_keeps_records(demo_dir):
    path = demo_dir / "gegf-2014.toml"
    first = open_forum(path)
    store = first.store
    rt = programme_store.find_session(store, "D2-RT")
    before_notes = len(notes.session_notes(store, rt.id))
    store.close()

    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Ministerial Round-Table: Partnerships for smart governance"',
                        'title = "Ministerial Round-Table"')
    # Drop the round-table (which has records) and the awards ceremony (which has none).
    start = text.index("[[sessions]]\ncode = \"D2-AWARDS\"")
    end = text.index("# ---- Day 3")
    text = text[:start] + text[end:]
    path.write_text(text, encoding="utf-8")

    again = open_forum(path)
    store = again.store
    assert again.changes.sessions_kept == 1 and again.changes.sessions_removed == 1
    kept = programme_store.find_session(store, "D2-RT")
    assert kept is not None and kept.id == rt.id
    assert len(notes.session_notes(store, rt.id)) == before_notes > 0
    assert programme_store.find_session(store, "D2-AWARDS") is None
    codes = [s.code for s in programme_store.load_sessions(store, include_dropped=False)]
    assert "D2-RT" not in codes and "T1-1.1" in codes
    store.close()


def test_programme_of_another_forum_is_refused(demo_dir, tmp_path):
    first = open_forum(demo_dir / "gegf-2014.toml")
    first.store.close()
    other = demo_dir / "other.toml"
    other.write_text(
        (demo_dir / "gegf-2014.toml").read_text(encoding="utf-8").replace('id = "gegf-2014"', 'id = "other"'),
        encoding="utf-8",
    )
    with pytest.raises(DatabaseError, match='holds forum "gegf-2014", not "other"'):
        open_forum(other, db=demo_dir / "gegf-2014.db")


def _make_version_1(path: Path) -> None:
    earlier_schemas.build(path, version=1)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO forum (id, title, start, \"end\", updated_at) VALUES ('f', 'F', '2014-10-06', '2014-10-08', 'x')"
    )
    conn.commit()
    conn.close()


def test_old_database_is_backed_up_then_migrated(tmp_path):
    db = tmp_path / "old.db"
    _make_version_1(db)
    with open_store(db) as store:
        assert store.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION
        columns = {r["name"] for r in store.query("PRAGMA table_info(requests)")}
        assert {"speech_type", "language"} <= columns
        assert programme_store.load_forum(store).id == "f"
    backup = tmp_path / "old.db.v1.bak"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT id FROM forum").fetchone()[0] == "f"
    conn.close()


def test_newer_database_is_refused_and_untouched(tmp_path):
    db = tmp_path / "future.db"
    _make_version_1(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={schema.CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer roundtable"):
        open_store(db)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


def test_newer_database_refused_by_the_cli(cli, tmp_path):
    db = tmp_path / "future.db"
    _make_version_1(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version=99")
    conn.commit()
    conn.close()
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("name\nA\n", encoding="utf-8")
    result = cli("participants", "import", csv_path, "--db", db)
    assert result.code == 2 and "newer roundtable" in result.err and "Traceback" not in result.err


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("shopping list", encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a forum database"):
        open_store(db)
    assert db.read_text(encoding="utf-8") == "shopping list"


def test_failed_transaction_leaves_nothing(demo_forum):
    store = demo_forum.store
    count = roster.count_participants(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.db["participants"].insert(
                {"id": "x", "name": "Ghost", "created_at": "t", "updated_at": "t"}
            )
            raise RuntimeError("power cut")
    assert roster.count_participants(store) == count


def test_data_version_changes_when_another_connection_commits(demo_forum):
    store = demo_forum.store
    with open_store(store.path) as other:
        before = store.data_version()
        notes.add_note(other, programme_store.find_session(other, "D2-RT").id, "from the other terminal", clock.now())
        assert store.data_version() != before


def test_a_bad_sample_leaves_no_database_behind(demo_dir):
    sample = demo_dir / "gegf-2014.sample.toml"
    sample.write_text(sample.read_text(encoding="utf-8").replace('speaker = "Hannes Astok"', 'speaker = "Nobody"'),
                      encoding="utf-8")
    from roundtable.formats.errors import InputError

    with pytest.raises(InputError, match='"Nobody" is not in the roster'):
        open_forum(demo_dir / "gegf-2014.toml")
    assert not list(demo_dir.glob("*.db*"))
