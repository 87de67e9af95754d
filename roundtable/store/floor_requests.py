"""Requests for the floor from the delegates' phones (issue 28): asked, withdrawn and retyped by the
delegate; accepted or declined by the moderator.

Each is one transaction recorded in the session's undo log (store/undo_log.py), so the session's
audit trail shows it, and as whose: a delegate's actions under the delegate's name ("ask",
"ask-withdraw", "ask-type", written as the `asks` kind, for that person only: domain/access.py),
the moderator's answers as the floor's ("accept", "decline": ctrl+z undoes them). A request that
joins the queue is placed exactly as the moderator's `a` places one: this module reuses
store/floor.py's reads and writes of the queue and the domain's placement (queue_policy.place),
and marks the entry's reason "from the floor". The rules are domain/floor_requests.py's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from roundtable.domain import floor_moves, ids
from roundtable.domain.access import Write
from roundtable.domain.floor_requests import (
    ASKED_TYPES,
    POINT_OF_ORDER,
    AskRefused,
    AskWithRequest,
    FloorRequest,
    OwnRequest,
    own_requests,
    queue_reason,
    takes_phones,
    waits_for_moderator,
)
from roundtable.domain.forecast import expected_starts
from roundtable.domain.models import Participant, Session, SpeakerRequest
from roundtable.domain.queue_policy import Candidate, place, position_at
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store
from roundtable.store.floor import _candidates, _name, _save, _session_requests, _spoken_people
from roundtable.store.floor_reads import floor_state
from roundtable.store.list_closing import closed_message, list_status_of
from roundtable.store.rows import iso, participant_columns, participant_from_row

_FIELDS = tuple(FloorRequest.model_fields)
_COLUMNS = ", ".join(_FIELDS)


def _ask_from_row(row) -> FloorRequest:
    return FloorRequest.model_validate({k: row[k] for k in _FIELDS})


def _ask_to_row(ask: FloorRequest) -> dict:
    data = ask.model_dump()
    data["asked_at"], data["decided_at"] = iso(ask.asked_at), iso(ask.decided_at)
    return data


def _save_ask(rec: undo_log.Recording, ask: FloorRequest, now: dt.datetime) -> None:
    rec.watch("floor_requests", ask.id)
    stamping.upsert(rec.conn, "floor_requests", "id", _ask_to_row(ask), now)


def _asks_of(conn: sqlite3.Connection, session_id: str, participant_id: str | None = None) -> list[AskWithRequest]:
    """The session's requests from the floor (one person's, when given), oldest first, each with its
    queue entry's status."""
    who = " AND f.participant_id = ?" if participant_id is not None else ""
    rows = conn.execute(
        f"SELECT {', '.join(f'f.{c}' for c in _FIELDS)}, r.status AS request_status FROM floor_requests f"
        " LEFT JOIN requests r ON r.id = f.request_id AND r.deleted_at IS NULL"
        f" WHERE f.session_id = ? AND f.deleted_at IS NULL{who} ORDER BY f.asked_at, f.id",
        (session_id, *((participant_id,) if participant_id is not None else ())),
    ).fetchall()
    return [AskWithRequest(_ask_from_row(row), row["request_status"]) for row in rows]


def _own(store: Store, session_id: str, participant_id: str, now: dt.datetime) -> tuple[OwnRequest, OwnRequest]:
    state = floor_state(store, session_id, now)
    return own_requests(participant_id, state, _asks_of(store.conn, session_id, participant_id),
                        expected_starts(state, now))


def _delegates_write(session_id: str, participant_id: str) -> Write:
    return Write("asks", session_id=session_id, participant_id=participant_id)


# -- the delegate's actions -------------------------------------------------------------------------


