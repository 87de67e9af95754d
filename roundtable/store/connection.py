"""Opening a forum database and writing to it safely.

Every write goes through `Store.transaction()`, which opens `BEGIN IMMEDIATE`: a deferred
transaction that has already read cannot wait for another process's write lock and fails at once
with "database is locked" whatever the busy timeout; an immediate one waits up to it
(tests/test_concurrency.py).

It is also where a terminal's limits hold (domain/access.py). A store acts for `actor`: the
secretariat's (unrestricted) unless the application sets its terminal's. Each write names what it
writes and where (`transaction(Write(...))`, or `authorise(...)` once the command has read where),
and a transaction of a terminal that changed rows without naming any write is rolled back and
refused: deny by default, whatever path led to the write.

`synchronous=FULL`: each commit reaches the disk before the screen shows it as saved, so neither a
killed process nor a kicked power strip loses it. It costs ~0.1 ms a commit (see `make bench`).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from urllib.parse import urlencode

from roundtable.domain.access import SECRETARIAT, Actor, Refused, Write

# How long a write waits for another connection's write lock before "database is locked". The CLI
# and the application's workers wait long (a merge or an import may hold the lock for seconds); the
# application's own connection, whose writes run on the event loop, waits half a second at most, so
# a key never freezes the screen longer than that (Store.set_busy_timeout).
BUSY_TIMEOUT_MS = 10_000
INTERACTIVE_BUSY_TIMEOUT_MS = 500


class DatabaseError(Exception):
    """A database that cannot be used as it is; the message names the file and says why."""


class NewerDatabaseError(DatabaseError):
    pass


# What a storage call may raise when the database cannot be used right now or at all: SQLite's own
# errors ("database is locked", "disk I/O error", "database or disk is full") and ours.
STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, DatabaseError)


def is_busy(error: BaseException) -> bool:
    """True when `error` is another connection holding the write lock past the busy timeout."""
    return isinstance(error, sqlite3.OperationalError) and any(
        word in str(error).lower() for word in ("database is locked", "database is busy", "database table is locked")
    )


class Store:
    """One connection to one forum database. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._lock = threading.RLock()
        self._depth = 0
        # Who writes through this connection, as the audit trail (store/undo_log.py) names it; the
        # application adds its role ("chair on host, pid 4242").
        self.terminal = default_terminal()
        # What it may write (domain/access.py): the command line's is the secretariat's.
        self.actor: Actor = SECRETARIAT
        self._named = False  # whether the open transaction named what it writes

    def authorise(self, write: Write) -> None:
        """Check, in the open transaction (or before one), that this store's actor may make `write`;
        raises Refused (the transaction then rolls back) and names the write for the commit."""
        actor = self.actor
        if not actor.unrestricted:
            actor.check(write, self._track_of(write))
        self._named = True

    def _track_of(self, write: Write) -> str | None:
        """The track a write lands in: a recommendation's own; a session's, read in this
        transaction (only for a terminal limited to a track: the others do not need it)."""
        if write.kind == "recommendations" or self.actor.track is None:
            return write.track
        if write.session_id is None:
            return write.track
        row = self.conn.execute("SELECT track FROM sessions WHERE id = ?", (write.session_id,)).fetchone()
        return row[0] if row else None  # a session not in the programme: no track's

    @contextmanager
    def acting_as(self, actor: Actor) -> Iterator[None]:
        """Write as `actor` meanwhile, holding the connection: the venue server's one connection
        writes for each delegate's phone in turn, each checked as that delegate."""
        with self._lock:
            saved, self.actor = self.actor, actor
            try:
                yield
            finally:
                self.actor = saved

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long this connection's writes wait for another's write lock (`BEGIN IMMEDIATE`)."""
        with self._lock:
            self.conn.execute(f"PRAGMA busy_timeout={int(milliseconds)}")

    @cached_property
    def db(self):
        """sqlite-utils on this connection (an `ImmediateDatabase`), imported on first use: a command
        that only reads, such as an export, does not pay for importing it."""
        from roundtable.store.immediate_db import ImmediateDatabase

        return ImmediateDatabase(self.conn, self.transaction)

    def insert(self, table: str, row: dict) -> None:
        """Insert one row, in the caller's transaction (or its own). The live keys' writes (a note,
        a recommendation, an intervention, someone added on the spot) go through here rather than
        sqlite-utils, whose import (click, dateutil) and per-call table introspection were most of
        the first note's cost. Column names are the code's own; every value is a bound parameter."""
        values = tuple(_storable(value) for value in row.values())
        sql = f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"
        with self.transaction() as conn:
            conn.execute(sql, values)

    @contextmanager
    def transaction(self, write: Write | None = None) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE); committed on leaving, rolled back on error.
        `write`: what it writes, checked against the actor first (Refused: nothing written).

        Nested use joins the outer transaction.
        """
        with self._lock:
            if self._depth:
                if write is not None:
                    self.authorise(write)
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self._named = False
            changed_before = self.conn.total_changes
            try:
                if write is not None:
                    self.authorise(write)
                yield self.conn
                if not (self._named or self.actor.unrestricted) and self.conn.total_changes != changed_before:
                    raise Refused(f"{self.actor.refusal()} (this write did not say what it writes)")
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


