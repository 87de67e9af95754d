"""A registration list -> validated participants (docs/CONTRACT.md, section 3), whatever wrote it: a CSV
in roundtable's own columns, an Indico or Google Forms export, a ministry's spreadsheet with a title
row and Russian headers.

The file is read whole before anything is written, and refused (one InputError naming the file,
the sheet, the row or line and the column) when it is malformed or a value cannot be read; except
a country nobody knows, which does not refuse a list of a thousand: the person is taken without a
country and marked to complete (`Roster.to_complete`), with a warning naming the row and the text as
written, unless `strict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roundtable.domain.countries import country_code
from roundtable.domain.ids import participant_id
from roundtable.domain.models import Participant
from roundtable.domain.name_text import describe as describe_invisible
from roundtable.domain.name_text import invisible_characters
from roundtable.domain.person_duplicates import likely_duplicates
from roundtable.formats import roster_sheet
from roundtable.formats.errors import InputError, did_you_mean, one_line
from roundtable.formats.registration_table import Table
from roundtable.formats.roster_columns import (COLUMNS, HEADER_ROWS, NAME_PARTS, REGISTRATION_STATE, Column,
                                               ColumnMap, describe, find_header, map_header)
from roundtable.formats.roster_csv import csv_table, read_csv
from roundtable.formats.roster_values import TRANSLATED_COLUMN, attending_from_state, participant_from_values

MAX_LISTED = 20  # warnings listed one by one before the rest are counted
# The fields that say who is who (name + organisation: domain/ids.py), in any language: the model
# removes invisible characters from them (domain/name_text.py) and the reader says so.
IDENTITY_FIELDS = ("name", "organisation")
SUFFIXES = (".csv", *roster_sheet.SUFFIXES)


@dataclass
class Roster:
    participants: list[Participant]
    warnings: list[str] = field(default_factory=list)
    # Row line numbers, parallel to `participants`, for messages about a particular person.
    lines: list[int] = field(default_factory=list)
    people: int = 0  # different people: rows naming one person (same name + organisation) count once
    # What a row gave that could not be read, by position in `participants`: field -> text as written.
    to_complete: dict[int, dict[str, str]] = field(default_factory=dict)
    mapping: list[str] = field(default_factory=list)  # how the header was read, a line per column
    # The warnings that only repeat what `mapping` says of a column (ignored, given twice): `check`
    # prints the mapping when the header needed reading, and these then once, in it.
    column_warnings: list[str] = field(default_factory=list)
    show_mapping: bool = False  # the header needed reading: not roundtable's own columns in row 1
    path: Path | None = None
    sheet: str | None = None  # the sheet read, for a spreadsheet

    def people_to_complete(self) -> int:
        """How many different people stay to complete once the list is imported: someone whose rows
        gave a country no row could read. A person named on several rows counts once, and a row
        with a known country completes them, as the import's "later row wins" does (store/roster.py)."""
        unread: set[str] = set()
        known: set[str] = set()
        for position, person in enumerate(self.participants):
            identity = participant_id("", person.name, person.organisation)
            if position in self.to_complete:
                unread.add(identity)
            elif person.country:
                known.add(identity)
        return len(unread - known)

    def place(self, number: int) -> str:
        """'p.csv: line 3' / 'p.xlsx: sheet "Data": row 3', for a message about a row of the list."""
        return Table(self.path or Path("participants.csv"), sheet=self.sheet).place(number)


