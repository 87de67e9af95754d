"""Messages that travel up from widgets and screens to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


class ForumChanged(Message):
    """Another terminal (or a worker) committed to the forum database: re-read what is shown.

    `scopes`: what it changed (a session's id, "roster", "recommendations", "programme"; see
    store/changes.py); None when not known, which means anything.
    """

    def __init__(self, scopes: frozenset[str] | None = None):
        super().__init__()
        self.scopes = scopes

    def can_replace(self, message: Message) -> bool:
        """A burst of changes is one redraw; the one kept says every scope of those it replaces."""
        if not isinstance(message, ForumChanged):
            return False
        if self.scopes is None or message.scopes is None:
            message.scopes = None
        else:
            message.scopes = self.scopes | message.scopes
        return True


@dataclass
class SessionChosen(Message):
    session_id: str


@dataclass
class FloorWritten(Message):
    """A pane of the session screen wrote to the floor: the screen re-reads it (one query) and
    hands each pane its part. `select`: the queue entry to highlight; `notes`: the notes changed
    too (a correction moves them); `to_queue`: the focus goes back to the queue."""

    select: str | None = None
    notes: bool = False
    to_queue: bool = False