def _storable(value: object) -> object:
    """A Python value as SQLite holds it here: flags as 0/1, times as ISO 8601 text, enums as
    their value (sqlite-utils' conversions, for the rows `Store.insert` writes)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def default_terminal() -> str:
    return f"{socket.gethostname()}, pid {os.getpid()}"


def sqlite_uri(path: str | Path, **params: str) -> str:
    """An SQLite URI naming exactly the file at `path`, with `params` (mode="ro", ...).

    Every connection is opened through one: SQLite here reads a filename that starts with "file:"
    as a URI even when not asked to, and a path put into a URI as it is cuts at "#" or "?"
    (`F #2/x.db` opens `F `) and decodes "%41" as "A". `Path.as_uri()` escapes all of them.
    """
    uri = Path(path).resolve().as_uri()
    return f"{uri}?{urlencode(params)}" if params else uri


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        sqlite_uri(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False, uri=True
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    mode = _switch_to_wal(conn)
    if mode.lower() != "wal":
        conn.close()
        raise DatabaseError(f"{path}: cannot switch the database to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def write_refusal(path: Path) -> str | None:
    """Why this process cannot write the database at `path` (or create it there), or None.

    SQLite needs the file and its folder (where the -wal and -shm files live) both writable. It
    would open an unwritable file read-only without a word and fail at the first write.
    """
    folder = path.absolute().parent
    try:
        medium_read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        medium_read_only = False
    if medium_read_only:
        return f"it is on a read-only medium ({folder})"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder} is read-only"
    return None


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """`PRAGMA journal_mode=WAL`, waiting like busy_timeout would: switching a database that is not
    in WAL yet takes an exclusive lock, and SQLite reports "locked" at once, without its busy
    handler, when other processes open the same database at that moment."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads the database at `path` and writes nothing beside it if it can help
    it (a stick must come back as it went); rows as sqlite3.Row.

    Raises DatabaseError when it cannot be opened, saying why: above all an unfinished write-ahead
    log in a read-only folder, which SQLite can read only through an -shm file it cannot create.
    """
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    unfinished = wal.exists() and wal.stat().st_size > 0
    if not wal.exists() or (not unfinished and not shm.exists()):
        # Nothing in a log to read, and no -shm, so no connection open on it that could write
        # meanwhile: read it as a file that cannot change (no lock, no file created).
        params = {"mode": "ro", "immutable": "1"}
    elif shm.exists() or os.access(path.absolute().parent, os.W_OK | os.X_OK):
        params = {"mode": "ro"}  # reads the log's last commits too, through the -shm index
    else:
        raise DatabaseError(
            f"{path}: the folder is read-only and holds an unfinished write-ahead log ({wal.name}) that "
            f"cannot be read here: copy {path.name} and {wal.name} together to a writable folder first"
        )
    try:
        conn = sqlite3.connect(
            sqlite_uri(path, **params), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: cannot be read ({error})") from None
    conn.row_factory = sqlite3.Row
    return conn