def ask(store: Store, session: Session, participant_id: str, speech_type: str, now: dt.datetime,
        terminal: str | None = None) -> FloorRequest:
    """A delegate asks for the floor (statement, reply, question or point of order).

    With the session's `floor_requests = "accept"` a statement, reply or question joins the queue
    at once; otherwise (and a point of order always) it waits for the moderator. Raises AskRefused
    (nothing written) on an off-record session, a closed list (but for a point of order), or an
    open request of theirs already; Refused when the store's actor may not ask for this person.
    `terminal`: how the audit trail names the phone.
    """
    if speech_type not in (*ASKED_TYPES, POINT_OF_ORDER):
        raise AskRefused("bad-type", f"{speech_type!r} is not a statement, reply, question or point of order")
    if not takes_phones(session.attribution):
        raise AskRefused("off-record", f"{session.code} is off the record: requests are taken in the room")
    write = _delegates_write(session.id, participant_id)
    with undo_log.recording(store, session.id, "ask", "asked for the floor", now, write=write,
                            terminal=terminal) as rec:
        conn = rec.conn
        if conn.execute("SELECT 1 FROM participants WHERE id = ?", (participant_id,)).fetchone() is None:
            raise KeyError(f"no participant {participant_id}")
        request, order = _own(store, session.id, participant_id, now)
        refusal = (order if speech_type == POINT_OF_ORDER else request)
        if refusal.is_open:
            if speech_type == POINT_OF_ORDER:
                raise AskRefused("point-of-order-open", "Their point of order is already waiting or being heard.")
            raise AskRefused("already-open", "They already have an open request in this session.")
        if speech_type != POINT_OF_ORDER:
            status = list_status_of(store, session.id, now)
            if status.closed:
                raise AskRefused("list-closed", closed_message(session, status))
        name = _name(conn, participant_id)
        pending = FloorRequest(id=ids.new_id(), session_id=session.id, participant_id=participant_id,
                               speech_type=speech_type, asked_at=now)
        if waits_for_moderator(session.floor_requests, speech_type):
            _save_ask(rec, pending, now)
            rec.label = f"{name} asked from the floor: {speech_type.replace('-', ' ')}"
            return pending
        queued = _queue(rec, session, participant_id, speech_type, now)
        accepted = pending.model_copy(update={"status": "accepted", "request_id": queued.id, "decided_at": now})
        _save_ask(rec, accepted, now)
        rec.label = f"{name} asked from the floor: {speech_type}, queued"
        return accepted


def withdraw(store: Store, session: Session, participant_id: str, now: dt.datetime, point_of_order: bool = False,
             terminal: str | None = None) -> bool:
    """The delegate withdraws their open request (or their point of order): waiting, or in the
    queue, whoever queued it. Returns False when they had none open (nothing written)."""
    with undo_log.recording(store, session.id, "ask-withdraw", "withdrew from the floor", now,
                            write=_delegates_write(session.id, participant_id), terminal=terminal) as rec:
        conn = rec.conn
        asks = _asks_of(conn, session.id, participant_id)
        waiting = [a.ask for a in asks if a.ask.status == "waiting" and a.ask.is_point_of_order == point_of_order]
        queued = [r for r in _session_requests(conn, session.id, ("queued",))
                  if r.participant_id == participant_id and (r.speech_type == POINT_OF_ORDER) == point_of_order]
        if not waiting and not queued:
            return False
        for pending in waiting:
            _save_ask(rec, pending.model_copy(update={"status": "withdrawn", "decided_at": now}), now)
        for request in queued:
            _save(rec, request.model_copy(update={"status": "withdrawn"}), now)
            for accepted in (a.ask for a in asks if a.ask.request_id == request.id):
                _save_ask(rec, accepted.model_copy(update={"status": "withdrawn", "decided_at": now}), now)
        what = "their point of order" if point_of_order else "their request"
        rec.label = f"{_name(conn, participant_id)} withdrew {what} from the floor"
        return True


def retype(store: Store, session: Session, participant_id: str, speech_type: str, now: dt.datetime,
           terminal: str | None = None) -> bool:
    """The delegate changes their open request's type (statement, reply or question; a place in
    the queue is kept). Returns False when they have no open request (nothing written)."""
    if speech_type not in ASKED_TYPES:
        raise AskRefused("bad-type", f"{speech_type!r}: a request is a statement, a reply or a question")
    with undo_log.recording(store, session.id, "ask-type", "changed their request", now,
                            write=_delegates_write(session.id, participant_id), terminal=terminal) as rec:
        conn = rec.conn
        changed = False
        for entry in _asks_of(conn, session.id, participant_id):
            if entry.ask.status == "waiting" and not entry.ask.is_point_of_order and entry.ask.speech_type != speech_type:
                _save_ask(rec, entry.ask.model_copy(update={"speech_type": speech_type}), now)
                changed = True
        for request in _session_requests(conn, session.id, ("queued",)):
            if (request.participant_id == participant_id and request.speech_type != POINT_OF_ORDER
                    and request.speech_type != speech_type):
                _save(rec, request.model_copy(update={"speech_type": speech_type}), now)
                changed = True
        rec.label = f"{_name(conn, participant_id)} from the floor: {speech_type}"
        return changed


# -- the moderator's answers ------------------------------------------------------------------------