def is_registration_list(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read_roster(path: Path | str, sheet: str | None = None, columns: dict[str, str] | None = None,
                strict: bool = False) -> Roster:
    """The registration list at `path`: CSV, or a spreadsheet (.xlsx, .xls, .ods, …) whose sheet is
    `sheet` or else the first with a header row. `columns` names the column of a target
    (roster_columns.parse_overrides); `strict` refuses a country nobody knows."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a registration list")
    if path.suffix.lower() not in roster_sheet.SUFFIXES:
        if sheet is not None:
            raise InputError(path, "--sheet: a CSV file has no sheets")
        return roster_from_table(read_csv(path), columns, strict)
    with roster_sheet.Workbook(path) as book:
        if sheet is not None:
            if sheet not in book.names:
                named = ", ".join(f'"{n}"' for n in book.names)
                raise InputError(path, one_line(f'--sheet: no sheet "{sheet}" (sheets: {named})'))
            return roster_from_table(book.sheet(sheet), columns, strict)
        looked: list[Table] = []
        for table in book.sheets():
            if find_header(table.rows, columns) is not None:
                return roster_from_table(table, columns, strict)
            looked.append(table)
    with_rows = [t for t in looked if any(any(c.strip() for c in cells) for _, cells in t.rows)]
    if not with_rows:
        raise InputError(path, "holds no data: every sheet is empty")
    if len(with_rows) == 1:
        return roster_from_table(with_rows[0], columns, strict)  # says what its first row holds
    named = ", ".join(f'"{t.sheet}"' for t in with_rows)
    raise InputError(path, one_line(f"no sheet has a header row with a name column (sheets: {named}); "
                                    "choose one with --sheet NAME and name its columns with --columns name=…"))


def parse_roster(text: str, path: Path | str = "participants.csv", columns: dict[str, str] | None = None,
                 strict: bool = False) -> Roster:
    """A registration list given as CSV text."""
    return roster_from_table(csv_table(text, Path(path)), columns, strict)


def roster_from_table(table: Table, columns: dict[str, str] | None = None, strict: bool = False) -> Roster:
    """The people of `table`, read under its header row."""
    return _Reading(table, columns or {}, strict).roster()


class _Reading:
    def __init__(self, table: Table, overrides: dict[str, str], strict: bool):
        self.table = table
        self.overrides = overrides
        self.strict = strict
        self.warnings: list[str] = []

    def warn(self, number: int, message: str) -> None:
        self.warnings.append(one_line(f"{self.table.place(number)}: {message}"))  # no terminal escape from a file

    def roster(self) -> Roster:
        table = self.table
        filled = [(n, cells) for n, cells in table.rows if any(c.strip() for c in cells)]
        if not filled:
            where = "the sheet is empty" if table.is_sheet else "the file is empty"
            raise table.error(f"{where}; it needs a header row with at least a name column")
        position = find_header(table.rows, self.overrides)
        if position is None:
            raise self._no_header(*filled[0])
        header_number, header = table.rows[position]
        columns = map_header(header, self.overrides)
        before = len(self.warnings)
        self._warn_unread(header_number, columns)
        column_warnings = self.warnings[before:]
        roster = self._people(table.rows[position + 1:], columns)
        roster.column_warnings = column_warnings
        roster.path, roster.sheet = table.path, table.sheet
        roster.mapping = [one_line(f"{table.place(header_number)}: the header row")] + [
            f'  column {table.column(c.index)} "{one_line(c.header)}": {describe(c, table.column)}{self._hint(c)}'
            for c in columns.columns
        ]
        roster.show_mapping = (table.is_sheet or bool(self.overrides) or columns.is_interpreted
                               or header_number != filled[0][0])
        return roster

    @staticmethod
    def _hint(column) -> str:
        """"; did you mean 'email'?" after a column no one knows whose header is a slip of one word."""
        if column.unused != "unknown" or " " in column.header.strip():
            return ""
        return one_line(did_you_mean(column.header, COLUMNS))

    def _no_header(self, number: int, cells: list[str]) -> InputError:
        headers = [c.strip() for c in cells if c.strip()]
        if self.overrides:
            named = ", ".join(f'{target}="{header}"' for target, header in self.overrides.items())
            return self.table.error(f"--columns: none of the first {HEADER_ROWS} rows holds a name column and "
                                    f"{named}", number)
        close = [h for h in headers if did_you_mean(h, ["name"])]
        hint = f"; is '{close[0]}' meant to be 'name'?" if close else ""
        return self.table.error(f"no 'name' column in the header row (found: {', '.join(headers) or 'none'}){hint}",
                                number)

    def _warn_unread(self, number: int, columns: ColumnMap) -> None:
        table, by_index = self.table, {c.index: c for c in columns.columns}
        unknown: dict[str, list[int]] = {}
        for c in columns.columns:
            first = by_index.get(c.instead) if c.instead is not None else None
            if c.unused == "repeated" and first is not None:
                if first.header.casefold() == c.header.casefold():
                    both = f"columns {table.column(first.index)} and {table.column(c.index)}"
                    self.warn(number, f"column '{c.header}' is given twice ({both}); "
                                      "the first is read, the other ignored")
                else:
                    self.warn(number, f"column '{c.header}' ({table.columns([c.index])}) gives the {first.target}, as "
                                      f"column '{first.header}' ({table.columns([first.index])}) does; the first is "
                                      "read, the other ignored")
            elif c.unused == "name part" and first is not None:
                self.warn(number, f"column '{c.header}' ({table.columns([c.index])}) is a part of the name, which is "
                                  f"read whole from column '{first.header}' ({table.columns([first.index])}); ignored")
            elif c.unused == "replaced":
                self.warn(number, f"column '{c.header}' ({table.columns([c.index])}) is ignored: --columns names "
                                  "another column for what it holds")
            elif c.unused == "unknown":
                unknown.setdefault(c.header, []).append(c.index)
        for header, places in unknown.items():
            meant = did_you_mean(header, COLUMNS) if " " not in header.strip() else ""  # a slip of one word
            self.warn(number, f"column '{header}' ({table.columns(places)}) is not one roundtable knows and is "
                              f"ignored{meant}")

    def _people(self, rows: list[tuple[int, list[str]]], columns: ColumnMap) -> Roster:
        table = self.table
        read = [c for c in columns.read() if c.target not in NAME_PARTS and c.key != "name"]
        names = columns.name_columns
        width = max((c.index for c in columns.columns), default=-1) + 1
        participants: list[Participant] = []
        lines: list[int] = []
        to_complete: dict[int, dict[str, str]] = {}
        first_line: dict[str, int] = {}  # a person's identity -> the row that first named them
        repeated: list[str] = []
        longer: list[int] = []  # rows with cells beyond the header's last column
        empty: list[int] = []  # rows with something only in columns that are not read
        unknown_countries: list[tuple[int, str]] = []
        for number, row in rows:
            if not any(cell.strip() for cell in row):
                continue
            if any(cell.strip() for cell in row[width:]):
                longer.append(number)
            values = {c.key: row[c.index].strip() for c in read if c.index < len(row) and row[c.index].strip()}
            name = " ".join(row[i].strip() for i in names if i < len(row) and row[i].strip())
            if name:
                values["name"] = name
            if not values:
                empty.append(number)
                continue
            self._warn_invisible(number, values, columns)
            state = values.pop(REGISTRATION_STATE, None)
            if state is not None and "attending" not in values:
                values["attending"] = attending_from_state(state)
            unread: dict[str, str] = {}
            if values.get("country"):
                code = country_code(values["country"])
                if code is None:
                    if self.strict:
                        raise table.error(f'"{values["country"]}" is not a country roundtable knows (--strict)',
                                          number, self._label("country", columns))
                    unread["country"] = values.pop("country")
                    unknown_countries.append((number, unread["country"]))
                else:
                    values["country"] = code
            try:
                person = participant_from_values(values)
            except InputError as error:
                raise table.error(error.message, number, self._label(error.field, columns)) from None
            identity = participant_id("", person.name, person.organisation)
            if identity in first_line:
                unit = table.unit()
                repeated.append(
                    f"{table.place(number)}: '{person.name}'{f' ({person.organisation})' if person.organisation else ''} "
                    f"is the same person as on {unit} {first_line[identity]} (same name and organisation, whatever the "
                    "case, accents or spaces): the values of the later row win"
                )
            else:
                first_line[identity] = number
            if unread:
                to_complete[len(participants)] = unread
            participants.append(person)
            lines.append(number)
        if not participants:
            raise table.error("no participants: the file has a header row but no people")
        self._warn_rows(repeated, longer, empty, unknown_countries)
        self._warn_duplicates(participants, lines)
        return Roster(participants, self.warnings, lines, people=len(first_line), to_complete=to_complete)

    def _warn_rows(self, repeated: list[str], longer: list[int], empty: list[int],
                   unknown_countries: list[tuple[int, str]]) -> None:
        table = self.table
        for number, text in unknown_countries[:MAX_LISTED]:
            self.warn(number, f'country "{text}" is not one roundtable knows: imported without a country, to '
                              "complete in the participants screen (f2)")
        if len(unknown_countries) > MAX_LISTED:
            self.warnings.append(f"{table.path}: {len(unknown_countries) - MAX_LISTED} more {table.unit(True)} give a "
                                 "country roundtable does not know (imported without one, to complete)")
        self.warnings.extend(one_line(message) for message in repeated[:MAX_LISTED])
        if len(repeated) > MAX_LISTED:
            self.warnings.append(f"{table.path}: {len(repeated) - MAX_LISTED} more rows repeat a person named earlier")
        for numbers, what in ((longer, "more cells than the header has columns; the extra cells are ignored"),
                              (empty, "nothing in the columns roundtable reads; skipped")):
            if numbers:
                shown = ", ".join(map(str, numbers[:MAX_LISTED]))
                if len(numbers) > MAX_LISTED:
                    shown += f" and {len(numbers) - MAX_LISTED} more"
                unit = table.unit(len(numbers) > 1)
                where = one_line(f'{table.path}: sheet "{table.sheet}": {unit} {shown}') if table.is_sheet else (
                    f"{table.path}: {unit} {shown}")
                self.warnings.append(f"{where}: {what}")

    def _warn_invisible(self, number: int, values: dict[str, str], columns: ColumnMap) -> None:
        for key, value in values.items():
            translated = TRANSLATED_COLUMN.match(key)
            if key not in IDENTITY_FIELDS and not (translated and translated["field"] in IDENTITY_FIELDS):
                continue
            hidden = invisible_characters(value)
            if hidden:
                self.warn(number, f"{self._label(key, columns)}: {describe_invisible(hidden)} removed")

    def _warn_duplicates(self, participants: list[Participant], lines: list[int]) -> None:
        """One warning per pair of rows likely to be one person under two spellings
        (domain/person_duplicates.py), naming both rows; both are imported."""
        table = self.table
        pairs = likely_duplicates(participants)
        start = one_line(f'{table.path}: sheet "{table.sheet}": ') if table.is_sheet else f"{table.path}: "
        unit = table.unit()
        for pair in pairs[:MAX_LISTED]:
            a, b = participants[pair.first], participants[pair.second]
            message = pair.describe(f"{unit} {lines[pair.first]} '{a.name}'", f"{unit} {lines[pair.second]} '{b.name}'")
            self.warnings.append(one_line(f"{start}{message}; both are imported: merge them in the participants "
                                          "screen (f2, then d in the list) if so"))
        if len(pairs) > MAX_LISTED:
            self.warnings.append(f"{table.path}: {len(pairs) - MAX_LISTED} more pairs of {table.unit(True)} may be "
                                 "one person each")

    def _label(self, target: str | None, columns: ColumnMap) -> str | None:
        """The column an error is about, as the file names it: "rank" (a CSV in roundtable's own
        columns), "country (column 5 'Страна')", "country (column G 'Country')"."""
        if target is None:
            return None
        if target == "name":
            indexes = columns.name_columns
        elif target == "attending" and columns.index("attending") is None:
            indexes = [i for i in [columns.index(REGISTRATION_STATE)] if i is not None]
        else:
            indexes = [i for i in [columns.index(target)] if i is not None]
        found: list[Column] = [c for c in columns.columns if c.index in indexes]
        if len(found) == 1 and found[0].by == "own name" and found[0].target == target and not self.table.is_sheet:
            return target  # a CSV in roundtable's own columns
        if not found:
            return target
        headers = ", ".join(f"'{c.header}'" for c in found)
        return f"{target} ({self.table.columns([c.index for c in found])} {headers})"
