"""The rapporteur's note line: type, `enter` saves the note, `ctrl+r` saves it as a recommendation.

The widget only edits text. Saving is the screen's decision (it receives `Saved` and
`RecommendationRequested`); keeping the draft is delegated to `save_draft`, a callable the screen
passes in and the line calls synchronously: 300 ms after the last keystroke, when the line is left
(`escape`, blur) and when it is unmounted, so that a killed app loses at most the last 300 ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Input
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.storage_guard import GuardsStorage
from roundtable.tui.widgets.typing_line import TypingLine

DRAFT_DELAY = 0.3


class NoteLine(ActsByTable, GuardsStorage, TypingLine):
    ACTION_PLACE = "note line"
    BINDINGS = bindings("note line")

    @dataclass
    class Saved(Message):
        """`enter` on a non-empty line: save it as a note."""

        note_line: NoteLine
        text: str

    @dataclass
    class RecommendationRequested(Message):
        """Save the line as a recommendation (the screen's `ctrl+r` asks the line for its text)."""

        note_line: NoteLine
        text: str

    @dataclass
    class Left(Message):
        """`escape`: the user is done typing for now; the text stays."""

        note_line: NoteLine

    @dataclass
    class NotesWanted(Message):
        """`up`: the user wants to go to the list of saved notes."""

        note_line: NoteLine

    def __init__(self, draft: str = "", save_draft: Callable[[str], None] | None = None, **kwargs):
        super().__init__(
            value=draft,
            placeholder="Note (i) · enter saves · !key point · ctrl+r recommendation · esc leaves",
            **kwargs,
        )
        self._save_draft = save_draft
        self._saved_draft = draft
        self._changed_at: float | None = None  # when the text last changed without being written
        self._undo: list[str] = []
        self._redo: list[str] = []
        self._previous = draft
        self._last_edit = 0.0
        self._restoring = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        event.stop()
        self._remember(event.value)
        # One interval checks for a pause in the typing (`on_mount`): a timer made and cancelled on
        # every key cost a few milliseconds a letter.
        self._changed_at = time.monotonic()

    def on_mount(self) -> None:
        self.set_interval(DRAFT_DELAY / 3, self._draft_due)

    def _draft_due(self) -> None:
        if self._changed_at is not None and time.monotonic() - self._changed_at >= DRAFT_DELAY:
            self.flush_draft()

    def _remember(self, value: str) -> None:
        """Keep the text as it was before each burst of typing (a new word, a pause, a deletion),
        so that ctrl+z steps back a word or an edit at a time, not a letter."""
        if not self._restoring and value != self._previous:
            moment = time.monotonic()
            new_word = self._previous.endswith(" ") and not value.endswith(" ")
            if (not self._undo or new_word or moment - self._last_edit > 1.0
                    or len(value) < len(self._previous)):
                self._undo.append(self._previous)
                self._redo.clear()
            self._last_edit = moment
        self._previous = value

    def _restore(self, value: str) -> None:
        self._restoring = True
        try:
            self.value = value
            self.cursor_position = len(value)
        finally:
            self._restoring = False
        self._previous = value

    def action_undo_text(self) -> None:
        if self._undo:
            self._redo.append(self.value)
            self._restore(self._undo.pop())

    def action_redo_text(self) -> None:
        if self._redo:
            self._undo.append(self.value)
            self._restore(self._redo.pop())

    def flush_draft(self) -> None:
        """Write the draft now if it changed since it was last written."""
        self._changed_at = None
        if self._save_draft is not None and self.value != self._saved_draft:
            self._save_draft(self.value)
            self._saved_draft = self.value

    def clear_saved(self) -> None:
        """The screen saved the line: empty it (and the draft) for the next note."""
        self._restore("")
        self._undo.clear()
        self._redo.clear()
        self.flush_draft()

    def request_recommendation(self) -> None:
        self.post_message(self.RecommendationRequested(self, self.value.strip()))

    async def action_submit(self) -> None:
        text = self.value.strip()
        if text:
            self.post_message(self.Saved(self, text))

    def action_leave(self) -> None:
        self.flush_draft()
        self.post_message(self.Left(self))

    def action_to_notes(self) -> None:
        self.post_message(self.NotesWanted(self))

    # Textual calls the handler of every class in the MRO, so Input's own blur handling still runs.
    def on_blur(self) -> None:
        self.flush_draft()

    def on_unmount(self) -> None:
        self.flush_draft()
