"""The list of speakers' commands: requests, the floor moving on, points of order, pauses, the
session suspended, and the moderator's corrections of the interventions given.

Each command is one transaction that reads the state it needs inside `BEGIN IMMEDIATE`, so two
terminals acting at once cannot interleave, and is recorded in the session's undo log
(store/undo_log.py) with every row it changed. The rules (who speaks next, how a point of order
interrupts, how a clock stops) are the domain's (domain/floor_moves.py); this module only reads the
rows they need and writes the rows they return. Times are passed in (`now`) so that tests and the
demo recorder control the clock.

Reading the floor is `store/floor_reads.py`; closing the list is `store/list_closing.py`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from roundtable.domain import floor_moves, ids, statistics
from roundtable.domain.access import Write
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import AlreadyQueued, ListClosed
from roundtable.domain.models import Session, SpeakerRequest, titled_name
from roundtable.domain.queue_policy import Candidate, place, position_between
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store
from roundtable.store.floor_reads import NOTED
from roundtable.store.list_closing import closed_message, list_status_of
from roundtable.store.rows import REQUEST_FIELDS, request_from_row, request_to_row, session_from_row

_COLUMNS = ", ".join(REQUEST_FIELDS)


def _load(conn: sqlite3.Connection, request_id: str) -> SpeakerRequest | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM requests WHERE id = ?", (request_id,)).fetchone()
    return request_from_row(row) if row else None


def _session_requests(conn: sqlite3.Connection, session_id: str, statuses: tuple[str, ...]) -> list[SpeakerRequest]:
    marks = ", ".join("?" for _ in statuses)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM requests WHERE session_id = ? AND status IN ({marks}) AND deleted_at IS NULL"
        " ORDER BY position, requested_at",
        (session_id, *statuses),
    ).fetchall()
    return [request_from_row(r) for r in rows]


def _save(rec: undo_log.Recording, request: SpeakerRequest, now: dt.datetime) -> None:
    """Write `request` over its row (or insert it), recorded for undo."""
    rec.watch("requests", request.id)
    stamping.upsert(rec.conn, "requests", "id", request_to_row(request), now)


def _name(conn: sqlite3.Connection, participant_id: str) -> str:
    row = conn.execute("SELECT honorific, name FROM participants WHERE id = ?", (participant_id,)).fetchone()
    if row is None:
        return "someone no longer in the roster"
    return titled_name(row["honorific"], row["name"])


def _spoken_people(
    conn: sqlite3.Connection, session_id: str, among: set[str], now: dt.datetime
) -> set[str]:
    """Which of `among` have an intervention that counts in this session (the 3-second rule of
    domain.statistics). Only the people a placement compares are read, so adding a speaker costs
    the same late in a long session as at its start."""
    marks = ", ".join("?" for _ in among)
    rows = conn.execute(
        f"SELECT {', '.join(f'r.{f}' for f in REQUEST_FIELDS)}, {NOTED} AS noted FROM requests r"
        " WHERE r.session_id = ? AND r.status IN ('speaking', 'interrupted', 'spoken') AND r.deleted_at IS NULL"
        f" AND r.participant_id IN ({marks})",
        (session_id, *among),
    ).fetchall()
    return {
        row["participant_id"]
        for row in rows
        if statistics.counts(request_from_row(row), bool(row["noted"]), now)
    }


def _candidates(conn: sqlite3.Connection, queued: list[SpeakerRequest], spoken: set[str]) -> list[Candidate]:
    people = {
        r["id"]: r
        for r in conn.execute(
            f"SELECT id, rank, gender FROM participants WHERE id IN ({', '.join('?' for _ in queued)})",
            tuple(q.participant_id for q in queued),
        )
    } if queued else {}
    return [
        Candidate(
            rank=people[q.participant_id]["rank"] if q.participant_id in people else "other",
            gender=people[q.participant_id]["gender"] if q.participant_id in people else None,
            has_spoken=q.participant_id in spoken,
            point_of_order=q.speech_type == floor_moves.POINT_OF_ORDER,
        )
        for q in queued
    ]


# -- requests -----------------------------------------------------------------------------------


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
    requests_close time) and this is not a point of order; AlreadyQueued when this person already
    waits in the queue (checked in the transaction, so two terminals cannot queue them twice).
    """
    with undo_log.recording(store, session.id, "add", "queued a speaker", now) as rec:
        conn = rec.conn
        if speech_type != floor_moves.POINT_OF_ORDER:
            status = list_status_of(store, session.id, now)
            if status.closed:
                raise ListClosed(closed_message(session, status))
        person = conn.execute("SELECT rank, gender FROM participants WHERE id = ?", (participant_id,)).fetchone()
        if person is None:
            raise KeyError(f"no participant {participant_id}")
        queued = _session_requests(conn, session.id, ("queued",))
        name = _name(conn, participant_id)
        if any(q.participant_id == participant_id for q in queued):
            raise AlreadyQueued(f"{name} is already in the queue.")
        spoken = _spoken_people(conn, session.id, {participant_id, *(q.participant_id for q in queued)}, now)
        newcomer = Candidate(
            rank=person["rank"],
            gender=person["gender"],
            has_spoken=participant_id in spoken,
            point_of_order=speech_type == floor_moves.POINT_OF_ORDER,
        )
        placement = place(session.queue_policy, newcomer, _candidates(conn, queued, spoken))
        before = queued[placement.index - 1].position if placement.index > 0 else None
        after = queued[placement.index].position if placement.index < len(queued) else None
        request = SpeakerRequest(
            id=ids.new_id(),
            session_id=session.id,
            participant_id=participant_id,
            speech_type=speech_type,
            language=language,
            requested_at=now,
            position=position_between(before, after),
            reason=placement.reason,
            limit_seconds=floor_moves.limit_for(session, speech_type),
        )
        _save(rec, request, now)
        rec.label = f"queued {name}"
    return request


