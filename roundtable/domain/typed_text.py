"""What a user typed, made storable.

A terminal can hand the app a lone surrogate (a broken paste, a bad byte decoded with
surrogateescape). No UTF-8 database can hold one: SQLite's driver raises on it, so a note would
fail to save. Valid surrogate pairs become the character they encode, and lone ones become U+FFFD
(the replacement character), so the note is saved with every printable character intact.
"""

from __future__ import annotations


def storable(text: str) -> str:
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def storable_or_none(text: str | None) -> str | None:
    return None if text is None else storable(text)
