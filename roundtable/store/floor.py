"""The list of speakers' commands: requests, the floor moving on, points of order, pauses, the
session suspended, and the moderator's corrections of the interventions given.

Each command is one transaction that reads the state it needs inside `BEGIN IMMEDIATE`, so two
terminals acting at once cannot interleave, and is recorded in the session's undo log
(store/undo_log.py) with every row it changed. The rules are the domain's: who speaks next, how a
point of order interrupts, how a clock stops (domain/floor_moves.py); where an entry goes in the
queue (domain/queue_policy.py); what the log says (the catalogue's `[floor_log]`). This module only
reads the rows they need and writes the rows they return. Times are passed in (`now`) so that tests
and the demo recorder control the clock.

A command returns what happened (domain/floor_outcomes.py: the request as written, or for `n`
whether a new speaker has the floor, an interrupted one resumed, or the floor is free) and raises
a `FloorRefused` when it cannot be done, having written nothing.

Reading the floor is `store/floor_reads.py`; closing the list is `store/list_closing.py`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from roundtable.domain import floor_moves, ids, statistics
from roundtable.domain.access import Write
from roundtable.domain.catalogue import catalogue
from roundtable.domain.durations import format_clock
from roundtable.domain.floor_outcomes import (
    AlreadyQueued,
    CannotMove,
    ClockToggled,
    Ended,
    FloorMove,
    ListClosed,
    Moved,
    NewSpeaker,
    NobodySpeaking,
    NotCorrectable,
    NotInRoster,
    NotWaiting,
    QueueEmpty,
    Resumed,
)
from roundtable.domain.models import Session, SpeakerRequest, titled_name
from roundtable.domain.queue_policy import MOVED_REASON, POINT_OF_ORDER_REASON, Candidate, move_target, place, position_at
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store
from roundtable.store.floor_reads import NOTED
from roundtable.store.list_closing import closed_message, list_status_of
from roundtable.store.rows import REQUEST_FIELDS, request_from_row, request_to_row, session_from_row

_COLUMNS = ", ".join(REQUEST_FIELDS)


def _label(key: str, **values: object) -> str:
    """The log's words for a command, from the catalogue (the log keeps them as written)."""
    return catalogue().log_label(key, **values)


def _language(code: str) -> str:
    """A language as the log names it ("Kazakh"), as the notice on the screen did; not its code."""
    name = catalogue().language(code)
    return name if name and name != code else code.upper()


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


def _load_for(conn: sqlite3.Connection, request_id: str, statuses: tuple[str, ...]) -> SpeakerRequest:
    """The request, which must be in one of `statuses` (NotWaiting otherwise: it changed meanwhile)."""
    request = _load(conn, request_id)
    if request is None or request.status not in statuses or request.deleted_at is not None:
        raise NotWaiting("That request is no longer in the queue (changed meanwhile?).")
    return request


def _existing(conn: sqlite3.Connection, request_id: str) -> SpeakerRequest:
    request = _load(conn, request_id)
    if request is None:
        raise NotWaiting("That request has gone (changed meanwhile?).")
    return request


def _require_person(conn: sqlite3.Connection, participant_id: str) -> sqlite3.Row:
    person = conn.execute("SELECT rank, gender FROM participants WHERE id = ?", (participant_id,)).fetchone()
    if person is None:
        raise NotInRoster("That person is no longer in the roster.")
    return person


def _name(conn: sqlite3.Connection, participant_id: str) -> str:
    row = conn.execute("SELECT honorific, name FROM participants WHERE id = ?", (participant_id,)).fetchone()
    if row is None:
        return _label("someone_gone")
    return titled_name(row["honorific"], row["name"])


