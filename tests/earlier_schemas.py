"""Forum databases as earlier roundtables made them, to test that the migrations bring them forward
and that the newest opens as it is.

`schema_history/v<N>.sql` is the SQL that created (v1) or migrated (v2 ...) a forum database to
version N, exactly as that roundtable ran it, so a database built from them is one a user has.
Frozen: never edit one; a version added later is built by the migrations themselves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from roundtable.store.schema import APPLICATION_ID

HISTORY = Path(__file__).resolve().parent / "schema_history"
LAST = 11  # the newest version frozen here


def build(path: Path, version: int = 1) -> None:
    """An empty forum database of schema `version` at `path`, as that roundtable made it."""
    conn = sqlite3.connect(path)
    try:
        for number in range(1, version + 1):
            conn.executescript((HISTORY / f"v{number}.sql").read_text(encoding="utf-8"))
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={version}")
        conn.commit()
    finally:
        conn.close()
