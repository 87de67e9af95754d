"""A table of keyed rows, one line each, on the one scrolling list (scrolling_list.py), for lists
that change on every key: the queue, the given list, the picker's matches, the participants.

Textual's DataTable re-measures its columns and triggers a layout of the whole screen whenever a
row is added or removed, which on a 2-core laptop is most of the time a key takes (make bench).
This table's height comes from the stylesheet, its column widths are computed when its width
changes (not when its content does), and an update repaints only the lines whose content changed.

Columns have a fixed width or share what is left (`grow`); when the table is too narrow, the
columns with a `drop` rank give way first (highest rank first), so a long "why here" column
disappears before a name is cut. A row of a single cell is a heading drawn across the whole width
(the participants screen's reason for a group of likely duplicates); the cursor steps over it. Cell text is never interpreted
as markup: cells are plain strings or Rich `Text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.strip import Strip

from roundtable.tui.action_guard import bindings
from roundtable.tui.widgets.scrolling_list import ScrollingList

Cell = str | Text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int = 0  # fixed width; 0: shares the room left with the other growing columns
    grow: int = 0  # share of the room left (for width 0)
    minimum: int = 4  # a growing column narrower than this is dropped (or the table is too narrow)
    drop: int = 0  # > 0: may be hidden when the room is short, the highest rank first
    align: str = "left"  # "left" | "right"


def column_widths(columns: Sequence[Column], width: int) -> dict[str, int]:
    """The width of each shown column at `width` cells (one cell between columns)."""
    shown = list(columns)
    while True:
        gaps = max(0, len(shown) - 1)
        fixed = sum(c.width for c in shown if c.width)
        growing = [c for c in shown if not c.width]
        room = width - gaps - fixed
        if room >= sum(c.minimum for c in growing) or not any(c.drop for c in shown):
            break
        shown.remove(max((c for c in shown if c.drop), key=lambda c: c.drop))
    widths = {c.key: c.width for c in shown if c.width}
    # Each growing column gets its minimum, then the rest is shared by `grow`.
    extra = max(0, room - sum(c.minimum for c in growing))
    total_grow = sum(c.grow or 1 for c in growing) or 1
    for i, c in enumerate(growing):
        share = extra if i == len(growing) - 1 else extra * (c.grow or 1) // total_grow
        widths[c.key] = c.minimum + share if room >= sum(g.minimum for g in growing) else max(0, room // len(growing))
        extra -= share
    return {c.key: widths[c.key] for c in shown}


def _fit(cell: Cell, width: int, align: str) -> Text:
    text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
    text.no_wrap = True
    if text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    pad = width - text.cell_len
    if pad > 0:
        if align == "right":
            text = Text(" " * pad) + text
        else:
            text.append(" " * pad)
    return text


class RowTable(ScrollingList[tuple[Cell, ...]]):
    """Rows keyed by id, a header line, a cursor; updated with `set_rows`."""

    COLUMNS: Sequence[Column] = ()
    HEADER_LINES = 1  # 0: rows from the first line (a list of matches needs no header)
    ONE_LINE = True

    ACTION_PLACE = "list"
    BINDINGS = bindings("list")

    def __init__(self, empty: str = "", **kwargs) -> None:
        super().__init__(empty=empty, **kwargs)
        self._widths: dict[str, int] = {}
        self._widths_at = -1

    # -- what other code reads ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self.item_count

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    @property
    def shown_columns(self) -> list[str]:
        """The columns shown at the current width (tests and the layout checks read it)."""
        self._measure(self._width if self._width > 0 else self.size.width)
        return list(self._widths)

    def cells(self, key: str) -> tuple[Cell, ...]:
        return self._content[key]

    def column(self, key: str) -> list[str]:
        """The plain text of one column, row by row."""
        index = [c.key for c in self.COLUMNS].index(key)
        return [str(cells[index]) if len(cells) > index else "" for cells in map(self.cells, self._keys)]

    def row_text(self, key: str) -> str:
        """A row's cells as plain text, joined by spaces (what a reader of the screen sees)."""
        return " ".join(str(cell) for cell in self.cells(key) if str(cell))

    # -- updating -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[tuple[str, tuple[Cell, ...]]], select: str | None = None,
                 follow_last: bool = False) -> None:
        """Show `rows` in this order. The cursor stays on the same key when it is still there (or
        goes to `select`, or to the last row with `follow_last`), else at the same place."""
        self.set_items(rows, select=select, follow_last=follow_last)

    # -- moving (the table of actions' "list" keys) -------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.step_cursor(step)

    def action_page(self, step: int) -> None:
        self.page_cursor(step)

    def action_edge(self, step: int) -> None:
        self.edge_cursor(step)

    def is_heading(self, index: int) -> bool:
        """Whether row `index` is a heading (a single cell across the columns): the cursor passes it."""
        return len(self.COLUMNS) > 1 and len(self.cells(self._keys[index])) == 1

    def cursor_lines(self, index: int) -> tuple[int, int]:
        """A row's heading stays in view above it (the reason of a group of likely duplicates)."""
        first = index - 1 if index > 0 and self.is_heading(index - 1) else index
        return first, index + 1

    # -- drawing --------------------------------------------------------------------------

    def _measure(self, width: int) -> None:
        if width != self._widths_at:
            self._widths_at = width
            self._widths = column_widths(self.COLUMNS, width)

    def _line(self, cells: Sequence[Cell], width: int) -> Text:
        if len(cells) == 1 and len(self.COLUMNS) > 1:  # a heading across the columns
            return _fit(cells[0], max(width, 1), "left")
        self._measure(width)
        line = Text(no_wrap=True, end="")
        first = True
        for column, cell in zip(self.COLUMNS, cells):
            column_width = self._widths.get(column.key)
            if column_width is None:
                continue
            if not first:
                line.append(" ")
            first = False
            line.append_text(_fit(cell, column_width, column.align))
        return line

    def header_line(self, width: int) -> Text:
        return self._line([Text(c.label) for c in self.COLUMNS], width)

    def item_lines(self, key: str, content: tuple[Cell, ...], width: int) -> list[Strip]:
        return [Strip(list(self._line(content, width).render(self.app.console)))]


__all__ = ["Cell", "Column", "RowTable", "column_widths"]