def _kind(speech_type: str) -> str:
    return speech_type.replace("-", " ")


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
    waits in the queue (checked in the transaction, so two terminals cannot queue them twice);
    NotInRoster for someone not in the roster.
    """
    with undo_log.recording(store, session.id, "add", _label("queued_a_speaker"), now) as rec:
        conn = rec.conn
        if speech_type != floor_moves.POINT_OF_ORDER:
            status = list_status_of(store, session.id, now)
            if status.closed:
                raise ListClosed(closed_message(session, status))
        person = _require_person(conn, participant_id)
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
        request = SpeakerRequest(
            id=ids.new_id(),
            session_id=session.id,
            participant_id=participant_id,
            speech_type=speech_type,
            language=language,
            requested_at=now,
            position=position_at([q.position for q in queued], placement.index),
            reason=placement.reason,
            limit_seconds=floor_moves.limit_for(session, speech_type),
        )
        _save(rec, request, now)
        rec.label = _label("queued", name=name)
    return request


def raise_point_of_order(
    store: Store, session: Session, participant_id: str, now: dt.datetime, language: str | None = None
) -> NewSpeaker:
    """`o`: the person raising a point of order has the floor at once; whoever was speaking is
    interrupted (clock stopped) and resumes when `n` closes the point of order. Taken even on a
    closed list. Returns the point of order as the new speaker, with whom it interrupted."""
    with undo_log.recording(store, session.id, "point-of-order", _label("point_of_order"), now) as rec:
        conn = rec.conn
        _require_person(conn, participant_id)
        current = _session_requests(conn, session.id, ("speaking",))
        request = SpeakerRequest(
            id=ids.new_id(),
            session_id=session.id,
            participant_id=participant_id,
            speech_type=floor_moves.POINT_OF_ORDER,
            language=language,
            requested_at=now,
            reason=POINT_OF_ORDER_REASON,
            limit_seconds=floor_moves.limit_for(session, floor_moves.POINT_OF_ORDER),
        )
        changes = floor_moves.raise_point_of_order(current[0] if current else None, request, now)
        for changed in changes:
            _save(rec, changed, now)
        if current:
            rec.label = _label("point_of_order_interrupts", name=_name(conn, participant_id),
                               speaker=_name(conn, current[0].participant_id))
        else:
            rec.label = _label("point_of_order_by", name=_name(conn, participant_id))
    return NewSpeaker(changes[-1], interrupted=changes[0] if current else None)


def next_speaker(store: Store, session_id: str, now: dt.datetime) -> FloorMove:
    """`n`: close the current intervention (its duration is now fixed) and give the floor to
    whoever is next (domain.floor_moves.next_turn: an interrupted speaker first, a waiting point
    of order before anyone). Returns what happened: a NewSpeaker (who may interrupt the speaker,
    when a point of order waited at the head), the interrupted speaker Resumed, or the speaker's
    intervention Ended with nobody left to give the floor to. Raises QueueEmpty when nobody spoke
    and nobody waits (nothing written)."""
    with undo_log.recording(store, session_id, "next", _label("next_speaker"), now) as rec:
        conn = rec.conn
        given = _session_requests(conn, session_id, ("speaking", "interrupted", "queued"))
        current = next((r for r in given if r.status == "speaking"), None)
        head = next((r for r in given if r.status == "queued"), None)
        stack = floor_moves.interrupted_stack(given)
        changed = floor_moves.next_turn(current, stack, head, now)
        if not changed:
            raise QueueEmpty("The queue is empty.")
        for request in changed:
            _save(rec, request, now)
        speaker = next((r for r in changed if r.status == "speaking"), None)
        before = next((r for r in changed if current is not None and r.id == current.id), None)
        if speaker is None:
            rec.label = _label("ended_intervention_of", name=_name(conn, before.participant_id))
            return Ended(before)
        resumed = bool(stack) and speaker.id == stack[0].id
        rec.label = _label("resumes_after_point_of_order" if resumed else "next_speaker_is",
                           name=_name(conn, speaker.participant_id))
    ended = before if before is not None and before.status == "spoken" else None
    if resumed:
        return Resumed(speaker, ended=ended)
    interrupted = before if before is not None and before.status == "interrupted" else None
    return NewSpeaker(speaker, ended=ended, interrupted=interrupted)


def end_current(store: Store, session_id: str, now: dt.datetime) -> Ended:
    """Close the current intervention without giving the floor to anyone. Raises NobodySpeaking
    when nobody has the floor."""
    with undo_log.recording(store, session_id, "end", _label("ended_intervention"), now) as rec:
        current = _session_requests(rec.conn, session_id, ("speaking",))
        if not current:
            raise NobodySpeaking("Nobody has the floor.")
        closed = [floor_moves.close(request, now) for request in current]
        for request in closed:
            _save(rec, request, now)
    return Ended(closed[0])


def withdraw(store: Store, request_id: str, now: dt.datetime) -> SpeakerRequest:
    """The queued request is withdrawn; returns it as written. NotWaiting when it no longer waits."""
    with store.transaction() as conn:
        request = _load_for(conn, request_id, ("queued",))
        withdrawn = request.model_copy(update={"status": "withdrawn"})
        with undo_log.recording(store, request.session_id, "withdraw",
                                _label("withdrew", name=_name(conn, request.participant_id)), now) as rec:
            _save(rec, withdrawn, now)
        return withdrawn


def toggle_pause(store: Store, request_id: str, now: dt.datetime) -> ClockToggled:
    """Pause a running timer or resume a paused one. NobodySpeaking when that request does not
    have the floor (any more)."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status != "speaking":
            raise NobodySpeaking("Nobody has the floor.")
        changed = floor_moves.toggle_pause(request, now)
        label = _label("paused_clock" if changed.paused_at else "resumed_clock")
        with undo_log.recording(store, request.session_id, "pause", label, now) as rec:
            _save(rec, changed, now)
        return ClockToggled(changed)


