"""The table of actions (domain/actions.py) in the application: key bindings made from it, and the
question every action is asked before it runs, whatever called it (a key, the palette, a click).

A screen or widget of ours declares where its actions work (`ACTION_PLACE = "session"`) and takes
its `BINDINGS` from `bindings(place)`. `verdict` finds an action's row by walking the node's classes
(a given list is a list too); an action of ours that the table does not list is refused, so no
action can run without saying who may run it. Textual's own actions (moving a cursor, editing a
line's text, focus) write nothing of the forum and are left alone.

`ActsByTable` hides from the key bar, `f1` and the palette what this terminal may not do
(`check_action`); `RoundtableApp.run_action` refuses it with one line if its key is pressed anyway.
Neither is the last word: the store checks every write (store/connection.py).
"""

from __future__ import annotations

from functools import lru_cache

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from roundtable.domain import actions
from roundtable.domain.access import TRACKED, Actor
from roundtable.domain.actions import Action
from roundtable.tui.storage_guard import GuardsStorage

# An action method of ours that no row of the table lists.
UNLISTED = Action("", "", "", "an action the table of actions does not list", frozenset())


def bindings(place: str) -> list[Binding]:
    """The key bindings of `place`, in the table's order (the key bar's)."""
    return [
        Binding(row.keys, row.invocation, row.description, show=row.show, key_display=row.key_display,
                priority=row.priority)
        for row in actions.of_place(place) if row.keys
    ]


@lru_cache(maxsize=2048)
def row_of(node_type: type, name: str) -> Action | None:
    """The table's row for action `name` on a node of `node_type`; UNLISTED for an action method of
    ours not in the table; None for Textual's own."""
    for cls in node_type.__mro__:
        place = cls.__dict__.get("ACTION_PLACE")
        if place is not None and (row := actions.find(place, name)) is not None:
            return row
    for cls in node_type.__mro__:
        if f"action_{name}" in cls.__dict__ or f"_action_{name}" in cls.__dict__:
            return UNLISTED if cls.__module__.startswith("roundtable.") else None
    return None


def write_track(app: App) -> str | None:
    """The track this terminal's writes land in from the screen it is on (a session's track, the
    highlighted recommendation's): the first screen from the top of the stack that says."""
    for screen in reversed(app.screen_stack):
        track = getattr(screen, "write_track", None)
        if track is not None:
            return track()
    return None


def verdict(app: App, node: DOMNode, name: str) -> str | None:
    """None when this terminal may run action `name` on `node`, else the one line that refuses it."""
    actor: Actor = app.actor  # type: ignore[attr-defined]
    row = row_of(type(node), name)
    if row is None or actor.unrestricted:
        return None
    if row is UNLISTED:
        return f"{actor.refusal()} ({UNLISTED.description}: {name})"
    tracked = actor.track is not None and any(kind in TRACKED for kind in row.writes)
    return None if row.allows(actor, write_track(app) if tracked else None) else actor.refusal()


def refused_here(screen) -> list[Action]:
    """The table's keyed rows this terminal may not run where the focus is on `screen` (the
    focused widget and what contains it, the screen, the application): what `f1` lists apart."""
    app = screen.app
    start = screen.focused or screen
    refused: dict[tuple[str, str], Action] = {}
    for node in start.ancestors_with_self:
        places = [cls.__dict__["ACTION_PLACE"] for cls in type(node).__mro__ if "ACTION_PLACE" in cls.__dict__]
        for place in places:
            for row in actions.of_place(place):
                if row.keys and row.show and (row.place, row.description) not in refused \
                        and verdict(app, node, row.name) is not None:
                    refused[(row.place, row.description)] = row
    return list(refused.values())


class ActsByTable(GuardsStorage):
    """Mixed into our screens and widgets: what this terminal may not do is not offered (and their
    handlers are guarded: tui/storage_guard.py)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if verdict(self.app, self, action) is not None:  # type: ignore[attr-defined,arg-type]
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]
