"""The list of speakers: requests for the floor, the intervention in progress, those given.

Every function is one transaction that reads the state it needs inside `BEGIN IMMEDIATE`, so two
terminals acting at once cannot interleave. Times are passed in (`now`) so that tests and the
demo recorder control the clock.
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain import ids
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.models import Session, SpeakerRequest
from roundtable.domain.queue_policy import Candidate, place, position_between
from roundtable.store.connection import Store
from roundtable.store.rows import PARTICIPANT_FIELDS, REQUEST_FIELDS, participant_from_row, request_from_row

_SELECT = (
    "SELECT "
    + ", ".join(f"r.{f} AS {f}" for f in REQUEST_FIELDS)
    + ", "
    + ", ".join(f"p.{f} AS p_{f}" for f in PARTICIPANT_FIELDS)
    + " FROM requests r JOIN participants p ON p.id = r.participant_id"
)


def _participant(row):
    return participant_from_row({f: row[f"p_{f}"] for f in PARTICIPANT_FIELDS})


def floor_state(store: Store, session_id: str, now: dt.datetime | None = None) -> FloorState:
    """Everything the session screen shows, read in one query."""
    rows = store.query(
        _SELECT + " WHERE r.session_id = ? AND r.status != 'withdrawn' ORDER BY r.position, r.requested_at",
        (session_id,),
    )
    closed = store.query_one("SELECT list_closed FROM session_state WHERE session_id = ?", (session_id,))
    state = FloorState(list_closed=bool(closed and closed[0]))
    counts: dict[str, int] = {}
    seconds: dict[str, float] = {}
    entries = []
    for row in rows:
        request = request_from_row(row)
        person = _participant(row)
        entries.append(FloorEntry(request, person))
        if request.status in ("spoken", "speaking"):
            counts[person.id] = counts.get(person.id, 0) + 1
            if now is not None or request.ended_at is not None:
                seconds[person.id] = seconds.get(person.id, 0.0) + request.elapsed(now or request.ended_at)
    for entry in entries:
        entry.interventions = counts.get(entry.participant.id, 0)
        entry.spoken_seconds = seconds.get(entry.participant.id, 0.0)
        status = entry.request.status
        if status == "speaking":
            state.current = entry
        elif status == "queued":
            state.queue.append(entry)
        elif status == "spoken":
            state.spoken.append(entry)
    state.spoken.sort(key=lambda e: e.request.started_at or e.request.requested_at)
    return state


def _queued(conn, session_id: str) -> list:
    return conn.execute(
        """SELECT r.id, r.position, r.speech_type, p.rank, p.gender,
                  EXISTS (SELECT 1 FROM requests s WHERE s.session_id = r.session_id
                          AND s.participant_id = r.participant_id
                          AND s.status IN ('spoken', 'speaking')) AS has_spoken
           FROM requests r JOIN participants p ON p.id = r.participant_id
           WHERE r.session_id = ? AND r.status = 'queued' ORDER BY r.position, r.requested_at""",
        (session_id,),
    ).fetchall()


def _candidate(row) -> Candidate:
    return Candidate(
        rank=row["rank"],
        gender=row["gender"],
        has_spoken=bool(row["has_spoken"]),
        point_of_order=row["speech_type"] == "point-of-order",
    )


def request_floor(
    store: Store,
    session: Session,
    participant_id: str,
    now: dt.datetime,
    speech_type: str = "statement",
    language: str | None = None,
) -> SpeakerRequest:
    """Queue `participant_id` where the session's policy puts them; a point of order goes first."""
    stamp = now.isoformat()
    with store.transaction() as conn:
        queued = _queued(conn, session.id)
        person = conn.execute(
            "SELECT rank, gender FROM participants WHERE id = ?", (participant_id,)
        ).fetchone()
        if person is None:
            raise KeyError(f"no participant {participant_id}")
        has_spoken = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM requests WHERE session_id = ? AND participant_id = ?"
            " AND status IN ('spoken', 'speaking'))",
            (session.id, participant_id),
        ).fetchone()[0]
        newcomer = Candidate(
            rank=person["rank"],
            gender=person["gender"],
            has_spoken=bool(has_spoken),
            point_of_order=speech_type == "point-of-order",
        )
        placement = place(session.queue_policy, newcomer, [_candidate(r) for r in queued])
        before = queued[placement.index - 1]["position"] if placement.index > 0 else None
        after = queued[placement.index]["position"] if placement.index < len(queued) else None
        request = SpeakerRequest(
            id=ids.new_id(),
            session_id=session.id,
            participant_id=participant_id,
            speech_type=speech_type,
            language=language,
            requested_at=now,
            position=position_between(before, after),
            reason=placement.reason,
            limit_seconds=session.speaking_time,
        )
        store.db["requests"].insert(_request_row(request) | {"updated_at": stamp})
    return request


def _request_row(request: SpeakerRequest) -> dict:
    data = request.model_dump()
    for key in ("requested_at", "started_at", "ended_at", "paused_at"):
        data[key] = data[key].isoformat() if data[key] is not None else None
    return data


