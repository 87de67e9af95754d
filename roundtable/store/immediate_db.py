"""sqlite-utils on a store's connection, with its own writes made `BEGIN IMMEDIATE` transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import sqlite_utils

if TYPE_CHECKING:
    import sqlite3

    from roundtable.store.connection import Store


class ImmediateDatabase(sqlite_utils.Database):
    """sqlite-utils, but a write it starts on its own (`atomic()` outside `Store.transaction()`)
    is a `BEGIN IMMEDIATE` transaction of the store too, never sqlite-utils' deferred `BEGIN`."""

    def __init__(self, conn: sqlite3.Connection, store: Store):
        super().__init__(conn)
        self._store = store

    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        with self._store.transaction(), super().atomic():  # inside: a savepoint of ours
            yield self
