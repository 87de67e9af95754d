"""Is a table row fit to be stored? The domain models' answer, for rows read from a database this
process did not write (another laptop's, in a merge) before any of them is written here.

A row that passes opens, exports and shows exactly like one roundtable wrote: every column has the
type and vocabulary its model expects, dates and times are ISO texts `fromisoformat` reads back
(stored moments with their time zone), numbers are finite, no text is binary.

A new table gets its row model in ROW_MODELS (a domain model plus the bookkeeping columns the table
adds) and its rows are then checked like the others by `validate_row`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import typing
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, ValidationError

from roundtable.domain.models import EARLIEST_DATE, LATEST_DATE, Note, Participant, Recommendation, RecommendationSource, Session, SpeakerRequest, Track
from roundtable.domain.delegate_keys import DelegateKey
from roundtable.domain.floor_requests import FloorRequest
from roundtable.formats.errors import one_line, pydantic_message


class TrackRow(Track):
    updated_at: dt.datetime


class SessionRow(Session):
    in_programme: bool = True
    updated_at: dt.datetime


class ParticipantRow(Participant):
    origin: str = "roster"
    created_at: dt.datetime
    updated_at: dt.datetime
    edited_at: dt.datetime | None = None
    merged_into: str | None = None
    to_complete: dict[str, str] | None = None  # field -> text as a registration list wrote it (schema V9)


class RequestRow(SpeakerRequest):
    updated_at: dt.datetime


class NoteRow(Note):
    deleted_at: dt.datetime | None = None


class RecommendationRow(Recommendation):
    merged_into: str | None = None
    deleted_at: dt.datetime | None = None


class RecommendationSourceRow(RecommendationSource):
    id: str
    recommendation_id: str
    created_at: dt.datetime


class SessionStateRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str
    list_closed: bool = False
    updated_at: dt.datetime
    suspended_at: dt.datetime | None = None
    list_changed_at: dt.datetime | None = None  # the chair's last close or reopen (schema V11)
    reset_at: dt.datetime | None = None  # the last `roundtable reset` of the session (schema V11)


class FloorRequestRow(FloorRequest):
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None


class DelegateKeyRow(DelegateKey):
    updated_at: dt.datetime


@dataclass(frozen=True)
class RowModel:
    model: type[BaseModel]
    key: str = "id"  # the column that names the row in a message


ROW_MODELS: dict[str, RowModel] = {
    "tracks": RowModel(TrackRow),
    "sessions": RowModel(SessionRow),
    "participants": RowModel(ParticipantRow),
    "requests": RowModel(RequestRow),
    "notes": RowModel(NoteRow),
    "recommendations": RowModel(RecommendationRow),
    "recommendation_sources": RowModel(RecommendationSourceRow),
    "session_state": RowModel(SessionStateRow, key="session_id"),
    "floor_requests": RowModel(FloorRequestRow),
    "delegate_keys": RowModel(DelegateKeyRow, key="key_hash"),
}


# Columns stored as JSON text (store/rows.py), decoded before their model validates them.
JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "tracks": ("translations",), "sessions": ("translations",), "participants": ("translations", "to_complete"),
}


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be stored: `table`, the row's key, the column (None: the row as a whole)."""

    table: str
    row_id: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.table} {self.row_id}" + (f": {self.field}" if self.field else "")
        return one_line(f"{where}: {self.message}")


def row_key(table: str, row: dict) -> str:
    return str(row.get(ROW_MODELS[table].key))


def validate_row(table: str, row: dict) -> list[RowProblem]:
    """Every problem of `row` (column -> value as SQLite returns it) as a row of `table`; [] if none.

    Columns the row lacks take the model's defaults (an older schema); a column the model does not
    know is a problem. Raises KeyError for a table without a row model.
    """
    spec = ROW_MODELS[table]
    row_id = row_key(table, row)

    def problem(field: str | None, message: str) -> RowProblem:
        return RowProblem(table, row_id, field, message)

    problems: dict[str | None, list[RowProblem]] = {}
    for column, value in row.items():
        found = _stored_value_problem(value, _moment_kinds(spec.model).get(column))
        if found:
            problems[column] = [problem(column, found)]
    row = dict(row)
    for column in JSON_COLUMNS.get(table, ()):  # stored as JSON text, validated as what it holds
        if isinstance(row.get(column), str):
            try:
                row[column] = json.loads(row[column])
            except ValueError:
                problems[column] = [problem(column, "is not JSON")]
                row.pop(column)
    try:
        spec.model.model_validate(row)
    except ValidationError as error:
        for e in error.errors():
            field = ".".join(str(part) for part in e["loc"]) or None
            if field not in problems or problems[field][0].message != pydantic_message(e):
                problems.setdefault(field, []).append(problem(field, pydantic_message(e)))
    # One message per column: a value stored in the wrong form says so rather than what pydantic
    # made of it.
    return [found[0] for found in problems.values()]


def _stored_value_problem(value: object, moment: type | None) -> str | None:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "holds binary data, not text or a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a finite number"
    if moment is None or value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        parsed = moment.fromisoformat(value)  # how the store reads it back
    except ValueError:
        return f"{value!r} is not stored as an ISO 8601 {moment.__name__}"
    if isinstance(parsed, dt.datetime) and parsed.tzinfo is None:
        return f'"{value}" has no time zone (stored times are UTC)'
    if isinstance(parsed, dt.date) and not (EARLIEST_DATE.year <= parsed.year <= LATEST_DATE.year):
        return f'"{value}" is not a plausible date (years {EARLIEST_DATE.year} to {LATEST_DATE.year})'
    return None


@functools.cache
def _moment_kinds(model: type[BaseModel]) -> dict[str, type]:
    """Column -> datetime, date or time for the model's fields that hold one (optional or not)."""
    kinds = {}
    for name, info in model.model_fields.items():
        pending = [info.annotation]
        while pending:
            annotation = pending.pop()
            if annotation in (dt.datetime, dt.date, dt.time):
                kinds[name] = annotation
                break
            pending.extend(typing.get_args(annotation))
    return kinds
