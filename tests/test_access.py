"""Files roundtable writes follow the user's umask and are never world-writable."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from roundtable.store import open_store
from roundtable.store.merge import merge_database
from roundtable.workspace import open_forum

import earlier_schemas
from conftest import DEMO


@pytest.fixture
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.mark.parametrize("umask", [0o002, 0o022, 0o077], indirect=True)
def test_databases_wal_and_backups_follow_the_umask(tmp_path, umask):
    folder = tmp_path / "sessions"
    folder.mkdir()
    shutil.copy(DEMO, folder / DEMO.name)
    laptop = open_forum(folder / DEMO.name, db=folder / "laptop.db").store
    laptop.close()
    opened = open_forum(folder / DEMO.name)  # sessions/gegf-2014.db, left open: -wal and -shm exist
    merge_database(opened.store, laptop.path)

    old = folder / "old.db"  # a schema-1 database, migrated: writes old.db.v1.bak
    earlier_schemas.build(old, version=1)
    os.chmod(old, 0o644 & ~umask)
    open_store(old).close()

    names = {p.name for p in folder.iterdir()}
    assert {"gegf-2014.db", "gegf-2014.db-wal", "gegf-2014.db-shm", "old.db.v1.bak"} <= names
    for path in folder.iterdir():
        if path.suffix == ".toml":  # ours: the copied programme
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        assert not mode & stat.S_IWOTH, f"{path.name} is world-writable ({mode:o})"
        assert not mode & umask, f"{path.name} ignores the umask {umask:03o} ({mode:o})"
    opened.store.close()


def test_a_backup_is_never_more_readable_than_its_database(tmp_path, demo_forum):
    demo_forum.store.close()
    private = tmp_path / "private.db"
    earlier_schemas.build(private, version=1)
    os.chmod(private, 0o600)  # the secretariat keeps this forum to itself
    open_store(private).close()
    assert stat.S_IMODE((tmp_path / "private.db.v1.bak").stat().st_mode) == 0o600
