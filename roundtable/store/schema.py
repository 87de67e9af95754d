"""The database schema as numbered forward migrations, recorded in `PRAGMA user_version`.

A database older than `CURRENT_VERSION` is copied to `<name>.v<N>.bak` (SQLite's backup API,
consistent even under WAL) before any migration touches it; all pending migrations then run in one
transaction, so a failure leaves the database as it was. A database from a newer roundtable is
refused before anything is written to it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from roundtable.store.backup_copy import backup_read_only
from roundtable.store.connection import DatabaseError, NewerDatabaseError, Store, sqlite_uri

APPLICATION_ID = 0x52544142  # "RTAB": marks a file as a roundtable forum database


def _fts(table: str, columns: list[str]) -> str:
    """External-content FTS5 index kept in step by triggers, named as sqlite-utils expects
    (`<table>_fts`, `<table>_ai/_ad/_au`) so that `Table.search()` finds it."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return f"""
    CREATE VIRTUAL TABLE {fts} USING FTS5 (
        {cols}, content=[{table}], tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
      INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});
    END;
    CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
      INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});
    END;
    CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN
      INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});
      INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});
    END;
    """


# Version 1: the programme, the roster, the floor, the rapporteur's record.
V1 = (
    """
    CREATE TABLE forum (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        theme TEXT,
        venue TEXT,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        organisers TEXT NOT NULL DEFAULT '[]',
        languages TEXT NOT NULL DEFAULT '["en"]',
        background TEXT,
        objectives TEXT NOT NULL DEFAULT '[]',
        programme_path TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE tracks (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        track TEXT,
        room TEXT,
        chair TEXT,
        rapporteur TEXT,
        attribution TEXT NOT NULL DEFAULT 'attributed',
        speaking_time INTEGER NOT NULL DEFAULT 180,
        queue_policy TEXT NOT NULL DEFAULT 'fifo',
        requests_close TEXT,
        in_programme INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX sessions_by_time ON sessions (date, start);
    CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        honorific TEXT,
        position TEXT,
        organisation TEXT,
        country TEXT,
        category TEXT NOT NULL DEFAULT 'other',
        rank TEXT NOT NULL DEFAULT 'other',
        gender TEXT,
        email TEXT,
        origin TEXT NOT NULL DEFAULT 'roster',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        participant_id TEXT NOT NULL REFERENCES participants (id),
        status TEXT NOT NULL DEFAULT 'queued',
        requested_at TEXT NOT NULL,
        position REAL NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        started_at TEXT,
        ended_at TEXT,
        paused_at TEXT,
        paused_seconds REAL NOT NULL DEFAULT 0,
        limit_seconds INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX requests_by_session ON requests (session_id, status, position);
    CREATE INDEX requests_by_participant ON requests (participant_id);
    CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        intervention_id TEXT REFERENCES requests (id),
        text TEXT NOT NULL,
        key_point INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX notes_by_session ON notes (session_id, created_at);
    CREATE INDEX notes_by_intervention ON notes (intervention_id);
    CREATE TABLE recommendations (
        id TEXT PRIMARY KEY,
        track_code TEXT NOT NULL,
        session_id TEXT REFERENCES sessions (id),
        text TEXT NOT NULL,
        addressed_to TEXT,
        status TEXT NOT NULL DEFAULT 'proposed',
        position REAL NOT NULL DEFAULT 0,
        merged_into TEXT REFERENCES recommendations (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX recommendations_by_track ON recommendations (track_code, position);
    CREATE TABLE recommendation_sources (
        id TEXT PRIMARY KEY,
        recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
        session_id TEXT REFERENCES sessions (id),
        note_id TEXT REFERENCES notes (id),
        intervention_id TEXT REFERENCES requests (id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX recommendation_sources_by_recommendation ON recommendation_sources (recommendation_id);
    CREATE TABLE drafts (
        key TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """
    + _fts("notes", ["text"])
    + _fts("recommendations", ["text", "addressed_to"])
)

# Version 2: floor management (speech types, languages, closing the list of speakers).
V2 = """
    ALTER TABLE requests ADD COLUMN speech_type TEXT NOT NULL DEFAULT 'statement';
    ALTER TABLE requests ADD COLUMN language TEXT;
    CREATE TABLE session_state (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id),
        list_closed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
"""

# Version 3: merging laptops. For each row a merge has seen, the stamps (updated_at) it had on each
# side then, so the next merge can tell which side changed it since (domain/merge_policy.py).
V3 = """
    CREATE TABLE merge_marks (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        here_updated_at TEXT NOT NULL,
        there_updated_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    );
"""

# Version 4: a floor that forgives mistakes. Points of order interrupt (`interrupted_at`); the
# moderator corrects the interventions given (`corrected_seconds`, `kept`, `deleted_at`, a tombstone
# so that a merge cannot bring a deleted one back); a session can be suspended; and every action on
# a session is logged with the rows it changed, so it can be undone and redone (the session's audit
# trail). The log stays on its laptop: a merge does not carry it.
V4 = """
    ALTER TABLE requests ADD COLUMN interrupted_at TEXT;
    ALTER TABLE requests ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE requests ADD COLUMN corrected_seconds REAL;
    ALTER TABLE requests ADD COLUMN deleted_at TEXT;
    ALTER TABLE session_state ADD COLUMN suspended_at TEXT;
    ALTER TABLE forum ADD COLUMN timezone TEXT;
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

# Version 5: the outcome document a secretariat sends as it is. Programme texts in every language
# (`translations`: a JSON object {"ru": {"title": "..."}}, the first language staying in the plain
# columns), and the list of participants' two roster fields (both default yes).
V5 = """
    ALTER TABLE forum ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE tracks ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE sessions ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE participants ADD COLUMN attending INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE participants ADD COLUMN publish INTEGER NOT NULL DEFAULT 1;
"""

# Version 6: the rapporteur and the roster (issue 14). A note can be the chair's remark (`by_chair`);
# a person corrected in the application keeps their id and says so (`edited_at`: a registration
# list imported again does not undo the correction), and two records of one person can be merged
# (`merged_into` names the one kept; the other stays as a tombstone so a merge cannot revive it).
V6 = """
    ALTER TABLE notes ADD COLUMN by_chair INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE participants ADD COLUMN edited_at TEXT;
    ALTER TABLE participants ADD COLUMN merged_into TEXT;
"""



def _bump_changes(table: str, scopes: list[str]) -> str:
    """Triggers that bump, in the writing transaction, the `changes` row of every scope a row of
    `table` belongs to (store/changes.py). Each scope is a SELECT of a column named `scope`, written
    over `{row}`: the new row on insert, the old one on delete, both on update."""

    def bumps(rows: tuple[str, ...]) -> str:
        return "".join(
            f"INSERT INTO changes (scope, version) SELECT scope, 1 FROM ({scope.format(row=row)}) "
            "WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET version = version + 1;\n"
            for row in rows for scope in scopes
        )

    return "".join(
        f"CREATE TRIGGER {table}_changes_{suffix} AFTER {event} ON {table} BEGIN\n{bumps(rows)}END;\n"
        for suffix, event, rows in (("ai", "INSERT", ("new",)), ("au", "UPDATE", ("new", "old")),
                                    ("ad", "DELETE", ("old",)))
    )


_SESSION_OF_ROW = "SELECT {row}.session_id AS scope"

# Version 7: a commit wakes only the screens that show what it changed (issue 18 item 3). `changes`
# holds a version per scope (a session's id, "roster", "recommendations", "programme"), bumped by
# triggers on every table a screen shows; another terminal reads it when PRAGMA data_version moves.
# Drafts have no trigger: a half-typed note wakes nobody. This laptop's bookkeeping: never merged.
V7 = (
    """
    CREATE TABLE changes (
        scope TEXT NOT NULL PRIMARY KEY,
        version INTEGER NOT NULL DEFAULT 0
    );
    """
    + _bump_changes("requests", [_SESSION_OF_ROW])
    + _bump_changes("notes", [_SESSION_OF_ROW])
    + _bump_changes("session_state", [_SESSION_OF_ROW])
    + _bump_changes("participants", ["SELECT 'roster' AS scope"])
    + _bump_changes("forum", ["SELECT 'programme' AS scope"])
    + _bump_changes("tracks", ["SELECT 'programme' AS scope"])
    + _bump_changes("sessions", ["SELECT 'programme' AS scope"])
    # A recommendation also shows in its sessions' notes (the "recommended in" marks).
    + _bump_changes("recommendations", [
        "SELECT 'recommendations' AS scope", _SESSION_OF_ROW,
        "SELECT DISTINCT session_id AS scope FROM recommendation_sources WHERE recommendation_id = {row}.id",
    ])
    + _bump_changes("recommendation_sources", ["SELECT 'recommendations' AS scope", _SESSION_OF_ROW])
)


def v8_participant_translations(conn: sqlite3.Connection) -> None:
    """Version 8: a person's texts in other languages (issue 27): their name, position and
    organisation as the document in that language writes them, a JSON object shaped as the
    programme's `translations` ({"ru": {"name": "Багдат Мусин"}}), the texts as registered staying
    in the plain columns (and the id derived from them)."""
    conn.execute("ALTER TABLE participants ADD COLUMN translations TEXT NOT NULL DEFAULT '{}'")


def v11_floor_requests(conn: sqlite3.Connection) -> None:
    """Version 11 (issue 28): delegates ask for the floor from their phones.

    - `sessions.floor_requests`: "review" (a request waits for the moderator) or "accept" (it is
      queued at once), from the programme.
    - `floor_requests`: each request from a phone, through its life (waiting, accepted, declined,
      withdrawn); once accepted, `request_id` names its entry in the queue (`requests`). A tombstone
      (`deleted_at`) when a reset clears the session, so that a merge cannot bring it back.
    - `delegate_keys`: each person's link key, as a SHA-256 hash only (the key itself is made again
      from the secret kept beside the database, store/delegate_keys.py), so that neither an export,
      a merge nor a log holds a key; `revoked_at` ends a key for good, on every laptop a merge reaches.

    Both tables wake the screens that show them (store/changes.py): a request its session's, a key
    the roster's. Self-contained, so that it can be renumbered when the versions before it land.
    """
    script = """
    ALTER TABLE sessions ADD COLUMN floor_requests TEXT NOT NULL DEFAULT 'review';
    CREATE TABLE floor_requests (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id),
        participant_id TEXT NOT NULL REFERENCES participants (id),
        speech_type TEXT NOT NULL DEFAULT 'statement',
        status TEXT NOT NULL DEFAULT 'waiting',
        request_id TEXT REFERENCES requests (id),
        asked_at TEXT NOT NULL,
        decided_at TEXT,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX floor_requests_by_session ON floor_requests (session_id, status);
    CREATE INDEX floor_requests_by_participant ON floor_requests (participant_id, session_id);
    CREATE INDEX floor_requests_by_request ON floor_requests (request_id);
    CREATE TABLE delegate_keys (
        key_hash TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants (id),
        generation INTEGER NOT NULL DEFAULT 1,
        issued_at TEXT NOT NULL,
        revoked_at TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX delegate_keys_by_participant ON delegate_keys (participant_id, generation);
    """ + _bump_changes("floor_requests", [_SESSION_OF_ROW]) + _bump_changes(
        "delegate_keys", ["SELECT 'roster' AS scope"])
    for statement in _statements(script):
        conn.execute(statement)


# A migration is a DDL script or a function given the connection, inside the migrating transaction.
# Issue 28's migration is V11 (TEAM.md); until V9 (issue 25) and V10 (issue 24) land it follows V8.
MIGRATIONS: list = [V1, V2, V3, V4, V5, V6, V7, v8_participant_translations, v11_floor_requests]
CURRENT_VERSION = len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """Split a DDL script into statements (trigger bodies contain semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def refuse_if_unusable(path: Path) -> None:
    """Look at an existing file read-only and refuse it, untouched, if we must not open it."""
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database")
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        try:
            check_usable(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path}: not a forum database ({error})") from None


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
    target = store.path.with_name(f"{store.path.name}.v{version}.bak")
    counter = 1
    while target.exists():
        target = store.path.with_name(f"{store.path.name}.v{version}.{counter}.bak")
        counter += 1
    return backup_read_only(store.path, target)


def migrate(store: Store, target: int = CURRENT_VERSION) -> Path | None:
    """Bring the database to `target`; returns the backup written, if any.

    The version is read again inside the write transaction: several processes opening one older
    (or new) database at once migrate it once, the first to get the lock; the others find it done.
    """
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    if version > CURRENT_VERSION:  # the file changed since refuse_if_unusable looked at it
        raise NewerDatabaseError(f"{store.path}: written by a newer roundtable (schema {version})")
    if version >= target:
        return None
    with store.transaction() as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > CURRENT_VERSION:
            raise NewerDatabaseError(f"{store.path}: written by a newer roundtable (schema {version})")
        if version >= target:
            return None
        backup_path = backup(store, version) if version > 0 else None
        for number in range(version + 1, target + 1):
            migration = MIGRATIONS[number - 1]
            if callable(migration):
                migration(conn)
                continue
            for statement in _statements(migration):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={target}")
    return backup_path
