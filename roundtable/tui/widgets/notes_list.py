"""The session's notes, oldest first, each with the speaker it is linked to.

Keys act on the highlighted note and are reported up as messages; the screen changes the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.css.scalar import Unit
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from roundtable.domain import clock
from roundtable.store.notes import NoteWithSpeaker


def speaker_label(entry: NoteWithSpeaker) -> str:
    if entry.note.by_chair:
        return "the Chair"
    person = entry.speaker
    if person is None:
        return "session"
    return f"{person.name} ({person.country})" if person.country else person.name


def note_prompt(entry: NoteWithSpeaker) -> Table:
    """Time, key-point star, then "Speaker: text" wrapped under itself."""
    note = entry.note
    body = Text()
    body.append(speaker_label(entry), style="italic" if entry.speaker is None and not entry.note.by_chair else "bold")
    body.append(": ")
    body.append(note.text, style="bold" if note.key_point else "")
    if entry.recommended_in:
        where = ", ".join(code or "Forum" for code in entry.recommended_in)  # "": the forum as a whole
        body.append(f"  ⇒ recommendation {where}", style="italic")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=5)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    grid.add_row(
        Text(f"{clock.local(note.created_at):%H:%M}", style="dim"),
        Text("★" if note.key_point else " ", style="bold"),
        body,
    )
    return grid


def _signature(entry: NoteWithSpeaker) -> tuple:
    """Everything `note_prompt` shows of a note."""
    note = entry.note
    return (note.text, note.key_point, note.created_at, speaker_label(entry), entry.speaker is None, entry.recommended_in)


class NotesList(OptionList):
    BINDINGS = [
        Binding("k", "key_point", "Key point"),
        Binding("s", "relink", "Re-link"),
        Binding("e,enter", "edit", "Edit note"),
        Binding("d,delete", "delete", "Delete note"),
        Binding("u", "undo", "Undo (notes)"),
        Binding("escape", "leave", "Leave notes", show=False),
    ]

    @dataclass
    class Action(Message):
        """Do `action` ("key_point", "relink", "edit", "delete", "undo") to the note `note_id` (None for undo)."""

        notes_list: NotesList
        action: str
        note_id: str | None

    @dataclass
    class Left(Message):
        notes_list: NotesList

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shown: dict[str, tuple] = {}  # note id -> what its option shows, to update in place

    def show(self, entries: Sequence[NoteWithSpeaker]) -> None:
        """Make the list show `entries`, keeping the highlighted note; on the newest one (or none),
        follow the newest so that a note just saved is in view.

        Options are updated in place: a new note is appended, an edited one re-drawn, and the list
        is rebuilt only when notes left it or changed order. Rebuilding would measure every note
        (a rich table each) again, on every key that saves one.
        """
        option = self.highlighted_option
        following = option is None or self.highlighted == self.option_count - 1
        keep = option.id if option is not None else None
        wanted = {e.note.id: _signature(e) for e in entries}
        ids = list(wanted)
        shown = list(self._shown)
        if shown == ids[: len(shown)]:
            for note_id in shown:
                if self._shown[note_id] != wanted[note_id]:
                    entry = next(e for e in entries if e.note.id == note_id)
                    self.replace_option_prompt(note_id, note_prompt(entry))
            self.add_options(Option(note_prompt(e), id=e.note.id) for e in entries[len(shown):])
        else:
            self.set_options(Option(note_prompt(e), id=e.note.id) for e in entries)
        self._shown = wanted
        if not entries:
            return
        self.highlighted = len(ids) - 1 if following or keep not in ids else ids.index(keep)

    def append(self, entry: NoteWithSpeaker) -> None:
        """A note just saved here: added at the end and followed, without re-reading the others."""
        if entry.note.id in self._shown:
            return
        self.add_option(Option(note_prompt(entry), id=entry.note.id))
        self._shown[entry.note.id] = _signature(entry)
        self.highlighted = self.option_count - 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The notes' height, measured only as far as the list's max-height: OptionList measures
        every note on every layout of the screen otherwise, ~1 ms a note."""
        limit = self.styles.max_height
        if limit is None or limit.unit != Unit.CELLS:
            return super().get_content_height(container, viewport, width)
        padding = self.get_component_styles("option-list--option").padding.width
        height = 0
        for option in reversed(self.options):  # the newest are the ones in view
            height += self._get_visual(option).get_height(self.styles, width - padding) + option._divider
            if height >= limit.value:
                break
        return height

    def _post(self, action: str) -> None:
        option = self.highlighted_option
        if option is not None or action == "undo":
            self.post_message(self.Action(self, action, option.id if option is not None else None))

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
