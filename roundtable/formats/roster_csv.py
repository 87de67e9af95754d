"""A registration list saved as CSV (docs/CONTRACT.md, section 3) -> its cells, each record with
the line it starts on.

UTF-8 (with or without BOM), comma, semicolon or tab, cells quoted as Excel and LibreOffice write
them (RFC 4180: quoted cells may hold separators, line breaks and doubled quotes). The headers and
the people are read by `registration_list.py`, as they are for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from roundtable.formats.errors import InputError
from roundtable.formats.registration_table import Table

SEPARATORS = (",", ";", "\t")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_csv(path: Path) -> Table:
    """The records of the CSV file at `path`. Raises InputError for a file that is not UTF-8 text
    (naming the line of the first byte that is not), holds NUL characters, or leaves a quote open."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(path, "not UTF-8 text; save the file as CSV UTF-8", line) from None
    return csv_table(text, path)


def csv_table(text: str, path: Path) -> Table:
    """The records of a CSV text; see `read_csv`."""
    if not text.strip():
        raise InputError(path, "the file is empty; it needs a header row with at least a name column")
    if "\x00" in text:
        # Typically a UTF-16 list (Excel's "Unicode text"): every other byte is NUL.
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(path, "holds NUL characters (a UTF-16 file?); save it as CSV UTF-8", line)
    return Table(path, read_records(text, path))


@dataclass
class _Quotes:
    """What a pass of the quote rules over a text found outside quoted cells."""

    separators: dict[str, int]  # how often each separator occurred
    open_quote: int | None  # where a quoted cell that is still open at the end opened


def _scan(text: str, offset: int, separators: tuple[str, ...], first_record_only: bool) -> _Quotes:
    """The quote rules of Python's csv reader (with doubled quotes), written once: a quote opens a
    quoted cell only at the start of a cell; inside one, a quote ends it unless another follows
    (a doubled quote is one quote character); a quote inside a plain cell is only a character.
    Reads from `offset` (the start of a record) to the end, or to the end of that first record."""
    counts = dict.fromkeys(separators, 0)
    state, opened = "start", None  # state of the cell being read: start | plain | quoted | closing
    for at in range(offset, len(text)):
        char = text[at]
        if state == "quoted":
            if char == '"':
                state = "closing"  # the end of the cell, or the first of a doubled quote
            continue
        if state == "closing" and char == '"':
            state = "quoted"
        elif char in "\r\n":
            if first_record_only:
                break
            state = "start"
        elif char in counts:
            counts[char] += 1
            state = "start"
        elif state == "start" and char == '"':
            state, opened = "quoted", at
        else:
            state = "plain"
    return _Quotes(counts, opened if state == "quoted" else None)


def separator_of(text: str) -> str:
    """The separator of a CSV file: whichever of comma, semicolon or tab its first record holds
    most often outside quotes (Excel writes semicolons where the decimal mark is a comma); comma when
    it is a single column.

    csv.Sniffer is not used: when it guesses from one line it also turns off doubled quotes, and an
    Excel cell holding АО ""Казахтелеком"" inside its quotes is stored with stray quotes.
    """
    counts = _scan(text, 0, SEPARATORS, first_record_only=True).separators
    return max(SEPARATORS, key=counts.__getitem__)  # ties: the first, so comma


def read_records(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """Every record of a CSV text with the line it starts on.

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
        opened = _scan(text, offset, (separator,), first_record_only=False).open_quote
        if opened is not None:
            line = last + len(_LINE_BREAK.findall(text, offset, opened))
            raise InputError(path, "a quoted cell opens here and is never closed (a missing closing quote?)", line)
    return records
