"""The rapporteur's notes: each linked to the intervention that had the floor when it was saved.

Deleting a note only marks it (`deleted_at`), so the last delete can be undone and a merge of two
laptops' databases never resurrects or loses one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roundtable.domain import floor_moves, ids
from roundtable.domain.access import Write
from roundtable.domain.models import Note, Participant
from roundtable.domain.typed_text import storable
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store
from roundtable.store.rows import REQUEST_FIELDS, note_from_row, participant_columns, participant_from_row, request_from_row


def add_note(
    store: Store,
    session_id: str,
    text: str,
    now: dt.datetime,
    intervention_id: str | None = None,
    key_point: bool = False,
    row_id: str | None = None,
) -> Note:
    note = Note(
        id=row_id or ids.new_id(),
        session_id=session_id,
        intervention_id=intervention_id,
        text=storable(text),
        key_point=key_point,
        created_at=now,
        updated_at=now,
    )
    with store.transaction(Write("notes", session_id=session_id)):
        store.insert(
            "notes",
            note.model_dump() | {"created_at": now.isoformat(), "updated_at": now.isoformat(),
                                 "key_point": int(key_point), "by_chair": 0}
        )
    return note


def current_intervention_id(store: Store, session_id: str) -> str | None:
    """The intervention that has the floor in the session now (the moderator's `speaking` request)."""
    row = store.query_one(
        "SELECT id FROM requests WHERE session_id = ? AND status = 'speaking' AND deleted_at IS NULL"
        " ORDER BY started_at DESC LIMIT 1",
        (session_id,),
    )
    return row["id"] if row else None


def previous_intervention_id(store: Store, session_id: str) -> str | None:
    """Where a rapporteur one speaker behind files a note: the intervention that stopped last
    (domain.floor_moves.previous_intervention)."""
    rows = store.query(
        f"SELECT {', '.join(REQUEST_FIELDS)} FROM requests WHERE session_id = ?"
        " AND status IN ('spoken', 'interrupted') AND deleted_at IS NULL",
        (session_id,),
    )
    previous = floor_moves.previous_intervention([request_from_row(r) for r in rows])
    return previous.id if previous else None


def take_note(store: Store, session_id: str, text: str, now: dt.datetime, key_point: bool = False,
              previous: bool = False) -> Note:
    """Save a note linked to whoever has the floor at this moment (or to the session alone); with
    `previous`, to the speaker before them.

    The speaker is looked up inside the write transaction, so a `next` pressed in another terminal
    at the same instant cannot slip between the look-up and the save.
    """
    with store.transaction():
        linked = previous_intervention_id(store, session_id) if previous else current_intervention_id(store, session_id)
        return add_note(store, session_id, text, now, linked, key_point)


def relink(store: Store, note_id: str, source: str, intervention_id: str | None, now: dt.datetime,
           label: str) -> None:
    """File the note under another speaker of its session (`source` "speaker" and their
    `intervention_id`), the chair ("chair") or the session itself ("session"); undoable."""
    if source not in ("speaker", "chair", "session"):
        raise ValueError(f"not a note source: {source}")
    with store.transaction() as conn:
        session_id = _note_session(conn, note_id)
        if session_id is None:
            return
        if source == "speaker":
            row = conn.execute("SELECT session_id FROM requests WHERE id = ? AND deleted_at IS NULL",
                               (intervention_id,)).fetchone()
            if row is None or row["session_id"] != session_id:
                raise ValueError("that intervention is not one of this session's")
        else:
            intervention_id = None
        with undo_log.recording(store, session_id, "note-link", label, now) as rec:
            rec.watch("notes", note_id)
            stamping.update(conn, "notes", {"intervention_id": intervention_id, "by_chair": int(source == "chair")}, now,
                            "id = ?", (note_id,))


def session_notes(store: Store, session_id: str) -> list[Note]:
    rows = store.query(
        "SELECT * FROM notes WHERE session_id = ? AND deleted_at IS NULL ORDER BY created_at", (session_id,)
    )
    return [note_from_row(r) for r in rows]


@dataclass(frozen=True)
class NoteWithSpeaker:
    note: Note
    speaker: Participant | None  # None: taken while nobody had the floor
    recommended_in: tuple[str, ...] = ()  # tracks of the recommendations that cite this note


def session_notes_with_speakers(store: Store, session_id: str, note_id: str | None = None) -> list[NoteWithSpeaker]:
    """The session's live notes in the order they were taken, each with the speaker it belongs to
    (only the note `note_id` when given: what the screen adds after saving one)."""
    people = participant_columns("p")
    only = " AND n.id = ?" if note_id else ""
    params = (session_id, note_id) if note_id else (session_id,)
    rows = store.query(
        f"SELECT n.*, {people} FROM notes n"
        " LEFT JOIN requests r ON r.id = n.intervention_id"
        " LEFT JOIN participants p ON p.id = r.participant_id"
        f" WHERE n.session_id = ? AND n.deleted_at IS NULL{only} ORDER BY n.created_at, n.rowid",
        params,
    )
    cited: dict[str, list[str]] = {}
    for row in store.query(
        "SELECT DISTINCT s.note_id, r.track_code FROM recommendation_sources s"
        " JOIN recommendations r ON r.id = s.recommendation_id"
        f" WHERE s.session_id = ? AND s.note_id IS NOT NULL AND r.deleted_at IS NULL"
        f"{' AND s.note_id = ?' if note_id else ''} ORDER BY r.track_code",
        params,
    ):
        cited.setdefault(row["note_id"], []).append(row["track_code"])
    result = []
    for row in rows:
        speaker = None
        if row["p_id"] is not None:
            speaker = participant_from_row(row, "p_")
        result.append(NoteWithSpeaker(note_from_row(row), speaker, tuple(cited.get(row["id"], ()))))
    return result


def get_note(store: Store, note_id: str) -> Note | None:
    row = store.query_one("SELECT * FROM notes WHERE id = ?", (note_id,))
    return note_from_row(row) if row else None


def _note_session(conn, note_id: str) -> str | None:
    row = conn.execute("SELECT session_id FROM notes WHERE id = ?", (note_id,)).fetchone()
    return row["session_id"] if row else None


def _excerpt(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def update_note(store: Store, note_id: str, text: str, key_point: bool, now: dt.datetime) -> None:
    with store.transaction() as conn:
        session_id = _note_session(conn, note_id)
        if session_id is None:
            return
        with undo_log.recording(store, session_id, "note-edit", f"edited the note \u201c{_excerpt(text)}\u201d", now) as rec:
            rec.watch("notes", note_id)
            stamping.update(conn, "notes", {"text": storable(text), "key_point": int(key_point)}, now, "id = ?", (note_id,))


def toggle_key_point(store: Store, note_id: str, now: dt.datetime) -> bool:
    """Mark or unmark the note as a key point; returns the new state."""
    with store.transaction() as conn:
        session_id = _note_session(conn, note_id)
        if session_id is None:
            return False
        with undo_log.recording(store, session_id, "note-key-point", "marked a key point", now) as rec:
            rec.watch("notes", note_id)
            row = conn.execute("SELECT key_point, text FROM notes WHERE id = ?", (note_id,)).fetchone()
            stamping.update(conn, "notes", {"key_point": 1 - row["key_point"]}, now, "id = ?", (note_id,))
            row = conn.execute("SELECT key_point, text FROM notes WHERE id = ?", (note_id,)).fetchone()
            rec.label = f"{'marked' if row['key_point'] else 'unmarked'} a key point: \u201c{_excerpt(row['text'])}\u201d"
    return bool(row and row["key_point"])


def delete_note(store: Store, note_id: str, now: dt.datetime) -> None:
    """Soft delete: the note leaves every list and the document; the session's undo brings it back."""
    with store.transaction() as conn:
        session_id = _note_session(conn, note_id)
        if session_id is None:
            return
        text = conn.execute("SELECT text FROM notes WHERE id = ?", (note_id,)).fetchone()["text"]
        with undo_log.recording(store, session_id, "note-delete", f"deleted the note \u201c{_excerpt(text)}\u201d",
                                now) as rec:
            rec.watch("notes", note_id)
            stamping.update(conn, "notes", {"deleted_at": now.isoformat()}, now, "id = ? AND deleted_at IS NULL", (note_id,))


def restore_note(store: Store, note_id: str, now: dt.datetime) -> None:
    with store.transaction() as conn:
        store.authorise(Write("notes", session_id=_note_session(conn, note_id)))
        stamping.update(conn, "notes", {"deleted_at": None}, now, "id = ?", (note_id,))
