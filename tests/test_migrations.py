"""A forum recorded with an older roundtable opens, migrates and keeps every row (and a backup);
one from a newer roundtable is refused and left byte for byte as it was."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import earlier_schemas
import pytest

from roundtable.domain import clock
from roundtable.store import notes, open_store, programme as programme_store, schema
from roundtable.store.merge import merge_database
from roundtable.workspace import open_forum

V1_TABLES = ["forum", "tracks", "sessions", "participants", "requests", "notes", "recommendations",
             "recommendation_sources", "drafts"]


def make_version_1_forum(source: Path, target: Path) -> dict[str, int]:
    """A schema-1 database holding everything the demo forum recorded: built as roundtable made
    version 1 and filled from a current database, column by column. Returns each table's rows."""
    earlier_schemas.build(target, version=1)
    conn = sqlite3.connect(target)
    conn.execute("ATTACH DATABASE ? AS current", (str(source),))
    for table in V1_TABLES:
        columns = ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}")
    conn.execute("INSERT INTO drafts (key, text, updated_at) VALUES ('note:D2-RT', 'half a sentence', 'x')")
    conn.commit()
    conn.execute("DETACH DATABASE current")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in V1_TABLES}
    conn.close()
    return counts


@pytest.fixture
def old_forum(demo_forum, tmp_path) -> tuple[Path, dict[str, int]]:
    demo_forum.store.close()
    old = tmp_path / "old" / "gegf-2014.db"
    old.parent.mkdir()
    counts = make_version_1_forum(demo_forum.store.path, old)
    assert counts["requests"] and counts["notes"] and counts["recommendations"]
    return old, counts


def counts_of(conn) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in V1_TABLES}


def test_a_recorded_version_1_forum_migrates_keeping_every_row(old_forum):
    old, counts = old_forum
    with open_store(old) as store:
        assert store.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION
        assert counts_of(store.conn) == counts
        assert {r[0] for r in store.query("SELECT DISTINCT speech_type FROM requests")} == {"statement"}
        assert store.query_one("SELECT text FROM drafts WHERE key = 'note:D2-RT'")[0] == "half a sentence"
        assert len(list(store.db["notes"].search("interoperability", quote=True))) == 1  # the FTS index came along
        assert store.query_one("PRAGMA integrity_check")[0] == "ok"
    backup = old.with_name("gegf-2014.db.v1.bak")
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert counts_of(conn) == counts
    conn.close()


def test_the_cli_migrates_an_old_forum_when_the_programme_is_opened(cli, old_forum, demo_dir):
    old, counts = old_forum
    result = cli("init", demo_dir / "gegf-2014.toml", "--db", old)
    assert result.code == 0, result
    assert result.out.strip() == str(old)
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    assert counts_of(conn) == counts  # the programme update found nothing to add or remove
    conn.close()
    assert old.with_name("gegf-2014.db.v1.bak").exists()


def test_a_version_1_laptop_merges_into_a_current_forum(old_forum, demo_dir, tmp_path):
    """A rapporteur whose laptop still runs the older roundtable: its rows are read by column name."""
    old, counts = old_forum
    opened = open_forum(demo_dir / "gegf-2014.toml", db=tmp_path / "secretariat.db")
    with opened.store as store:
        before = store.query_one("SELECT count(*) FROM notes")[0]
        report = merge_database(store, old)
        # The demo's recorded sample has the same ids on every laptop: the old laptop's rows, read
        # by column name from the older schema, are recognised as the same rows, none taken twice.
        assert report.tables["sessions"].taken == 0 and report.tables["requests"].taken == 0
        assert report.tables["requests"].identical == counts["requests"]
        assert report.tables["notes"].identical == counts["notes"]
        assert store.query_one("SELECT count(*) FROM notes")[0] == before
        assert {r[0] for r in store.query("SELECT DISTINCT speech_type FROM requests")} == {"statement"}
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1  # only read


def make_future(path: Path) -> bytes:
    earlier_schemas.build(path, version=earlier_schemas.LAST)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={schema.CURRENT_VERSION + 1}")
    conn.execute(
        "INSERT INTO forum (id, title, start, \"end\", updated_at) VALUES ('gegf-2014', 'F', '2014-10-06', '2014-10-08', 'x')"
    )
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", ["init", "open", "merge-into", "merge-from"])
def test_every_command_refuses_a_newer_forum_and_leaves_it_as_it_was(cli, demo_forum, demo_dir, tmp_path, command):
    future = tmp_path / "future" / "gegf-2014.db"
    future.parent.mkdir()
    before = make_future(future)
    args = {
        "init": ["init", demo_dir / "gegf-2014.toml", "--db", future],
        "open": ["open", future],
        "merge-into": ["merge", demo_forum.store.path, "--db", future],
        "merge-from": ["merge", future, "--db", demo_forum.store.path],
    }[command]
    result = cli(*args)
    assert result.code == 2
    assert "newer roundtable" in result.err and result.err.count("\n") == 1
    assert future.read_bytes() == before
    assert sorted(p.name for p in future.parent.iterdir()) == ["gegf-2014.db"]  # no -wal, -shm or backup