def raise_point_of_order(
    store: Store, session: Session, participant_id: str, now: dt.datetime, language: str | None = None
) -> SpeakerRequest:
    """`o`: the person raising a point of order has the floor at once; whoever was speaking is
    interrupted (clock stopped) and resumes when `n` closes the point of order. Taken even on a
    closed list."""
    with undo_log.recording(store, session.id, "point-of-order", "point of order", now) as rec:
        conn = rec.conn
        if conn.execute("SELECT 1 FROM participants WHERE id = ?", (participant_id,)).fetchone() is None:
            raise KeyError(f"no participant {participant_id}")
        current = _session_requests(conn, session.id, ("speaking",))
        request = SpeakerRequest(
            id=ids.new_id(),
            session_id=session.id,
            participant_id=participant_id,
            speech_type=floor_moves.POINT_OF_ORDER,
            language=language,
            requested_at=now,
            reason="point of order",
            limit_seconds=floor_moves.limit_for(session, floor_moves.POINT_OF_ORDER),
        )
        for changed in floor_moves.raise_point_of_order(current[0] if current else None, request, now):
            _save(rec, changed, now)
        rec.label = f"point of order: {_name(conn, participant_id)}"
        if current:
            rec.label += f" interrupts {_name(conn, current[0].participant_id)}"
    return request


