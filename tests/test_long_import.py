"""A 20,000-row registration list: validated whole before the first row is written, then written a
few thousand rows to a transaction, so a moderator writing meanwhile is never locked out; an import
that stops half-way is finished by running it again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from roundtable.formats.registration_list import read_roster
from roundtable.store import open_store, roster

from conftest import REPO

ROWS = 20_000
WRITERS = Path(__file__).with_name("writers.py")


@pytest.fixture(scope="module")
def long_list(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lists") / "registrations.csv"
    lines = ["name,organisation,country,category"]
    lines += [f"Delegate {n:05d},Ministry {n % 97},KZ,government" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def db(cli, demo_dir) -> Path:
    result = cli("init", demo_dir / "gegf-2014.toml")
    assert result.code == 0, result
    return Path(result.out.strip())


def count(db: Path) -> int:
    with open_store(db, create=False) as store:
        return roster.count_participants(store)


def test_a_long_import_commits_in_chunks_while_a_moderator_keeps_writing(db, long_list, tmp_path):
    people = read_roster(long_list).participants
    go = tmp_path / "go"
    writer = subprocess.Popen([sys.executable, str(WRITERS), "recorder", str(db), "0", str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert writer.stdout.readline().strip() == "ready"
        go.touch()
        with open_store(db, create=False) as store:
            transactions = []
            store.conn.set_trace_callback(lambda sql: transactions.append(sql) if sql == "BEGIN IMMEDIATE" else None)
            counts = roster.import_participants(store, "gegf-2014", people)
            store.conn.set_trace_callback(None)
    finally:
        writer.terminate()
        out, err = writer.communicate(timeout=60)
    assert (counts.added, counts.updated, counts.skipped) == (ROWS, 0, 0)
    assert len(transactions) == ROWS // roster.CHUNK_ROWS  # none holds the lock for the whole list
    assert "locked" not in err and "Traceback" not in err, err
    assert len(out.splitlines()) > 1  # the moderator's process wrote while the list went in


def test_an_import_stopped_half_way_is_finished_by_running_it_again(cli, db, long_list, monkeypatch):
    before = count(db)
    chunk = roster._import_chunk
    calls = []

    def interrupted_after_two_chunks(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return chunk(*args, **kwargs)

    monkeypatch.setattr(roster, "_import_chunk", interrupted_after_two_chunks)
    stopped = cli("participants", "import", long_list, "--db", db)
    assert stopped.code == 1
    assert "roundtable: imported 4,000 of 20,000 participants\n" in stopped.err
    assert ("roundtable: the import stopped after 4,000 of 20,000 participants, which are saved; "
            "run the same command again to finish it") in stopped.err
    assert count(db) == before + 4_000
    monkeypatch.setattr(roster, "_import_chunk", chunk)
    again = cli("participants", "import", long_list, "--db", db)
    assert again.code == 0, again
    assert again.out.strip() == "added 16000, updated 0, skipped 4000"
    assert again.err.count("\n") == ROWS // roster.CHUNK_ROWS  # progress, one line a chunk
    assert count(db) == before + ROWS


def test_a_bad_row_at_the_end_of_a_long_list_writes_nothing(cli, db, long_list, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(long_list.read_text(encoding="utf-8") + "Last Delegate,Ministry 1,KZ,emperor\n", encoding="utf-8")
    before = count(db)
    result = cli("participants", "import", bad, "--db", db)
    assert result.code == 2 and f"line {ROWS + 2}: category" in result.err and result.err.count("\n") == 1, result
    assert count(db) == before
