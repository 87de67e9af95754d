"""The participants CSV (CONTRACT.md section 3): a registration list -> validated participants."""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from roundtable.domain.countries import normalise_country
from roundtable.domain.ids import participant_id
from roundtable.domain.models import Participant
from roundtable.formats.errors import InputError, did_you_mean, one_line, pydantic_message

COLUMNS = ("name", "honorific", "position", "organisation", "country", "category", "rank", "gender", "email",
           "attending", "publish")  # the last two: yes/no, blank = yes (the list of participants)
# A person's texts in another language: `name_ru`, `position_kk`, `organisation_ru`, ... (any language
# code); the document in that language writes them (domain/wording.py).
TRANSLATED_COLUMN = re.compile(r"^(?P<field>name|position|organisation)_(?P<lang>[a-z]{2,3})$")

# Control characters a cell may not hold (tab and line breaks inside quoted cells are fine).
_CONTROL = frozenset(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in "\t\r\n")


SEPARATORS = (",", ";", "\t")
MAX_LISTED = 20  # warnings listed one by one before the rest are counted
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Roster:
    participants: list[Participant]
    warnings: list[str] = field(default_factory=list)
    # Row line numbers, parallel to `participants`, for messages about a particular person.
    lines: list[int] = field(default_factory=list)
    people: int = 0  # different people: rows naming one person (same name + organisation) count once


def participant_from_values(values: dict[str, str], path: Path | str | None = None, line: int | None = None) -> Participant:
    """One person from the roster's columns as typed (blank ones left out), validated as a
    registration list's row is: the country by code or name (in any catalogue language), the
    vocabularies' spellings ("Civil society" = civil-society), yes/no fields. The participants
    screen checks what is typed through here too, so its messages are the import's. Raises
    InputError naming the column (`field`)."""
    values = dict(values)
    for column, value in values.items():
        bad = next((ch for ch in value if ch in _CONTROL), None)
        if bad is not None:
            raise InputError(path, f"holds a control character ({bad!r})", line, column)
    translations: dict[str, dict[str, str]] = {}
    for column in [c for c in values if TRANSLATED_COLUMN.match(c)]:
        matched = TRANSLATED_COLUMN.match(column)
        text = values.pop(column)
        if text:
            translations.setdefault(matched["lang"], {})[matched["field"]] = text
    if translations:
        values["translations"] = translations
    if not values.get("name"):
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
        return Participant.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        column = str(first["loc"][0]) if first["loc"] else None
        raise InputError(path, pydantic_message(first), line, column) from None


