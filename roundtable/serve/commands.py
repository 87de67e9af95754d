"""The command each browser's process runs, from its key: a list of arguments, never a shell line.

Chair, moderator and rapporteur get the whole application (`roundtable open`) with their role,
fixed by the key (`--venue-role`: the palette may not switch it); the projector gets the read-only
projector (`roundtable projector`), of one room when the page asked for one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from roundtable.serve.keys import VenueKey


def roundtable(*args: str) -> list[str]:
    return [sys.executable, "-m", "roundtable", *args]


def projector_command(db: Path, session: str | None = None, room: str | None = None) -> list[str]:
    argv = roundtable("projector", str(db))
    if session:
        argv += ["--session", session]
    if room:
        argv += ["--room", room]
    return argv


def venue_command(db: Path, key: VenueKey, room: str | None = None, session: str | None = None,
                  public_url: str | None = None) -> list[str]:
    """`session`: the page asked to open straight on that session (`&session=CODE` in its URL);
    `public_url`: the server's, for the delegates' links that f2 shows."""
    if key.role == "projector":
        return projector_command(db, session=session, room=room)
    argv = roundtable("open", str(db), "--role", key.role)
    if session:
        argv += ["--session", session]
    if key.track:
        argv += ["--track", key.track]
    if public_url:
        argv += ["--delegates-url", public_url]
    return argv + ["--venue-role"]
