"""Participants: importing a registration list, adding someone on the spot, reading the roster."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from roundtable.domain import clock, ids
from roundtable.domain.access import Write
from roundtable.domain.models import Participant
from roundtable.domain.typed_text import storable
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store
from roundtable.store.rows import (
    PARTICIPANT_COLUMNS, PARTICIPANT_FIELDS, participant_from_row, participant_to_row, translations_json,
)

# The undo log's scope for the roster (the participants screen's ctrl+z).
SCOPE = undo_log.ROSTER_SCOPE


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
    to_complete: Mapping[int, dict[str, str]] | None = None,
) -> ImportCounts:
    """Add or update people, `chunk_rows` to a transaction (inside a caller's transaction, all in it).

    A person is matched by id first (it derives from name + organisation as first registered and
    never changes), then by name + organisation (a person corrected in the application under a new
    name is found by it). Only the fields the source actually gave are updated, so a sparse list
    never blanks what a fuller one recorded, and a person corrected in the application (participants
    screen) keeps the correction: the list does not undo it. So the import is idempotent: interrupted
    after some chunks, running it again adds the rest and skips what is there. `people` must be
    validated already (the whole file, before the first chunk).

    `to_complete` says, by position in `people`, what the list gave that could not be read (field
    -> the text as written, e.g. {"country": "Narnia"}): such a person is marked to complete
    (`incomplete`) while the record lacks that field; a later list that gives it clears the mark.
    """
    counts = ImportCounts()
    seen: set[str] = set()
    to_complete = to_complete or {}
    for start in range(0, len(people), chunk_rows):
        chunk = people[start:start + chunk_rows]
        marks = [to_complete.get(start + i, {}) for i in range(len(chunk))]
        _import_chunk(store, forum_id, chunk, marks, origin, counts, seen)
        if progress is not None:
            progress(min(start + chunk_rows, len(people)), len(people))
    return counts


def _import_chunk(
    store: Store, forum_id: str, people: list[Participant], marks: list[dict[str, str]], origin: str,
    counts: ImportCounts, seen: set[str],
) -> None:
    now = clock.now()
    stamp = now.isoformat()
    person_ids = [ids.participant_id(forum_id, person.name, person.organisation) for person in people]
    with store.transaction(Write("roster")) as conn:
        existing: dict[str, dict] = {}
        wanted = sorted(set(person_ids))
        columns = ", ".join((*PARTICIPANT_FIELDS, "edited_at", "merged_into", "to_complete"))
        for start in range(0, len(wanted), 500):  # within SQLite's limit on parameters
            batch = wanted[start:start + 500]
            query = f"SELECT {columns} FROM participants WHERE id IN ({', '.join('?' * len(batch))})"
            existing.update({r["id"]: dict(r) for r in conn.execute(query, batch)})
        by_name: dict[tuple[str, str], dict] | None = None
        new: dict[str, dict] = {}  # the chunk's new people, inserted together at its end
        for pid, person, unread in zip(person_ids, people, marks):
            given = {k: getattr(person, k) for k in person.model_fields_set if k not in ("id", "translations")}
            given["name"] = person.name
            before = existing.get(pid)
            if before is None:  # corrected in the application under this name + organisation?
                if by_name is None:
                    by_name = {ids.person_key(r["name"], r["organisation"]): dict(r) for r in conn.execute(
                        f"SELECT {columns} FROM participants WHERE edited_at IS NOT NULL AND merged_into IS NULL")}
                before = by_name.get(ids.person_key(person.name, person.organisation))
                if before is not None:
                    pid = before["id"]
            if before is not None and before.get("merged_into"):
                before = existing.get(before["merged_into"]) or before
                pid = before["id"]
            if before is not None and before.get("edited_at"):
                counts.skipped += 1  # the application's correction stands
                seen.add(pid)
                continue
            if person.translations:  # the languages the list gives, over those recorded before
                given["translations"] = _merged_translations(before and before.get("translations"), person.translations)
            if before is None:
                row = participant_to_row(person) | {"id": pid, "origin": origin, "created_at": stamp,
                                                    "updated_at": stamp, "to_complete": _marks_json(unread)}
                new[pid] = existing[pid] = row
                counts.added += 1
                seen.add(pid)
                continue
            marked = _marks_json(_still_to_complete(before, given, unread))
            if marked != before.get("to_complete"):
                given["to_complete"] = marked
            if any(before.get(k) != v for k, v in given.items()):
                if pid not in new:  # a row new in this chunk is written with what it says by then
                    stamping.update(conn, "participants", given, now, "id = ?", (pid,))
                before.update(given)
                if pid not in seen:
                    counts.updated += 1
            else:
                counts.skipped += 1
            seen.add(pid)
        if new:
            store.db["participants"].insert_all(new.values())


def _marks_json(marks: dict[str, str]) -> str | None:
    return json.dumps(marks, ensure_ascii=False, sort_keys=True) if marks else None


def _still_to_complete(before: dict, given: dict, unread: dict[str, str]) -> dict[str, str]:
    """What is left to complete after a list row: the marks kept from before, less the fields this
    row gives, plus what it gave unreadably for a field the record does not hold."""
    marks = {k: v for k, v in json.loads(before.get("to_complete") or "{}").items() if k not in given}
    marks.update({k: v for k, v in unread.items() if before.get(k) in (None, "")})
    return marks


def _storable(person: Participant) -> Participant:
    """`person` with every text (their texts in other languages too) storable (domain/typed_text.py)."""
    update: dict = {field: storable(value) for field, value in person.model_dump().items() if isinstance(value, str)}
    update["translations"] = {lang: {field: storable(text) for field, text in texts.items() if isinstance(text, str)}
                              for lang, texts in person.translations.items()}
    return person.model_copy(update=update)


def _merged_translations(stored: str | None, given: dict) -> str:
    """The stored texts in other languages (JSON) with `given`'s added over them, field by field: a
    list giving only `name_ru` keeps a `position_kk` an earlier list gave."""
    merged = json.loads(stored) if stored else {}
    for lang, texts in given.items():
        merged.setdefault(lang, {}).update(texts)
    return translations_json(merged)


def add_participant(store: Store, forum_id: str, person: Participant) -> Participant:
    """Add someone not in the roster (a name typed in the picker); returns them with their id.

    If the same name + organisation is already there, that person is returned unchanged.
    """
    person = _storable(person)
    pid = ids.participant_id(forum_id, person.name, person.organisation)
    stamp = clock.now().isoformat()
    with store.transaction(Write("roster")) as conn:
        row = conn.execute("SELECT * FROM participants WHERE id = ?", (pid,)).fetchone()
        if row is not None:
            return participant_from_row(row)
        data = participant_to_row(person) | {"id": pid, "origin": "floor", "created_at": stamp, "updated_at": stamp}
        store.insert("participants", data)
    return person.model_copy(update={"id": pid})


def load_participants(store: Store) -> list[Participant]:
    """The roster, by name (records merged into another left out)."""
    rows = store.query(
        f"SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE merged_into IS NULL ORDER BY name"
    )
    return [participant_from_row(r) for r in rows]


def merged_records(store: Store) -> dict[str, str]:
    """Records merged into another (two records of one person): absorbed id -> the id kept."""
    return {r["id"]: r["merged_into"] for r in store.query(
        "SELECT id, merged_into FROM participants WHERE merged_into IS NOT NULL")}


def incomplete(store: Store) -> dict[str, dict[str, str]]:
    """People to complete in the participants screen, by id: those a registration list gave
    something unreadable for (field -> the text as written, e.g. {"country": "Narnia"}), and those
    added on the spot from the picker and not yet corrected ({})."""
    rows = store.query(
        "SELECT id, to_complete FROM participants WHERE merged_into IS NULL AND "
        "(to_complete IS NOT NULL OR (origin = 'floor' AND edited_at IS NULL))")
    return {r["id"]: json.loads(r["to_complete"] or "{}") for r in rows}


def update_participant(store: Store, person: Participant, now: dt.datetime) -> Participant:
    """Correct a person's record (every field; `person.id` says whose, and never changes, so their
    requests and notes stay theirs). Marked as edited here, so importing a registration list again
    does not undo it; undoable from the participants screen. Raises KeyError for an unknown id."""
    person = _storable(person)
    stamp = now.isoformat()
    with undo_log.recording(store, SCOPE, "person-edit", f"corrected {person.name}", now) as rec:
        if rec.conn.execute("SELECT 1 FROM participants WHERE id = ?", (person.id,)).fetchone() is None:
            raise KeyError(f"no participant {person.id}")
        rec.watch("participants", person.id)
        values = {k: v for k, v in participant_to_row(person).items() if k != "id"}
        values |= {"edited_at": stamp, "to_complete": None}  # corrected: complete
        stamping.update(rec.conn, "participants", values, now, "id = ?", (person.id,))
    return person


def create_participant(store: Store, forum_id: str, person: Participant, now: dt.datetime) -> Participant:
    """Add someone from the participants screen, every field given; undoable. Raises ValueError when
    the same name + organisation is already in the roster."""
    person = _storable(person)
    pid = ids.participant_id(forum_id, person.name, person.organisation)
    stamp = now.isoformat()
    with undo_log.recording(store, SCOPE, "person-add", f"added {person.name}", now) as rec:
        if rec.conn.execute("SELECT 1 FROM participants WHERE id = ?", (pid,)).fetchone() is not None:
            raise ValueError(f"{person.name} ({person.organisation or 'no organisation'}) is already in the roster")
        rec.watch("participants", pid)
        row = participant_to_row(person) | {"id": pid, "origin": "roster", "created_at": stamp, "updated_at": stamp,
                                            "edited_at": stamp}
        rec.conn.execute(f"INSERT INTO participants ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                         tuple(row.values()))
    return person.model_copy(update={"id": pid})


def merge_participants(store: Store, keep_id: str, absorbed_id: str, now: dt.datetime) -> None:
    """Two records of one person: `absorbed_id`'s requests and interventions become `keep_id`'s, and
    the absorbed record leaves the roster (kept, marked `merged_into`, so a merge of laptops cannot
    bring it back as someone else); undoable."""
    if keep_id == absorbed_id:
        raise ValueError("a person cannot be merged with themselves")
    with store.transaction() as conn:
        names = {r["id"]: r["name"] for r in conn.execute(
            "SELECT id, name FROM participants WHERE id IN (?, ?) AND merged_into IS NULL", (keep_id, absorbed_id))}
        if len(names) != 2:
            raise KeyError("no such participant")
        label = f"merged {names[absorbed_id]} into {names[keep_id]}"
        with undo_log.recording(store, SCOPE, "person-merge", label, now) as rec:
            rec.watch("participants", absorbed_id)
            for row in conn.execute("SELECT id FROM requests WHERE participant_id = ?", (absorbed_id,)).fetchall():
                rec.watch("requests", row["id"])
            stamping.update(conn, "requests", {"participant_id": keep_id}, now, "participant_id = ?", (absorbed_id,))
            # Their requests from the floor too (their link's key follows through `merged_into`).
            for row in conn.execute("SELECT id FROM floor_requests WHERE participant_id = ?", (absorbed_id,)).fetchall():
                rec.watch("floor_requests", row["id"])
            stamping.update(conn, "floor_requests", {"participant_id": keep_id}, now, "participant_id = ?",
                            (absorbed_id,))
            stamping.update(conn, "participants", {"merged_into": keep_id}, now, "id = ?", (absorbed_id,))


def load_participant(store: Store, participant_id: str) -> Participant | None:
    row = store.query_one(
        f"SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE id = ?", (participant_id,)
    )
    return participant_from_row(row) if row else None


def count_participants(store: Store) -> int:
    return store.query_one("SELECT count(*) FROM participants WHERE merged_into IS NULL")[0]
