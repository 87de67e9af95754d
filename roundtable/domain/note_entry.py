"""What the rapporteur types on the note line, read as a note.

A line that starts with "!" is a key point (the outcome document emphasises it); one that starts
with "<" is filed under the previous speaker (a rapporteur one speaker behind). The marks may come
in either order and are not part of the note's text. The same convention is used by the recorded
sample.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_POINT_MARK = "!"
PREVIOUS_SPEAKER_MARK = "<"


@dataclass(frozen=True)
class NoteEntry:
    text: str
    key_point: bool
    previous: bool = False  # file it under the speaker before the one who has the floor


def parse_note_line(line: str) -> NoteEntry:
    """`"! Trust is capital"` -> NoteEntry("Trust is capital", key_point=True); `"< 300 services"` ->
    NoteEntry("300 services", previous=True). Blank text stays blank."""
    text = line.strip()
    key_point = previous = False
    while text[:1] in (KEY_POINT_MARK, PREVIOUS_SPEAKER_MARK) and text:
        if text[0] == KEY_POINT_MARK:
            key_point = True
        else:
            previous = True
        text = text[1:].lstrip()
    return NoteEntry(text, key_point, previous)


def note_line(text: str, key_point: bool) -> str:
    """The line that `parse_note_line` reads back as this note (for editing a saved note)."""
    return f"{KEY_POINT_MARK}{text}" if key_point else text
