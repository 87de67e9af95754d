"""The list of speakers: requests for the floor, the intervention in progress, those given.

Every function is one transaction that reads the state it needs inside `BEGIN IMMEDIATE`, so two
terminals acting at once cannot interleave. Times are passed in (`now`) so that tests and the
demo recorder control the clock.
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain import clock, ids
from roundtable.domain.floor import FloorEntry, FloorState, ListClosed, ListStatus, list_status
from roundtable.domain.models import Participant, Session, SpeakerRequest
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
    state = FloorState()
    if now is not None:
        status = _list_status(store, session_id, now)
        state.list_closed, state.list_closed_automatically = status.closed, status.automatic
    else:  # without a clock only the chair's own decision is known
        closed = store.query_one("SELECT list_closed FROM session_state WHERE session_id = ?", (session_id,))
        state.list_closed = bool(closed and closed[0])
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
    """Queue `participant_id` where the session's policy puts them; a point of order goes first.

    Raises ListClosed when the list of speakers is closed (by the chair or by the programme's
    requests_close time) and this is not a point of order.
    """
    stamp = now.isoformat()
    with store.transaction() as conn:
        if speech_type != "point-of-order":
            status = _list_status(store, session.id, now)
            if status.closed:
                raise ListClosed(_closed_message(session, status))
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


def _list_status(store: Store, session_id: str, now: dt.datetime) -> ListStatus:
    row = store.query_one(
        """SELECT s.date, s.requests_close, st.list_closed, st.updated_at
           FROM sessions s LEFT JOIN session_state st ON st.session_id = s.id WHERE s.id = ?""",
        (session_id,),
    )
    if row is None:
        return ListStatus(False)
    closes_at = None
    if row["requests_close"]:
        closes_at = clock.at_venue(dt.date.fromisoformat(row["date"]), dt.time.fromisoformat(row["requests_close"]))
    chair_closed = None if row["list_closed"] is None else bool(row["list_closed"])
    changed_at = dt.datetime.fromisoformat(row["updated_at"]) if row["updated_at"] else None
    return list_status(chair_closed, changed_at, closes_at, now)


def _closed_message(session: Session, status: ListStatus) -> str:
    if status.automatic and session.requests_close is not None:
        why = f"closed at {session.requests_close:%H:%M} by the programme"
    else:
        why = "closed by the chair"
    return f"The list of speakers of {session.code} is {why}: only points of order are taken."


def list_status_of(store: Store, session_id: str, now: dt.datetime) -> ListStatus:
    """Whether the session's list of speakers is closed at `now`, and whether by the programme."""
    return _list_status(store, session_id, now)


def is_list_closed(store: Store, session: Session, now: dt.datetime) -> bool:
    """Closed when the chair closed it, or once the session's requests_close time (venue-local)
    has passed, unless the chair reopened it after that time."""
    return _list_status(store, session.id, now).closed


def toggle_list_closed(store: Store, session: Session, now: dt.datetime) -> bool:
    """The chair's `c`: close an open list or reopen a closed one; returns True when now closed."""
    with store.transaction():
        closed = not _list_status(store, session.id, now).closed
        set_list_closed(store, session.id, closed, now)
    return closed


def set_list_closed(store: Store, session_id: str, closed: bool, now: dt.datetime) -> None:
    """Record the chair's decision. The row's updated_at is the moment of that decision, which
    decides whether it overrides the programme's requests_close time (see list_status)."""
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
    row_id: str | None = None,
) -> SpeakerRequest:
    """Record an intervention already given (the demo sample, benchmarks, imports)."""
    request = SpeakerRequest(
        id=row_id or ids.new_id(),
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


def speaking_times(store: Store, session_ids: list[str] | None = None) -> list[tuple[Participant, float]]:
    """(Participant, seconds spoken) for every finished intervention, in the order given, in the
    sessions named (all sessions when None): the input of domain.fairness."""
    sql = _SELECT + " WHERE r.status = 'spoken'"
    params: tuple = ()
    if session_ids is not None:
        if not session_ids:
            return []
        sql += f" AND r.session_id IN ({', '.join('?' for _ in session_ids)})"
        params = tuple(session_ids)
    rows = store.query(sql + " ORDER BY r.started_at", params)
    times = []
    for row in rows:
        request = request_from_row(row)
        times.append((_participant(row), request.elapsed(request.ended_at)))
    return times


def interventions(store: Store, session_ids: list[str] | None = None) -> list[SpeakerRequest]:
    """Every finished intervention (status spoken) in the sessions named, all when None, by start
    time: the input of domain.speech_counts."""
    sql = f"SELECT {', '.join(REQUEST_FIELDS)} FROM requests WHERE status = 'spoken'"
    params: tuple = ()
    if session_ids is not None:
        if not session_ids:
            return []
        sql += f" AND session_id IN ({', '.join('?' for _ in session_ids)})"
        params = tuple(session_ids)
    return [request_from_row(row) for row in store.query(sql + " ORDER BY started_at", params)]

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


def live_session_in_room(store: Store, room: str) -> str | None:
    """`live_session_id` limited to the sessions held in `room` (as the programme spells it): the
    projector of a room follows whichever of its sessions has the floor, else the last one touched."""
    row = store.query_one(
        "SELECT r.session_id FROM requests r JOIN sessions s ON s.id = r.session_id"
        " WHERE r.status = 'speaking' AND s.room = ? ORDER BY r.started_at DESC LIMIT 1",
        (room,),
    )
    if row is None:
        row = store.query_one(
            "SELECT r.session_id FROM requests r JOIN sessions s ON s.id = r.session_id"
            " WHERE s.room = ? ORDER BY r.updated_at DESC LIMIT 1",
            (room,),
        )
    return row["session_id"] if row else None
