"""A copy of the whole forum for a room to carry on without the venue network.

SQLite's backup API gives a consistent copy even while other browsers write (WAL). The copy is a
complete forum database: `roundtable open COPY.db` works on it offline, and
`roundtable merge COPY.db --db FORUM.db` brings what was recorded meanwhile back into the forum.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from roundtable.store.connection import Store


def offline_copy(store: Store, target: Path) -> Path:
    """Write the copy to `target` (atomically: a reader never sees half a file); returns it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        copy = sqlite3.connect(temporary)
        try:
            with store._lock:
                store.conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to carry away
        finally:
            copy.close()
        # never more readable than the database it copies
        os.chmod(temporary, stat.S_IMODE(store.path.stat().st_mode) & 0o666)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
