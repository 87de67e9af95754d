"""Conversions between domain models and table rows (dates and times as ISO text, lists as JSON)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from roundtable.domain.models import Forum, Note, Participant, Recommendation, Session, SpeakerRequest, Track


def iso(value: dt.date | dt.time | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def translations_json(translations: dict) -> str:
    """A programme record's other languages as stored (sorted keys: equal texts, equal rows)."""
    return json.dumps(translations, ensure_ascii=False, sort_keys=True)


def forum_to_row(forum: Forum) -> dict:
    data = forum.model_dump()
    for key in ("organisers", "languages", "objectives"):
        data[key] = json.dumps(data[key], ensure_ascii=False)
    data["translations"] = translations_json(forum.translations)
    data["start"], data["end"] = iso(forum.start), iso(forum.end)
    return data


def forum_from_row(row: sqlite3.Row) -> Forum:
    data = {k: row[k] for k in row.keys() if k not in ("programme_path", "updated_at")}
    for key in ("organisers", "languages", "objectives", "translations"):
        data[key] = json.loads(data[key])
    return Forum.model_validate(data)


def track_to_row(track: Track) -> dict:
    return track.model_dump() | {"translations": translations_json(track.translations)}


def track_from_row(row: sqlite3.Row) -> Track:
    return Track(id=row["id"], code=row["code"], title=row["title"], position=row["position"],
                 translations=json.loads(row["translations"]))


def session_to_row(session: Session) -> dict:
    data = session.model_dump()
    for key in ("date", "start", "end", "requests_close"):
        data[key] = iso(data[key])
    data["translations"] = translations_json(session.translations)
    return data


SESSION_FIELDS = tuple(Session.model_fields)


def session_from_row(row: sqlite3.Row) -> Session:
    data = {k: row[k] for k in SESSION_FIELDS}
    data["translations"] = json.loads(data["translations"])
    return Session.model_validate(data)


PARTICIPANT_FIELDS = tuple(Participant.model_fields)
PARTICIPANT_COLUMNS = ", ".join(PARTICIPANT_FIELDS)  # SELECT {PARTICIPANT_COLUMNS} FROM participants


def participant_columns(alias: str) -> str:
    """A join's participant columns, `<alias>.<field> AS <alias>_<field>`, which
    `participant_from_row(row, f"{alias}_")` reads back."""
    return ", ".join(f"{alias}.{field} AS {alias}_{field}" for field in PARTICIPANT_FIELDS)


def participant_from_row(row: sqlite3.Row, prefix: str = "") -> Participant:
    data = {k: row[f"{prefix}{k}"] for k in PARTICIPANT_FIELDS}
    data["attending"], data["publish"] = bool(data["attending"]), bool(data["publish"])
    data["translations"] = json.loads(data["translations"]) if data["translations"] else {}
    return Participant.model_construct(**data)


def participant_to_row(person: Participant) -> dict:
    """A person's columns as stored (their texts in other languages as JSON, like a session's)."""
    return person.model_dump() | {"translations": translations_json(person.translations)}


REQUEST_FIELDS = tuple(SpeakerRequest.model_fields)


def request_from_row(row: sqlite3.Row) -> SpeakerRequest:
    return SpeakerRequest.model_validate({k: row[k] for k in REQUEST_FIELDS})


def request_to_row(request: SpeakerRequest) -> dict:
    data = request.model_dump()
    for key in ("requested_at", "started_at", "ended_at", "paused_at", "interrupted_at", "deleted_at"):
        data[key] = iso(data[key])
    data["kept"] = int(data["kept"])
    return data


def note_from_row(row: sqlite3.Row) -> Note:
    return Note.model_validate({k: row[k] for k in Note.model_fields})


def recommendation_from_row(row: sqlite3.Row, sources: list | None = None) -> Recommendation:
    data = {k: row[k] for k in Recommendation.model_fields if k != "sources"}
    return Recommendation.model_validate({**data, "sources": sources or []})
