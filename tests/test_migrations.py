"""A forum recorded with an older roundtable opens, migrates and keeps every row (and a backup);
one from a newer roundtable is refused and left byte for byte as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from roundtable.store import open_store, schema
from roundtable.store.merge import merge_database
from roundtable.workspace import open_forum

V1_TABLES = ["forum", "tracks", "sessions", "participants", "requests", "notes", "recommendations",
             "recommendation_sources", "drafts"]


def make_version_1_forum(source: Path, target: Path) -> dict[str, int]:
    """A schema-1 database holding everything the demo forum recorded: built with the V1 DDL and
    filled from a current database, column by column. Returns the row count of each table."""
    conn = sqlite3.connect(target)
    for statement in schema._statements(schema.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
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
    conn = sqlite3.connect(path)
    for statement in schema._statements(schema.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
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
