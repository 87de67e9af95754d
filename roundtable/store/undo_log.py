"""Undo and redo, and the audit trail they come from: one log per session (or per board).

Every action that changes the record runs inside `recording()`, which keeps, in the same
transaction, an image of each row the action touched as it was before and as the action left it.
Undoing writes the "before" images back; redoing writes the "after" ones. Before either, every
row must still be exactly as this log last left it (bookkeeping stamps aside): if another action
changed it since (a merge, another terminal's edit not in this log), the undo is refused with a
message rather than overwriting someone's work.

The log is the session's audit trail: each entry says when, what and from which terminal, and
whether it was undone (when, by whom). It stays on its laptop: `roundtable merge` does not carry it.

Rows an action created are not deleted by an undo but marked (`deleted_at`) where the table keeps
tombstones, so that a merge cannot bring them back; the others are deleted.

A delegate's actions from their phone (asking for the floor, withdrawing, changing the type:
store/floor_requests.py) are logged like any other, under the delegate's name, for the audit
trail; but no ctrl+z undoes them (they are the delegate's to withdraw, the moderator's to decline),
and they do not take the moderator's redo away: a redo whose rows a delegate changed meanwhile is
refused like any other.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from roundtable.domain.access import DELEGATE_ACTIONS, SESSION_LOG_KINDS, Write
from roundtable.store import stamping
from roundtable.store.connection import Store

# The logs that are not a session's (whose scope is the session's id).
ROSTER_SCOPE = "roster"
BOARD_SCOPE = "recommendations"

# The tables actions change, with their key column.
KEYS = {
    "requests": "id",
    "notes": "id",
    "recommendations": "id",
    "recommendation_sources": "id",
    "session_state": "session_id",
    "participants": "id",
    "floor_requests": "id",
}
TOMBSTONES = frozenset({"requests", "notes", "recommendations", "floor_requests"})  # rows a merge must not resurrect
# A row of these is never removed: "no row" is a state a merge could undo (issue 24), so an undo
# that takes away the row an action created writes the state the absence meant.
NEUTRAL: dict[str, dict] = {"session_state": {"list_closed": 0, "list_changed_at": None, "suspended_at": None}}
IGNORED = frozenset({"updated_at"})


class UndoRefused(Exception):
    """The undo (or redo) cannot be done as asked; the message says why. Nothing was written."""


@dataclass(frozen=True)
class LogEntry:
    id: int
    scope: str
    action: str
    label: str
    terminal: str
    at: dt.datetime
    state: str  # done | undone | discarded (undone, then a new action made its redo impossible)
    undone_at: dt.datetime | None
    undone_by: str | None


def _row(conn: sqlite3.Connection, table: str, key: str) -> dict | None:
    row = conn.execute(f"SELECT * FROM {table} WHERE {KEYS[table]} = ?", (key,)).fetchone()
    return dict(row) if row is not None else None


def _same(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is b
    return {k: v for k, v in a.items() if k not in IGNORED} == {k: v for k, v in b.items() if k not in IGNORED}


class Recording:
    """The rows one action changes. `watch` each row before changing it (or creating it)."""

    def __init__(self, conn: sqlite3.Connection, label: str):
        self.conn = conn
        self.label = label  # what the audit trail and "Undone: …" say; the action may refine it
        self._before: dict[tuple[str, str], dict | None] = {}

    def watch(self, table: str, key: str) -> None:
        if (table, key) not in self._before:
            self._before[(table, key)] = _row(self.conn, table, key)

    def changes(self) -> list[dict]:
        out = []
        for (table, key), before in self._before.items():
            after = _row(self.conn, table, key)
            if not _same(before, after):
                out.append({"table": table, "key": key, "before": before, "after": after, "current": after})
        return out


def logged_write(scope: str, action: str) -> Write | None:
    """What an action of this log writes (domain/access.py): a session's floor, given list or notes
    by the action's name, the roster; None for the board's, whose track the command itself names
    (`Store.authorise`). An action name this table does not know writes nothing a terminal may."""
    if scope == ROSTER_SCOPE:
        return Write("roster")
    if scope == BOARD_SCOPE:
        return None
    return Write(SESSION_LOG_KINDS.get(action, "unknown"), session_id=scope)


@contextmanager
def recording(store: Store, scope: str, action: str, label: str, now: dt.datetime, write: Write | None = None,
              terminal: str | None = None) -> Iterator[Recording]:
    """Run an action as one transaction and log the rows it changed (nothing logged if none).
    The write (`write`, else what the action's name writes) is checked against the store's actor
    first (Refused: nothing written). `terminal`: who acted, when not the store's own terminal (a
    delegate's phone, served by the venue server's one connection)."""
    with store.transaction(write or logged_write(scope, action)) as conn:
        rec = Recording(conn, label)
        yield rec
        changes = rec.changes()
        if changes:
            if action not in DELEGATE_ACTIONS:
                # A new action makes what was undone before it impossible to redo.
                conn.execute("UPDATE undo_log SET state = 'discarded' WHERE scope = ? AND state = 'undone'", (scope,))
            conn.execute(
                "INSERT INTO undo_log (scope, action, label, terminal, at, changes) VALUES (?, ?, ?, ?, ?, ?)",
                (scope, action, rec.label, terminal or store.terminal, now.isoformat(),
                 json.dumps(changes, ensure_ascii=False)),
            )


def _entry(row: sqlite3.Row) -> LogEntry:
    return LogEntry(
        id=row["id"],
        scope=row["scope"],
        action=row["action"],
        label=row["label"],
        terminal=row["terminal"],
        at=dt.datetime.fromisoformat(row["at"]),
        state=row["state"],
        undone_at=dt.datetime.fromisoformat(row["undone_at"]) if row["undone_at"] else None,
        undone_by=row["undone_by"],
    )


def history(store: Store, scope: str, limit: int = 500) -> list[LogEntry]:
    """The scope's audit trail, newest first."""
    rows = store.query("SELECT * FROM undo_log WHERE scope = ? ORDER BY id DESC LIMIT ?", (scope, limit))
    return [_entry(r) for r in rows]


