"""Six `roundtable init` at once on one database: all succeed, one database results, nothing is
deleted under another process's feet; the same for six processes migrating an older database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from roundtable.store import open_store, programme as programme_store, schema

import earlier_schemas
from conftest import REPO

PROCESSES = 6
# Imports first, then "ready", then every process starts `init` the moment the go file appears.
INIT = """
import pathlib, sys, time
import roundtable.cli, roundtable.workspace, roundtable.formats.programme, roundtable.store.programme
go = pathlib.Path(sys.argv[1])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
sys.argv = ["roundtable", "init", sys.argv[2], "--db", sys.argv[3]]
roundtable.cli.main()
"""


def init_at_once(tmp_path: Path, db: Path) -> list[tuple[int, str]]:
    go = tmp_path / "go"
    processes = [
        subprocess.Popen([sys.executable, "-c", INIT, str(go), str(REPO / "sessions" / "gegf-2014.toml"), str(db)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        for _ in range(PROCESSES)
    ]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    results = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        results.append((process.returncode, err))
    return results


def assert_whole(db: Path) -> None:
    with open_store(db, create=False) as store:
        assert store.query_one("PRAGMA integrity_check")[0] == "ok"
        assert store.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION
        assert programme_store.forum_id(store) == "gegf-2014"
        assert len(programme_store.load_sessions(store)) == 15


def test_six_inits_at_once_on_a_new_database(tmp_path):
    db = tmp_path / "sessions" / "gegf-2014.db"
    db.parent.mkdir()
    results = init_at_once(tmp_path, db)
    assert all(code == 0 for code, _ in results), [r for r in results if r[0]]
    assert not any("Traceback" in err or "unexpected" in err for _, err in results)
    assert_whole(db)
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["gegf-2014.db"]


def test_six_processes_migrate_an_older_database_once(tmp_path):
    db = tmp_path / "old.db"
    earlier_schemas.build(db, version=1)
    results = init_at_once(tmp_path, db)
    assert all(code == 0 for code, _ in results), [r for r in results if r[0]]
    assert_whole(db)
    assert sorted(p.name for p in tmp_path.glob("old.db.*")) == ["old.db.v1.bak"]  # one backup, by the one that migrated
