"""sqlite-utils on a store's connection, with its own writes made `BEGIN IMMEDIATE` transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import sqlite_utils


class ImmediateDatabase(sqlite_utils.Database):
    """sqlite-utils, but a write it starts on its own (`atomic()` outside `Store.transaction()`)
    is a `BEGIN IMMEDIATE` transaction of the store too, never sqlite-utils' deferred `BEGIN`.

    Given the store's `transaction` rather than the store, so that this module needs nothing of
    connection.py, which imports it."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], AbstractContextManager]):
        super().__init__(conn)
        self._transaction = transaction

    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        with self._transaction(), super().atomic():  # inside: a savepoint of ours
            yield self