def parse_roster(text: str, path: Path | str = "participants.csv") -> Roster:
    path = Path(path)
    if not text.strip():
        raise InputError(path, "the file is empty; it needs a header row with at least a name column")
    if "\x00" in text:
        # Typically a UTF-16 list (Excel's "Unicode text"): every other byte is NUL.
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(path, "holds NUL characters (a UTF-16 file?); save it as CSV UTF-8", line)
    records = read_records(text, path)
    header = [h.strip().lower() for h in records[0][1]]
    warnings: list[str] = []

    def warn(line: int, message: str) -> None:
        warnings.append(one_line(f"{path}: line {line}: {message}"))  # no terminal escape from a file

    positions: dict[str, int] = {}
    unknown: dict[str, list[int]] = {}
    for i, column in enumerate(header):
        known = column in COLUMNS or TRANSLATED_COLUMN.match(column)
        if known and column in positions:
            warn(1, f"column '{column}' is given twice (columns {positions[column] + 1} and {i + 1}); "
                    f"the first is read, the other ignored")
        elif known:
            positions[column] = i
        elif column:
            unknown.setdefault(column, []).append(i + 1)
    if "name" not in positions:
        found = ", ".join(h for h in header if h) or "none"
        close = [h for h in unknown if did_you_mean(h, ["name"])]
        hint = f"; is '{close[0]}' meant to be 'name'?" if close else ""
        raise InputError(path, f"no 'name' column in the header row (found: {found}){hint}", 1)
    for column, places in unknown.items():
        where = f"columns {', '.join(map(str, places))}" if len(places) > 1 else f"column {places[0]}"
        warn(1, f"column '{column}' ({where}) is not one roundtable knows and is ignored{did_you_mean(column, COLUMNS)}")
    participants: list[Participant] = []
    lines: list[int] = []
    first_line: dict[str, int] = {}  # a person's identity -> the line that first named them
    repeated: list[str] = []
    longer: list[int] = []  # lines with more cells than the header has columns
    for line, row in records[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            longer.append(line)
        values = {
            col: row[i].strip() for col, i in positions.items() if i < len(row) and row[i].strip()
        }
        person = participant_from_values(values, path, line)
        identity = participant_id("", person.name, person.organisation)
        if identity in first_line:
            repeated.append(
                f"line {line}: '{person.name}'{f' ({person.organisation})' if person.organisation else ''} is the "
                f"same person as on line {first_line[identity]} (same name and organisation, whatever the case, "
                "accents or spaces): the values of the later row win"
            )
        else:
            first_line[identity] = line
        participants.append(person)
        lines.append(line)
    if not participants:
        raise InputError(path, "no participants: the file has a header row but no people")
    for message in repeated[:MAX_LISTED]:
        warnings.append(one_line(f"{path}: {message}"))
    if len(repeated) > MAX_LISTED:
        warnings.append(f"{path}: {len(repeated) - MAX_LISTED} more rows repeat a person named earlier")
    if longer:
        shown = ", ".join(map(str, longer[:MAX_LISTED])) + (f" and {len(longer) - MAX_LISTED} more" if len(longer) > MAX_LISTED else "")
        warnings.append(f"{path}: line{'s' if len(longer) > 1 else ''} {shown}: more cells than the header has "
                        "columns; the extra cells are ignored")
    return Roster(participants, warnings, lines, people=len(first_line))


def separator_of(text: str) -> str:
    """The separator of a CSV file: whichever of comma, semicolon or tab its header row holds most
    often outside quotes (Excel writes semicolons where the decimal mark is a comma); comma when
    the header is a single column.

    csv.Sniffer is not used: when it guesses from one line it also turns off doubled quotes, and an
    Excel cell holding АО ""Казахтелеком"" inside its quotes is stored with stray quotes.
    """
    counts = dict.fromkeys(SEPARATORS, 0)
    state = "start"  # of a cell; as in _unclosed_quote, a quote opens a quoted cell only there
    for char in text:
        if state == "quoted":
            if char == '"':
                state = "closing"
            continue
        if state == "closing" and char == '"':  # a doubled quote
            state = "quoted"
        elif char in "\r\n":
            break
        elif char in counts:
            counts[char] += 1
            state = "start"
        else:
            state = "quoted" if state == "start" and char == '"' else "plain"
    return max(SEPARATORS, key=counts.__getitem__)  # ties: the first, so comma


def read_records(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """Every record of a CSV text (RFC 4180, as Excel and LibreOffice write it: quoted cells may hold
    separators, line breaks and doubled quotes) with the line it starts on.

    Raises InputError for a quote that is never closed, naming the line where it opens: read
    leniently it would swallow every following row into one cell.
    """
    separator = separator_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"', doublequote=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(path, f"not a readable CSV file ({error})", start) from None
    if records:
        # Only the last record can run into the end of the file inside quotes.
        last = records[-1][0]
        breaks = itertools.islice(_LINE_BREAK.finditer(text), last - 2, None) if last > 1 else iter(())
        first_break = next(breaks, None)
        offset = first_break.end() if first_break else 0
        opened = _unclosed_quote(text, offset, separator)
        if opened is not None:
            line = last + len(_LINE_BREAK.findall(text, offset, opened))
            raise InputError(path, "a quoted cell opens here and is never closed (a missing closing quote?)", line)
    return records


def _unclosed_quote(text: str, offset: int, separator: str) -> int | None:
    """Where the quote that is still open at the end of `text` opened, reading from `offset` (the
    start of a record) the way Python's csv reader does; None when every quote is closed."""
    state, opened = "start", None
    for at in range(offset, len(text)):
        char = text[at]
        if state == "quoted":
            if char == '"':
                state = "closing"  # the end of the cell, or the first of a doubled quote
        elif state == "closing":
            state = "quoted" if char == '"' else "start" if char == separator or char in "\r\n" else "plain"
        elif state == "start":
            if char == '"':
                state, opened = "quoted", at
            elif char != separator and char not in "\r\n":
                state = "plain"
        elif char == separator or char in "\r\n":  # plain: a quote inside it is only a character
            state = "start"
    return opened if state == "quoted" else None


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
