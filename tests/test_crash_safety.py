"""The power strip is kicked: a writer killed with SIGKILL at random moments loses nothing it had
reported as saved, and the database stays sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

WRITERS = Path(__file__).with_name("writers.py")
ROUNDS = 4


def test_every_row_reported_saved_survives_sigkill(demo_forum):
    db = demo_forum.store.path
    demo_forum.store.close()
    rng = random.Random()
    seed = rng.randrange(1_000_000)
    rng.seed(seed)
    promised: dict[str, set[str]] = {"request": set(), "note": set(), "recommendation": set()}
    for round_ in range(ROUNDS):
        writer = subprocess.Popen(
            [sys.executable, str(WRITERS), "recorder", str(db), "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        assert writer.stdout.readline() == b"ready\n", writer.stderr.read()
        # Kill only once the writer is under way (a loaded machine may start it slowly), then at a
        # random moment.
        early = []
        while not early or not early[-1].startswith(b"note "):
            early.append(writer.stdout.readline())
            assert early[-1], writer.stderr.read()
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(writer.pid, signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        lines = (b"".join(early) + out).decode("utf-8", "replace").split("\n")[:-1]  # a last line without "\n" was cut mid-print
        for line in lines:
            kind, _, row_id = line.partition(" ")
            if kind in promised:
                promised[kind].add(row_id)
        assert promised["note"], f"round {round_}: the writer saved nothing before it was killed (seed {seed})"

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for kind, table in (("request", "requests"), ("note", "notes"), ("recommendation", "recommendations")):
            present = {r[0] for r in conn.execute(f"SELECT id FROM {table}")}
            missing = promised[kind] - present
            assert not missing, f"{len(missing)} {table} reported saved are gone (seed {seed})"
        # Each "request" line was followed by "next", so at most one speaker holds the floor.
        speaking = conn.execute("SELECT count(*) FROM requests WHERE status = 'speaking'").fetchone()[0]
        assert speaking <= 1
    finally:
        conn.close()
