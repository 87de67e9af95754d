"""The forum database's schema: what a new database is made of (`TABLES`), and the numbered
migrations that bring an older one to it, the version recorded in `PRAGMA user_version`.

Both are written with sqlite-utils: tables through `Table.create` (columns, primary key, foreign
keys, NOT NULL, defaults), indexes through `create_index`, the full-text indexes through
`enable_fts` (external content kept in step by its triggers), new columns through `add_column`,
and what `ALTER TABLE` cannot do through `transform_table` (sqlite-utils' `transform`, with the
triggers it drops put back). Plain SQL remains for what sqlite-utils has no call for: the undo
log's AUTOINCREMENT and the triggers that bump `changes`.

A new database is created at `CURRENT_VERSION` in one go. An older one is copied to
`<name>.v<N>.bak` (SQLite's backup API, consistent even under WAL) before any migration touches
it; all pending migrations then run in one transaction, so a failure leaves it as it was. A
database from a newer roundtable is refused before anything is written to it.
tests/test_migrations.py holds the two paths to one result: a database of every earlier version,
as that roundtable made it, migrated, has the very tables, columns, keys, indexes and triggers of
a new one. Each migration is one self-contained function (its columns written out, not read from
`TABLES`), so that versions added on parallel branches renumber without touching each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roundtable.store.backup_copy import backup_beside
from roundtable.store.connection import DatabaseError, NewerDatabaseError, Store, connect_read_only

if TYPE_CHECKING:  # sqlite-utils is imported only when a database is created or migrated
    from sqlite_utils import Database

APPLICATION_ID = 0x52544142  # "RTAB": marks a file as a roundtable forum database

# Cyrillic and Kazakh words are found whatever their case, Latin ones whatever their accents.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@dataclass(frozen=True)
class Column:
    type: type  # str -> TEXT, int -> INTEGER, float -> REAL
    not_null: bool = False
    default: Any = None
    references: str | None = None  # the table whose `id` this column holds


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict[str, Column]
    pk: str | tuple[str, ...] = "id"
    indexes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> columns
    unique: tuple[str, ...] = ()  # columns whose values no two rows share
    searched: tuple[str, ...] = ()  # columns of its full-text index, `<name>_fts`

    def create(self, db: Database) -> None:
        db[self.name].create(
            {name: column.type for name, column in self.columns.items()},
            pk=self.pk,
            not_null={name for name, column in self.columns.items() if column.not_null},
            defaults={name: column.default for name, column in self.columns.items() if column.default is not None},
            foreign_keys=[(name, column.references, "id") for name, column in self.columns.items() if column.references],
        )
        for name in self.unique:
            db[self.name].create_index([name], index_name=f"{self.name}_{name}_unique", unique=True)
        for index_name, columns in self.indexes.items():
            db[self.name].create_index(list(columns), index_name=index_name)
        if self.searched:
            db[self.name].enable_fts(list(self.searched), create_triggers=True, tokenize=FTS_TOKENIZE)


REQUIRED = True
TEXT, INTEGER, REAL = str, int, float

# The schema at CURRENT_VERSION, in foreign-key order. Columns are in the order the migrations
# added them, so a migrated table and a new one list them alike.
TABLES: tuple[TableSpec, ...] = (
    TableSpec("forum", {
        "id": Column(TEXT),
        "title": Column(TEXT, REQUIRED),
        "theme": Column(TEXT),
        "venue": Column(TEXT),
        "start": Column(TEXT, REQUIRED),
        "end": Column(TEXT, REQUIRED),
        "organisers": Column(TEXT, REQUIRED, "[]"),
        "languages": Column(TEXT, REQUIRED, '["en"]'),
        "background": Column(TEXT),
        "objectives": Column(TEXT, REQUIRED, "[]"),
        "programme_path": Column(TEXT),
        "updated_at": Column(TEXT, REQUIRED),
        "timezone": Column(TEXT),  # the venue's; None: this machine's
        # Programme texts in other languages than the first, {"ru": {"title": "..."}}.
        "translations": Column(TEXT, REQUIRED, "{}"),
        "point_of_order_time": Column(INTEGER, REQUIRED, 60),  # the sessions' default (V11)
    }),
    TableSpec("tracks", {
        "id": Column(TEXT),
        "code": Column(TEXT, REQUIRED),
        "title": Column(TEXT, REQUIRED),
        "position": Column(INTEGER, REQUIRED, 0),
        "updated_at": Column(TEXT, REQUIRED),
        "translations": Column(TEXT, REQUIRED, "{}"),
    }, unique=("code",)),
    TableSpec("sessions", {
        "id": Column(TEXT),
        "code": Column(TEXT, REQUIRED),
        "title": Column(TEXT, REQUIRED),
        "kind": Column(TEXT, REQUIRED),
        "date": Column(TEXT, REQUIRED),
        "start": Column(TEXT, REQUIRED),
        "end": Column(TEXT, REQUIRED),
        "track": Column(TEXT),
        "room": Column(TEXT),
        "chair": Column(TEXT),
        "rapporteur": Column(TEXT),
        "attribution": Column(TEXT, REQUIRED, "attributed"),
        "speaking_time": Column(INTEGER, REQUIRED, 180),
        "queue_policy": Column(TEXT, REQUIRED, "fifo"),
        "requests_close": Column(TEXT),
        "in_programme": Column(INTEGER, REQUIRED, 1),
        "updated_at": Column(TEXT, REQUIRED),
        "translations": Column(TEXT, REQUIRED, "{}"),
        # Requests from delegates' phones: "review" (they wait for the moderator) or "accept".
        "floor_requests": Column(TEXT, REQUIRED, "review"),
        "point_of_order_time": Column(INTEGER, REQUIRED, 60),  # a point of order's own limit (V11)
    }, unique=("code",), indexes={"sessions_by_time": ("date", "start")}),
    TableSpec("participants", {
        "id": Column(TEXT),
        "name": Column(TEXT, REQUIRED),
        "honorific": Column(TEXT),
        "position": Column(TEXT),
        "organisation": Column(TEXT),
        "country": Column(TEXT),
        "category": Column(TEXT, REQUIRED, "other"),
        "rank": Column(TEXT, REQUIRED, "other"),
        "gender": Column(TEXT),
        "email": Column(TEXT),
        "origin": Column(TEXT, REQUIRED, "roster"),
        "created_at": Column(TEXT, REQUIRED),
        "updated_at": Column(TEXT, REQUIRED),
        "attending": Column(INTEGER, REQUIRED, 1),
        "publish": Column(INTEGER, REQUIRED, 1),
        "edited_at": Column(TEXT),  # corrected in the application: an import does not undo it
        "merged_into": Column(TEXT),  # the record kept; this one stays as a tombstone
        # Their name, position and organisation in other languages, {"ru": {"name": "Багдат Мусин"}};
        # the texts as registered stay in the plain columns (and the id derived from them).
        "translations": Column(TEXT, REQUIRED, "{}"),
        # What a registration list gave that could not be read, field -> the text as written
        # ({"country": "Narnia"}); NULL when nothing is left to complete.
        "to_complete": Column(TEXT),
    }),
    TableSpec("requests", {
        "id": Column(TEXT),
        "session_id": Column(TEXT, REQUIRED, references="sessions"),
        "participant_id": Column(TEXT, REQUIRED, references="participants"),
        "status": Column(TEXT, REQUIRED, "queued"),
        "requested_at": Column(TEXT, REQUIRED),
        "position": Column(REAL, REQUIRED, 0),
        "reason": Column(TEXT, REQUIRED, ""),
        "started_at": Column(TEXT),
        "ended_at": Column(TEXT),
        "paused_at": Column(TEXT),
        "paused_seconds": Column(REAL, REQUIRED, 0),
        "limit_seconds": Column(INTEGER, REQUIRED),
        "updated_at": Column(TEXT, REQUIRED),
        "speech_type": Column(TEXT, REQUIRED, "statement"),
        "language": Column(TEXT),
        "interrupted_at": Column(TEXT),
        "kept": Column(INTEGER, REQUIRED, 0),
        "corrected_seconds": Column(REAL),
        "deleted_at": Column(TEXT),  # a tombstone, so a merge cannot bring it back
    }, indexes={"requests_by_session": ("session_id", "status", "position"),
                "requests_by_participant": ("participant_id",)}),
    TableSpec("notes", {
        "id": Column(TEXT),
        "session_id": Column(TEXT, REQUIRED, references="sessions"),
        "intervention_id": Column(TEXT, references="requests"),
        "text": Column(TEXT, REQUIRED),
        "key_point": Column(INTEGER, REQUIRED, 0),
        "created_at": Column(TEXT, REQUIRED),
        "updated_at": Column(TEXT, REQUIRED),
        "deleted_at": Column(TEXT),
        "by_chair": Column(INTEGER, REQUIRED, 0),
    }, indexes={"notes_by_session": ("session_id", "created_at"), "notes_by_intervention": ("intervention_id",)},
        searched=("text",)),
    TableSpec("recommendations", {
        "id": Column(TEXT),
        "track_code": Column(TEXT, REQUIRED),
        "session_id": Column(TEXT, references="sessions"),
        "text": Column(TEXT, REQUIRED),
        "addressed_to": Column(TEXT),
        "status": Column(TEXT, REQUIRED, "proposed"),
        "position": Column(REAL, REQUIRED, 0),
        "merged_into": Column(TEXT, references="recommendations"),
        "created_at": Column(TEXT, REQUIRED),
        "updated_at": Column(TEXT, REQUIRED),
        "deleted_at": Column(TEXT),
    }, indexes={"recommendations_by_track": ("track_code", "position")}, searched=("text", "addressed_to")),
    TableSpec("recommendation_sources", {
        "id": Column(TEXT),
        "recommendation_id": Column(TEXT, REQUIRED, references="recommendations"),
        "session_id": Column(TEXT, references="sessions"),
        "note_id": Column(TEXT, references="notes"),
        "intervention_id": Column(TEXT, references="requests"),
        "created_at": Column(TEXT, REQUIRED),
    }, indexes={"recommendation_sources_by_recommendation": ("recommendation_id",)}),
    TableSpec("drafts", {
        "key": Column(TEXT),
        "text": Column(TEXT, REQUIRED),
        "updated_at": Column(TEXT, REQUIRED),
    }, pk="key"),
    TableSpec("session_state", {
        "session_id": Column(TEXT, references="sessions"),
        "list_closed": Column(INTEGER, REQUIRED, 0),
        "updated_at": Column(TEXT, REQUIRED),
        "suspended_at": Column(TEXT),
        # When the chair last closed or reopened the list (NULL: never), apart from `updated_at`,
        # the merge's stamp of any change (V11).
        "list_changed_at": Column(TEXT),
        "reset_at": Column(TEXT),  # when `roundtable reset` last cleared the session (V11)
    }, pk="session_id"),
    # A request from a delegate's phone (issue 28), through its life: waiting, accepted (its queue
    # entry is `request_id`), declined, withdrawn; `deleted_at` when a reset clears the session.
    TableSpec("floor_requests", {
        "id": Column(TEXT),
        "session_id": Column(TEXT, REQUIRED, references="sessions"),
        "participant_id": Column(TEXT, REQUIRED, references="participants"),
        "speech_type": Column(TEXT, REQUIRED, "statement"),
        "status": Column(TEXT, REQUIRED, "waiting"),
        "request_id": Column(TEXT, references="requests"),
        "asked_at": Column(TEXT, REQUIRED),
        "decided_at": Column(TEXT),
        "updated_at": Column(TEXT, REQUIRED),
        "deleted_at": Column(TEXT),
    }, indexes={"floor_requests_by_session": ("session_id", "status"),
                "floor_requests_by_participant": ("participant_id", "session_id"),
                "floor_requests_by_request": ("request_id",)}),
    # A delegate's link key as its SHA-256 hash only (the key is made again from the secret beside
    # the database, store/delegate_keys.py); `revoked_at` ends it for good.
    TableSpec("delegate_keys", {
        "key_hash": Column(TEXT),
        "participant_id": Column(TEXT, REQUIRED, references="participants"),
        "generation": Column(INTEGER, REQUIRED, 1),
        "issued_at": Column(TEXT, REQUIRED),
        "revoked_at": Column(TEXT),
        "updated_at": Column(TEXT, REQUIRED),
    }, pk="key_hash", indexes={"delegate_keys_by_participant": ("participant_id", "generation")}),
    # For each row a merge with a given other database (`peer`, its path) has seen, the stamps
    # (updated_at) it had on each side then, so the next merge with that database can tell which
    # side changed it since (domain/merge_policy.py). Per peer since V11: a mark left by a merge
    # with a third laptop says nothing about this one's copy.
    TableSpec("merge_marks", {
        "peer": Column(TEXT, REQUIRED),
        "table_name": Column(TEXT, REQUIRED),
        "row_id": Column(TEXT, REQUIRED),
        "here_updated_at": Column(TEXT, REQUIRED),
        "there_updated_at": Column(TEXT, REQUIRED),
        "updated_at": Column(TEXT, REQUIRED),
    }, pk=("peer", "table_name", "row_id")),
    # A version per scope (a session's id, "roster", "recommendations", "programme"), bumped by
    # the triggers of CHANGE_SCOPES; another terminal reads it when PRAGMA data_version moves.
    TableSpec("changes", {
        "scope": Column(TEXT, REQUIRED),
        "version": Column(INTEGER, REQUIRED, 0),
    }, pk="scope"),
)

# Every action on a session or the board, with the rows it changed, to undo and redo it (the audit
# trail). AUTOINCREMENT, which sqlite-utils' create cannot write, keeps an id from ever being given
# twice, even after a session's log is cleared (`roundtable reset`). Created by V4 as it is today.
UNDO_LOG = """
    CREATE TABLE undo_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scope TEXT NOT NULL,
        action TEXT NOT NULL,
        label TEXT NOT NULL,
        terminal TEXT NOT NULL,
        at TEXT NOT NULL,
        changes TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'done',
        undone_at TEXT,
        undone_by TEXT
    );
    CREATE INDEX undo_log_by_scope ON undo_log (scope, state, id);
