"""Clearing a session's record after a rehearsal (`roundtable reset --db DB --session CODE`).

Rehearsing a forum before its dates is a real use: the chair's assistant tries the keys, the
rapporteur types a few notes. Before the real session, its record is cleared: requests and
interventions, notes, recommendations that came only from it, the list's state, the drafts and
the undo log. Rows are marked deleted rather than removed (as any deletion is), and the list's
state is reset with the moment of the reset (`reset_at`), so a merge with a laptop that saw the
rehearsal cannot bring them back. The drafts and the undo log, which stay on their laptop and
never travel, are removed. A copy of the database is written first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from roundtable.domain import clock
from roundtable.store import stamping
from roundtable.store.backup_copy import backup_beside
from roundtable.store.connection import Store


@dataclass
class ResetCounts:
    interventions: int = 0  # requests of every status
    notes: int = 0
    recommendations: int = 0

    def line(self) -> str:
        return (f"{self.interventions} requests and interventions, {self.notes} notes and "
                f"{self.recommendations} recommendations cleared")


def recorded(store: Store, session_id: str) -> ResetCounts:
    """What a reset would clear (the confirmation says it before anything is written)."""
    row = store.query_one(
        """SELECT (SELECT count(*) FROM requests WHERE session_id = :id AND deleted_at IS NULL) AS requests,
                  (SELECT count(*) FROM notes WHERE session_id = :id AND deleted_at IS NULL) AS notes,
                  (SELECT count(*) FROM recommendations r WHERE deleted_at IS NULL AND NOT EXISTS (
                       SELECT 1 FROM recommendation_sources s WHERE s.recommendation_id = r.id
                       AND s.session_id IS NOT NULL AND s.session_id != :id)
                   AND (r.session_id = :id OR EXISTS (SELECT 1 FROM recommendation_sources s
                       WHERE s.recommendation_id = r.id AND s.session_id = :id))) AS recommendations""",
        {"id": session_id},
    )
    return ResetCounts(row["requests"], row["notes"], row["recommendations"])


def backup_before_reset(store: Store, now: dt.datetime) -> Path:
    """A copy of the database as it is, under a name no other copy has (store/backup_copy.py): two
    resets within one second keep two copies. Taken inside the reset's transaction (see
    `reset_session`), it is exactly the state the reset cleared."""
    return backup_beside(store.path, f"before-reset-{clock.local(now):%Y%m%d-%H%M%S}")


@dataclass
class Reset:
    counts: ResetCounts
    backup: Path  # the database as it was just before


def reset_with_backup(store: Store, session_id: str, now: dt.datetime) -> Reset:
    """`roundtable reset`: a copy of the database, then the session's record cleared, in one
    transaction: the copy is taken while it holds the write lock, so no other terminal's write falls
    between the copy and the reset."""
    with store.transaction():
        copy = backup_before_reset(store, now)
        return Reset(reset_session(store, session_id, now), copy)


def reset_session(store: Store, session_id: str, now: dt.datetime) -> ResetCounts:
    """Clear the session's record in one transaction; returns what was cleared."""
    stamp = now.isoformat()
    gone = {"deleted_at": stamp}
    with store.transaction() as conn:
        counts = recorded(store, session_id)
        stamping.update(
            conn, "recommendations", gone, now,
            """deleted_at IS NULL AND NOT EXISTS (
                   SELECT 1 FROM recommendation_sources s WHERE s.recommendation_id = recommendations.id
                   AND s.session_id IS NOT NULL AND s.session_id != ?)
               AND (session_id = ? OR EXISTS (SELECT 1 FROM recommendation_sources s
                   WHERE s.recommendation_id = recommendations.id AND s.session_id = ?))""",
            (session_id, session_id, session_id),
        )
        # The delegates' requests from the floor (issue 28) go with the queue they fed.
        for table in ("notes", "requests", "floor_requests"):
            stamping.update(conn, table, gone, now, "session_id = ? AND deleted_at IS NULL", (session_id,))
        # The list's state is reset, not deleted: a deleted row is one a merge with a laptop that
        # saw the rehearsal brings back (issue 24); this one says when the session was cleared.
        stamping.upsert(conn, "session_state", "session_id", {
            "session_id": session_id, "list_closed": 0, "list_changed_at": None, "suspended_at": None,
            "reset_at": stamp,
        }, now)
        conn.execute("DELETE FROM undo_log WHERE scope = ?", (session_id,))
        conn.execute("DELETE FROM drafts WHERE key = ? OR key LIKE ?", (session_id, f"{session_id}:%"))
    return counts
