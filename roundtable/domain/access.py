"""Who may write what, and where: the one rule every write of a terminal passes.

A terminal acts as an `Actor`: its role, the track it is limited to (`open --track`, a venue key
made with `--rapporteur-track`), whether a venue key set it, and the delegate it speaks for (a
delegate's phone, issue 28: it writes that person's requests from the floor and nothing else). Every write says what it writes (`Write`: the floor, the given list, notes, recommendations,
the roster or the programme) and where (the session, or the recommendation's track); the store
checks the two against each other inside the write transaction (store/connection.py), whichever
key, click, palette entry, widget message or browser frame led there. The screens ask the same
rule, through the table of actions (domain/actions.py), to hide what a terminal may not do.

The track rule. A terminal limited to a track writes only in that track's sessions (their floor,
given list and notes) and that track's recommendations. Plenaries (sessions without a track) and
recommendations for the Forum as a whole belong to no track: such a terminal reads them and writes
none of them; a terminal without a track limit (the chair's, the general rapporteur's) writes
them. The roster is the forum's, not a track's: the role alone decides who corrects it, so a
moderator limited to a track still adds someone on the spot.

The command line acts for the secretariat (`SECRETARIAT`), which writes everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal["floor", "given", "notes", "recommendations", "roster", "programme", "asks"]
KINDS: tuple[str, ...] = get_args(Kind)

WRITERS: dict[str, frozenset[str]] = {
    "floor": frozenset({"chair", "moderator"}),  # the queue, who has the floor, the clock, the list
    "given": frozenset({"chair", "moderator"}),  # corrections of the interventions given
    "notes": frozenset({"chair", "rapporteur"}),
    "recommendations": frozenset({"chair", "rapporteur"}),
    "roster": frozenset({"chair", "moderator"}),  # a name added on the spot, a record corrected
    "programme": frozenset({"chair"}),
    # A delegate's own requests from the floor (issue 28): asked, withdrawn, retyped from their
    # phone, for that delegate only (`Actor.participant_id`). The moderator answers them by moving
    # the floor ("accept", "decline" write "floor").
    "asks": frozenset({"delegate"}),
}
# What a track limit applies to: what happens in a session, and recommendations.
TRACKED = frozenset({"floor", "given", "notes", "recommendations"})

# How each role's work reads in a refusal ("it writes notes and recommendations").
DOES = {
    "chair": "writes everything",
    "moderator": "moves the floor and corrects the given list and the roster",
    "rapporteur": "writes notes and recommendations",
    "projector": "writes nothing",
    "delegate": "asks for the floor for its delegate only",
}

SECRETARIAT_ROLE = "secretariat"

# The undo log's names for what a session's commands did (store/floor.py, list_closing.py,
# notes.py record them), by what they write: undoing one writes the same again.
SESSION_LOG_KINDS: dict[str, str] = {
    **dict.fromkeys(("add", "point-of-order", "next", "end", "withdraw", "pause", "move", "type", "language",
                     "suspend", "resume", "uncount", "list"), "floor"),
    **dict.fromkeys(("correct", "keep", "delete"), "given"),
    **dict.fromkeys(("note-edit", "note-key-point", "note-delete", "note-link"), "notes"),
    # Requests from the floor (store/floor_requests.py): the moderator's answers move the floor; the
    # delegate's own actions are the delegate's (logged for the audit trail, never undone by a
    # ctrl+z: the delegate withdraws, the moderator declines).
    **dict.fromkeys(("accept", "decline"), "floor"),
    **dict.fromkeys(("ask", "ask-withdraw", "ask-type"), "asks"),
}


def logged_actions(*kinds: str) -> frozenset[str]:
    """The session log's action names that write one of `kinds` (what a ctrl+z may undo)."""
    return frozenset(name for name, kind in SESSION_LOG_KINDS.items() if kind in kinds)


NOTE_ACTIONS = logged_actions("notes")
DELEGATE_ACTIONS = logged_actions("asks")  # in the audit trail as the delegate's; no ctrl+z undoes them


class Refused(Exception):
    """This terminal may not write that; the message is the one line the user sees. Nothing was written."""


@dataclass(frozen=True)
class Write:
    """What a store command writes and where. `session_id`: the session it writes in (its track
    decides); `track`: a recommendation's track ("" or None: the Forum as a whole);
    `participant_id`: whose request it is (what a delegate's terminal may write, issue 28)."""

    kind: str
    session_id: str | None = None
    track: str | None = None
    participant_id: str | None = None


@dataclass(frozen=True)
class Actor:
    role: str
    track: str | None = None
    venue: bool = False  # a venue key set the role: it cannot be switched
    participant_id: str | None = None  # a delegate's terminal writes this person's requests only

    @property
    def unrestricted(self) -> bool:
        return self.role == SECRETARIAT_ROLE

    @property
    def label(self) -> str:
        """"rapporteur T1", "moderator": as the header and the banner name the terminal."""
        return f"{self.role} {self.track}" if self.track else self.role

    def writes(self, kind: str) -> bool:
        """Whether this terminal's role writes `kind` at all (somewhere: its track, if limited)."""
        return self.unrestricted or self.role in WRITERS.get(kind, ())

    def with_role(self, role: str) -> Actor:
        return Actor(role, self.track, self.venue, self.participant_id)

    def may_write(self, kind: str, track: str | None = None, participant_id: str | None = None) -> bool:
        """Whether this terminal may write `kind` in `track` (a session's or a recommendation's
        track; None or "": a plenary, the Forum as a whole)."""
        if self.unrestricted:
            return True
        if self.role not in WRITERS.get(kind, ()):
            return False
        if kind in TRACKED and self.track is not None and (track or None) != self.track:
            return False
        if self.participant_id is not None and participant_id != self.participant_id:
            return False
        return True

    def refusal(self) -> str:
        """The one line a refused action shows: whose terminal this is and what it may do."""
        whose = f"{self.role} {self.track}'s" if self.track else f"the {self.role}'s"
        does = DOES.get(self.role, "writes nothing")
        if self.track and self.role != "projector":
            if self.role == "chair":
                does = f"writes in track {self.track}'s sessions and recommendations"
            else:
                does += f" in track {self.track}'s sessions"
        return f"This terminal is {whose}: it {does}."

    def check(self, write: Write, track: str | None) -> None:
        """Raise Refused unless this terminal may make `write`, whose session or recommendation is
        in `track`."""
        if not self.may_write(write.kind, track, write.participant_id):
            raise Refused(self.refusal())


SECRETARIAT = Actor(SECRETARIAT_ROLE)


def undoes_own_only(actor: Actor) -> bool:
    """A terminal that moves no floor (a rapporteur's) undoes its own note actions only, not
    another terminal's."""
    return not actor.writes("floor")
