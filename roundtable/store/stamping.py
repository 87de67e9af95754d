"""The one way a row that laptops merge is changed: stamped with `updated_at`.

`roundtable merge` decides which copy of a row wins by its `updated_at` and the marks the last
merge left (domain/merge_policy.py), so a change that does not move the stamp is invisible to it: a
suspension written without it was lost across laptops (issue 24). Every UPDATE and upsert of a
merged table goes through `update` or `upsert` here, which add the stamp whatever the caller
passes; tests/test_architecture.py refuses such SQL anywhere else in store/ (the merge itself,
which writes the other laptop's stamps, and the migrations aside).

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


def update(conn: sqlite3.Connection, table: str, values: Mapping[str, object], now: dt.datetime,
           where: str, params: tuple = ()) -> int:
    """`UPDATE table SET <values>, updated_at = now WHERE <where>`; returns the rows changed.
    Column names are the code's own; every value is a bound parameter."""
    _checked(table, values)
    sets = ", ".join([*(f'"{column}" = ?' for column in values), '"updated_at" = ?'])
    cursor = conn.execute(f"UPDATE {table} SET {sets} WHERE {where}",
                          (*values.values(), now.isoformat(), *params))
    return cursor.rowcount


def upsert(conn: sqlite3.Connection, table: str, key: str, row: Mapping[str, object], now: dt.datetime,
           insert_defaults: Mapping[str, object] | None = None) -> None:
    """Insert `row` (with `insert_defaults` for the columns only a new row takes), or update the
    columns `row` names on the row whose `key` it gives; stamped either way."""
    _checked(table, row)
    values = dict(insert_defaults or {}) | dict(row) | {"updated_at": now.isoformat()}
    names = ", ".join(f'"{column}"' for column in values)
    changed = ", ".join(f'"{column}" = excluded."{column}"' for column in [*row, "updated_at"] if column != key)
    conn.execute(
        f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in values)})"
        f' ON CONFLICT ("{key}") DO UPDATE SET {changed}',
        tuple(values.values()),
    )