"""

_SESSION_OF_ROW = "SELECT {row}.session_id AS scope"

# Which screens a row of each table concerns (store/changes.py): each scope a SELECT of a column
# named `scope`, over `{row}`. Drafts have none: a half-typed note wakes nobody.
CHANGE_SCOPES: dict[str, list[str]] = {
    "requests": [_SESSION_OF_ROW],
    "notes": [_SESSION_OF_ROW],
    "session_state": [_SESSION_OF_ROW],
    "participants": ["SELECT 'roster' AS scope"],
    "forum": ["SELECT 'programme' AS scope"],
    "tracks": ["SELECT 'programme' AS scope"],
    "sessions": ["SELECT 'programme' AS scope"],
    # A recommendation also shows in its sessions' notes (the "recommended in" marks).
    "recommendations": [
        "SELECT 'recommendations' AS scope", _SESSION_OF_ROW,
        "SELECT DISTINCT session_id AS scope FROM recommendation_sources WHERE recommendation_id = {row}.id",
    ],
    "recommendation_sources": ["SELECT 'recommendations' AS scope", _SESSION_OF_ROW],
    "floor_requests": [_SESSION_OF_ROW],
    "delegate_keys": ["SELECT 'roster' AS scope"],  # f2 shows whether a link is revoked
}


def change_triggers(table: str) -> str:
    """The triggers that bump, in the writing transaction, the `changes` row of every scope a row
    of `table` belongs to: the new row on insert, the old one on delete, both on update. Drops
    them first, so that it can put them back after a transform or when the scopes change."""

    def bumps(rows: tuple[str, ...]) -> str:
        return "".join(
            f"INSERT INTO changes (scope, version) SELECT scope, 1 FROM ({scope.format(row=row)}) "
            "WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;\n"
            for row in rows for scope in CHANGE_SCOPES[table]
        )

    return "".join(
        f"DROP TRIGGER IF EXISTS {table}_changes_{suffix};\n"
        f"CREATE TRIGGER {table}_changes_{suffix} AFTER {event} ON {table} BEGIN\n{bumps(rows)}END;\n"
        for suffix, event, rows in (("ai", "INSERT", ("new",)), ("au", "UPDATE", ("new", "old")),
                                    ("ad", "DELETE", ("old",)))
    )


def _run(db: Database, script: str) -> None:
    """Run a script of ours in the migration's transaction, a statement at a time (sqlite3's
    executescript would commit first; sqlite-utils' splits it char by char, 40 ms for the triggers)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"an unfinished statement in a schema script: {statement}")


