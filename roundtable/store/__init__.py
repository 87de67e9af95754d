"""Storage: the only package that holds SQL. One forum = one SQLite file in WAL mode."""

from roundtable.store.connection import DatabaseError, NewerDatabaseError, Store, open_store, open_read_only

__all__ = ["DatabaseError", "NewerDatabaseError", "Store", "open_store", "open_read_only"]
