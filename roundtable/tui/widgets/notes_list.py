"""The session's notes, oldest first, each with the speaker it is linked to.

Drawn line by line (Textual's Line API), like the queue: the list's height comes from the
stylesheet, each note is wrapped once per width (and again only when it changes), and saving a
note renders that note's lines and repaints the list, without measuring the session's other notes
or laying the screen out again. So saving a note costs the same in a session of fifty notes and in
one of twelve hundred.

Keys act on the highlighted note and are reported up as messages; the screen changes the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bisect import bisect_right

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from roundtable.domain import clock
from roundtable.store.notes import NoteWithSpeaker
from roundtable.tui.action_guard import ActsByTable, bindings

GUTTER = 8  # "09:41 ★ ": the time and the key-point star, then the note wrapped under itself


def speaker_label(entry: NoteWithSpeaker) -> str:
    if entry.note.by_chair:
        return "the Chair"
    person = entry.speaker
    if person is None:
        return "session"
    return f"{person.name} ({person.country})" if person.country else person.name


def note_body(entry: NoteWithSpeaker) -> Text:
    """"Speaker: text  ⇒ recommendation T1", styled (plain Text: never read as markup)."""
    note = entry.note
    body = Text()
    body.append(speaker_label(entry), style="italic" if entry.speaker is None and not note.by_chair else "bold")
    body.append(": ")
    body.append(note.text, style="bold" if note.key_point else "")
    if entry.recommended_in:
        where = ", ".join(code or "Forum" for code in entry.recommended_in)  # "": the forum as a whole
        body.append(f"  ⇒ recommendation {where}", style="italic")
    return body


def note_text(entry: NoteWithSpeaker) -> str:
    """The note as the list shows it, in plain text (what a reader of the screen sees)."""
    note = entry.note
    return f"{clock.local(note.created_at):%H:%M} {'★' if note.key_point else ' '} {note_body(entry).plain}"


def _signature(entry: NoteWithSpeaker) -> tuple:
    """Everything the list shows of a note."""
    note = entry.note
    return (note.text, note.key_point, note.created_at, speaker_label(entry), entry.speaker is None,
            note.by_chair, entry.recommended_in)


class NotesList(ActsByTable, Widget, can_focus=True):
    DEFAULT_CSS = """
    NotesList {
        height: 8;
        background: $surface;
    }
    NotesList > .notes-list--highlight {
        background: $block-cursor-blurred-background;
    }
    NotesList:focus > .notes-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    NotesList > .notes-list--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    COMPONENT_CLASSES = {"notes-list--highlight", "notes-list--empty"}

    ACTION_PLACE = "notes list"
    BINDINGS = bindings("notes list")

    @dataclass
    class Action(Message):
        """Do `action` ("key_point", "relink", "edit", "delete", "undo") to the note `note_id` (None for undo)."""

        notes_list: NotesList
        action: str
        note_id: str | None

    @dataclass
    class Left(Message):
        notes_list: NotesList

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._entries: list[NoteWithSpeaker] = []
        self._index: dict[str, int] = {}
        self._signatures: dict[str, tuple] = {}
        self._lines: dict[str, list[Strip]] = {}  # a note's wrapped lines at `_width`
        self._width = -1
        self._starts: list[int] = []  # the first line of each note
        self._total = 0  # lines in all
        self.highlighted: int | None = None
        self.top = 0  # the first line shown
        self._following = True  # the newest note stays in view
        self._styles: tuple[Style, Style, Style] | None = None

    # -- what other code reads --------------------------------------------------------------

    @property
    def note_count(self) -> int:
        return len(self._entries)

    @property
    def note_ids(self) -> list[str]:
        return [e.note.id for e in self._entries]

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not self._entries:
            return None
        return self._entries[self.highlighted].note.id

    def note_text(self, index: int) -> str:
        return note_text(self._entries[index])

    def index_of(self, note_id: str) -> int | None:
        return self._index.get(note_id)

    # -- updating -----------------------------------------------------------------------------

    def show(self, entries: Sequence[NoteWithSpeaker]) -> None:
        """Show `entries`, keeping the highlighted note; when the newest was highlighted (or none),
        follow the newest so that a note just saved is in view. Only notes that changed are wrapped
        again."""
        keep = self.highlighted_id
        following = self.highlighted is None or self.highlighted == len(self._entries) - 1
        self._entries = list(entries)
        self._index = {e.note.id: i for i, e in enumerate(self._entries)}
        signatures = {e.note.id: _signature(e) for e in self._entries}
        for note_id in list(self._lines):
            if signatures.get(note_id) != self._signatures.get(note_id):
                del self._lines[note_id]
        self._signatures = signatures
        self._reflow()
        if not self._entries:
            self.highlighted = None
        elif following or keep not in self._index:
            self.highlighted = len(self._entries) - 1
        else:
            self.highlighted = self._index[keep]
        self._following = self.highlighted == len(self._entries) - 1 if self._entries else True
        self._scroll_to_highlight()
        self.refresh()

    def append(self, entry: NoteWithSpeaker) -> None:
        """A note just saved here: wrapped and added at the end, and followed."""
        if entry.note.id in self._index:
            return
        self._index[entry.note.id] = len(self._entries)
        self._entries.append(entry)
        self._signatures[entry.note.id] = _signature(entry)
        if self._width > 0:
            self._starts.append(self._total)
            self._total += len(self._note_lines(entry))
        self.highlighted = len(self._entries) - 1
        self._following = True
        self._scroll_to_highlight()
        self.refresh()

    def highlight(self, note_id: str) -> bool:
        index = self._index.get(note_id)
        if index is None:
            return False
        self._set_highlight(index)
        return True

    # -- lines ----------------------------------------------------------------------------------

    def _note_lines(self, entry: NoteWithSpeaker) -> list[Strip]:
        lines = self._lines.get(entry.note.id)
        if lines is None:
            lines = self._lines[entry.note.id] = self._wrap(entry)
        return lines

    def _wrap(self, entry: NoteWithSpeaker) -> list[Strip]:
        console = self.app.console
        width = max(1, self._width - GUTTER)
        note = entry.note
        gutter = Text(f"{clock.local(note.created_at):%H:%M} ", style="dim")
        gutter.append("★ " if note.key_point else "  ", style="bold")
        wrapped = note_body(entry).wrap(console, width, overflow="fold")
        strips = []
        for number, line in enumerate(wrapped):
            line.end = ""
            prefix = gutter if number == 0 else Text(" " * GUTTER)
            segments = list(prefix.render(console)) + list(line.render(console))
            strips.append(Strip(segments).adjust_cell_length(self._width))
        return strips or [Strip.blank(self._width)]

    def _reflow(self) -> None:
        """Where each note starts, at the current width (each note wrapped once, then cached)."""
        width = self.size.width
        if width <= 0:
            self._width = -1
            return
        if width != self._width:
            self._width = width
            self._lines.clear()
        self._starts = []
        total = 0
        for entry in self._entries:
            self._starts.append(total)
            total += len(self._note_lines(entry))
        self._total = total

    def on_resize(self, event: events.Resize) -> None:
        self._reflow()
        self._scroll_to_highlight()
        self.refresh()

    def _scroll_to_highlight(self) -> None:
        height = self.size.height
        if height <= 0 or self._width <= 0:
            return
        if self._following or self.highlighted is None:
            self.top = max(0, self._total - height)
            return
        start = self._starts[self.highlighted]
        end = start + len(self._note_lines(self._entries[self.highlighted]))
        if start < self.top:
            self.top = start
        elif end > self.top + height:
            self.top = max(0, min(start, end - height))

    def render_line(self, y: int) -> Strip:
        if self._width != self.size.width:
            self._reflow()
            self._scroll_to_highlight()
        base, highlight, empty = self._line_styles()
        if not self._entries:
            if y == 0:
                text = Text("No note yet: i types one", end="")
                return Strip(list(text.render(self.app.console))).adjust_cell_length(self.size.width).apply_style(empty)
            return Strip.blank(self.size.width, base)
        line = self.top + y
        if line >= self._total:
            return Strip.blank(self.size.width, base)
        index = self._note_at(line)
        strip = self._note_lines(self._entries[index])[line - self._starts[index]]
        return strip.apply_style(highlight if index == self.highlighted else base)

    def _line_styles(self) -> tuple[Style, Style, Style]:
        """The base, highlighted and empty lines' styles, looked up once until the styles change
        (looking them up was a third of drawing a line)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (base, base + self.get_component_rich_style("notes-list--highlight"),
                            base + self.get_component_rich_style("notes-list--empty"))
        return self._styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _note_at(self, line: int) -> int:
        return max(0, bisect_right(self._starts, line) - 1)

    # -- moving ---------------------------------------------------------------------------------

    def _set_highlight(self, index: int) -> None:
        if not self._entries:
            return
        index = max(0, min(len(self._entries) - 1, index))
        self.highlighted = index
        self._following = index == len(self._entries) - 1
        self._scroll_to_highlight()
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.highlighted is not None:
            self._set_highlight(self.highlighted + step)

    def action_edge(self, step: int) -> None:
        self._set_highlight(0 if step < 0 else len(self._entries) - 1)

    def action_page(self, step: int) -> None:
        if self.highlighted is not None:
            self._set_highlight(self.highlighted + step * max(1, self.size.height // 2))

    def on_click(self, event: events.Click) -> None:
        if self._entries and self.top + event.y < self._total:
            self._set_highlight(self._note_at(self.top + event.y))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._following = False
        self.top = max(0, self.top - 2)
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.top = max(0, min(self.top + 2, self._total - self.size.height))
        self.refresh()

    def on_focus(self) -> None:
        self._styles = None
        self.refresh()

    def on_blur(self) -> None:
        self._styles = None
        self.refresh()

    # -- keys -------------------------------------------------------------------------------------

    def _post(self, action: str) -> None:
        note_id = self.highlighted_id
        if note_id is not None or action == "undo":
            self.post_message(self.Action(self, action, note_id))

    def action_key_point(self) -> None:
        self._post("key_point")

    def action_relink(self) -> None:
        self._post("relink")

    def action_edit(self) -> None:
        self._post("edit")

    def action_delete(self) -> None:
        self._post("delete")

    def action_undo(self) -> None:
        self._post("undo")

    def action_leave(self) -> None:
        self.post_message(self.Left(self))


__all__ = ["NotesList", "note_text", "speaker_label"]