def last_undoable(store: Store, scope: str, actions: frozenset[str] | None = None,
                  terminal: str | None = None) -> LogEntry | None:
    """What ctrl+z would undo (for the palette's "Undo …")."""
    row = _candidate(store.conn, scope, "done", actions, terminal, newest=True, lock=store)
    return _entry(row) if row is not None else None


def last_redoable(store: Store, scope: str, actions: frozenset[str] | None = None,
                  terminal: str | None = None) -> LogEntry | None:
    row = _candidate(store.conn, scope, "undone", actions, terminal, newest=False, lock=store)
    return _entry(row) if row is not None else None


def _candidate(conn, scope: str, state: str, actions, terminal, newest: bool, lock: Store | None = None):
    sql = f"SELECT * FROM undo_log WHERE scope = ? AND state = ? AND action NOT IN ({', '.join('?' for _ in DELEGATE_ACTIONS)})"
    params: list = [scope, state, *sorted(DELEGATE_ACTIONS)]
    if actions is not None:
        sql += f" AND action IN ({', '.join('?' for _ in actions)})"
        params += sorted(actions)
    if terminal is not None:
        sql += " AND terminal = ?"
        params.append(terminal)
    sql += f" ORDER BY id {'DESC' if newest else 'ASC'} LIMIT 1"
    if lock is not None:
        return lock.query_one(sql, tuple(params))
    return conn.execute(sql, params).fetchone()


def undo(store: Store, scope: str, now: dt.datetime, actions: frozenset[str] | None = None,
         terminal: str | None = None) -> LogEntry | None:
    """Undo the scope's last action (of those `actions`, from that `terminal`, when given).

    Returns the entry undone, None when there is nothing to undo; raises UndoRefused when its rows
    were changed since by something this log did not record.
    """
    return _replay(store, scope, now, actions, terminal, undoing=True)


def redo(store: Store, scope: str, now: dt.datetime, actions: frozenset[str] | None = None,
         terminal: str | None = None) -> LogEntry | None:
    """Redo the action undone last (None when there is none); refused like `undo`."""
    return _replay(store, scope, now, actions, terminal, undoing=False)


def _replay(store: Store, scope: str, now: dt.datetime, actions: frozenset[str] | None, terminal: str | None,
            undoing: bool) -> LogEntry | None:
    """Write back the rows of one logged action as they were before it (undoing: the last action
    done) or as it left them (redoing: the first action undone), in one transaction."""
    with store.transaction() as conn:
        row = _candidate(conn, scope, "done" if undoing else "undone", actions, terminal, newest=undoing)
        if row is None:
            return None
        changes = json.loads(row["changes"])
        _authorise_replay(store, scope, row["action"], changes)
        _check(conn, changes, row["label"])
        if undoing:
            _follow_the_floor(conn, changes)
        image = "before" if undoing else "after"
        for change in reversed(changes) if undoing else changes:
            change["current"] = _write(conn, change["table"], change["key"], change[image], change["current"], now)
        if _speakers(conn, changes) > 1:  # the rollback undoes the writes above
            raise UndoRefused(
                f"Cannot {'undo' if undoing else 'redo'} \u201c{row['label']}\u201d: someone else has the floor since "
                "(another terminal or a merge); give the floor with n or o."
            )
        state, undone_at, undone_by = ("undone", now.isoformat(), store.terminal) if undoing else ("done", None, None)
        conn.execute(
            "UPDATE undo_log SET state = ?, undone_at = ?, undone_by = ?, changes = ? WHERE id = ?",
            (state, undone_at, undone_by, json.dumps(changes, ensure_ascii=False), row["id"]),
        )
        return _entry(conn.execute("SELECT * FROM undo_log WHERE id = ?", (row["id"],)).fetchone())


