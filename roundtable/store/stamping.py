"""The one way a row that laptops merge is changed: stamped with `updated_at`.

`roundtable merge` decides which copy of a row wins by its `updated_at` and the marks the last
merge left (domain/merge_policy.py), so a change that does not move the stamp is invisible to it: a
suspension written without it was lost across laptops (issue 24). Every UPDATE and upsert of a
merged table goes through `update` or `upsert` here, which add the stamp whatever the caller
passes; tests/test_architecture.py refuses such SQL anywhere else in store/ (the merge itself,
which writes the other laptop's stamps, and the migrations aside).

An edit is stamped after the version it changes even when this laptop's clock is behind
(`stamp_after`): the merge lets the later stamp win, on both laptops alike, so they converge.

New rows are stamped by their writers (`updated_at` is NOT NULL on every merged table, so an insert
without one fails at once).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping

# The tables `roundtable merge` merges row by row (store/merge.py TABLES of kind "record").
MERGED_TABLES = frozenset({
    "participants", "requests", "notes", "recommendations", "session_state", "floor_requests", "delegate_keys",
})


def _checked(table: str, values: Mapping[str, object]) -> None:
    if table not in MERGED_TABLES:
        raise ValueError(f"{table} is not a merged table: write it directly")
    if "updated_at" in values:
        raise ValueError("updated_at is the stamp's: do not pass it")


def stamp_after(now: dt.datetime, previous: str | None) -> str:
    """The stamp of a change made at `now` to a row last stamped `previous`: `now`, or just after
    `previous` when this laptop's clock is behind the stamp it edits. An edit is always later than
    the version it changes, so the merge's one rule (the later stamp wins, on both sides alike)
    never drops an edit for a slow clock."""
    if previous:
        try:
            before = dt.datetime.fromisoformat(previous)
        except ValueError:
            before = None
        if before is not None and before.tzinfo is not None and before >= now:
            return (before + dt.timedelta(microseconds=1)).isoformat()
    return now.isoformat()


def update(conn: sqlite3.Connection, table: str, values: Mapping[str, object], now: dt.datetime,
           where: str, params: tuple = ()) -> int:
    """`UPDATE table SET <values>, updated_at = <stamp> WHERE <where>`, each row stamped by
    `stamp_after`; returns the rows changed. Column names are the code's own; every value is a
    bound parameter."""
    _checked(table, values)
    rows = conn.execute(f"SELECT rowid, updated_at FROM {table} WHERE {where}", params).fetchall()
    sets = ", ".join([*(f'"{column}" = ?' for column in values), '"updated_at" = ?'])
    for rowid, previous in rows:
        conn.execute(f"UPDATE {table} SET {sets} WHERE rowid = ?",
                     (*values.values(), stamp_after(now, previous), rowid))
    return len(rows)


def upsert(conn: sqlite3.Connection, table: str, key: str, row: Mapping[str, object], now: dt.datetime,
           insert_defaults: Mapping[str, object] | None = None) -> None:
    """Insert `row` (with `insert_defaults` for the columns only a new row takes), or update the
    columns `row` names on the row whose `key` it gives; stamped either way (`stamp_after`)."""
    _checked(table, row)
    found = conn.execute(f'SELECT updated_at FROM {table} WHERE "{key}" = ?', (row[key],)).fetchone()
    values = dict(insert_defaults or {}) | dict(row) | {"updated_at": stamp_after(now, found[0] if found else None)}
    names = ", ".join(f'"{column}"' for column in values)
    changed = ", ".join(f'"{column}" = excluded."{column}"' for column in [*row, "updated_at"] if column != key)
    conn.execute(
        f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in values)})"
        f' ON CONFLICT ("{key}") DO UPDATE SET {changed}',
        tuple(values.values()),
    )
