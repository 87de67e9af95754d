"""Which sessions a roundtable process has open, told by lock files beside the database.

A speaker's clock is wall-clock time: it runs on while nobody has the session open (the moderator
quit, or the laptop slept). To ask, when a session is opened again, whether the time it ran
unattended counts, roundtable must know when the last process left it, without writing into the
forum database (a write there would wake every other terminal and travel in a merge).

Each process that shows a session holds a shared `flock` on `.<db name>.open/<session id>` beside
the database and touches the file every few seconds and when it leaves. So the file's modification
time is the last moment anyone had the session open (to within the heartbeat, even after a crash:
a killed process's lock is released by the system), and a lock still held by another process means
the session never was unattended.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; presence is then never known
    fcntl = None  # type: ignore[assignment]

HEARTBEAT_SECONDS = 5.0


def folder_for(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.open")


class SessionPresence:
    """This process's presence in one session (`enter`, `heartbeat`, `leave`)."""

    def __init__(self, db_path: Path, session_id: str):
        self.path = folder_for(db_path) / session_id
        self._fd: int | None = None

    def unattended_since(self) -> dt.datetime | None:
        """When the last process that had this session open left it, if none has it open now;
        None when another process has it open or nobody ever had."""
        if fcntl is None or not self.path.exists():
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return None  # someone holds it: the session is open elsewhere
            fcntl.flock(fd, fcntl.LOCK_UN)
            return dt.datetime.fromtimestamp(os.fstat(fd).st_mtime, dt.timezone.utc)
        finally:
            os.close(fd)

    def enter(self) -> None:
        if fcntl is None or self._fd is not None:
            return
        try:
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_SH)
        except OSError:  # a read-only folder: presence is simply not known
            self._close()
            return
        self.heartbeat()

    def heartbeat(self) -> None:
        if self._fd is not None:
            try:
                os.utime(self._fd)
            except OSError:
                pass

    def leave(self) -> None:
        self.heartbeat()
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)  # releases the lock
            finally:
                self._fd = None