def refused_database(kind: str, forum: Path, path: Path) -> bytes:
    """A database every command must refuse, made as a person meets it: a forum database (in WAL
    mode, as roundtable writes them) from a newer roundtable, cut short, or with a damaged first
    page; or an empty file. Returns its bytes."""
    if kind == "empty":
        path.write_bytes(b"")
        return b""
    data = bytearray(forum.read_bytes())
    assert data[18:20] == b"\x02\x02"  # the header says WAL
    if kind == "newer":
        data[60:64] = (schema.CURRENT_VERSION + 1).to_bytes(4, "big")  # user_version
    elif kind == "cut short":
        data = data[:len(data) // 3]
    else:  # damaged: the first page's b-tree (the schema) overwritten, its 100-byte header kept
        data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    return bytes(data)


REFUSED = [(command, kind) for command in ("export", "merge-into", "merge-from", "open", "init", "participants", "reset")
           for kind in ("newer", "cut short", "damaged", "empty")
           if (command, kind) != ("init", "empty")]  # init writes a new forum into an empty file


@pytest.mark.parametrize("command, kind", REFUSED)
def test_a_refused_database_is_left_as_it_was_without_a_wal_or_shm_beside_it(
        cli, demo_forum, demo_dir, tmp_path, command, kind):
    """export and merge created an empty -wal and a -shm beside a WAL database they then refused
    (and wrote a schema into an empty file before refusing it)."""
    demo_forum.store.close()
    refused = tmp_path / "refused" / "gegf-2014.db"
    refused.parent.mkdir()
    before = refused_database(kind, demo_forum.store.path, refused)
    args = {
        "export": ["export", "--db", refused, "--out", tmp_path / "out.docx"],
        "merge-into": ["merge", demo_forum.store.path, "--db", refused],
        "merge-from": ["merge", refused, "--db", demo_forum.store.path],
        "open": ["open", refused],
        "init": ["init", demo_dir / "gegf-2014.toml", "--db", refused],
        "participants": ["participants", "import", demo_dir / "gegf-2014-participants.csv", "--db", refused],
        "reset": ["reset", "--db", refused, "--session", "D2-RT", "--yes"],
    }[command]
    result = cli(*args)
    assert result.code == 2 and result.err.count("\n") == 1, result
    says = {"newer": "newer roundtable", "empty": "holds no forum"}.get(kind, "not a forum database")
    if (kind, command) == ("empty", "merge-from"):
        says = "not a roundtable forum database"
    assert says in result.err, result
    assert refused.read_bytes() == before
    assert sorted(p.name for p in refused.parent.iterdir()) == ["gegf-2014.db"]  # no -wal, -shm or backup
    assert not (tmp_path / "out.docx").exists()


# --- One schema, however a database got there -------------------------------------------------

def _normalised_sql(sql: str) -> str:
    """A trigger's text as SQLite reads it: case, quoting of names and spacing set aside."""
    text = re.sub(r"\s+", " ", sql.replace("[", "").replace("]", "").replace('"', "")).strip().lower()
    return re.sub(r"\s*([(),;])\s*", r"\1", text)


def _module_arguments(sql: str) -> list[str]:
    """A virtual table's module and arguments (`fts5`, `content=notes`, `text`, ...), in any order."""
    head, _, arguments = sql.partition("(")
    module = head.split()[-1].lower()
    return [module, *sorted(_normalised_sql(a) for a in arguments.rstrip().rstrip(")").split(","))]


def schema_of(path: Path) -> dict:
    """What a database's schema means, read through SQLite's PRAGMAs rather than the text that
    created it: per table its columns (name, type, NOT NULL, default, place in the primary key),
    foreign keys and indexes (a UNIQUE constraint and a unique index being one and the same thing
    to SQLite, unique ones are known by their columns, the others by name and columns); triggers
    and full-text tables by their text, spacing, case and quoting aside."""
    conn = sqlite3.connect(path)
    try:
        tables = {}
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            indexes = set()
            for _, index, unique, origin, partial in conn.execute(f"PRAGMA index_list('{name}')"):
                columns = tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{index}')"))
                indexes.add(("unique", columns, partial) if unique else (index, columns, partial))
            tables[name] = {
                "columns": [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info('{name}')")],
                "foreign_keys": sorted(tuple(r[2:]) for r in conn.execute(f"PRAGMA foreign_key_list('{name}')")),
                "indexes": sorted(indexes, key=repr),
                "module": _module_arguments(sql) if sql and sql.upper().startswith("CREATE VIRTUAL") else None,
            }
        triggers = {name: (table, _normalised_sql(sql)) for name, table, sql in
                    conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}
        return {"tables": tables, "triggers": triggers}
    finally:
        conn.close()


@pytest.fixture
def new_schema(tmp_path) -> dict:
    open_store(tmp_path / "new.db").close()
    return schema_of(tmp_path / "new.db")


@pytest.mark.parametrize("version", range(1, earlier_schemas.LAST))
def test_a_migrated_database_has_the_schema_of_a_new_one(tmp_path, new_schema, version):
    old = tmp_path / f"v{version}.db"
    earlier_schemas.build(old, version)
    with open_store(old) as store:
        assert store.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION
    assert schema_of(old) == new_schema


def test_the_comparison_sees_a_difference(tmp_path, new_schema):
    """The schemas compared above differ as soon as a default, an index or a trigger does."""
    for change in ("DROP INDEX notes_by_session", "DROP TRIGGER notes_changes_ai", "DROP TRIGGER notes_au",
                   "ALTER TABLE tracks ADD COLUMN colour TEXT", "DROP INDEX tracks_code_unique"):
        copy = tmp_path / f"changed-{len(list(tmp_path.iterdir()))}.db"
        shutil.copy(tmp_path / "new.db", copy)
        conn = sqlite3.connect(copy)
        conn.execute(change)
        conn.commit()
        conn.close()
        assert schema_of(copy) != new_schema, change


def test_a_database_the_previous_roundtable_made_opens_as_it_is(tmp_path, new_schema):
    """A database at the current version that a roundtable from before sqlite-utils made the schema
    made: opened without a migration, a backup or sqlite-utils loaded, its schema untouched, and the
    same as a new database's."""
    current = tmp_path / "current.db"
    earlier_schemas.build(current, earlier_schemas.LAST)
    assert earlier_schemas.LAST == schema.CURRENT_VERSION
    conn = sqlite3.connect(current)
    before = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    code = (
        "import sys; from pathlib import Path; from roundtable.store import open_store\n"
        f"open_store(Path({str(current)!r})).close()\n"
        "assert 'sqlite_utils' not in sys.modules, 'sqlite-utils loaded to open a current database'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    conn = sqlite3.connect(current)
    assert conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall() == before
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    conn.close()
    assert not list(tmp_path.glob("*.bak"))
    assert schema_of(current) == new_schema


def change_version(store, scope: str) -> int:
    row = store.query_one("SELECT version FROM changes WHERE scope = ?", (scope,))
    return row[0] if row else 0


@pytest.mark.parametrize("made_by", ["this roundtable", "the previous one"])
@pytest.mark.parametrize("table", [t.name for t in schema.TABLES])
def test_a_transform_in_a_migration_keeps_every_trigger_and_index(demo_dir, tmp_path, new_schema, table, made_by):
    """sqlite-utils' transform rebuilds a table and drops its triggers; `transform_table` puts back
    the full-text index's and the screens' change triggers, so a migration that needs one leaves a
    database that searches and wakes its screens as before, whichever roundtable created it."""
    db = tmp_path / "forum.db"
    if made_by == "the previous one":
        earlier_schemas.build(db, earlier_schemas.LAST)
    store = open_forum(demo_dir / "gegf-2014.toml", db=db).store  # the demo and its recorded sample
    rows = store.query_one(f"SELECT count(*) FROM {table}")[0]
    with store.transaction():
        schema.transform_table(store.db, table)
    assert store.query_one(f"SELECT count(*) FROM {table}")[0] == rows
    assert store.query_one("PRAGMA integrity_check")[0] == "ok"
    assert store.query("PRAGMA foreign_key_check") == []
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert schema_of(store.path) == new_schema
    session = programme_store.find_session(store, "D2-RT")
    before = change_version(store, session.id)
    notes.add_note(store, session.id, "Interoperability needs a legal basis", clock.now())
    assert change_version(store, session.id) == before + 1
    assert any(r["text"].startswith("Interoperability needs") for r in
               store.db["notes"].search("legal basis", quote=True))
    store.close()
