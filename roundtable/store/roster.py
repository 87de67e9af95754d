"""Participants: importing a registration list, adding someone on the spot, reading the roster."""

from __future__ import annotations

from dataclasses import dataclass

from roundtable.domain import clock, ids
from roundtable.domain.models import Participant
from roundtable.domain.typed_text import storable
from roundtable.store.connection import Store
from roundtable.store.rows import PARTICIPANT_COLUMNS, PARTICIPANT_FIELDS, participant_from_row


@dataclass
class ImportCounts:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # already present and unchanged


def import_participants(
    store: Store, forum_id: str, people: list[Participant], origin: str = "roster"
) -> ImportCounts:
    """Add or update people in one transaction (all or nothing).

    Same name + organisation = same person (the id derives from them). Only the fields the source
    actually gave are updated, so a sparse list never blanks what a fuller one recorded.
    """
    counts = ImportCounts()
    stamp = clock.now().isoformat()
    with store.transaction() as conn:
        existing = {
            r["id"]: dict(r) for r in conn.execute(f"SELECT {PARTICIPANT_COLUMNS} FROM participants")
        }
        seen: set[str] = set()
        for person in people:
            pid = ids.participant_id(forum_id, person.name, person.organisation)
            given = {k: getattr(person, k) for k in person.model_fields_set if k != "id"}
            given["name"] = person.name
            before = existing.get(pid)
            if before is None:
                row = person.model_dump() | {"id": pid, "origin": origin, "created_at": stamp, "updated_at": stamp}
                store.db["participants"].insert(row)
                existing[pid] = {k: row[k] for k in PARTICIPANT_FIELDS}
                counts.added += 1
            elif any(before.get(k) != v for k, v in given.items()):
                store.db["participants"].update(pid, given | {"updated_at": stamp})
                before.update(given)
                if pid not in seen:
                    counts.updated += 1
            else:
                counts.skipped += 1
            seen.add(pid)
    return counts


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
    rows = store.query(f"SELECT {PARTICIPANT_COLUMNS} FROM participants ORDER BY name")
    return [participant_from_row(r) for r in rows]


def load_participant(store: Store, participant_id: str) -> Participant | None:
    row = store.query_one(
        f"SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE id = ?", (participant_id,)
    )
    return participant_from_row(row) if row else None


def count_participants(store: Store) -> int:
    return store.query_one("SELECT count(*) FROM participants")[0]
