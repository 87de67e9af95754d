"""Copies of a forum database taken before something rewrites it (a migration, a merge, a reset).

SQLite's backup API copies a consistent state even under WAL. The copy is created with the
database's own permissions (less whatever the umask takes away), before a byte is written to it,
so it is never more readable than the database it copies, not even for a moment.

Every copy is named by `backup_beside`: the name is claimed by creating the file (O_EXCL), and a
name taken already moves on to the next ("-1", "-2"...), so two copies taken within one second, by
one process or by two, never share a name and no copy ever overwrites another.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from roundtable.store.connection import sqlite_uri


def backup_beside(database: Path, stem: str, suffix: str = "") -> Path:
    """Copy `database` (read through a connection of its own, see `backup_read_only`) to the first
    free name of `<database>.<stem><suffix>`, `<database>.<stem>-1<suffix>`, `-2`..., claimed
    atomically; returns the copy's path."""
    counter = 0
    while True:
        tail = f"-{counter}" if counter else ""
        target = database.with_name(f"{database.name}.{stem}{tail}{suffix}")
        try:
            return backup_read_only(database, target)
        except FileExistsError:
            counter += 1


def write_backup(source: sqlite3.Connection, database: Path, target: Path) -> Path:
    """Copy the database `source` is connected to (the file `database`) into the new file `target`.

    Raises FileExistsError rather than overwrite `target`. `source` must not be inside a write
    transaction of its own: SQLite refuses to copy a database its own connection is writing.
    """
    mode = stat.S_IMODE(database.stat().st_mode)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)  # an empty file is an empty database
    os.close(fd)
    try:
        dest = sqlite3.connect(sqlite_uri(target), uri=True)
        try:
            source.backup(dest)
        finally:
            dest.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def backup_read_only(database: Path, target: Path) -> Path:
    """Like `write_backup`, read through a connection of its own; what to use while this process
    holds the write lock (a `Store.transaction()`): the copy is then exactly the last commit."""
    source = sqlite3.connect(sqlite_uri(database, mode="ro"), uri=True)
    try:
        return write_backup(source, database, target)
    finally:
        source.close()
