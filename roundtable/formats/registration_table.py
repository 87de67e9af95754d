"""A registration list's cells as text, with the place each came from: the one shape the CSV reader
(`roster_csv.py`) and the spreadsheet reader (`roster_sheet.py`) hand on, so that reading the
header and the people (`registration_list.py`) is written once for every kind of file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roundtable.formats.errors import InputError, one_line


def column_letter(index: int) -> str:
    """A spreadsheet's name for column `index` (0-based): A, B, …, Z, AA, AB, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Table:
    """Rows of text cells. `rows` holds (number, cells): the CSV line a record starts on, or the
    spreadsheet row (1-based, as the spreadsheet numbers it). `sheet` is None for CSV."""

    path: Path
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    sheet: str | None = None

    @property
    def is_sheet(self) -> bool:
        return self.sheet is not None

    def column(self, index: int) -> str:
        """How a person names column `index` (0-based) of this file: "D" in a spreadsheet, "4" in CSV."""
        return column_letter(index) if self.is_sheet else str(index + 1)

    def columns(self, indexes: list[int]) -> str:
        """"column D" / "columns 4, 5"."""
        names = [self.column(i) for i in indexes]
        return f"column{'s' if len(names) > 1 else ''} {', '.join(names)}"

    def place(self, number: int) -> str:
        """The start of a message about a row: 'p.csv: line 3' / 'p.xlsx: sheet "Data": row 3'."""
        if self.is_sheet:
            return one_line(f'{self.path}: sheet "{self.sheet}": row {number}')
        return f"{self.path}: line {number}"

    def unit(self, plural: bool = False) -> str:
        return ("rows" if plural else "row") if self.is_sheet else ("lines" if plural else "line")

    def error(self, message: str, number: int | None = None, field: str | None = None) -> InputError:
        return InputError(self.path, message, number, field, sheet=self.sheet)
