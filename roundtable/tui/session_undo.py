"""Which of a session log's actions a terminal's ctrl+z undoes (and its palette's "Undo …" names).

The chair's undoes everything; a terminal that may write only some kinds of the session's record
(its floor, its given list, its notes: domain/access.py) undoes only those; a rapporteur's undoes
only its own notes where its role says so (`undoes_own_only`).
"""

from __future__ import annotations

from roundtable.domain.access import Actor, logged_actions, undoes_own_only


def undoable(actor: Actor, track: str | None) -> frozenset[str] | None:
    """The actions ctrl+z undoes in a session of `track` (None: all of them, the chair's)."""
    kinds = [kind for kind in ("floor", "given", "notes") if actor.may_write(kind, track)]
    return None if len(kinds) == 3 else logged_actions(*kinds)


def undo_filter(actor: Actor, track: str | None, terminal: str) -> tuple[frozenset[str] | None, str | None]:
    """(actions, terminal) for undo_log's last_undoable/last_redoable: on a terminal that does not
    move the floor, the notes only, and only `terminal`'s own where the role undoes its own only."""
    if not actor.may_write("floor", track):
        return logged_actions("notes"), (terminal if undoes_own_only(actor) else None)
    return undoable(actor, track), None