def create(db: Database) -> None:
    """A new forum database's tables, at CURRENT_VERSION."""
    for table in TABLES:
        table.create(db)
    _run(db, UNDO_LOG)
    for table in CHANGE_SCOPES:
        _run(db, change_triggers(table))


def transform_table(db: Database, table: str, **changes: Any) -> None:
    """`db[table].transform(**changes)` for a migration (a column's type, default or NOT NULL, a
    column renamed or dropped, a foreign key): what `ALTER TABLE` cannot do. sqlite-utils rebuilds
    the table and drops its triggers on the way, so this puts back its full-text index's (and
    rebuilds the index) and its `changes` triggers. Only in a migration: `migrate` has copied the
    database before the first one runs."""
    # sqlite-utils 4.2 writes a numeric default it carries over as text (DEFAULT 0 becomes
    # DEFAULT '0'): given back as numbers, they stay as they were (tests/test_migrations.py).
    dropped = set(changes.get("drop") or ())
    numeric = {c.name: _number(c.default_value) for c in db[table].columns
               if _number(c.default_value) is not None and c.name not in dropped}
    changes["defaults"] = numeric | (changes.get("defaults") or {})
    fts = db[table].detect_fts()
    searched = [c.name for c in db[fts].columns] if fts else []  # as the database has them
    db[table].transform(**changes)
    if searched:
        db[table].enable_fts(searched, create_triggers=True, tokenize=FTS_TOKENIZE, replace=True)
    if table in CHANGE_SCOPES:
        _run(db, change_triggers(table))


