"""Messages that travel up from widgets and screens to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


class ForumChanged(Message):
    """Another terminal (or a worker) committed to the forum database: re-read what is shown."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ForumChanged)


@dataclass
class SessionChosen(Message):
    session_id: str
