"""Closing the list of speakers: the chair's `c`, and the programme's `requests_close` time.

The programme's time applies on the session's own day only (venue time, the forum's time zone):
a session rehearsed on another day, or the demo's 2014 sessions opened today, are never closed
by the clock.
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain import clock
from roundtable.domain.floor import ListStatus, list_status
from roundtable.domain.models import Session
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store


def list_status_of(store: Store, session_id: str, now: dt.datetime) -> ListStatus:
    """Whether the session's list of speakers is closed at `now`, and whether by the programme."""
    row = store.query_one(
        """SELECT s.date, s.requests_close, st.list_closed, st.list_changed_at,
                  (SELECT timezone FROM forum) AS timezone
           FROM sessions s LEFT JOIN session_state st ON st.session_id = s.id WHERE s.id = ?""",
        (session_id,),
    )
    if row is None:
        return ListStatus(False)
    closes_at = None
    day = dt.date.fromisoformat(row["date"])
    if row["requests_close"] and clock.venue_day(now, row["timezone"]) == day:
        closes_at = clock.at_venue(day, dt.time.fromisoformat(row["requests_close"]), row["timezone"])
    # The chair's last decision, if any (a row that only a suspension or a reset wrote holds none).
    changed_at = dt.datetime.fromisoformat(row["list_changed_at"]) if row["list_changed_at"] else None
    chair_closed = None if changed_at is None else bool(row["list_closed"])
    return list_status(chair_closed, changed_at, closes_at, now)


def closed_message(session: Session, status: ListStatus) -> str:
    if status.automatic and session.requests_close is not None:
        why = f"closed at {session.requests_close:%H:%M} by the programme"
    else:
        why = "closed by the chair"
    return f"The list of speakers of {session.code} is {why}: only points of order are taken."


def is_list_closed(store: Store, session: Session, now: dt.datetime) -> bool:
    """Closed when the chair closed it, or once the session's requests_close time (venue-local,
    on the session's day) has passed, unless the chair reopened it after that time."""
    return list_status_of(store, session.id, now).closed


def toggle_list_closed(store: Store, session: Session, now: dt.datetime) -> bool:
    """The chair's `c`: close an open list or reopen a closed one; returns True when now closed."""
    with store.transaction():
        closed = not list_status_of(store, session.id, now).closed
        set_list_closed(store, session.id, closed, now)
    return closed


def set_list_closed(store: Store, session_id: str, closed: bool, now: dt.datetime) -> None:
    """Record the chair's decision. `list_changed_at` is the moment of that decision, which decides
    whether it overrides the programme's requests_close time (see list_status)."""
    label = "closed the list of speakers" if closed else "reopened the list of speakers"
    with undo_log.recording(store, session_id, "list", label, now) as rec:
        rec.watch("session_state", session_id)
        stamping.upsert(store.conn, "session_state", "session_id",
                        {"session_id": session_id, "list_closed": int(closed), "list_changed_at": now.isoformat()}, now)