def next_speaker(store: Store, session_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """Close the current intervention (its duration is now fixed) and give the floor to the head
    of the queue, whose timer starts at `now`. Returns the new speaker, or None if the queue is empty."""
    stamp = now.isoformat()
    with store.transaction() as conn:
        _close_current(conn, session_id, now)
        head = conn.execute(
            "SELECT id FROM requests WHERE session_id = ? AND status = 'queued'"
            " ORDER BY position, requested_at LIMIT 1",
            (session_id,),
        ).fetchone()
        if head is None:
            return None
        conn.execute(
            "UPDATE requests SET status = 'speaking', started_at = ?, paused_at = NULL,"
            " paused_seconds = 0, updated_at = ? WHERE id = ?",
            (stamp, stamp, head["id"]),
        )
        row = conn.execute(
            f"SELECT {', '.join(REQUEST_FIELDS)} FROM requests WHERE id = ?", (head["id"],)
        ).fetchone()
    return request_from_row(row)


def _close_current(conn, session_id: str, now: dt.datetime) -> None:
    current = conn.execute(
        "SELECT id, paused_at, paused_seconds FROM requests WHERE session_id = ? AND status = 'speaking'",
        (session_id,),
    ).fetchall()
    stamp = now.isoformat()
    for row in current:
        paused = row["paused_seconds"]
        if row["paused_at"]:
            # Ending while paused: the pause lasts until the end, so it is not speaking time.
            paused += (now - dt.datetime.fromisoformat(row["paused_at"])).total_seconds()
        conn.execute(
            "UPDATE requests SET status = 'spoken', ended_at = ?, paused_at = NULL,"
            " paused_seconds = ?, updated_at = ? WHERE id = ?",
            (stamp, paused, stamp, row["id"]),
        )


def end_current(store: Store, session_id: str, now: dt.datetime) -> None:
    """Close the current intervention without giving the floor to anyone."""
    with store.transaction() as conn:
        _close_current(conn, session_id, now)


def withdraw(store: Store, request_id: str, now: dt.datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE requests SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status = 'queued'",
            (now.isoformat(), request_id),
        )


def toggle_pause(store: Store, request_id: str, now: dt.datetime) -> bool:
    """Pause a running timer or resume a paused one; returns True when it is now paused."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT paused_at, paused_seconds FROM requests WHERE id = ? AND status = 'speaking'",
            (request_id,),
        ).fetchone()
        if row is None:
            return False
        stamp = now.isoformat()
        if row["paused_at"] is None:
            conn.execute(
                "UPDATE requests SET paused_at = ?, updated_at = ? WHERE id = ?", (stamp, stamp, request_id)
            )
            return True
        paused = row["paused_seconds"] + (now - dt.datetime.fromisoformat(row["paused_at"])).total_seconds()
        conn.execute(
            "UPDATE requests SET paused_at = NULL, paused_seconds = ?, updated_at = ? WHERE id = ?",
            (paused, stamp, request_id),
        )
        return False


def move(store: Store, request_id: str, offset: int, now: dt.datetime) -> bool:
    """Move a queued request `offset` places (-1 = up); returns False when it cannot move."""
    with store.transaction() as conn:
        row = conn.execute("SELECT session_id FROM requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            return False
        queued = _queued(conn, row["session_id"])
        order = [r["id"] for r in queued]
        if request_id not in order:
            return False
        i = order.index(request_id)
        j = i + offset
        if not 0 <= j < len(order):
            return False
        # Positions are recomputed so that the moved entry lands exactly at j.
        rest = [r for r in queued if r["id"] != request_id]
        before = rest[j - 1]["position"] if j > 0 else None
        after = rest[j]["position"] if j < len(rest) else None
        conn.execute(
            "UPDATE requests SET position = ?, reason = 'moved by the chair', updated_at = ? WHERE id = ?",
            (position_between(before, after), now.isoformat(), request_id),
        )
        return True


def set_speech_type(store: Store, request_id: str, speech_type: str, now: dt.datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE requests SET speech_type = ?, updated_at = ? WHERE id = ?",
            (speech_type, now.isoformat(), request_id),
        )


def set_language(store: Store, request_id: str, language: str, now: dt.datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE requests SET language = ?, updated_at = ? WHERE id = ?",
            (language, now.isoformat(), request_id),
        )


def set_list_closed(store: Store, session_id: str, closed: bool, now: dt.datetime) -> None:
    with store.transaction():
        store.db["session_state"].upsert(
            {"session_id": session_id, "list_closed": int(closed), "updated_at": now.isoformat()},
            pk="session_id",
        )


def record_intervention(
    store: Store,
    session: Session,
    participant_id: str,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    speech_type: str = "statement",
    language: str | None = None,
) -> SpeakerRequest:
    """Record an intervention already given (the demo sample, benchmarks, imports)."""
    request = SpeakerRequest(
        id=ids.new_id(),
        session_id=session.id,
        participant_id=participant_id,
        status="spoken",
        speech_type=speech_type,
        language=language,
        requested_at=started_at,
        started_at=started_at,
        ended_at=ended_at,
        limit_seconds=session.speaking_time,
        reason="recorded",
    )
    with store.transaction():
        store.db["requests"].insert(_request_row(request) | {"updated_at": ended_at.isoformat()})
    return request


def live_session_id(store: Store) -> str | None:
    """The session where someone has the floor (the latest to start), else the last one touched.

    The projector follows it when no session was named.
    """
    row = store.query_one(
        "SELECT session_id FROM requests WHERE status = 'speaking' ORDER BY started_at DESC LIMIT 1"
    )
    if row is None:
        row = store.query_one("SELECT session_id FROM requests ORDER BY updated_at DESC LIMIT 1")
    return row["session_id"] if row else None