def _authorise_replay(store: Store, scope: str, action: str, changes: list[dict]) -> None:
    """Undoing or redoing writes what the action wrote: a board's action, the tracks of every
    recommendation it changed (as it was and as it is)."""
    write = logged_write(scope, action)
    if write is not None:
        store.authorise(write)
        return
    tracks = {image["track_code"] for change in changes if change["table"] == "recommendations"
              for image in (change["before"], change["after"]) if image is not None}
    for track in tracks or {None}:
        store.authorise(Write("recommendations", track=track))


def _check(conn: sqlite3.Connection, changes: list[dict], label: str) -> None:
    for change in changes:
        if not _same(_row(conn, change["table"], change["key"]), change["current"]):
            raise UndoRefused(
                f"Cannot undo \u201c{label}\u201d: it was changed since by another action "
                "(another terminal or a merge); correct it by hand."
            )


def _speakers(conn: sqlite3.Connection, changes: list[dict]) -> int:
    """The most speakers on the floor at once in a session whose requests these changes touch."""
    sessions = {image["session_id"] for c in changes if c["table"] == "requests"
                for image in (c["before"], c["after"]) if image is not None}
    most = 0
    for session_id in sessions:
        most = max(most, conn.execute("SELECT count(*) FROM requests WHERE session_id = ? AND status = 'speaking'"
                                      " AND deleted_at IS NULL", (session_id,)).fetchone()[0])
    return most


def _follow_the_floor(conn: sqlite3.Connection, changes: list[dict]) -> None:
    """Notes taken while someone held the floor that the undo takes from them move to whoever it
    gives the floor back to (or to the session): "notes saved in between move back with them"."""
    gained = [c for c in changes if c["table"] == "requests" and c["before"] and c["after"]
              and c["before"]["status"] == "queued" and c["after"]["status"] in ("speaking", "interrupted", "spoken")]
    if not gained:
        return
    restored = next((c["key"] for c in changes if c["table"] == "requests" and c["before"] and c["after"]
                     and c["before"]["status"] == "speaking" and c["after"]["status"] != "speaking"), None)
    watched = {(c["table"], c["key"]) for c in changes}
    for change in gained:
        for note in conn.execute("SELECT * FROM notes WHERE intervention_id = ?", (change["key"],)).fetchall():
            if ("notes", note["id"]) in watched:
                continue
            moved = dict(note) | {"intervention_id": restored}
            changes.append({"table": "notes", "key": note["id"], "before": moved, "after": dict(note),
                            "current": dict(note)})


def _write(conn: sqlite3.Connection, table: str, key: str, image: dict | None, current: dict | None,
           now: dt.datetime) -> dict | None:
    """Make the row `image` (None: gone); returns what the row now holds."""
    key_column = KEYS[table]
    stamp = now.isoformat()
    if image is None:
        if current is None:
            return None
        if table in TOMBSTONES:
            stamping.update(conn, table, {"deleted_at": stamp}, now, f"{key_column} = ?", (key,))
        elif table in NEUTRAL:
            stamping.update(conn, table, NEUTRAL[table], now, f"{key_column} = ?", (key,))
        else:
            conn.execute(f"DELETE FROM {table} WHERE {key_column} = ?", (key,))
        return _row(conn, table, key)
    values = {c: v for c, v in image.items() if c != "updated_at"}
    if current is None and _row(conn, table, key) is None:
        if "updated_at" in image:
            values["updated_at"] = stamp
        names = ", ".join(f'"{c}"' for c in values)
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in values)})", tuple(values.values()))
    elif table in stamping.MERGED_TABLES:
        stamping.update(conn, table, {c: v for c, v in values.items() if c != key_column}, now, f"{key_column} = ?",
                        (key,))
    else:
        sets = ", ".join(f'"{c}" = ?' for c in values if c != key_column)
        conn.execute(f"UPDATE {table} SET {sets} WHERE {key_column} = ?",
                     (*[v for c, v in values.items() if c != key_column], key))
    return _row(conn, table, key)