def _number(default: str | None) -> int | float | None:
    """A column's default as PRAGMA table_info gives it (`0`, `1.5`, `'text'`), if a number."""
    for kind in (int, float):
        try:
            return kind(default)
        except (TypeError, ValueError):
            continue
    return None


# The migrations: MIGRATIONS[N] brings a database from version N - 1 to N. Version 1 (the
# programme, the roster, the floor, the rapporteur's record) is the oldest there is; a database
# is never created at it any more.


def _v2_floor_management(db: Database) -> None:
    """Speech types and languages of interventions; closing the list of speakers."""
    db["requests"].add_column("speech_type", str, not_null_default="statement")
    db["requests"].add_column("language", str)
    db["session_state"].create(
        {"session_id": str, "list_closed": int, "updated_at": str}, pk="session_id",
        foreign_keys=[("session_id", "sessions", "id")], not_null={"list_closed", "updated_at"},
        defaults={"list_closed": 0},
    )


def _v3_merging_laptops(db: Database) -> None:
    """The stamps a merge saw on each side of each row (merge_marks)."""
    db["merge_marks"].create(
        {"table_name": str, "row_id": str, "here_updated_at": str, "there_updated_at": str, "updated_at": str},
        pk=("table_name", "row_id"),
        not_null={"table_name", "row_id", "here_updated_at", "there_updated_at", "updated_at"},
    )


