"""What the rapporteur types on the note line, read as a note.

A line that starts with "!" is a key point (the outcome document emphasises it); the "!" is not
part of the note's text. The same convention is used by the recorded sample.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_POINT_MARK = "!"


@dataclass(frozen=True)
class NoteEntry:
    text: str
    key_point: bool


def parse_note_line(line: str) -> NoteEntry:
    """`"! Trust is capital"` -> NoteEntry("Trust is capital", key_point=True). Blank text stays blank."""
    text = line.strip()
    if text.startswith(KEY_POINT_MARK):
        return NoteEntry(text[len(KEY_POINT_MARK) :].strip(), True)
    return NoteEntry(text, False)


def note_line(text: str, key_point: bool) -> str:
    """The line that `parse_note_line` reads back as this note (for editing a saved note)."""
    return f"{KEY_POINT_MARK}{text}" if key_point else text
