"""Which parts of the forum other terminals changed, so that a terminal re-reads only what it shows.

Every write bumps, in its own transaction, a version per scope it touched: a session's id (its
floor and its notes), `ROSTER`, `RECOMMENDATIONS` or `PROGRAMME`. Triggers on the tables do it
(schema V7), so no write path can forget it, a merge and an undo included. Drafts have none: a
half-typed note wakes no other terminal. The table is this laptop's bookkeeping and is never merged
(a merge bumps it here like any write).

A terminal asks SQLite's `PRAGMA data_version` (no table read) whether anyone else committed, and
only then reads this small table (`ChangeWatch`).
"""

from __future__ import annotations

from roundtable.store.connection import Store

ROSTER = "roster"
RECOMMENDATIONS = "recommendations"
PROGRAMME = "programme"


def versions(store: Store) -> dict[str, int]:
    """Every scope's version."""
    return {row[0]: row[1] for row in store.query("SELECT scope, version FROM changes")}


class ChangeWatch:
    """What other connections changed since the last look, scope by scope."""

    def __init__(self, store: Store):
        self.store = store
        self._data_version = store.data_version()
        self._versions = versions(store)

    @property
    def known_versions(self) -> dict[str, int]:
        """Every scope's version as of the last look."""
        return dict(self._versions)

    def changed(self) -> frozenset[str]:
        """The scopes changed since the last call (empty when nobody else committed, or only drafts).

        A commit of this connection's own shows up at the next look after someone else's; the
        screen that made it has redrawn already, so it re-reads once more at most.
        """
        data_version = self.store.data_version()
        if data_version == self._data_version:
            return frozenset()
        self._data_version = data_version
        now = versions(self.store)
        changed = frozenset(scope for scope, version in now.items() if self._versions.get(scope) != version)
        self._versions = now
        return changed
