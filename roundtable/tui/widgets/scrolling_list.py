"""The one scrolling list under every list of ours: the queue, the given list, the picker's matches,
the participants, the requests from the floor (row_table.py) and the notes (notes_list.py).

Built as Toolong's `LogLines` is, on Textual's `ScrollView` and Line API: items keyed by id, each
drawn as one line or more, under an optional header line that does not scroll; a cursor on one
item; Textual's scrollbar when the items overflow. Subclasses say how an item is drawn
(`item_lines`) and name the actions their keys run (the table of actions, domain/actions.py); this
base moves the cursor, pages, follows the wheel and the clicks, and keeps the caches.

What a key costs, the reason this is not a DataTable or an OptionList (make bench): only the lines
in view are rendered; an item's lines are rendered once per width and kept until its content
changes, then styled once per kind of line (cursor, odd, even) and kept too; moving the cursor
repaints the lines of two items; the virtual size, whose change lays the list's pane out again for
the scrollbar, changes only when the number of lines does. Text is never read as markup: items are
drawn from Rich `Text` or plain strings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size, Spacing
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roundtable.tui.action_guard import ActsByTable

KINDS = ("cursor", "odd", "header", "empty")

ItemT = TypeVar("ItemT")  # what an item is drawn from


class ScrollingList(ActsByTable, ScrollView, Generic[ItemT], can_focus=True, inherit_bindings=False):
    """Keyed items in order, a cursor, a scrollbar; updated with `set_items`.

    Subclasses implement `item_lines`; a list with a header sets `HEADER_LINES = 1` and implements
    `header_line`. A list whose items are one line each sets `ONE_LINE`: its lines are then never
    counted by rendering them.
    """

    DEFAULT_CSS = """
    ScrollingList {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ScrollingList > .scrolling-list--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    ScrollingList > .scrolling-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    ScrollingList:focus > .scrolling-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ScrollingList > .scrolling-list--odd {
        background: $surface-lighten-1 30%;
    }
    ScrollingList > .scrolling-list--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    COMPONENT_CLASSES = {f"scrolling-list--{kind}" for kind in KINDS}

    HEADER_LINES = 0  # 1: a header line above the items, which does not scroll
    ONE_LINE = False  # True: every item is one line
    STRIPED = True  # odd items on a lighter background

    def __init__(self, empty: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.empty = empty  # shown in the first line when there is no item
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._content: dict[str, ItemT] = {}  # what each item is drawn from
        self._lines: dict[str, list[Strip]] = {}  # each item's lines at `_width`, unstyled
        # Each item's lines as last drawn, with the kind of line they were styled as: a key that
        # changes one item draws that item, a repaint of the whole list reuses every other line.
        self._drawn: dict[str, tuple[str, list[Strip]]] = {}
        self._starts: list[int] = []  # the first line of each item (not kept when ONE_LINE)
        self._total = 0  # lines in all
        self._width = -1  # the width the lines are drawn at (the scrollbar's column left out)
        self._narrow = False  # whether the scrollbar takes a column
        self._styles: dict[str, Style] | None = None
        self._header: Strip | None = None
        self.cursor = 0  # the index of the highlighted item (0 when there is none)

    # -- what other code reads ------------------------------------------------------------------

    @property
    def item_count(self) -> int:
        return len(self._keys)

    @property
    def selected_key(self) -> str | None:
        return self._keys[self.cursor] if self._keys else None

    def content(self, key: str) -> ItemT:
        return self._content[key]

    def visible_rows(self) -> int:
        """Lines in view for the items (the header left out)."""
        return max(0, self.size.height - self.HEADER_LINES)

    def visible_keys(self) -> list[str]:
        """The items with at least one line in view."""
        if not self._keys or self.visible_rows() <= 0:
            return []
        first = self._top
        last = min(self._total, first + self.visible_rows()) - 1
        if last < first:
            return []
        return self._keys[self._item_at(first): self._item_at(last) + 1]

    # -- what subclasses say ----------------------------------------------------------------------

    def item_lines(self, key: str, content: ItemT, width: int) -> list[Strip]:
        """The lines of item `key` at `width` cells, unstyled (the list applies the line's style)."""
        raise NotImplementedError

    def header_line(self, width: int) -> Text:
        """The header's text (HEADER_LINES = 1)."""
        return Text()

    def same_content(self, key: str, old: ItemT, new: ItemT) -> bool:
        """Whether item `key` drawn from `old` looks the same drawn from `new`."""
        return old is new or old == new

    def is_heading(self, index: int) -> bool:
        """Whether item `index` is a heading, which the cursor passes over."""
        return False

    def cursor_lines(self, index: int) -> tuple[int, int]:
        """The lines to keep in view for the cursor on item `index` (first, end exclusive)."""
        start = self._start(index)
        return start, start + self._height(index)

    # -- updating ---------------------------------------------------------------------------------

    def set_items(self, items: Iterable[tuple[str, ItemT]], select: str | None = None,
                  follow_last: bool = False) -> None:
        """Show `items` (key, what it is drawn from) in this order. The cursor stays on the same key
        when it is still there (or goes to `select`, or to the last item with `follow_last`), else
        at the same place. Only items whose content changed are drawn again."""
        items = list(items)
        keep = select or self.selected_key
        old_keys = self._keys
        keys = [key for key, _ in items]
        changed: set[int] = set()
        content, lines, drawn = self._content, self._lines, self._drawn
        for index, (key, value) in enumerate(items):
            if key not in content or not self.same_content(key, content[key], value):
                content[key] = value
                lines.pop(key, None)
                drawn.pop(key, None)
                changed.add(index)
            elif index >= len(old_keys) or old_keys[index] != key:
                changed.add(index)
        if keys != old_keys:
            for key in set(old_keys).difference(keys):
                content.pop(key, None)
                lines.pop(key, None)
                drawn.pop(key, None)
            self._keys = keys
            self._index = {key: index for index, key in enumerate(keys)}
        old_cursor, old_total, old_top = self.cursor, self._total, self._top
        if follow_last and keys:
            self.cursor = len(keys) - 1
        elif keep is not None and keep in self._index:
            self.cursor = self._index[keep]
        else:
            self.cursor = min(self.cursor, max(0, len(keys) - 1))
        self._reflow()
        self._scroll_to_cursor()
        if self._top != old_top or self._total != old_total or not keys or not old_keys or \
                (not self.ONE_LINE and changed):
            self.refresh()  # lines moved (or the "nothing here" line comes or goes)
        else:
            for index in changed | {old_cursor, self.cursor}:
                self._refresh_item(index)

    def append_item(self, key: str, value: ItemT) -> None:
        """Add an item at the end and put the cursor on it (a note just saved here)."""
        if key in self._index:
            return
        self._index[key] = len(self._keys)
        self._keys.append(key)
        self._content[key] = value
        if self._width > 0:
            if not self.ONE_LINE:
                self._starts.append(self._total)
            self._total += self._height(len(self._keys) - 1)
        self.cursor = len(self._keys) - 1
        self._reflow(counted=True)
        self._scroll_to_cursor()
        self.refresh()

    # -- moving -----------------------------------------------------------------------------------

    def move_cursor(self, key: str) -> bool:
        """Put the cursor on `key`; False when no item has it."""
        index = self._index.get(key)
        if index is None:
            return False
        self.set_cursor(index)
        return True

    def step_cursor(self, step: int) -> None:
        self.set_cursor(self.cursor + step, step)

    def page_cursor(self, step: int) -> None:
        """One screen of lines on (or back)."""
        if not self._keys:
            return
        line = self._start(self.cursor) + step * max(1, self.visible_rows() - 1)
        self.set_cursor(self._item_at(max(0, min(self._total - 1, line))), step)

    def edge_cursor(self, step: int) -> None:
        self.set_cursor(0 if step < 0 else len(self._keys) - 1, -step)

    def set_cursor(self, index: int, direction: int = 1) -> None:
        if not self._keys:
            return
        index = self._past_headings(max(0, min(len(self._keys) - 1, index)), direction)
        if index == self.cursor:
            return
        old, self.cursor = self.cursor, index
        top = self._top
        self._scroll_to_cursor()
        if self._top == top:  # else the scroll repaints every line
            self._refresh_item(old)
            self._refresh_item(index)

    def _past_headings(self, index: int, direction: int) -> int:
        """`index`, or the nearest item that is not a heading: onwards in `direction`, else back."""
        last = len(self._keys) - 1
        for way in (1 if direction >= 0 else -1, -1 if direction >= 0 else 1):
            probe = index
            while 0 <= probe <= last and self.is_heading(probe):
                probe += way
            if 0 <= probe <= last:
                return probe
        return index  # headings only

    @property
    def _top(self) -> int:
        """The first item line in view."""
        return self.scroll_offset.y

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor's item in view; on the last item, the end of the list (the newest)."""
        if not self._keys or self.visible_rows() <= 0 or self._width <= 0:
            return
        if self.cursor == len(self._keys) - 1:
            self.scroll_to(y=self.max_scroll_y, animate=False, force=True)
            return
        first, end = self.cursor_lines(self.cursor)
        head = self.HEADER_LINES
        self.scroll_to_region(Region(0, first + head, self._width, end - first), spacing=Spacing(top=head),
                              animate=False, x_axis=False, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """The view moved (the wheel, the scrollbar, a page): the cursor comes along into it, so
        that the keys act on an item in view."""
        super().watch_scroll_y(old_value, new_value)
        if not self._keys or self.visible_rows() <= 0 or self._width <= 0:
            return
        first, end = self._top, min(self._total, self._top + self.visible_rows())
        start = self._start(self.cursor)
        if start + self._height(self.cursor) <= first:
            self.cursor = self._past_headings(self._item_at(first), 1)
        elif start >= end > 0:
            self.cursor = self._past_headings(self._item_at(end - 1), -1)

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        """The scrollbar comes after the lines that overflow (a layout later), and the list may have
        scrolled meanwhile (to a note just saved): the bar starts where the list is."""
        if shown:
            self.vertical_scrollbar.position = self.scroll_y

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.HEADER_LINES:
            return
        line = self._top + offset.y - self.HEADER_LINES
        if self._keys and line < self._total:
            self.set_cursor(self._item_at(line))

    # -- lines ----------------------------------------------------------------------------------

    def _height(self, index: int) -> int:
        return 1 if self.ONE_LINE else len(self._item(index))

    def _start(self, index: int) -> int:
        return index if self.ONE_LINE else self._starts[index]

    def _item_at(self, line: int) -> int:
        if self.ONE_LINE:
            return min(line, len(self._keys) - 1)
        return max(0, bisect_right(self._starts, line) - 1)

    def _item(self, index: int) -> list[Strip]:
        """Item `index`'s lines at the current width, unstyled."""
        key = self._keys[index]
        lines = self._lines.get(key)
        if lines is None:
            lines = self.item_lines(key, self._content[key], self._width) or [Strip.blank(self._width)]
            lines = self._lines[key] = [line.adjust_cell_length(self.size.width) for line in lines]
        return lines

    def _count(self, width: int) -> int:
        if width != self._width:
            self._width = width
            self._lines.clear()
            self._drawn.clear()
            self._header = None
        if self.ONE_LINE:
            return len(self._keys)
        starts, total = [], 0
        for index in range(len(self._keys)):
            starts.append(total)
            total += len(self._item(index))
        self._starts = starts
        return total

    def _reflow(self, counted: bool = False) -> None:
        """Count the lines at the width there is, taking the scrollbar's column away when the lines
        overflow (as Textual decides to show it), and set the virtual size to match."""
        full, height = self.size
        if full <= 0:
            self._width = -1
            return
        bar = self.styles.scrollbar_size_vertical
        overflow = self.styles.overflow_y
        head = self.HEADER_LINES
        if overflow != "auto":
            self._narrow = overflow == "scroll"
            if not counted or self._width != full - bar * self._narrow:
                self._total = self._count(full - bar * self._narrow)
        else:
            if not counted or self._width != full - bar * self._narrow:
                self._total = self._count(full - bar * self._narrow)
            overflows = self._total + head > height
            # Narrower lines are never fewer: one switch settles it.
            if overflows != self._narrow:
                self._narrow = overflows
                self._total = self._count(full - bar * self._narrow)
        self.virtual_size = Size(self._width, self._total + head)

    def on_resize(self, event: events.Resize) -> None:
        self._reflow()
        self._scroll_to_cursor()
        self.refresh()

    def _refresh_item(self, index: int) -> None:
        if not 0 <= index < len(self._keys) or self._width <= 0:
            return
        y = self._start(index) - self._top + self.HEADER_LINES
        height = self._height(index)
        top, bottom = max(y, self.HEADER_LINES), min(y + height, self.size.height)
        if top < bottom:
            self.refresh(Region(0, top, self.size.width, bottom - top))

    def on_focus(self) -> None:
        self._restyle()
        self._refresh_item(self.cursor)

    def on_blur(self) -> None:
        self._restyle()
        self._refresh_item(self.cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        """The styles changed (a theme, focus, a class): every line is styled again when drawn."""
        self._styles = None
        self._drawn.clear()
        self._header = None

    def _line_styles(self) -> dict[str, Style]:
        """The styles of each kind of line, looked up once until the styles change (looking them up
        was a third of drawing a line)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = {"even": base, **{kind: base + self.get_component_rich_style(f"scrolling-list--{kind}")
                                             for kind in KINDS}}
        return self._styles

    def _text_line(self, text: Text, style: Style) -> Strip:
        text.end = ""
        strip = Strip(list(text.render(self.app.console))).adjust_cell_length(self.size.width)
        return strip.apply_style(style)

    def render_line(self, y: int) -> Strip:
        if self._width != self.size.width - self.styles.scrollbar_size_vertical * self._narrow:
            self._reflow()  # resized, and the Resize event is still on its way
        styles = self._line_styles()
        width = self.size.width
        if y < self.HEADER_LINES:
            if self._header is None:
                self._header = self._text_line(self.header_line(self._width), styles["header"])
            return self._header
        line = self._top + y - self.HEADER_LINES
        if not self._keys:
            if line == 0 and self.empty:
                return self._text_line(Text(self.empty), styles["empty"])
            return Strip.blank(width, styles["even"])
        if line >= self._total:
            return Strip.blank(width, styles["even"])
        index = self._item_at(line)
        key = self._keys[index]
        kind = "cursor" if index == self.cursor else "odd" if self.STRIPED and index % 2 else "even"
        drawn = self._drawn.get(key)
        if drawn is None or drawn[0] != kind:
            drawn = self._drawn[key] = (kind, [strip.apply_style(styles[kind]) for strip in self._item(index)])
        return drawn[1][line - self._start(index)]


__all__ = ["ScrollingList"]
