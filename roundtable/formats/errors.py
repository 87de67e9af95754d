"""The one kind of error bad input produces: a located, one-line message for a person."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


def one_line(text: str) -> str:
    """`text` with every line break and control character shown as an escape (\\n, \\x00, ...), so
    that a message quoting what a user typed stays on one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """"; did you mean 'title'?" when `word` looks like a misspelling of one of `known`, else ""."""
    close = difflib.get_close_matches(word.strip().lower(), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class InputError(Exception):
    """Bad input. `str()` is the line the CLI prints: "FILE: line LINE: FIELD: problem", or for a
    spreadsheet "FILE: sheet "NAME": row ROW: FIELD: problem"."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None, field: str | None = None,
                 sheet: str | None = None):
        self.path = Path(path) if path is not None else None
        self.message = message
        self.line = line
        self.field = field
        self.sheet = sheet
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.sheet is not None:
            where.append(f'sheet "{self.sheet}"')
        if self.line is not None:
            where.append(f"{'row' if self.sheet is not None else 'line'} {self.line}")
        if self.field:
            where.append(self.field)
        prefix = ": ".join(where)
        return one_line(f"{prefix}: {self.message}" if prefix else self.message)


def pydantic_message(error: dict) -> str:
    """A pydantic error's message without pydantic's "Value error, " prefix and URL."""
    kind = error.get("type", "")
    message = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f'"{error.get("input")}" is not one of {expected}'
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return message