def _v4_a_floor_that_forgives(db: Database) -> None:
    """Points of order interrupt (`interrupted_at`); the moderator corrects the interventions given
    (`corrected_seconds`, `kept`, and `deleted_at`, a tombstone a merge cannot bring back); a session
    can be suspended; the forum has a time zone; every action is logged to be undone (undo_log,
    which stays on its laptop: a merge does not carry it)."""
    requests = db["requests"]
    requests.add_column("interrupted_at", str)
    requests.add_column("kept", int, not_null_default=0)
    requests.add_column("corrected_seconds", float)
    requests.add_column("deleted_at", str)
    db["session_state"].add_column("suspended_at", str)
    db["forum"].add_column("timezone", str)
    _run(db, UNDO_LOG)


def _v5_the_document_as_sent(db: Database) -> None:
    """Programme texts in every language (`translations`: {"ru": {"title": "..."}}, the first
    language staying in the plain columns), and the list of participants' two roster fields."""
    for table in ("forum", "tracks", "sessions"):
        db[table].add_column("translations", str, not_null_default="{}")
    db["participants"].add_column("attending", int, not_null_default=1)
    db["participants"].add_column("publish", int, not_null_default=1)


def _v6_the_rapporteur_and_the_roster(db: Database) -> None:
    """A note can be the chair's remark (`by_chair`); a person corrected in the application keeps
    their id and says so (`edited_at`); two records of one person can be merged (`merged_into`)."""
    db["notes"].add_column("by_chair", int, not_null_default=0)
    db["participants"].add_column("edited_at", str)
    db["participants"].add_column("merged_into", str)


def _v7_changes_wake_their_screens(db: Database) -> None:
    """A commit wakes only the screens that show what it changed: `changes` and its triggers.
    This laptop's bookkeeping: never merged."""
    db["changes"].create({"scope": str, "version": int}, pk="scope", not_null={"scope", "version"},
                         defaults={"version": 0})
    for table in ("requests", "notes", "session_state", "participants", "forum", "tracks", "sessions",
                  "recommendations", "recommendation_sources"):
        _run(db, change_triggers(table))


