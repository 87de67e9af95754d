"""The modal in which the moderator picks who asks for the floor (`a`) or raises a point of order (`o`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from roundtable.domain.roster_search import RosterIndex
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.widgets.participant_picker import ParticipantPicker, PickerChoice


class SpeakerPickerScreen(ActsByTable, ModalScreen[PickerChoice | None]):
    """Kept installed by the session screen and shown again with `reset()`: building the modal
    anew on every `a` cost ~0.1 s of a 2-core laptop (make bench, Pilot: add speaker)."""

    ACTION_PLACE = "speaker picker"
    BINDINGS = bindings("speaker picker")

    def __init__(self, title: str, roster: RosterIndex, statuses: dict[str, str] | None = None):
        super().__init__()
        self.title_text = title
        self.roster = roster
        self.statuses = statuses or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Static(Content(self.title_text), id="picker-title")
            yield ParticipantPicker(self.roster, statuses=self.statuses)

    def reset(self, title: str, roster: RosterIndex, statuses: dict[str, str] | None = None) -> None:
        """Ready for the next pick: a new title, the current roster and who is queued or has spoken,
        an empty query."""
        self.title_text = title
        self.roster = roster
        self.statuses = statuses or {}
        if self.is_mounted:
            self.query_one("#picker-title", Static).update(Content(title))
            self.query_one(ParticipantPicker).reset(roster, self.statuses)

    def on_participant_picker_chosen(self, message: ParticipantPicker.Chosen) -> None:
        self.dismiss(message.choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
