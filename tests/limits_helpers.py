"""Shared by the tests of terminals' limits: what the forum holds, to see that nothing was written."""

from __future__ import annotations

from roundtable.store import open_store


def forum_rows(store) -> dict[str, list[tuple]]:
    """Every row of every table the forum keeps (the search index's own tables left out: they follow
    the notes and recommendations)."""
    tables = [r["name"] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'")]
    return {t: [tuple(r) for r in store.query(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}


def rows_at(path) -> dict[str, list[tuple]]:
    """`forum_rows` read on a connection of its own (what other terminals see)."""
    with open_store(path, create=False) as store:
        return forum_rows(store)


def recorded_notices(app) -> list[str]:
    """Every notice `app` shows from now on, in order (the app's own list drops them as they expire,
    which a long test outlives)."""
    seen: list[str] = []
    shown = app.notify

    def notify(message, **options):
        seen.append(str(message))
        return shown(message, **options)

    app.notify = notify
    return seen
