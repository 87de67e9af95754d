"""A table of keyed rows drawn line by line (Textual's Line API), for lists that change on every key.

Textual's DataTable re-measures its columns and triggers a layout of the whole screen whenever a
row is added or removed, which on a 2-core laptop is most of the time a key takes (make bench).
This table never changes its own size: its height comes from the stylesheet, its column widths
are computed when its width changes (not when its content does), it scrolls itself (no
virtual size to grow), and an update repaints only the lines whose content changed. So a key that
changes the queue costs a repaint of a few lines, nothing more.

Columns have a fixed width or share what is left (`grow`); when the table is too narrow, the
columns with a `drop` rank give way first (highest rank first), so a long "why here" column
disappears before a name is cut. A row of a single cell is a heading drawn across the whole width
(the participants screen's reason for a group of likely duplicates); the cursor steps over it. Cell text is never interpreted
as markup: cells are plain strings or Rich `Text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from roundtable.tui.action_guard import ActsByTable, bindings

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


class RowTable(ActsByTable, Widget, can_focus=True):
    """Rows keyed by id, a header line, a cursor; updated with `set_rows`."""

    COLUMNS: Sequence[Column] = ()
    SHOW_HEADER = True  # False: rows from the first line (a list of matches needs no header)

    DEFAULT_CSS = """
    RowTable {
        height: 1fr;
        background: $surface;
    }
    RowTable > .row-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    RowTable > .row-table--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    RowTable:focus > .row-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    RowTable > .row-table--odd {
        background: $surface-lighten-1 30%;
    }
    RowTable > .row-table--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--odd", "row-table--empty"}

    ACTION_PLACE = "list"
    BINDINGS = bindings("list")

    def __init__(self, empty: str = "", **kwargs):
        super().__init__(**kwargs)
        self.empty = empty  # shown in the first row when there is none
        self._keys: list[str] = []
        self._cells: dict[str, tuple[Cell, ...]] = {}
        self._strips: dict[str, Strip] = {}
        # Each row's line as last drawn (its strip with the row's style, at the width and in the
        # style it was drawn in): a key that changes one row draws that row, and a repaint of the
        # whole screen (a layout) reuses every other line as it is.
        self._drawn: dict[str, tuple[tuple[str, int], Strip]] = {}
        self._styles: dict[str, Style] | None = None  # base, cursor, odd, header, empty
        self._widths: dict[str, int] = {}
        self._width = -1
        self._header: Strip | None = None
        self.cursor = 0
        self.top = 0  # index of the first row shown

    # -- what other code reads ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    @property
    def selected_key(self) -> str | None:
        return self._keys[self.cursor] if self._keys else None

    @property
    def shown_columns(self) -> list[str]:
        """The columns shown at the current width (tests and the layout checks read it)."""
        self._measure()
        return list(self._widths)

    def cells(self, key: str) -> tuple[Cell, ...]:
        return self._cells[key]

    def column(self, key: str) -> list[str]:
        """The plain text of one column, row by row."""
        index = [c.key for c in self.COLUMNS].index(key)
        return [str(self._cells[k][index]) if len(self._cells[k]) > index else "" for k in self._keys]

    @property
    def _head(self) -> int:
        return 1 if self.SHOW_HEADER else 0

    def visible_rows(self) -> int:
        return max(0, self.size.height - self._head)

    def visible_keys(self) -> list[str]:
        return self._keys[self.top: self.top + self.visible_rows()]

    # -- updating -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[tuple[str, tuple[Cell, ...]]], select: str | None = None,
                 follow_last: bool = False) -> None:
        """Show `rows` in this order. The cursor stays on the same key when it is still there (or
        goes to `select`, or to the last row with `follow_last`), else at the same place."""
        rows = list(rows)
        keep = select or self.selected_key
        old_keys = self._keys
        keys = [key for key, _ in rows]
        changed_lines: set[int] = set()
        for index, (key, cells) in enumerate(rows):
            if self._cells.get(key) != cells:
                self._cells[key] = cells
                self._strips.pop(key, None)
                self._drawn.pop(key, None)
                changed_lines.add(index)
            elif index >= len(old_keys) or old_keys[index] != key:
                changed_lines.add(index)
        for key in set(old_keys) - set(keys):
            self._cells.pop(key, None)
            self._strips.pop(key, None)
            self._drawn.pop(key, None)
        self._keys = keys
        old_cursor = self.cursor
        if follow_last and keys:
            self.cursor = len(keys) - 1
        elif keep is not None and keep in self._cells:
            self.cursor = keys.index(keep)
        else:
            self.cursor = min(self.cursor, max(0, len(keys) - 1))
        scrolled = self._scroll_to_cursor()
        if scrolled:
            self.refresh()
        else:
            # Only the lines whose row changed, and those a shorter list leaves blank.
            for index in changed_lines | {old_cursor, self.cursor} | set(range(len(keys), len(old_keys))):
                self._refresh_row(index)
            if not keys or not old_keys:
                self.refresh()  # the "nothing here" line comes or goes

    def move_cursor(self, key: str) -> None:
        if key in self._cells:
            self._set_cursor(self._keys.index(key))

    # -- moving ---------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self._set_cursor(self.cursor + step, step)

    def action_page(self, step: int) -> None:
        self._set_cursor(self.cursor + step * max(1, self.visible_rows() - 1), step)

    def action_edge(self, step: int) -> None:
        self._set_cursor(0 if step < 0 else len(self._keys) - 1, -step)

    def is_heading(self, index: int) -> bool:
        """Whether row `index` is a heading (a single cell across the columns): the cursor passes it."""
        return len(self.COLUMNS) > 1 and len(self._cells[self._keys[index]]) == 1

    def _past_headings(self, index: int, direction: int) -> int:
        """`index`, or the nearest row that is not a heading: onwards in `direction`, else back."""
        last = len(self._keys) - 1
        for way in (1 if direction >= 0 else -1, -1 if direction >= 0 else 1):
            probe = index
            while 0 <= probe <= last and self.is_heading(probe):
                probe += way
            if 0 <= probe <= last:
                return probe
        return index  # headings only

    def _set_cursor(self, index: int, direction: int = 1) -> None:
        if not self._keys:
            return
        index = self._past_headings(max(0, min(len(self._keys) - 1, index)), direction)
        if index == self.cursor:
            return
        old, self.cursor = self.cursor, index
        if self._scroll_to_cursor():
            self.refresh()
        else:
            self._refresh_row(old)
            self._refresh_row(index)

    def _scroll_to_cursor(self) -> bool:
        """Keep the cursor in view; True when the rows shown moved."""
        shown = self.visible_rows()
        top = self.top
        if shown <= 0:
            return False
        # A row's heading stays in view above it (the reason of a group of likely duplicates).
        first = self.cursor - 1 if 0 < self.cursor < len(self._keys) and self.is_heading(self.cursor - 1) else self.cursor
        if first < top:
            top = first
        elif self.cursor >= top + shown:
            top = self.cursor - shown + 1
        top = max(0, min(top, max(0, len(self._keys) - shown)))
        moved, self.top = top != self.top, top
        return moved

    def _refresh_row(self, index: int) -> None:
        y = index - self.top + self._head
        if self._head <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def on_focus(self) -> None:
        self._restyle()
        self._refresh_row(self.cursor)

    def on_blur(self) -> None:
        self._restyle()
        self._refresh_row(self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        """The styles changed (a theme, focus, a class): every line is styled again when drawn."""
        self._styles = None
        self._drawn.clear()
        self._header = None

    def _line_styles(self) -> dict[str, Style]:
        if self._styles is None:
            base = self.rich_style
            self._styles = {
                "even": base,
                **{kind: base + self.get_component_rich_style(f"row-table--{kind}") for kind in
                   ("cursor", "odd", "header", "empty")},
            }
        return self._styles

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll_by(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll_by(-3)

    def _scroll_by(self, rows: int) -> None:
        top = max(0, min(self.top + rows, max(0, len(self._keys) - self.visible_rows())))
        if top != self.top:
            self.top = top
            self.cursor = max(top, min(self.cursor, top + self.visible_rows() - 1))
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y >= self._head:
            self._set_cursor(self.top + event.y - self._head)

    # -- drawing --------------------------------------------------------------------------

    def _measure(self) -> None:
        width = self.size.width
        if width != self._width:
            self._width = width
            self._widths = column_widths(self.COLUMNS, width)
            self._strips.clear()
            self._drawn.clear()
            self._header = None

    def _line(self, cells: Sequence[Cell]) -> Text:
        if len(cells) == 1 and len(self.COLUMNS) > 1:  # a heading across the columns
            return _fit(cells[0], max(self._width, 1), "left")
        line = Text(no_wrap=True, end="")
        first = True
        for column, cell in zip(self.COLUMNS, cells):
            width = self._widths.get(column.key)
            if width is None:
                continue
            if not first:
                line.append(" ")
            first = False
            line.append_text(_fit(cell, width, column.align))
        return line

    def _strip(self, text: Text, style: Style | None = None) -> Strip:
        segments = list(text.render(self.app.console))
        strip = Strip(segments).adjust_cell_length(self.size.width)
        return strip.apply_style(style) if style is not None else strip

    def render_line(self, y: int) -> Strip:
        self._measure()
        styles = self._line_styles()
        width = self.size.width
        if y == 0 and self.SHOW_HEADER:
            if self._header is None:
                header = self._line([Text(c.label) for c in self.COLUMNS])
                self._header = self._strip(header, styles["header"])
            return self._header
        index = self.top + y - self._head
        if index >= len(self._keys):
            if index == 0 and self.empty:
                return self._strip(Text(self.empty), styles["empty"])
            return Strip.blank(width, styles["even"])
        key = self._keys[index]
        kind = "cursor" if index == self.cursor else "odd" if index % 2 else "even"
        drawn = self._drawn.get(key)
        if drawn is not None and drawn[0] == (kind, width):
            return drawn[1]
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = Strip(list(self._line(self._cells[key]).render(self.app.console)))
        strip = strip.adjust_cell_length(width).apply_style(styles[kind])
        self._drawn[key] = ((kind, width), strip)
        return strip

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._keys) + self._head

    def row_text(self, key: str) -> str:
        """A row's cells as plain text, joined by spaces (what a reader of the screen sees)."""
        return " ".join(str(cell) for cell in self._cells[key] if str(cell))


__all__ = ["Cell", "Column", "RowTable", "column_widths"]
