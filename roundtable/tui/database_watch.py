"""Both applications' watch on the forum database: what another terminal (or a worker) commits
reaches the screens that show it, and only those.

Four times a second the app asks SQLite whether another connection committed (`PRAGMA
data_version`, no table read); only then does it read which scopes changed (store/changes.py) and
post `ForumChanged(scopes)` to each screen whose `watched_scopes()` meets them. A screen without
`watched_scopes` hears of every change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from textual.app import App
from textual.screen import Screen

from roundtable.store import Store
from roundtable.store.changes import ChangeWatch
from roundtable.tui.messages import ForumChanged

# How often the app asks SQLite whether another connection committed.
WATCH_INTERVAL = 0.25


def concerns(screen: Screen, scopes: Collection[str]) -> bool:
    """Whether a change of `scopes` may change what `screen` shows."""
    watched = getattr(screen, "watched_scopes", None)
    return watched is None or not watched().isdisjoint(scopes)


def watch_database(app: App, store: Store, changed: Callable[[frozenset[str]], None] | None = None) -> ChangeWatch:
    """Start watching `store` for `app`: `changed(scopes)` runs on each change (default: post
    ForumChanged to every screen of the stack that it concerns)."""
    watch = ChangeWatch(store)

    def to_screens(scopes: frozenset[str]) -> None:
        for screen in app.screen_stack:
            if concerns(screen, scopes):
                screen.post_message(ForumChanged(scopes))

    report = changed or to_screens

    def check() -> None:
        scopes = watch.changed()
        if scopes:
            report(scopes)

    app.set_interval(WATCH_INTERVAL, check)
    return watch
