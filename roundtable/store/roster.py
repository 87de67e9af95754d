"""Participants: importing a registration list, adding someone on the spot, reading the roster."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roundtable.domain import clock, ids
from roundtable.domain.models import Participant
from roundtable.domain.typed_text import storable
from roundtable.store.connection import Store
from roundtable.store.rows import PARTICIPANT_FIELDS, participant_from_row


# Rows per transaction of an import: a few thousand keep each write under a second on a laptop, so
# a moderator writing meanwhile waits a moment instead of hitting the busy timeout.
CHUNK_ROWS = 2000


@dataclass
class ImportCounts:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # already present and unchanged

    @property
    def done(self) -> int:
        return self.added + self.updated + self.skipped


Progress = Callable[[int, int], None]  # (rows done, rows in all), after each committed chunk


def import_participants(
    store: Store, forum_id: str, people: list[Participant], origin: str = "roster",
    progress: Progress | None = None, chunk_rows: int = CHUNK_ROWS,
) -> ImportCounts:
    """Add or update people, `chunk_rows` to a transaction (inside a caller's transaction, all in it).

    Same name + organisation = same person (the id derives from them). Only the fields the source
    actually gave are updated, so a sparse list never blanks what a fuller one recorded. So the
    import is idempotent: interrupted after some chunks, running it again adds the rest and skips
    what is there. `people` must be validated already (the whole file, before the first chunk).
    """
    counts = ImportCounts()
    seen: set[str] = set()
    for start in range(0, len(people), chunk_rows):
        _import_chunk(store, forum_id, people[start:start + chunk_rows], origin, counts, seen)
        if progress is not None:
            progress(min(start + chunk_rows, len(people)), len(people))
    return counts


_INSERT_COLUMNS = (*PARTICIPANT_FIELDS, "origin", "created_at", "updated_at")
_INSERT = (
    f"INSERT INTO participants ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
)


def _import_chunk(
    store: Store, forum_id: str, people: list[Participant], origin: str, counts: ImportCounts, seen: set[str]
) -> None:
    stamp = clock.now().isoformat()
    person_ids = [ids.participant_id(forum_id, person.name, person.organisation) for person in people]
    with store.transaction() as conn:
        existing: dict[str, dict] = {}
        wanted = sorted(set(person_ids))
        for start in range(0, len(wanted), 500):  # within SQLite's limit on parameters
            batch = wanted[start:start + 500]
            query = f"SELECT {', '.join(PARTICIPANT_FIELDS)} FROM participants WHERE id IN ({', '.join('?' * len(batch))})"
            existing.update({r["id"]: dict(r) for r in conn.execute(query, batch)})
        for pid, person in zip(person_ids, people):
            given = {k: getattr(person, k) for k in person.model_fields_set if k != "id"}
            given["name"] = person.name
            before = existing.get(pid)
            if before is None:
                row = person.model_dump() | {"id": pid, "origin": origin, "created_at": stamp, "updated_at": stamp}
                conn.execute(_INSERT, tuple(row[c] for c in _INSERT_COLUMNS))
                existing[pid] = {k: row[k] for k in PARTICIPANT_FIELDS}
                counts.added += 1
            elif any(before.get(k) != v for k, v in given.items()):
                values = given | {"updated_at": stamp}
                sets = ", ".join(f"{column} = ?" for column in values)
                conn.execute(f"UPDATE participants SET {sets} WHERE id = ?", (*values.values(), pid))
                before.update(given)
                if pid not in seen:
                    counts.updated += 1
            else:
                counts.skipped += 1
            seen.add(pid)


def add_participant(store: Store, forum_id: str, person: Participant) -> Participant:
    """Add someone not in the roster (a name typed in the picker); returns them with their id.

    If the same name + organisation is already there, that person is returned unchanged.
    """
    person = person.model_copy(update={
        field: storable(value) for field, value in person.model_dump().items() if isinstance(value, str)
    })
    pid = ids.participant_id(forum_id, person.name, person.organisation)
    stamp = clock.now().isoformat()
    with store.transaction() as conn:
        row = conn.execute("SELECT * FROM participants WHERE id = ?", (pid,)).fetchone()
        if row is not None:
            return participant_from_row(row)
        data = person.model_dump() | {"id": pid, "origin": "floor", "created_at": stamp, "updated_at": stamp}
        store.db["participants"].insert(data)
    return person.model_copy(update={"id": pid})


def load_participants(store: Store) -> list[Participant]:
    rows = store.query(f"SELECT {', '.join(PARTICIPANT_FIELDS)} FROM participants ORDER BY name")
    return [participant_from_row(r) for r in rows]


def load_participant(store: Store, participant_id: str) -> Participant | None:
    row = store.query_one(
        f"SELECT {', '.join(PARTICIPANT_FIELDS)} FROM participants WHERE id = ?", (participant_id,)
    )
    return participant_from_row(row) if row else None


def count_participants(store: Store) -> int:
    return store.query_one("SELECT count(*) FROM participants")[0]
