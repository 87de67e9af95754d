"""Every action of the application, in one table: its key, what it says, who may run it, what it writes.

The screens' key bindings are made from this table (tui/action_guard.py `bindings`), and so are
the key bar, `f1` help and the command palette; before any action runs, the application asks it
whether this terminal may (`RoundtableApp.run_action`), and an action of ours that is not in it is
refused. Below the screens the store checks every write again (domain/access.py), so the table
says who may *try*, and the store holds whatever path was taken.

`place` names where the action works, as the screen or widget that binds it declares
(`ACTION_PLACE`): "session", "given list", ... Rows of one place and name share who may run them
and what they write (a test holds them to it); their parameters tell the keys apart ("move(-1)").
A row without keys is offered by the palette only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from roundtable.domain.access import TRACKED, WRITERS, Actor
from roundtable.domain.roles import SCREEN_ROLES, TERMINAL_ROLES, describe

EVERYONE = frozenset(SCREEN_ROLES)  # what only looks
STAFF = frozenset(TERMINAL_ROLES)  # the room's staff: everyone but the projector
FLOOR = WRITERS["floor"]
NOTES = WRITERS["notes"]
RECOMMENDATIONS = WRITERS["recommendations"]
ROSTER = WRITERS["roster"]
ASKS = WRITERS["asks"]


@dataclass(frozen=True)
class Action:
    place: str
    name: str
    keys: str  # Textual's key names, comma-separated; "" for the palette only
    description: str
    roles: frozenset[str]
    writes: tuple[str, ...] = ()  # domain/access.py's kinds; () writes nothing
    params: tuple[object, ...] = ()
    show: bool = True  # in the key bar
    key_display: str | None = None
    priority: bool = False  # taken before the focused widget sees the key
    on_venue_key: bool = True  # False: not where a venue key set the role

    @property
    def invocation(self) -> str:
        """As a key binding names it: "move(-1)", "correct('delete')", "next_speaker"."""
        return f"{self.name}({', '.join(repr(p) for p in self.params)})" if self.params else self.name

    def allows(self, actor: Actor, track: str | None = None) -> bool:
        """Whether `actor` may run it where its writes land in `track` (the session's or the
        recommendation's; None: a plenary, the Forum as a whole)."""
        if actor.unrestricted:
            return True
        if actor.role not in self.roles or (actor.venue and not self.on_venue_key):
            return False
        if actor.track is not None and any(kind in TRACKED for kind in self.writes):
            return (track or None) == actor.track
        return True


def _a(place, name, keys, description, roles, writes=(), **options) -> Action:
    return Action(place, name, keys, description, frozenset(roles), tuple(writes), **options)


def _moves(place, name, keys_back, keys_on, back, on, roles=EVERYONE, shown_as=(None, None), **options) -> list[Action]:
    """A pair of rows "name(-1)" / "name(1)" (up and down, first and last)."""
    return [_a(place, name, keys_back, back, roles, params=(-1,), key_display=shown_as[0], **options),
            _a(place, name, keys_on, on, roles, params=(1,), key_display=shown_as[1], **options)]


SHIFT_ARROWS = ("⇧↑", "⇧↓")


ACTIONS: tuple[Action, ...] = (
    # -- everywhere (the application) ---------------------------------------------------------
    _a("app", "help", "f1", "Help", EVERYONE, priority=True),
    _a("app", "search", "slash", "Search", EVERYONE, key_display="/"),
    _a("app", "recommendations", "r", "Recommendations", EVERYONE),
    _a("app", "export", "ctrl+e", "Export outcome", STAFF, priority=True),  # a file, not the forum
    _a("app", "participants", "f2", "Participants", EVERYONE),
    _a("app", "quit", "ctrl+q", "Quit", EVERYONE, show=False, priority=True),
    _a("app", "offline_copy", "", "Offline copy of the forum", STAFF),
    *[_a("app", "switch_role", "", f"Switch to {describe(role)}", STAFF, params=(role,), on_venue_key=False)
      for role in TERMINAL_ROLES],
    # -- the programme ----------------------------------------------------------------------------
    _a("programme", "open_session", "enter", "Open session", EVERYONE, priority=True),
    _a("programme", "previous_day", "left", "Previous day", EVERYONE, key_display="←", priority=True),
    _a("programme", "next_day", "right", "Next day", EVERYONE, key_display="→", priority=True),
    *[_a("programme", "day", str(n), f"Day {n}", EVERYONE, params=(n,), show=False) for n in range(1, 10)],
    # -- a session: the note line's keys first (a rapporteur's), then the floor's -------------------
    _a("session", "focus_note_line", "i", "Note", NOTES, ("notes",)),
    _a("session", "recommend", "ctrl+r", "As recommendation", NOTES, ("notes", "recommendations")),
    _a("session", "note_for_previous", "ctrl+b", "Note for previous speaker", NOTES, ("notes",), show=False),
    _a("session", "add_speaker", "a", "Add speaker", FLOOR, ("floor", "roster")),
    _a("session", "next_speaker", "n", "Next", FLOOR, ("floor",)),
    _a("session", "point_of_order", "o", "Point of order", FLOOR, ("floor", "roster")),
    # `t` retypes the highlighted queue entry; the speaker on the floor has a key of their own.
    _a("session", "speaker_type", "T", "Speaker's type", FLOOR, ("floor",)),
    _a("session", "withdraw", "x", "Withdraw", FLOOR, ("floor",)),
    _a("session", "pause", "space", "Pause", FLOOR, ("floor",)),
    *_moves("session", "move", "shift+up,left_square_bracket", "shift+down,right_square_bracket", "Move up",
            "Move down", FLOOR, SHIFT_ARROWS, writes=("floor",)),
    _a("session", "toggle_list", "c", "Close/reopen list", FLOOR, ("floor",)),
    _a("session", "floor_requests", "f", "From the floor", FLOOR),  # to the strip of requests from phones
    _a("session", "speech_type", "t", "Speech type", FLOOR, ("floor",)),
    _a("session", "language", "l", "Language", FLOOR, ("floor",)),
    _a("session", "given", "g", "Given", EVERYONE),  # to look at them; correcting is the given list's
    # A moderator's ctrl+z undoes the floor's last action, a rapporteur's its own last note action.
    _a("session", "undo", "ctrl+z", "Undo", STAFF, ("floor", "given", "notes")),
    _a("session", "redo", "ctrl+y", "Redo", STAFF, ("floor", "given", "notes")),
    _a("session", "history", "h", "Audit trail", EVERYONE),
    _a("session", "projector", "p", "Projector", EVERYONE),
    _a("session", "back", "escape", "Programme", EVERYONE),
    # -- requests from delegates' phones, waiting above the queue (issue 28) -------------------------
    _a("floor requests", "accept", "enter", "Accept", FLOOR, ("floor",)),
    _a("floor requests", "decline", "x,delete", "Decline", FLOOR, ("floor",)),
    _a("floor requests", "leave", "escape", "Back to the queue", EVERYONE),
    # -- lists (the queue, the matches of the picker, the people) ------------------------------------
    *_moves("list", "cursor", "up", "down", "Up", "Down", show=False),
    *_moves("list", "page", "pageup", "pagedown", "Page up", "Page down", show=False),
    *_moves("list", "edge", "home", "end", "First", "Last", show=False),
    # -- the interventions given ---------------------------------------------------------------------
    *[_a("given list", "correct", keys, description, FLOOR, ("given", "roster"), params=(what,))
      for what, keys, description in (("speaker", "s", "Speaker"), ("type", "t", "Type"),
                                      ("language", "l", "Language"), ("duration", "d", "Duration"),
                                      ("keep", "k", "Keep short one"), ("delete", "x,delete", "Delete"))],
    _a("given list", "leave", "escape", "Back to the queue", EVERYONE),
    # -- the notes list and the note line --------------------------------------------------------------
    _a("notes list", "key_point", "k", "Key point", NOTES, ("notes",)),
    _a("notes list", "relink", "s", "Re-link", NOTES, ("notes",)),
    _a("notes list", "edit", "e,enter", "Edit note", NOTES, ("notes",)),
    _a("notes list", "delete", "d,delete", "Delete note", NOTES, ("notes",)),
    _a("notes list", "undo", "u", "Undo (notes)", NOTES, ("notes",)),
    _a("notes list", "leave", "escape", "Leave notes", EVERYONE, show=False),
    *_moves("notes list", "move", "up", "down", "Previous note", "Next note", show=False),
    *_moves("notes list", "edge", "home", "end", "First note", "Last note", show=False),
    *_moves("notes list", "page", "pageup", "pagedown", "Page up", "Page down", show=False),
    _a("note line", "submit", "enter", "Save note", NOTES, ("notes",), show=False),
    _a("note line", "leave", "escape", "Leave note line", NOTES),
    _a("note line", "to_notes", "up", "Notes", NOTES, show=False),
    _a("note line", "undo_text", "ctrl+z", "Undo typing", NOTES, show=False),
    _a("note line", "redo_text", "ctrl+y", "Redo typing", NOTES, show=False),
    # -- picking a speaker -------------------------------------------------------------------------------
    *[_a("picker", "highlight", keys, description, EVERYONE, params=(step,), show=False)
      for step, keys, description in ((1, "down", "Next match"), (-1, "up", "Previous match"),
                                      (10, "pagedown", "Ten matches down"), (-10, "pageup", "Ten matches up"))],
    _a("speaker picker", "cancel", "escape", "Close", EVERYONE),
    # -- questions about the floor (asked only where the floor is moved) ---------------------------------
    *[_a("leave dialog", "choose", keys, description, FLOOR, ("floor",), params=(choice,))
      for choice, keys, description in (("keep", "k", "Keep the clock running"), ("suspend", "s", "Suspend the session"),
                                        ("end", "e", "End the intervention"), (None, "escape", "Stay"))],
    *[_a("unattended dialog", "choose", keys, description, FLOOR, ("floor",), params=(choice,))
      for choice, keys, description in ((True, "y", "Count it"), (False, "n", "Do not count it"),
                                        (None, "escape", "Decide later"))],
    # -- views and dialogs that only look or ask -----------------------------------------------------------
    _a("projector", "back", "escape,p", "Back to the session", EVERYONE),
    _a("audit trail", "close", "escape,h,q", "Close", EVERYONE),
    _a("help", "dismiss", "escape,f1,q", "Close help", EVERYONE),
    _a("search", "cancel", "escape", "Close", EVERYONE),
    _a("search", "to_results", "down", "Results", EVERYONE, show=False),
    _a("duplicates", "cancel", "escape", "Close", EVERYONE),
    _a("track picker", "cancel", "escape", "Cancel", EVERYONE),
    _a("relink picker", "cancel", "escape", "Cancel", EVERYONE),
    _a("text prompt", "cancel", "escape", "Cancel", EVERYONE),
    # -- the recommendations board ----------------------------------------------------------------------
    _a("recommendations", "cycle_status", "s", "Status", RECOMMENDATIONS, ("recommendations",)),
    _a("recommendations", "edit", "e,enter", "Edit", RECOMMENDATIONS, ("recommendations",)),
    *_moves("recommendations", "move", "shift+up", "shift+down", "Move up", "Move down", RECOMMENDATIONS,
            SHIFT_ARROWS, writes=("recommendations",)),
    _a("recommendations", "merge", "m", "Merge into…", RECOMMENDATIONS, ("recommendations",)),
    _a("recommendations", "duplicates", "d", "Duplicates", RECOMMENDATIONS, ("recommendations",)),
    _a("recommendations", "undo", "ctrl+z", "Undo", RECOMMENDATIONS, ("recommendations",)),
    _a("recommendations", "redo", "ctrl+y", "Redo", RECOMMENDATIONS, ("recommendations",)),
    _a("recommendations", "back", "escape", "Back", EVERYONE),
    _a("recommendation editor", "save", "ctrl+s", "Save", RECOMMENDATIONS, ("recommendations",), priority=True),
    _a("recommendation editor", "cancel", "escape", "Cancel", EVERYONE),
    # -- the participants ----------------------------------------------------------------------------------
    _a("participants", "edit", "e,enter", "Edit", ROSTER, ("roster",)),
    _a("participants", "add", "a", "Add person", ROSTER, ("roster",)),
    _a("participants", "merge", "m", "Merge into…", ROSTER, ("roster",)),
    _a("participants", "duplicates", "d", "Likely duplicates", EVERYONE),  # a list to look at; m merges
    _a("participants", "undo", "ctrl+z", "Undo", ROSTER, ("roster",)),
    _a("participants", "redo", "ctrl+y", "Redo", ROSTER, ("roster",)),
    # A link is a delegate's credential: shown (and issued, if missing) to those who correct the roster.
    _a("participants", "link", "q", "Link (QR)", ROSTER, ("roster",)),
    _a("participants", "search", "tab", "Search", EVERYONE, show=False),
    _a("participants", "back", "escape", "Back", EVERYONE),
    _a("participant form", "save", "ctrl+s", "Save", ROSTER, ("roster",)),
    _a("participant form", "cancel", "escape", "Cancel", EVERYONE),
    _a("delegate link", "revoke", "r", "Revoke the link", ROSTER, ("roster",)),
    _a("delegate link", "close", "escape,q", "Close", EVERYONE),
    # -- a delegate's phone (serve/delegate_app.py): no screen, no keys; the page's buttons, for the
    # delegate's own requests only (the store holds them to `Actor.participant_id`) --------------------
    _a("delegate's page", "ask", "", "Ask for the floor", ASKS, ("asks",)),
    _a("delegate's page", "withdraw", "", "Withdraw my request", ASKS, ("asks",)),
    _a("delegate's page", "retype", "", "Change my request's type", ASKS, ("asks",)),
)

_BY_PLACE_AND_NAME: dict[tuple[str, str], Action] = {}
for _action in ACTIONS:
    _BY_PLACE_AND_NAME.setdefault((_action.place, _action.name), _action)
PLACES: tuple[str, ...] = tuple(dict.fromkeys(a.place for a in ACTIONS))


def find(place: str, name: str) -> Action | None:
    """The row of action `name` where it works (the first, for rows told apart by parameters:
    they share roles and writes)."""
    return _BY_PLACE_AND_NAME.get((place, name))


def of_place(place: str) -> Iterator[Action]:
    return (a for a in ACTIONS if a.place == place)
