"""The participants CSV (CONTRACT.md section 3): a registration list -> validated participants."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from roundtable.domain.countries import normalise_country
from roundtable.domain.models import Participant
from roundtable.formats.errors import InputError, pydantic_message

COLUMNS = ("name", "honorific", "position", "organisation", "country", "category", "rank", "gender", "email",
           "attending", "publish")  # the last two: yes/no, blank = yes (the list of participants)

# Control characters a cell may not hold (tab and line breaks inside quoted cells are fine).
_CONTROL = frozenset(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in "\t\r\n")


@dataclass
class Roster:
    participants: list[Participant]
    warnings: list[str] = field(default_factory=list)
    # Row line numbers, parallel to `participants`, for messages about a particular person.
    lines: list[int] = field(default_factory=list)


def parse_roster(text: str, path: Path | str = "participants.csv") -> Roster:
    path = Path(path)
    if not text.strip():
        raise InputError(path, "the file is empty; it needs a header row with at least a name column")
    if "\x00" in text:
        # Typically a UTF-16 list (Excel's "Unicode text"): every other byte is NUL.
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(path, "holds NUL characters (a UTF-16 file?); save it as CSV UTF-8", line)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as error:
        raise InputError(path, f"not a readable CSV file ({error})", 1) from None
    if "name" not in header:
        found = ", ".join(h for h in header if h) or "none"
        raise InputError(path, f"no 'name' column in the header row (found: {found})", 1)
    warnings = [
        f"{path}: line 1: column '{h}' is not one roundtable knows; it is ignored"
        for h in header
        if h and h not in COLUMNS
    ]
    positions = {h: i for i, h in enumerate(header) if h in COLUMNS}
    participants: list[Participant] = []
    lines: list[int] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values = {
                col: row[i].strip() for col, i in positions.items() if i < len(row) and row[i].strip()
            }
            for column, value in values.items():
                bad = next((ch for ch in value if ch in _CONTROL), None)
                if bad is not None:
                    raise InputError(path, f"holds a control character ({bad!r})", line, column)
            if "name" not in values:
                raise InputError(path, "the name is empty", line, "name")
            if "country" in values:
                try:
                    values["country"] = normalise_country(values["country"])
                except ValueError as error:
                    raise InputError(path, str(error), line, "country") from None
            for key in ("category", "rank"):
                if key in values:
                    values[key] = values[key].lower().replace(" ", "-").replace("_", "-")
            for key in ("attending", "publish"):
                if key in values:
                    values[key] = values[key].lower()
            try:
                participants.append(Participant.model_validate(values))
            except ValidationError as error:
                first = error.errors()[0]
                column = str(first["loc"][0]) if first["loc"] else None
                raise InputError(path, pydantic_message(first), line, column) from None
            lines.append(line)
    except csv.Error as error:
        raise InputError(path, f"not a readable CSV file ({error})", reader.line_num) from None
    if not participants:
        raise InputError(path, "no participants: the file has a header row but no people")
    return Roster(participants, warnings, lines)


def read_roster(path: Path | str) -> Roster:
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a CSV file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(path, "not UTF-8 text; save the file as CSV UTF-8", line) from None
    return parse_roster(text, path)
