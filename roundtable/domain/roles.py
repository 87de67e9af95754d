"""Who a terminal is for: the chair (everything), the moderator (the floor) or a rapporteur (notes).

`roundtable open PATH --role moderator|rapporteur|chair` sets it; a venue key sets it for a browser
(and then it cannot be switched). The session screen asks these rules, never the role's name.
"""

from __future__ import annotations

from typing import Literal, get_args

Role = Literal["chair", "moderator", "rapporteur"]
ROLES: tuple[str, ...] = get_args(Role)

# The undo log's names for the actions on notes (store/notes.py records them): a rapporteur's
# ctrl+z, and the notes list's `u`, undo only these.
NOTE_ACTIONS = frozenset({"note-edit", "note-key-point", "note-delete", "note-link"})


def moves_the_floor(role: str) -> bool:
    """Queue, give the floor, points of order, pause, close the list, correct the given list."""
    return role in ("chair", "moderator")


def takes_notes(role: str) -> bool:
    """The note line, the notes list, recommendations from the session screen."""
    return role in ("chair", "rapporteur")


def undoes_own_only(role: str) -> bool:
    """A rapporteur's ctrl+z undoes the rapporteur's own actions, not another terminal's."""
    return not moves_the_floor(role)


def describe(role: str) -> str:
    return {"chair": "chair (floor and notes)", "moderator": "moderator (the floor)",
            "rapporteur": "rapporteur (notes)"}.get(role, role)
