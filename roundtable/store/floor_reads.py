"""Reading the floor: what a session screen, the projector and the programme show.

`floor_state` reads a session's requests in one query and lets the domain count them
(`domain.statistics`), so the queue's per-person figures follow the same rules as the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roundtable.domain import statistics
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.floor_moves import interrupted_stack
from roundtable.store.connection import Store
from roundtable.store.list_closing import list_status_of
from roundtable.store.rows import REQUEST_FIELDS, participant_columns, participant_from_row, request_from_row

NOTED = "EXISTS (SELECT 1 FROM notes n WHERE n.intervention_id = r.id AND n.deleted_at IS NULL)"

SELECT_WITH_PEOPLE = (
    "SELECT "
    + ", ".join(f"r.{f} AS {f}" for f in REQUEST_FIELDS)
    + ", "
    + participant_columns("p")
    + f", {NOTED} AS noted"
    + " FROM requests r JOIN participants p ON p.id = r.participant_id"
)


def participant_of(row):
    return participant_from_row(row, "p_")


class _RowModels:
    """The model of each row as last read, reused while the row is the same.

    A session screen re-reads its whole floor on every key (one query: what is shown is what is on
    disk); on a long session most of those rows have not changed, and building their models again
    was most of the re-read. A row's values are the key, so a changed row is always read anew.
    """

    LIMIT = 20_000

    def __init__(self) -> None:
        self._requests: dict[tuple, object] = {}
        self._people: dict[tuple, object] = {}

    def entry(self, row) -> FloorEntry:
        values = tuple(row)
        request_key, person_key = values[: len(REQUEST_FIELDS)], values[len(REQUEST_FIELDS):-1]
        request = self._requests.get(request_key)
        if request is None:
            request = self._remember(self._requests, request_key, request_from_row(row))
        person = self._people.get(person_key)
        if person is None:
            person = self._remember(self._people, person_key, participant_of(row))
        return FloorEntry(request, person, noted=bool(row["noted"]))

    def _remember(self, cache: dict, key: tuple, model):
        if len(cache) >= self.LIMIT:
            cache.clear()
        cache[key] = model
        return model


_MODELS = _RowModels()


def floor_state(store: Store, session_id: str, now: dt.datetime | None = None) -> FloorState:
    """Everything the session screen shows, read in one query (and one for the list's status)."""
    with store.snapshot():
        rows = store.query(
            SELECT_WITH_PEOPLE
            + " WHERE r.session_id = ? AND r.status != 'withdrawn' AND r.deleted_at IS NULL"
            " ORDER BY r.position, r.requested_at",
            (session_id,),
        )
        state = FloorState()
        state_row = store.query_one(
            "SELECT list_closed, suspended_at FROM session_state WHERE session_id = ?", (session_id,)
        )
        if now is not None:
            status = list_status_of(store, session_id, now)
            state.list_closed, state.list_closed_automatically = status.closed, status.automatic
        else:  # without a clock only the chair's own decision is known
            state.list_closed = bool(state_row and state_row["list_closed"])
    if state_row is not None and state_row["suspended_at"]:
        state.suspended_at = dt.datetime.fromisoformat(state_row["suspended_at"])
    clock = now or dt.datetime.now(dt.timezone.utc)
    entries = [_MODELS.entry(row) for row in rows]
    state.counted = statistics.counted(entries, clock)
    records = statistics.per_person(state.counted)
    interrupted = []
    for entry in entries:
        record = records.get(entry.participant.id)
        if record is not None:
            entry.interventions, entry.spoken_seconds = record.interventions, record.seconds
        status = entry.request.status
        if status == "speaking":
            state.current = entry
        elif status == "queued":
            state.queue.append(entry)
        elif status == "spoken":
            state.spoken.append(entry)
        elif status == "interrupted":
            interrupted.append(entry)
    order = {r.id: i for i, r in enumerate(interrupted_stack([e.request for e in interrupted]))}
    state.interrupted = sorted(interrupted, key=lambda e: order[e.request.id])
    state.spoken.sort(key=lambda e: e.request.started_at or e.request.requested_at)
    return state


def live_session_id(store: Store, room: str | None = None) -> str | None:
    """The session whose floor changed last among those where someone has the floor (or, in none,
    the session touched last), in `room` when given (as the programme spells it).

    A projector with no session named follows it, and says which session it shows; a hall's
    projector follows its room only, so it never jumps to a parallel room.
    """
    in_room = " AND s.room = :room" if room is not None else ""
    live = store.query_one(
        "SELECT r.session_id FROM requests r JOIN sessions s ON s.id = r.session_id"
        " WHERE r.deleted_at IS NULL AND r.session_id IN (SELECT session_id FROM requests"
        f" WHERE status IN ('speaking', 'interrupted') AND deleted_at IS NULL){in_room}"
        " ORDER BY r.updated_at DESC LIMIT 1",
        {"room": room},
    )
    if live is None:
        live = store.query_one(
            "SELECT r.session_id FROM requests r JOIN sessions s ON s.id = r.session_id"
            f" WHERE 1 = 1{in_room} ORDER BY r.updated_at DESC LIMIT 1",
            {"room": room},
        )
    return live["session_id"] if live else None


def live_session_in_room(store: Store, room: str) -> str | None:
    """`live_session_id` limited to the sessions held in `room`."""
    return live_session_id(store, room)


@dataclass(frozen=True)
class Liveness:
    speaking: bool = False  # someone has the floor (or a point of order holds it)
    suspended: bool = False  # the session is suspended, clock stopped


def live_sessions(store: Store) -> dict[str, Liveness]:
    """Sessions with someone on the floor or suspended: what the programme marks as live."""
    live: dict[str, Liveness] = {}
    for row in store.query(
        "SELECT DISTINCT session_id FROM requests WHERE status IN ('speaking', 'interrupted') AND deleted_at IS NULL"
    ):
        live[row["session_id"]] = Liveness(speaking=True)
    for row in store.query("SELECT session_id FROM session_state WHERE suspended_at IS NOT NULL"):
        live[row["session_id"]] = Liveness(speaking=row["session_id"] in live, suspended=True)
    return live