def next_speaker(store: Store, session_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """`n`: close the current intervention (its duration is now fixed) and give the floor to
    whoever is next (domain.floor_moves.next_turn: an interrupted speaker first, a waiting point
    of order before anyone). Returns who has the floor now, or None when nobody has it."""
    with undo_log.recording(store, session_id, "next", "next speaker", now) as rec:
        conn = rec.conn
        given = _session_requests(conn, session_id, ("speaking", "interrupted", "queued"))
        current = next((r for r in given if r.status == "speaking"), None)
        head = next((r for r in given if r.status == "queued"), None)
        stack = floor_moves.interrupted_stack(given)
        changed = floor_moves.next_turn(current, stack, head, now)
        for request in changed:
            _save(rec, request, now)
        speaker = next((r for r in changed if r.status == "speaking"), None)
        if speaker is not None:
            rec.label = f"next speaker: {_name(conn, speaker.participant_id)}"
        elif current is not None:
            rec.label = f"ended {_name(conn, current.participant_id)}'s intervention"
    return speaker


def end_current(store: Store, session_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """Close the current intervention without giving the floor to anyone; returns it."""
    with undo_log.recording(store, session_id, "end", "ended the intervention", now) as rec:
        current = _session_requests(rec.conn, session_id, ("speaking",))
        for request in current:
            _save(rec, floor_moves.close(request, now), now)
    return current[0] if current else None


def withdraw(store: Store, request_id: str, now: dt.datetime) -> None:
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status != "queued":
            return
        with undo_log.recording(store, request.session_id, "withdraw",
                                f"withdrew {_name(conn, request.participant_id)}", now) as rec:
            _save(rec, request.model_copy(update={"status": "withdrawn"}), now)


def toggle_pause(store: Store, request_id: str, now: dt.datetime) -> bool:
    """Pause a running timer or resume a paused one; returns True when it is now paused."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status != "speaking":
            return False
        changed = floor_moves.toggle_pause(request, now)
        label = "paused the clock" if changed.paused_at else "resumed the clock"
        with undo_log.recording(store, request.session_id, "pause", label, now) as rec:
            _save(rec, changed, now)
        return changed.paused_at is not None


def move(store: Store, request_id: str, offset: int, now: dt.datetime) -> bool:
    """Move a queued request `offset` places (-1 = up); returns False when it cannot move."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status != "queued":
            return False
        queued = _session_requests(conn, request.session_id, ("queued",))
        order = [r.id for r in queued]
        i = order.index(request_id)
        j = i + offset
        if not 0 <= j < len(order):
            return False
        # Positions are recomputed so that the moved entry lands exactly at j.
        rest = [r for r in queued if r.id != request_id]
        before = rest[j - 1].position if j > 0 else None
        after = rest[j].position if j < len(rest) else None
        label = f"moved {_name(conn, request.participant_id)} {'up' if offset < 0 else 'down'}"
        with undo_log.recording(store, request.session_id, "move", label, now) as rec:
            _save(rec, request.model_copy(update={"position": position_between(before, after),
                                                  "reason": "moved by the chair"}), now)
        return True


def set_speech_type(store: Store, request_id: str, speech_type: str, now: dt.datetime) -> None:
    """The request's speech type. A queued request made a point of order goes to the head of the
    queue (after earlier points of order), as a new one would."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None:
            return
        update: dict = {"speech_type": speech_type}
        if request.status != "spoken":  # the clock follows the type: a point of order's own limit
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (request.session_id,)).fetchone()
            if row is not None:
                update["limit_seconds"] = floor_moves.limit_for(session_from_row(row), speech_type)
        if request.status == "queued" and speech_type == floor_moves.POINT_OF_ORDER:
            others = [r for r in _session_requests(conn, request.session_id, ("queued",)) if r.id != request_id]
            heads = [r for r in others if r.speech_type == floor_moves.POINT_OF_ORDER]
            rest = [r for r in others if r.speech_type != floor_moves.POINT_OF_ORDER]
            update |= {"position": position_between(heads[-1].position if heads else None,
                                                     rest[0].position if rest else None),
                       "reason": "point of order"}
        label = f"{_name(conn, request.participant_id)}: {speech_type.replace('-', ' ')}"
        with undo_log.recording(store, request.session_id, "type", label, now) as rec:
            _save(rec, request.model_copy(update=update), now)


def set_language(store: Store, request_id: str, language: str, now: dt.datetime) -> None:
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None:
            return
        label = f"{_name(conn, request.participant_id)} speaks in {language}"
        with undo_log.recording(store, request.session_id, "language", label, now) as rec:
            _save(rec, request.model_copy(update={"language": language}), now)


# -- suspending the session ---------------------------------------------------------------------


def suspend_session(store: Store, session_id: str, now: dt.datetime) -> None:
    """The session is suspended: the speaker's clock stops until `resume_session`."""
    with undo_log.recording(store, session_id, "suspend", "suspended the session", now) as rec:
        conn = rec.conn
        rec.watch("session_state", session_id)
        stamping.upsert(conn, "session_state", "session_id", {"session_id": session_id, "suspended_at": now.isoformat()},
                        now)
        for request in _session_requests(conn, session_id, ("speaking",)):
            _save(rec, floor_moves.pause(request, now), now)


def resume_session(store: Store, session_id: str, now: dt.datetime) -> None:
    """The suspended session goes on: the speaker's clock runs again."""
    with undo_log.recording(store, session_id, "resume", "resumed the session", now) as rec:
        conn = rec.conn
        rec.watch("session_state", session_id)
        stamping.update(conn, "session_state", {"suspended_at": None}, now, "session_id = ?", (session_id,))
        for request in _session_requests(conn, session_id, ("speaking",)):
            _save(rec, floor_moves.unpause(request, now), now)


def uncount(store: Store, request_id: str, seconds: float, now: dt.datetime) -> None:
    """Take `seconds` out of the running intervention's speaking time (time the clock ran while
    no roundtable had the session open, which the moderator says does not count)."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status not in ("speaking", "interrupted"):
            return
        label = f"did not count {format_clock(seconds)} while the session was closed"
        with undo_log.recording(store, request.session_id, "uncount", label, now) as rec:
            _save(rec, request.model_copy(update={"paused_seconds": request.paused_seconds + seconds}), now)


# -- corrections of the interventions given -----------------------------------------------------


def _correct(store: Store, request_id: str, now: dt.datetime, action: str, label: str, **update) -> SpeakerRequest | None:
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status != "spoken" or request.deleted_at is not None:
            return None
        name = _name(conn, request.participant_id)
        corrected = request.model_copy(update=update)
        with undo_log.recording(store, request.session_id, action, f"{label} ({name})", now) as rec:
            _save(rec, corrected, now)
        return corrected


def correct_speaker(store: Store, request_id: str, participant_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """The intervention was someone else's: it (and the notes linked to it) becomes theirs."""
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM participants WHERE id = ?", (participant_id,)).fetchone() is None:
            raise KeyError(f"no participant {participant_id}")
        return _correct(store, request_id, now, "correct", f"speaker corrected to {_name(conn, participant_id)}",
                        participant_id=participant_id)


def correct_speech_type(store: Store, request_id: str, speech_type: str, now: dt.datetime) -> SpeakerRequest | None:
    return _correct(store, request_id, now, "correct", f"type corrected to {speech_type.replace('-', ' ')}",
                    speech_type=speech_type)


def correct_language(store: Store, request_id: str, language: str, now: dt.datetime) -> SpeakerRequest | None:
    return _correct(store, request_id, now, "correct", f"language corrected to {language}", language=language)


def correct_duration(store: Store, request_id: str, seconds: int, now: dt.datetime) -> SpeakerRequest | None:
    return _correct(store, request_id, now, "correct", f"duration corrected to {format_clock(seconds)}",
                    corrected_seconds=float(seconds))


def toggle_kept(store: Store, request_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """Keep (or stop keeping) an intervention too short to count (domain.statistics.counts)."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None:
            return None
        label = "kept although short" if not request.kept else "no longer kept"
        return _correct(store, request_id, now, "keep", label, kept=not request.kept)


def delete_intervention(store: Store, request_id: str, now: dt.datetime) -> SpeakerRequest | None:
    """Delete an intervention given by mistake: it is marked deleted (a merge cannot bring it
    back) and its notes move to the session."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status != "spoken" or request.deleted_at is not None:
            return None
        label = f"deleted the intervention of {_name(conn, request.participant_id)}"
        with undo_log.recording(store, request.session_id, "delete", label, now) as rec:
            for note in conn.execute("SELECT id FROM notes WHERE intervention_id = ?", (request_id,)).fetchall():
                rec.watch("notes", note["id"])
            stamping.update(conn, "notes", {"intervention_id": None}, now, "intervention_id = ?", (request_id,))
            _save(rec, request.model_copy(update={"deleted_at": now}), now)
        return request


# -- recorded elsewhere -------------------------------------------------------------------------


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
    """Record an intervention already given (the demo sample, benchmarks, imports); not undoable."""
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
        limit_seconds=floor_moves.limit_for(session, speech_type),
        reason="recorded",
    )
    with store.transaction(Write("floor", session_id=session.id)):
        store.insert("requests", request_to_row(request) | {"updated_at": ended_at.isoformat()})
    return request