def move(store: Store, request_id: str, offset: int, now: dt.datetime) -> Moved:
    """Move a queued request `offset` places (-1 = up), exactly there. CannotMove beyond the
    head or the end; NotWaiting when it no longer waits."""
    with store.transaction() as conn:
        request = _load_for(conn, request_id, ("queued",))
        queued = _session_requests(conn, request.session_id, ("queued",))
        target = move_target(len(queued), [r.id for r in queued].index(request_id), offset)
        if target is None:
            raise CannotMove("That entry cannot move further.")
        rest = [r.position for r in queued if r.id != request_id]
        moved = request.model_copy(update={"position": position_at(rest, target), "reason": MOVED_REASON})
        label = _label("moved_up" if offset < 0 else "moved_down", name=_name(conn, request.participant_id))
        with undo_log.recording(store, request.session_id, "move", label, now) as rec:
            _save(rec, moved, now)
        return Moved(moved, target)


def set_speech_type(store: Store, request_id: str, speech_type: str, now: dt.datetime) -> SpeakerRequest:
    """The request's speech type; returns the request as written. A queued request made a point
    of order goes to the head of the queue (after earlier points of order), as a new one would
    (domain.queue_policy.place). NotWaiting when the request has gone."""
    with store.transaction() as conn:
        request = _existing(conn, request_id)
        update: dict = {"speech_type": speech_type}
        if request.status != "spoken":  # the clock follows the type: a point of order's own limit
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (request.session_id,)).fetchone()
            if row is not None:
                update["limit_seconds"] = floor_moves.limit_for(session_from_row(row), speech_type)
        if request.status == "queued" and speech_type == floor_moves.POINT_OF_ORDER:
            others = [r for r in _session_requests(conn, request.session_id, ("queued",)) if r.id != request_id]
            placement = place(
                "fifo", Candidate(point_of_order=True),
                [Candidate(point_of_order=r.speech_type == floor_moves.POINT_OF_ORDER) for r in others],
            )
            update |= {"position": position_at([r.position for r in others], placement.index),
                       "reason": placement.reason}
        changed = request.model_copy(update=update)
        label = _label("speech_type", name=_name(conn, request.participant_id), type=_kind(speech_type))
        with undo_log.recording(store, request.session_id, "type", label, now) as rec:
            _save(rec, changed, now)
        return changed


def set_language(store: Store, request_id: str, language: str, now: dt.datetime) -> SpeakerRequest:
    """The language the request's intervention is given in; returns the request as written."""
    with store.transaction() as conn:
        request = _existing(conn, request_id)
        changed = request.model_copy(update={"language": language})
        label = _label("speaks_in", name=_name(conn, request.participant_id), language=_language(language))
        with undo_log.recording(store, request.session_id, "language", label, now) as rec:
            _save(rec, changed, now)
        return changed


# -- suspending the session ---------------------------------------------------------------------


def suspend_session(store: Store, session_id: str, now: dt.datetime) -> None:
    """The session is suspended: the speaker's clock stops until `resume_session`."""
    with undo_log.recording(store, session_id, "suspend", _label("suspended"), now) as rec:
        conn = rec.conn
        rec.watch("session_state", session_id)
        stamping.upsert(conn, "session_state", "session_id", {"session_id": session_id, "suspended_at": now.isoformat()},
                        now)
        for request in _session_requests(conn, session_id, ("speaking",)):
            _save(rec, floor_moves.pause(request, now), now)


