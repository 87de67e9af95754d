"""Opening a forum database to work on it: refused, created or migrated as needed (`open_store`),
or read as it is (`open_read_only`).

It sits above both `connection` (a connection and its transactions, which knows nothing of
migrations) and `schema` (the migrations, built on a connection), so imports run one way:
connection <- schema <- opening.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from roundtable.store import schema
from roundtable.store.connection import DatabaseError, Store, connect, connect_read_only, write_refusal


def open_store(path: str | Path, create: bool = True) -> Store:
    """Open (and if needed create or migrate) the forum database at `path`, to read and write.

    Raises NewerDatabaseError, leaving the file untouched, when it was written by a newer
    roundtable; DatabaseError, leaving it untouched too, when it is not a roundtable database at
    all, is damaged, or (`create=False`) holds no forum's schema, or when it cannot be written (a
    read-only file, folder or medium: `open_read_only` may still read it).
    """
    path = Path(path)
    if not path.exists() and not create:
        raise DatabaseError(f"{path}: no such database")
    refusal = write_refusal(path)
    if refusal is not None:
        if path.exists():
            raise DatabaseError(f"{path}: cannot write to it: {refusal}; copy it to a writable folder to work on it")
        raise DatabaseError(f"{path}: cannot create it: {refusal}")
    schema.refuse_if_unusable(path, need_forum=not create)  # opened as it is until it is accepted
    conn = connect(path)
    store = Store(path, conn)
    try:
        schema.migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def open_read_only(path: str | Path) -> Store:
    """Open an existing forum database only to read it, writing nothing at all: not a migration,
    not a -wal or -shm file when it can be helped. For a database on a read-only stick or folder.

    Raises DatabaseError saying precisely what is wrong when it cannot be read as it is: an
    unfinished write-ahead log that cannot be read in a read-only folder, an older schema that
    would need a migration, a newer roundtable's schema, or not a forum database.
    """
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path}: no such database")
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database")
    conn = connect_read_only(path)
    try:
        version = schema.check_usable(conn, path)
        if version == 0:
            raise DatabaseError(f"{path}: holds no forum yet; open a programme .toml first")
        if version < schema.CURRENT_VERSION:
            why = write_refusal(path) or "it is opened read-only"
            raise DatabaseError(
                f"{path}: written by an older roundtable (schema version {version}) and cannot be updated "
                f"here ({why}); copy it to a writable folder and open it there once"
            )
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseError(f"{path}: not a forum database ({error})") from None
    except BaseException:
        conn.close()
        raise
    conn.execute("PRAGMA query_only=ON")  # and nothing can be written through it, even by mistake
    return Store(path, conn)


def open_reader(path: str | Path) -> Store:
    """A connection that only reads a database in use (WAL, so it sees every commit of the
    others): a server's watch of the forum (the delegates' feed). Unlike `open_read_only`, never
    `immutable`, which would read the file as it was when opened; `query_only`, so nothing can be
    written through it, even by mistake."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path}: no such database")
    conn = connect(path)
    conn.execute("PRAGMA query_only=ON")
    return Store(path, conn)
