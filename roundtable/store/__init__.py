"""Storage: the only package that holds SQL. One forum = one SQLite file in WAL mode."""

from roundtable.store.connection import STORAGE_ERRORS, DatabaseError, NewerDatabaseError, Store, is_busy
from roundtable.store.opening import open_read_only, open_store

__all__ = ["STORAGE_ERRORS", "DatabaseError", "NewerDatabaseError", "Store", "is_busy", "open_read_only",
           "open_store"]
