"""Who a terminal is for: the chair, the moderator, a rapporteur or the projector.

`roundtable open PATH --role moderator|rapporteur|chair` sets it; a venue key sets it for a browser
(and then it cannot be switched). What each role may do is said once, in `domain/access.py` (what
it may write) and `domain/actions.py` (the table of actions); nothing else asks a role's name.
"""

from __future__ import annotations

from typing import Literal, get_args

# "delegate": a delegate's phone (issue 28, serve/delegate_app.py) asks for the floor for that
# delegate only (`Actor.participant_id` in domain/access.py holds whom it speaks for). It has no
# screen of the application: only the page's own rows of the table of actions name it.
Role = Literal["chair", "moderator", "rapporteur", "projector", "delegate"]
ROLES: tuple[str, ...] = get_args(Role)
# The roles that look at the application's screens (what "everyone" means in the table of actions).
SCREEN_ROLES: tuple[str, ...] = ("chair", "moderator", "rapporteur", "projector")
# The roles a terminal of the whole application is opened in (`open --role`, the palette's
# "Switch to …"); the projector has an application of its own (`roundtable projector`).
TERMINAL_ROLES: tuple[str, ...] = ("chair", "moderator", "rapporteur")


def describe(role: str) -> str:
    return {"chair": "chair (floor and notes)", "moderator": "moderator (the floor)",
            "rapporteur": "rapporteur (notes)", "projector": "projector (shows, writes nothing)",
            "delegate": "delegate (asks for the floor from a phone)"}.get(role, role)