def accept(store: Store, session: Session, ask_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """The moderator's `enter` on a waiting request: a statement, reply or question joins the
    queue by the session's policy (also on a closed list: the moderator decides); a point of
    order gets the floor at once, interrupting whoever speaks (as `o`). Returns the queue entry,
    None when the request is no longer waiting (withdrawn or answered meanwhile)."""
    with undo_log.recording(store, session.id, "accept", "accepted a request from the floor", now) as rec:
        conn = rec.conn
        row = conn.execute(f"SELECT {_COLUMNS} FROM floor_requests WHERE id = ? AND deleted_at IS NULL",
                           (ask_id,)).fetchone()
        pending = _ask_from_row(row) if row else None
        if pending is None or pending.status != "waiting" or pending.session_id != session.id:
            return None
        name = _name(conn, pending.participant_id)
        if pending.is_point_of_order:
            current = _session_requests(conn, session.id, ("speaking",))
            request = SpeakerRequest(id=ids.new_id(), session_id=session.id, participant_id=pending.participant_id,
                                     speech_type=POINT_OF_ORDER, requested_at=pending.asked_at,
                                     reason=queue_reason("point of order"),
                                     limit_seconds=floor_moves.limit_for(session, POINT_OF_ORDER))
            for changed in floor_moves.raise_point_of_order(current[0] if current else None, request, now):
                _save(rec, changed, now)
            rec.label = f"point of order from the floor: {name}"
            if current:
                rec.label += f" interrupts {_name(conn, current[0].participant_id)}"
        else:
            # Queued meanwhile by the moderator's `a`: the request is that entry, which keeps its place.
            request = next((q for q in _session_requests(conn, session.id, ("queued",))
                            if q.participant_id == pending.participant_id and q.speech_type != POINT_OF_ORDER), None)
            if request is None:
                request = _queue(rec, session, pending.participant_id, pending.speech_type, now,
                                 asked_at=pending.asked_at)
            rec.label = f"accepted {name} from the floor ({pending.speech_type})"
        _save_ask(rec, pending.model_copy(update={"status": "accepted", "request_id": request.id, "decided_at": now}), now)
        return request


def decline(store: Store, session_id: str, ask_id: str, now: dt.datetime) -> bool:
    """The moderator's `x` on a waiting request; the delegate's phone says it was declined.
    Returns False when it is no longer waiting."""
    with undo_log.recording(store, session_id, "decline", "declined a request from the floor", now) as rec:
        conn = rec.conn
        row = conn.execute(f"SELECT {_COLUMNS} FROM floor_requests WHERE id = ? AND deleted_at IS NULL",
                           (ask_id,)).fetchone()
        pending = _ask_from_row(row) if row else None
        if pending is None or pending.status != "waiting" or pending.session_id != session_id:
            return False
        _save_ask(rec, pending.model_copy(update={"status": "declined", "decided_at": now}), now)
        rec.label = f"declined {_name(conn, pending.participant_id)}'s request from the floor"
        return True


def _queue(rec: undo_log.Recording, session: Session, participant_id: str, speech_type: str, now: dt.datetime,
           asked_at: dt.datetime | None = None) -> SpeakerRequest:
    """Place someone in the queue as store/floor.py's request_floor does, inside this recording."""
    conn = rec.conn
    person = conn.execute("SELECT rank, gender FROM participants WHERE id = ?", (participant_id,)).fetchone()
    queued = _session_requests(conn, session.id, ("queued",))
    spoken = _spoken_people(conn, session.id, {participant_id, *(q.participant_id for q in queued)}, now)
    newcomer = Candidate(rank=person["rank"], gender=person["gender"], has_spoken=participant_id in spoken,
                         point_of_order=False)
    placement = place(session.queue_policy, newcomer, _candidates(conn, queued, spoken))
    request = SpeakerRequest(id=ids.new_id(), session_id=session.id, participant_id=participant_id,
                             speech_type=speech_type, requested_at=asked_at or now,
                             position=position_at([q.position for q in queued], placement.index),
                             reason=queue_reason(placement.reason),
                             limit_seconds=floor_moves.limit_for(session, speech_type))
    _save(rec, request, now)
    return request


# -- reading ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """A request waiting for the moderator, as the session screen's strip shows it."""

    ask: FloorRequest
    participant: Participant


def waiting(store: Store, session_id: str) -> list[Waiting]:
    """The session's requests waiting for the moderator: points of order first, then in the order
    they were asked."""
    rows = store.query(
        f"SELECT {', '.join(f'f.{c}' for c in _FIELDS)}, {participant_columns('p')} FROM floor_requests f"
        " JOIN participants p ON p.id = f.participant_id"
        " WHERE f.session_id = ? AND f.status = 'waiting' AND f.deleted_at IS NULL ORDER BY f.asked_at, f.id",
        (session_id,),
    )
    found = [Waiting(_ask_from_row(row), participant_from_row(row, "p_")) for row in rows]
    return sorted(found, key=lambda w: not w.ask.is_point_of_order)


def session_asks(store: Store, session_id: str) -> list[AskWithRequest]:
    """Every request from the floor of the session (what the delegates' phones are told of)."""
    return _asks_of(store.conn, session_id)


def own(store: Store, session_id: str, participant_id: str, now: dt.datetime) -> tuple[OwnRequest, OwnRequest]:
    """What one delegate's phone says of their request and their point of order."""
    with store.snapshot():
        return _own(store, session_id, participant_id, now)


def load_ask(store: Store, ask_id: str) -> FloorRequest | None:
    row = store.query_one(f"SELECT {_COLUMNS} FROM floor_requests WHERE id = ?", (ask_id,))
    return _ask_from_row(row) if row else None

