"""A registration list saved as a spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods) -> its sheets'
cells as text.

Read with python-calamine (the Rust calamine library): one reader for every one of these formats,
written for reading only, and fast (10,000 rows in well under a second). openpyxl reads only
.xlsx/.xlsm, and would need xlrd for .xls and another library for .ods.

A cell is read as the value the spreadsheet last computed and saved, never as a formula: a
formula's cached result, a number as its digits ("42", not "42.0"; 15 significant digits, as
Excel shows them), a date as "2014-10-07", a time as "09:30", a date and time as
"2014-10-07 09:30", a boolean as "TRUE"/"FALSE". Number formats are not applied: a percentage
shows as its value (0.25), a date stored as text stays as typed. A cell holding an error (#REF!,
#DIV/0!) reads as empty: calamine does not pass the error on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from roundtable.formats.errors import InputError, one_line
from roundtable.formats.registration_table import Table

SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def cell_text(value: object) -> str:
    """A cell's value as text, as the spreadsheet shows it (see the module's docstring)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M" if not value.second else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
    if isinstance(value, dt.timedelta):
        minutes, seconds = divmod(int(value.total_seconds()), 60)
        return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    return "" if value is None else str(value)


class Workbook:
    """The sheets of a spreadsheet file, read one at a time as they are asked for. Use it as a
    context manager; raises InputError (naming the file) for a file that is not a readable
    spreadsheet."""

    def __init__(self, path: Path):
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

        self.path = path
        kind = path.suffix.lower()
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except PasswordError:
            raise InputError(path, "is protected by a password; save a copy without one") from None
        except (CalamineError, OSError, ValueError) as error:
            raise InputError(path, f"not a readable {kind} file ({one_line(str(error))[:200]})") from None
        metadata = self._book.sheets_metadata
        self.names: list[str] = [m.name for m in metadata]
        self.visible: list[str] = [m.name for m in metadata if m.visible == SheetVisibleEnum.Visible]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self._book.close()

    def sheet(self, name: str) -> Table:
        """The cells of sheet `name` as text, every row numbered as the spreadsheet numbers it."""
        from python_calamine import CalamineError

        try:
            values = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError) as error:
            raise InputError(self.path, f"cannot be read ({one_line(str(error))[:200]})", sheet=name) from None
        rows = [(number, [cell_text(v) for v in cells]) for number, cells in enumerate(values, start=1)]
        return Table(self.path, rows, sheet=name)

    def sheets(self) -> Iterator[Table]:
        """The visible sheets, in the workbook's order."""
        for name in self.visible:
            yield self.sheet(name)