def _v8_participant_translations(db: Database) -> None:
    """A person's texts in other languages (issue 27): their name, position and organisation as the
    document in that language writes them, a JSON object shaped as the programme's `translations`
    ({"ru": {"name": "Багдат Мусин"}}), the texts as registered staying in the plain columns (and
    the id derived from them)."""
    db["participants"].add_column("translations", str, not_null_default="{}")


def _v9_to_complete(db: Database) -> None:
    """A person a registration list gave something roundtable could not read (issue 25: a country
    nobody knows) is imported and marked to complete: `participants.to_complete`, a JSON object,
    field -> the text as the list wrote it ({"country": "Narnia"}); NULL when nothing is left to
    complete. The participants screen lists them; correcting the person there clears it.

    Merge rule: an ordinary column of the participant's row, so it travels with the row and the
    later edit wins (store/merge.py); a database from before version 9 gives NULL.
    Row validation: ParticipantRow.to_complete, a JSON object of texts (store/row_validation.py)."""
    db["participants"].add_column("to_complete", str)


def _v10_floor_requests(db: Database) -> None:
    """Delegates ask for the floor from their phones (issue 28).

    - `sessions.floor_requests`: "review" (a request waits for the moderator's enter or x) or
      "accept" (queued at once by the session's policy), from the programme.
    - `floor_requests`: each request from a phone; once accepted, `request_id` names its entry in
      the queue. `deleted_at`: a tombstone, when a reset clears the session.
    - `delegate_keys`: each person's link key as a SHA-256 hash only, so that neither an export, a
      merge nor a log holds a key; `revoked_at` ends a key on every laptop a merge reaches.

    Merge rules (store/merge.py): a request from the floor travels like the queue entry it became
    (the later edit wins); a key by its hash, and a revoked key stays revoked (its `revoked_at`
    wins like a deletion). Row validation: FloorRequestRow, DelegateKeyRow (store/row_validation.py).
    Both tables wake the screens that show them: a request its session's, a key the roster's.
    """
    db["sessions"].add_column("floor_requests", str, not_null_default="review")
    db["floor_requests"].create(
        {"id": str, "session_id": str, "participant_id": str, "speech_type": str, "status": str, "request_id": str,
         "asked_at": str, "decided_at": str, "updated_at": str, "deleted_at": str},
        pk="id", not_null={"session_id", "participant_id", "speech_type", "status", "asked_at", "updated_at"},
        defaults={"speech_type": "statement", "status": "waiting"},
        foreign_keys=[("session_id", "sessions", "id"), ("participant_id", "participants", "id"),
                      ("request_id", "requests", "id")],
    )
    db["floor_requests"].create_index(["session_id", "status"], index_name="floor_requests_by_session")
    db["floor_requests"].create_index(["participant_id", "session_id"], index_name="floor_requests_by_participant")
    db["floor_requests"].create_index(["request_id"], index_name="floor_requests_by_request")
    db["delegate_keys"].create(
        {"key_hash": str, "participant_id": str, "generation": int, "issued_at": str, "revoked_at": str,
         "updated_at": str},
        pk="key_hash", not_null={"participant_id", "generation", "issued_at", "updated_at"},
        defaults={"generation": 1}, foreign_keys=[("participant_id", "participants", "id")],
    )
    db["delegate_keys"].create_index(["participant_id", "generation"], index_name="delegate_keys_by_participant")
    for table in ("floor_requests", "delegate_keys"):
        _run(db, change_triggers(table))


