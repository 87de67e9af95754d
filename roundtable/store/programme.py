"""Writing a programme into the forum database and reading the forum, tracks and sessions back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roundtable.domain import clock
from roundtable.domain.access import Write
from roundtable.domain.models import Forum, Session, Track
from roundtable.store.connection import DatabaseError, Store
from roundtable.store.rows import (
    forum_from_row,
    forum_to_row,
    session_from_row,
    session_to_row,
    track_from_row,
    track_to_row,
)


@dataclass
class ProgrammeChanges:
    sessions_added: int = 0
    sessions_updated: int = 0
    sessions_kept: int = 0  # dropped from the programme but kept: they hold recorded content
    sessions_removed: int = 0
    tracks_added: int = 0
    tracks_updated: int = 0


def forum_id(store: Store) -> str | None:
    row = store.query_one("SELECT id FROM forum")
    return row["id"] if row else None


def save_programme(store: Store, programme, programme_path: Path | None = None) -> ProgrammeChanges:
    """Create or update the forum from a validated programme, in one transaction.

    Sessions and tracks are updated in place (their ids derive from forum id + code). A session
    that left the programme is deleted only when nothing was recorded in it; otherwise it is kept,
    marked as no longer in the programme, so no speaker, note or recommendation is ever lost.
    """
    forum: Forum = programme.forum
    changes = ProgrammeChanges()
    stamp = clock.now().isoformat()
    with store.transaction(Write("programme")) as conn:
        existing = conn.execute("SELECT id FROM forum").fetchone()
        if existing and existing["id"] != forum.id:
            raise DatabaseError(
                f"{store.path}: holds forum \"{existing['id']}\", not \"{forum.id}\""
            )
        row = forum_to_row(forum) | {
            "programme_path": str(programme_path) if programme_path else None,
            "updated_at": stamp,
        }
        store.db["forum"].upsert(row, pk="id")

        old_tracks = {r["code"]: dict(r) for r in conn.execute("SELECT * FROM tracks")}
        for track in programme.tracks:
            before = old_tracks.get(track.code)
            if before is None:
                changes.tracks_added += 1
            elif any(before[k] != v for k, v in track_to_row(track).items()):
                changes.tracks_updated += 1
            else:
                continue
            store.db["tracks"].upsert(track_to_row(track) | {"updated_at": stamp}, pk="id")

        old_sessions = {r["code"]: dict(r) for r in conn.execute("SELECT * FROM sessions")}
        for session in programme.sessions:
            new_row = session_to_row(session) | {"in_programme": 1}
            before = old_sessions.pop(session.code, None)
            if before is None:
                changes.sessions_added += 1
            elif any(before[k] != v for k, v in new_row.items()):
                changes.sessions_updated += 1
            else:
                continue
            store.db["sessions"].upsert(new_row | {"updated_at": stamp}, pk="id")

        for code, before in old_sessions.items():
            recorded = conn.execute(
                """SELECT EXISTS (SELECT 1 FROM requests WHERE session_id = :id)
                       OR EXISTS (SELECT 1 FROM notes WHERE session_id = :id)
                       OR EXISTS (SELECT 1 FROM recommendations WHERE session_id = :id)""",
                {"id": before["id"]},
            ).fetchone()[0]
            if recorded:
                if before["in_programme"]:
                    conn.execute(
                        "UPDATE sessions SET in_programme = 0, updated_at = ? WHERE id = ?",
                        (stamp, before["id"]),
                    )
                changes.sessions_kept += 1
            else:
                conn.execute("DELETE FROM session_state WHERE session_id = ?", (before["id"],))
                conn.execute("DELETE FROM sessions WHERE id = ?", (before["id"],))
                changes.sessions_removed += 1
    return changes


def load_forum(store: Store) -> Forum:
    row = store.query_one("SELECT * FROM forum")
    if row is None:
        raise DatabaseError(f"{store.path}: holds no forum yet; open a programme .toml first")
    return forum_from_row(row)


def programme_path(store: Store) -> Path | None:
    row = store.query_one("SELECT programme_path FROM forum")
    return Path(row["programme_path"]) if row and row["programme_path"] else None


def load_tracks(store: Store) -> list[Track]:
    return [track_from_row(r) for r in store.query("SELECT * FROM tracks ORDER BY position, code")]


def load_sessions(store: Store, include_dropped: bool = True) -> list[Session]:
    """Sessions in time order (date, start, track, code)."""
    where = "" if include_dropped else "WHERE in_programme = 1"
    rows = store.query(f"SELECT * FROM sessions {where} ORDER BY date, start, track, code")
    return [session_from_row(r) for r in rows]


def load_session(store: Store, session_id: str) -> Session | None:
    row = store.query_one("SELECT * FROM sessions WHERE id = ?", (session_id,))
    return session_from_row(row) if row else None


def rooms(store: Store) -> list[str]:
    """The rooms the programme names, each once, in alphabetical order."""
    rows = store.query("SELECT DISTINCT room FROM sessions WHERE room IS NOT NULL AND room != '' ORDER BY room")
    return [r["room"] for r in rows]


def find_session(store: Store, code: str) -> Session | None:
    row = store.query_one("SELECT * FROM sessions WHERE code = ?", (code,))
    return session_from_row(row) if row else None
