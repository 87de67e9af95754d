"""The rapporteur's notes: each linked to the intervention that had the floor when it was saved."""

from __future__ import annotations

import datetime as dt

from roundtable.domain import ids
from roundtable.domain.models import Note
from roundtable.store.connection import Store
from roundtable.store.rows import note_from_row


def add_note(
    store: Store,
    session_id: str,
    text: str,
    now: dt.datetime,
    intervention_id: str | None = None,
    key_point: bool = False,
) -> Note:
    note = Note(
        id=ids.new_id(),
        session_id=session_id,
        intervention_id=intervention_id,
        text=text,
        key_point=key_point,
        created_at=now,
        updated_at=now,
    )
    with store.transaction():
        store.db["notes"].insert(
            note.model_dump() | {"created_at": now.isoformat(), "updated_at": now.isoformat(), "key_point": int(key_point)}
        )
    return note


def session_notes(store: Store, session_id: str) -> list[Note]:
    rows = store.query(
        "SELECT * FROM notes WHERE session_id = ? AND deleted_at IS NULL ORDER BY created_at", (session_id,)
    )
    return [note_from_row(r) for r in rows]
