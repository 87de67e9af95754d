"""Folders and files whose names hold "#", "?", "%" or start with "file:" are just names: every
command opens exactly the file named, writes no stray file, and never reads another one instead."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from roundtable.store import open_store, roster
from roundtable.workspace import open_forum

from conftest import REPO

ODD = ["F #2", "a?b", "%41", "file:x", "q?mode=memory#"]


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("name", ODD)
def test_every_command_works_in_an_oddly_named_folder(cli, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)  # relative paths too: "file:x/..." must not read as a URI
    folder = Path(name)
    folder.mkdir()
    for source in ("gegf-2014.toml", "gegf-2014-participants.csv"):
        shutil.copy(REPO / "sessions" / source, folder / source)
    db = folder / "forum #1?.db"
    assert cli("check", folder / "gegf-2014.toml").code == 0
    assert cli("check", folder / "gegf-2014-participants.csv").code == 0
    created = cli("init", folder / "gegf-2014.toml", "--db", db)
    assert created.code == 0, created
    assert (tmp_path / name / "forum #1?.db").is_file()
    imported = cli("participants", "import", folder / "gegf-2014-participants.csv", "--db", db)
    assert imported.code == 0 and imported.out.startswith("added 36"), imported
    opened = open_forum(db)  # what `roundtable open` does
    with opened.store:
        assert roster.count_participants(opened.store) == 21 + 36
    other = folder / "other %41.db"
    shutil.copy(db, other)
    merged = cli("merge", other, "--db", db)
    assert merged.code == 0, merged
    out = folder / "out #1.md"
    exported = cli("export", "--db", db, "--out", out)
    assert exported.code == 0 and (tmp_path / name / "out #1.md").is_file(), exported
    expected = {name, *(f"{name}/{f}" for f in ("gegf-2014.toml", "gegf-2014-participants.csv", "forum #1?.db",
                                                "other %41.db", "out #1.md"))}
    left = {f for f in tree(tmp_path) - {f"{name}/forum #1?.db-wal", f"{name}/forum #1?.db-shm"}
            if not f.startswith(f"{name}/forum #1?.db.before-merge-")}
    assert left == expected


@pytest.mark.parametrize("name", ["F #2", "a?b"])
def test_a_foreign_database_behind_an_odd_name_is_refused_untouched(cli, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    foreign = folder / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    before = foreign.read_bytes()
    result = cli("init", REPO / "sessions" / "gegf-2014.toml", "--db", foreign)
    assert result.code == 2 and "not a roundtable forum database" in result.err, result
    assert foreign.read_bytes() == before
    assert tree(tmp_path) == {name, f"{name}/other.db"}


def test_a_forum_under_a_percent_folder_is_its_own(tmp_path):
    """'%41' is not 'A': a forum there opens, and one in 'A' is not read in its place."""
    (tmp_path / "%41").mkdir()
    (tmp_path / "A").mkdir()
    with sqlite3.connect(tmp_path / "A" / "f.db") as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    shutil.copy(REPO / "sessions" / "gegf-2014.toml", tmp_path / "%41" / "gegf-2014.toml")
    opened = open_forum(tmp_path / "%41" / "gegf-2014.toml", db=tmp_path / "%41" / "f.db")
    opened.store.close()
    with open_store(tmp_path / "%41" / "f.db") as store:
        assert store.query_one("SELECT id FROM forum")["id"] == "gegf-2014"
    assert os.listdir(tmp_path / "A") == ["f.db"]
