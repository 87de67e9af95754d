"""Opening a forum database and writing to it safely.

Every write goes through `Store.transaction()`, which opens `BEGIN IMMEDIATE`: a deferred
transaction that has already read cannot wait for another process's write lock and fails at once
with "database is locked" (see STACK-NOTES.md); an immediate one waits up to the busy timeout.

`synchronous=FULL`: each commit reaches the disk before the screen shows it as saved, so neither a
killed process nor a kicked power strip loses it. It costs ~0.1 ms a commit (see `make bench`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """A database that cannot be used as it is; the message names the file and says why."""


class NewerDatabaseError(DatabaseError):
    pass


class Store:
    """One connection to one forum database. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._lock = threading.RLock()
        self._depth = 0

    @cached_property
    def db(self):
        """sqlite-utils on this connection (an `ImmediateDatabase`), imported on first use: a command
        that only reads, such as an export, does not pay for importing it."""
        from roundtable.store.immediate_db import ImmediateDatabase

        return ImmediateDatabase(self.conn, self)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE); committed on leaving, rolled back on error.

        Nested use joins the outer transaction.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    # A failed COMMIT (e.g. a deferred foreign key) leaves the transaction open.
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            finally:
                self._depth = 0

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees the database as of its first read, so a
        document assembled from several queries is consistent while other terminals write.

        Takes no write lock; inside a write transaction it simply joins it.
        """
        with self._lock:
            if self._depth:
                yield
                return
            self.conn.execute("BEGIN DEFERRED")
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        with self._lock:
            return self.conn.execute(sql, params).fetchone()

    def data_version(self) -> int:
        """Changes whenever another connection (another terminal) commits to this database."""
        with self._lock:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        conn.close()
        raise DatabaseError(f"{path}: cannot switch the database to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def open_store(path: str | Path, create: bool = True) -> Store:
    """Open (and if needed create or migrate) the forum database at `path`.

    Raises NewerDatabaseError, leaving the file untouched, when it was written by a newer
    roundtable; DatabaseError when it is not a roundtable database at all.
    """
    from roundtable.store import schema

    path = Path(path)
    if not path.exists() and not create:
        raise DatabaseError(f"{path}: no such database")
    schema.refuse_if_unusable(path)
    conn = connect(path)
    store = Store(path, conn)
    try:
        schema.migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def open_store_readonly(path: str | Path) -> Store:
    """Open an existing forum database so that nothing can be written through this connection.

    For views that only show (the projector served to browsers): no migration runs, and the file
    is opened `mode=ro` through `Path.as_uri()` (the path is percent-encoded, so a `#`, `?` or `%`
    in a folder name cannot smuggle in URI parameters) with `query_only` on as well. A database of
    another schema version is refused: it must be opened once by a writing roundtable first.
    """
    from roundtable.store import schema

    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"{path}: no such database")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only=ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path}: not a forum database ({error})") from None
    if app_id != schema.APPLICATION_ID or version == 0:
        conn.close()
        raise DatabaseError(f"{path}: not a roundtable forum database")
    if version != schema.CURRENT_VERSION:
        conn.close()
        newer = version > schema.CURRENT_VERSION
        raise (NewerDatabaseError if newer else DatabaseError)(
            f"{path}: schema version {version}, this roundtable reads {schema.CURRENT_VERSION}; "
            + ("update roundtable" if newer else "open it once with `roundtable open` to bring it up to date")
        )
    return Store(path, conn)
