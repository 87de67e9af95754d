"""One day of the programme as a table whose columns fit the terminal's width.

The short columns (time, track, room, rule, the `● live` mark) are what a moderator looks for, so
they keep their width and the title takes what is left, cut at a word with "…". When that leaves
the title too little, the Kind column gives way first (the title usually says it: "Opening
plenary", "Round-Table"); then each row takes two lines, the room, the rule and the mark wrapped
at a word and the title on two lines. The columns are laid out again only when the table's width
changes (a resize), never on a key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from roundtable.domain.models import Session
from roundtable.tui.text_fit import cut_at_word, narrowest, wrap_words

ATTRIBUTION_MARKS = {
    "attributed": "",
    "by-country": "by country",
    "chatham-house": "Chatham House",
    "off-record": "off the record",
}
LIVE, SUSPENDED = "● live", "‖ suspended"

COLUMNS = (("time", "Time"), ("track", "Track"), ("title", "Session"), ("kind", "Kind"), ("room", "Room"),
           ("rule", "Rule"), ("live", "Now"))
TITLE_MIN = 30  # below this on one line, the Kind column goes, then rows take two lines
WRAPPED = ("room", "rule", "live")  # the columns that wrap at a word on two-line rows


@dataclass(frozen=True)
class Layout:
    widths: tuple[tuple[str, int], ...]  # (column key, width) of each column shown, in order
    lines: int  # each row's height


def layout(width: int, texts: Mapping[str, Sequence[str]], padding: int = 1) -> Layout:
    """The columns shown and their widths in `width` cells, for the columns' `texts` (header
    included); each column takes `padding` cells on each side."""
    def natural(key: str) -> int:
        return max(cell_len(text) for text in texts[key])

    def two_lines(key: str) -> int:
        return max(narrowest(text, 2) for text in texts[key]) if key in WRAPPED else natural(key)

    longest_title = natural("title")
    without_kind = [k for k, _ in COLUMNS if k != "kind"]
    for keys in ([k for k, _ in COLUMNS], without_kind):
        others = {k: natural(k) for k in keys if k != "title"}
        room = width - sum(others.values()) - 2 * padding * len(keys)
        if room >= min(TITLE_MIN, longest_title):
            widths = {**others, "title": min(room, longest_title)}
            return Layout(tuple((k, widths[k]) for k in keys), 1)
    others = {k: two_lines(k) for k in without_kind if k != "title"}
    room = width - sum(others.values()) - 2 * padding * len(without_kind)
    widths = {**others, "title": max(room, 8)}
    return Layout(tuple((k, widths[k]) for k in without_kind), 2)


class ProgrammeTable(DataTable):
    """The sessions of one day; `show_marks` sets the Now column (`● live`, `‖ suspended`)."""

    def __init__(self, sessions: Sequence[Session], look: Callable[[Session], str], **kwargs):
        """`look`: the style of a session's track and title (dimmed where this terminal only reads)."""
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.sessions = list(sessions)
        self._look = look
        self._marks: dict[str, str] = {}
        self._layout: Layout | None = None
        self._selected: str | None = None  # the session to highlight once the rows are there
        self._texts = {
            "time": ["Time", "00:00–00:00"],
            "track": ["Track", *(s.track or "all" for s in self.sessions)],
            "title": ["Session", *(s.title for s in self.sessions)],
            "kind": ["Kind", *(s.kind for s in self.sessions)],
            "room": ["Room", *(s.room or "" for s in self.sessions)],
            "rule": ["Rule", *(ATTRIBUTION_MARKS[s.attribution] for s in self.sessions)],
            "live": ["Now", LIVE, SUSPENDED],
        }

    @property
    def shown_layout(self) -> Layout | None:
        """The columns shown at the current width (None before the table has a width)."""
        return self._layout

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def on_mount(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.size.width
        if width <= 0:
            return
        found = layout(width, self._texts, self.cell_padding)
        lines = found.lines
        if len(self.sessions) * lines + 1 > self.size.height:  # the scrollbar takes its cells
            found = layout(width - self.styles.scrollbar_size_vertical, self._texts, self.cell_padding)
        if found == self._layout:
            return
        self._layout = found
        self._fill()

    def _fill(self) -> None:
        assert self._layout is not None
        selected = self._selected
        if selected is None and 0 <= self.cursor_row < self.row_count:
            selected = self.sessions[self.cursor_row].id
        self._selected = None
        self.clear(columns=True)
        labels = dict(COLUMNS)
        for key, width in self._layout.widths:
            self.add_column(labels[key], key=key, width=width)
        for session in self.sessions:
            self.add_row(*self._cells(session), key=session.id, height=self._layout.lines)
        if selected is not None:
            self.move_cursor(row=self.get_row_index(selected), animate=False)

    def _cells(self, session: Session) -> list[Text]:
        assert self._layout is not None
        look = self._look(session)
        lines = self._layout.lines
        values = {
            "time": Text(f"{session.start:%H:%M}–{session.end:%H:%M}"),
            "track": Text(session.track or "all", style=look),
            "title": Text(session.title, style=look),
            "kind": Text(session.kind),
            "room": Text(session.room or ""),
            "rule": Text(ATTRIBUTION_MARKS[session.attribution]),
            "live": Text(self._marks.get(session.id, ""), style="bold"),
        }
        cells = []
        for key, width in self._layout.widths:
            text = values[key]  # Text, not str: a DataTable reads a str cell as markup
            if key == "title" or (lines == 2 and key in WRAPPED):
                text = Text("\n".join(wrap_words(text.plain, width, lines)), style=text.style)
            else:
                text = Text(cut_at_word(text.plain, width), style=text.style)
            cells.append(text)
        return cells

    def select(self, session_id: str) -> None:
        """Highlight the session (now, or when the table is first laid out)."""
        if all(s.id != session_id for s in self.sessions):
            return
        if self._layout is None:
            self._selected = session_id
        else:
            self.move_cursor(row=self.get_row_index(session_id), animate=False)

    def show_marks(self, marks: Mapping[str, str]) -> None:
        """Each session's mark in the Now column (sessions not in `marks`: none)."""
        changed = [s for s in self.sessions if marks.get(s.id, "") != self._marks.get(s.id, "")]
        self._marks = {key: mark for key, mark in marks.items() if mark}
        if self._layout is None:
            return
        lines = self._layout.lines
        width = dict(self._layout.widths)["live"]
        for session in changed:
            mark = self._marks.get(session.id, "")
            shown = "\n".join(wrap_words(mark, width, lines)) if lines == 2 else cut_at_word(mark, width)
            self.update_cell(session.id, "live", Text(shown, style="bold"))