def resume_session(store: Store, session_id: str, now: dt.datetime) -> None:
    """The suspended session goes on: the speaker's clock runs again."""
    with undo_log.recording(store, session_id, "resume", _label("resumed"), now) as rec:
        conn = rec.conn
        rec.watch("session_state", session_id)
        stamping.update(conn, "session_state", {"suspended_at": None}, now, "session_id = ?", (session_id,))
        for request in _session_requests(conn, session_id, ("speaking",)):
            _save(rec, floor_moves.unpause(request, now), now)


def uncount(store: Store, request_id: str, seconds: float, now: dt.datetime) -> SpeakerRequest:
    """Take `seconds` out of the running intervention's speaking time (time the clock ran while
    no roundtable had the session open, which the moderator says does not count); returns the
    request as written. NobodySpeaking when it is no longer running."""
    with store.transaction() as conn:
        request = _load(conn, request_id)
        if request is None or request.status not in ("speaking", "interrupted"):
            raise NobodySpeaking("That intervention is no longer running.")
        changed = request.model_copy(update={"paused_seconds": request.paused_seconds + seconds})
        label = _label("uncounted", time=format_clock(seconds))
        with undo_log.recording(store, request.session_id, "uncount", label, now) as rec:
            _save(rec, changed, now)
        return changed


# -- corrections of the interventions given -----------------------------------------------------


_NOT_CORRECTABLE = "That intervention can no longer be corrected (changed meanwhile?)."


def _given(conn: sqlite3.Connection, request_id: str) -> SpeakerRequest:
    request = _load(conn, request_id)
    if request is None or request.status != "spoken" or request.deleted_at is not None:
        raise NotCorrectable(_NOT_CORRECTABLE)
    return request


def _correct(store: Store, request_id: str, now: dt.datetime, action: str, change: str, **update) -> SpeakerRequest:
    """Correct an intervention given; returns it as written. NotCorrectable when it is not (or no
    longer) one that was given."""
    with store.transaction() as conn:
        request = _given(conn, request_id)
        corrected = request.model_copy(update=update)
        label = _label("corrected", change=change, name=_name(conn, request.participant_id))
        with undo_log.recording(store, request.session_id, action, label, now) as rec:
            _save(rec, corrected, now)
        return corrected


def correct_speaker(store: Store, request_id: str, participant_id: str, now: dt.datetime) -> SpeakerRequest:
    """The intervention was someone else's: it (and the notes linked to it) becomes theirs."""
    with store.transaction() as conn:
        _require_person(conn, participant_id)
        return _correct(store, request_id, now, "correct",
                        _label("speaker_corrected", name=_name(conn, participant_id)), participant_id=participant_id)


def correct_speech_type(store: Store, request_id: str, speech_type: str, now: dt.datetime) -> SpeakerRequest:
    return _correct(store, request_id, now, "correct", _label("type_corrected", type=_kind(speech_type)),
                    speech_type=speech_type)


def correct_language(store: Store, request_id: str, language: str, now: dt.datetime) -> SpeakerRequest:
    return _correct(store, request_id, now, "correct", _label("language_corrected", language=_language(language)),
                    language=language)


def correct_duration(store: Store, request_id: str, seconds: int, now: dt.datetime) -> SpeakerRequest:
    return _correct(store, request_id, now, "correct", _label("duration_corrected", time=format_clock(seconds)),
                    corrected_seconds=float(seconds))


def toggle_kept(store: Store, request_id: str, now: dt.datetime) -> SpeakerRequest:
    """Keep (or stop keeping) an intervention too short to count (domain.statistics.counts)."""
    with store.transaction() as conn:
        request = _given(conn, request_id)
        label = _label("kept_short" if not request.kept else "no_longer_kept")
        return _correct(store, request_id, now, "keep", label, kept=not request.kept)


def delete_intervention(store: Store, request_id: str, now: dt.datetime) -> SpeakerRequest:
    """Delete an intervention given by mistake: it is marked deleted (a merge cannot bring it
    back) and its notes move to the session. Returns it as it was."""
    with store.transaction() as conn:
        request = _given(conn, request_id)
        label = _label("deleted", name=_name(conn, request.participant_id))
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