def _v11_the_record_is_exact(db: Database) -> None:
    """Issue 24.

    - `session_state.reset_at`: a reset records that it cleared the session's state (the list
      reopened, the suspension ended) instead of deleting the row, which a merge with a laptop that
      saw the rehearsal brought back.
    - `session_state.list_changed_at`: the moment of the chair's last close or reopen, which decides
      against the programme's `requests_close` (domain/floor.py list_status). It was `updated_at`,
      which therefore could not be stamped by a suspension without reopening a list; `updated_at`
      is now the merge's stamp of every change. Filled from `updated_at` where the chair decided.
    - `forum.point_of_order_time`, `sessions.point_of_order_time`: a point of order's own limit in
      seconds (programme key, default 1 minute).
    - `merge_marks.peer`: the marks a merge leaves are per other database (its path), part of the
      key; the marks from before name none and are dropped (tests/test_convergence.py found three
      laptops diverging on them). This laptop's bookkeeping, never merged.

    Merge rules (store/merge.py): all ordinary columns of their rows. A row of session_state whose
    other copy was last changed before this side's `reset_at` is this side's, whatever the marks
    say (a reset wins over the rehearsal it cleared). Row validation: SessionStateRow, SessionRow
    (store/row_validation.py).
    """
    db["forum"].add_column("point_of_order_time", int, not_null_default=60)
    db["sessions"].add_column("point_of_order_time", int, not_null_default=60)
    db["session_state"].add_column("list_changed_at", str)
    db["session_state"].add_column("reset_at", str)
    db.execute("UPDATE session_state SET list_changed_at = updated_at")
    # The marks of a merge are per other database: one laptop's marks, read in a merge with
    # another, took an older copy for a newer one (three laptops diverged). The old marks name no
    # laptop: dropped, the next merge with each decides as a first one does (the later edit wins).
    db["merge_marks"].drop()
    db["merge_marks"].create(
        {"peer": str, "table_name": str, "row_id": str, "here_updated_at": str, "there_updated_at": str,
         "updated_at": str},
        pk=("peer", "table_name", "row_id"),
        not_null={"peer", "table_name", "row_id", "here_updated_at", "there_updated_at", "updated_at"},
    )


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    2: _v2_floor_management,
    3: _v3_merging_laptops,
    4: _v4_a_floor_that_forgives,
    5: _v5_the_document_as_sent,
    6: _v6_the_rapporteur_and_the_roster,
    7: _v7_changes_wake_their_screens,
    8: _v8_participant_translations,
    9: _v9_to_complete,
    10: _v10_floor_requests,
    11: _v11_the_record_is_exact,
}
CURRENT_VERSION = max(MIGRATIONS)


def refuse_if_unusable(path: Path, need_forum: bool = False) -> None:
    """Look at an existing file read-only and refuse it, untouched, if we must not open it: not a
    database, not roundtable's, a newer roundtable's, or (`need_forum`) no forum's schema at all
    (an empty file), which opening it to write would migrate before anything refused it.

    It looks through `connect_read_only`: a WAL database that no connection has open is read as
    an immutable file, so a refused one is not left with an empty -wal and a -shm beside it.
    """
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database")
    conn = connect_read_only(path)
    try:
        version = check_usable(conn, path)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path}: not a forum database ({error})") from None
    finally:
        conn.close()
    if need_forum and version == 0:
        raise DatabaseError(f"{path}: holds no forum yet; open a programme .toml first")


def check_usable(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of the database `conn` reads (the file `path`); raises DatabaseError if it
    is not a roundtable database, NewerDatabaseError if a newer roundtable wrote it."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if has_tables and app_id != APPLICATION_ID:
        raise DatabaseError(f"{path}: not a roundtable forum database")
    if version > CURRENT_VERSION:
        raise NewerDatabaseError(
            f"{path}: written by a newer roundtable (schema version {version}; this one knows "
            f"up to {CURRENT_VERSION}); update roundtable to open it"
        )
    return version


def backup(store: Store, version: int) -> Path:
    """Copy the database to `<name>.v<version>.bak` through a connection of its own, so that it can
    be taken while `store` holds the write lock (the copy is then exactly the last commit)."""
    return backup_beside(store.path, f"v{version}", ".bak")


def migrate(store: Store) -> Path | None:
    """Create the database's tables if it has none, or bring it to CURRENT_VERSION; returns the
    backup written, if any. A database at CURRENT_VERSION is left as it is, and nothing (not even
    sqlite-utils) is loaded for it.

    The version is read again inside the write transaction: several processes opening one older
    (or new) database at once migrate it once, the first to get the lock; the others find it done.
    """
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    if version > CURRENT_VERSION:  # the file changed since refuse_if_unusable looked at it
        raise NewerDatabaseError(f"{store.path}: written by a newer roundtable (schema {version})")
    if version == CURRENT_VERSION:
        return None
    with store.transaction() as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > CURRENT_VERSION:
            raise NewerDatabaseError(f"{store.path}: written by a newer roundtable (schema {version})")
        if version == CURRENT_VERSION:
            return None
        backup_path = backup(store, version) if version > 0 else None
        if version == 0:
            create(store.db)
        else:
            for number in range(version + 1, CURRENT_VERSION + 1):
                MIGRATIONS[number](store.db)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={CURRENT_VERSION}")
    return backup_path
