"""What this terminal may do in a session, from its role and track (domain/access.py): the session
screen and its notes pane ask the same three questions, answered here once."""

from __future__ import annotations

from roundtable.domain.models import Session


class SessionRights:
    """Mixed into a screen or widget that has `session` and runs in roundtable's app (`app.actor`)."""

    session: Session

    @property
    def shows_notes(self) -> bool:
        """The notes list is here: this terminal's role takes notes (somewhere)."""
        return self.app.actor.writes("notes")

    @property
    def takes_notes(self) -> bool:
        """The note line is here: this terminal may write notes in this session."""
        return self.app.actor.may_write("notes", self.session.track)

    @property
    def writes_floor(self) -> bool:
        """This terminal keeps the list of speakers of this session (a moderator's)."""
        return self.app.actor.may_write("floor", self.session.track)
