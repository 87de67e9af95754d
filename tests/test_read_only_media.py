"""A forum database on a medium the secretariat cannot write (a read-only stick, file or folder):
`export` reads it as it is, writing nothing beside it; what cannot work says exactly why."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from roundtable.workspace import open_forum

import earlier_schemas
from conftest import REPO
from unprivileged import run


@pytest.fixture
def forum_db(tmp_path: Path) -> Path:
    shutil.copy(REPO / "sessions" / "gegf-2014.toml", tmp_path / "gegf-2014.toml")
    db = tmp_path / "laptop" / "gegf-2014.db"
    db.parent.mkdir()
    open_forum(tmp_path / "gegf-2014.toml", db=db).store.close()
    return db


@pytest.fixture
def stick(tmp_path: Path):
    folder = tmp_path / "stick"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


def lock(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


def retitle_leaving_a_log(db: Path, title: str, copy_to: Path, with_shm: bool = False) -> None:
    """Commit a change and copy the database with its unfinished -wal while the writer still has it open."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE forum SET title = ?", (title,))
    for suffix in ("", "-wal", *(["-shm"] if with_shm else [])):
        shutil.copy(f"{db}{suffix}", copy_to / f"{db.name}{suffix}")
    conn.close()


def test_export_from_a_read_only_stick_writes_nothing_on_it(forum_db, stick, tmp_path):
    shutil.copy(forum_db, stick / forum_db.name)
    lock(stick)
    before = sorted(p.name for p in stick.iterdir())
    out = tmp_path / "out.md"
    result = run("export", "--db", stick / forum_db.name, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Global E-Government Forum 2014")
    assert sorted(p.name for p in stick.iterdir()) == before


def test_an_unfinished_log_on_a_read_only_stick_is_named_as_such(forum_db, stick, tmp_path):
    retitle_leaving_a_log(forum_db, "Last commit", stick)
    lock(stick)
    db = stick / forum_db.name
    for args in (("export", "--db", db, "--out", tmp_path / "out.md"), ("merge", db, "--db", forum_db)):
        result = run(*args)
        assert result.returncode == 2, result
        assert result.stderr == (
            f"roundtable: {db}: the folder is read-only and holds an unfinished write-ahead log (gegf-2014.db-wal) "
            "that cannot be read here: copy gegf-2014.db and gegf-2014.db-wal together to a writable folder first\n"
        )
    assert not (tmp_path / "out.md").exists()


def test_an_unfinished_log_with_its_index_is_read_with_its_last_commits(forum_db, stick, tmp_path):
    retitle_leaving_a_log(forum_db, "Last commit", stick, with_shm=True)
    lock(stick)
    out = tmp_path / "out.md"
    result = run("export", "--db", stick / forum_db.name, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Last commit")


def test_a_read_only_file_in_rollback_mode_exports(forum_db, tmp_path):
    """A copy some tool left in rollback-journal mode: switching it to WAL would be a write."""
    with sqlite3.connect(forum_db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    forum_db.chmod(0o444)
    out = tmp_path / "out.json"
    result = run("export", "--db", forum_db, "--format", "json", "--out", out)
    assert result.returncode == 0, result.stderr
    assert '"title": "Global E-Government Forum 2014"' in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(forum_db.stat().st_mode) == 0o444


def test_what_needs_a_write_on_a_read_only_database_says_so(forum_db, tmp_path):
    older = tmp_path / "older.db"
    earlier_schemas.build(older, version=1)
    conn = sqlite3.connect(older)
    conn.execute("INSERT INTO forum (id, title, start, \"end\", updated_at) VALUES ('f', 'F', '2014-10-06', '2014-10-06', 'x')")
    conn.commit()
    conn.close()
    older.chmod(0o444)
    forum_db.chmod(0o444)
    csv_path = REPO / "sessions" / "gegf-2014-participants.csv"
    cases = [
        (("export", "--db", older, "--out", tmp_path / "o.md"),
         f"roundtable: {older}: written by an older roundtable (schema version 1) and cannot be updated here "
         "(the file is read-only); copy it to a writable folder and open it there once\n"),
        (("participants", "import", csv_path, "--db", forum_db),
         f"roundtable: {forum_db}: cannot write to it: the file is read-only; copy it to a writable folder to work on it\n"),
    ]
    for args, message in cases:
        result = run(*args)
        assert (result.returncode, result.stderr) == (2, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gegf-2014.toml", "laptop", "older.db"]
