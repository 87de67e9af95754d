"""The session's notes, oldest first, each with the speaker it is linked to.

On the one scrolling list (scrolling_list.py), like the queue: the list's height comes from the
stylesheet, each note is wrapped once per width (and again only when it changes), and saving a
note renders that note's lines and repaints the list, without measuring the session's other notes.
So saving a note costs the same in a session of fifty notes and in one of twelve hundred.

Keys act on the highlighted note and are reported up as messages; the screen changes the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from roundtable.domain import clock
from roundtable.store.notes import NoteWithSpeaker
from roundtable.tui.action_guard import bindings
from roundtable.tui.widgets.scrolling_list import ScrollingList

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


def _signature(entry: NoteWithSpeaker) -> tuple[object, ...]:
    """Everything the list shows of a note."""
    note = entry.note
    return (note.text, note.key_point, note.created_at, speaker_label(entry), entry.speaker is None,
            note.by_chair, entry.recommended_in)


class NotesList(ScrollingList[NoteWithSpeaker]):
    DEFAULT_CSS = """
    NotesList {
        height: 8;
    }
    NotesList > .scrolling-list--cursor, NotesList:focus > .scrolling-list--cursor {
        text-style: none;
    }
    """
    STRIPED = False

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

    def __init__(self, **kwargs) -> None:
        super().__init__(empty="No note yet: i types one", **kwargs)
        self._signatures: dict[str, tuple[object, ...]] = {}  # what each note shown looks like
        self._known: dict[str, tuple[object, ...]] = {}  # and what it looked like before this show

    # -- what other code reads --------------------------------------------------------------

    @property
    def note_count(self) -> int:
        return self.item_count

    @property
    def note_ids(self) -> list[str]:
        return list(self._keys)

    @property
    def highlighted(self) -> int | None:
        return self.cursor if self._keys else None

    @property
    def highlighted_id(self) -> str | None:
        return self.selected_key

    def note_text(self, index: int) -> str:
        return note_text(self._content[self._keys[index]])

    def index_of(self, note_id: str) -> int | None:
        return self._index.get(note_id)

    # -- updating -----------------------------------------------------------------------------

    def show(self, entries: Sequence[NoteWithSpeaker]) -> None:
        """Show `entries`, keeping the highlighted note; when the newest was highlighted (or none),
        follow the newest so that a note just saved is in view. Only notes that changed are wrapped
        again."""
        signatures = {e.note.id: _signature(e) for e in entries}
        following = not self._keys or self.cursor == len(self._keys) - 1 or self.selected_key not in signatures
        self._known, self._signatures = self._signatures, signatures
        self.set_items(((e.note.id, e) for e in entries), follow_last=following)

    def same_content(self, key: str, old: NoteWithSpeaker, new: NoteWithSpeaker) -> bool:
        return old is new or self._known.get(key) == self._signatures.get(key)

    def append(self, entry: NoteWithSpeaker) -> None:
        """A note just saved here: wrapped and added at the end, and followed."""
        self._signatures[entry.note.id] = _signature(entry)
        self.append_item(entry.note.id, entry)

    def highlight(self, note_id: str) -> bool:
        return self.move_cursor(note_id)

    # -- lines ----------------------------------------------------------------------------------

    def item_lines(self, key: str, content: NoteWithSpeaker, width: int) -> list[Strip]:
        console = self.app.console
        note = content.note
        gutter = Text(f"{clock.local(note.created_at):%H:%M} ", style="dim")
        gutter.append("★ " if note.key_point else "  ", style="bold")
        strips = []
        for number, line in enumerate(note_body(content).wrap(console, max(1, width - GUTTER), overflow="fold")):
            line.end = ""
            prefix = gutter if number == 0 else Text(" " * GUTTER)
            strips.append(Strip(list(prefix.render(console)) + list(line.render(console))))
        return strips

    # -- moving ---------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.step_cursor(step)

    def action_edge(self, step: int) -> None:
        self.edge_cursor(step)

    def action_page(self, step: int) -> None:
        self.page_cursor(step)

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
