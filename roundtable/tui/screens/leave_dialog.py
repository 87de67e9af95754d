"""Leaving a session (escape, or quitting) while someone has the floor: what happens to the clock?

One small dialog, one key per answer: keep the clock running (the session goes on in the room),
suspend the session (clock stopped until `n` or `space`), or end the intervention; `escape` stays.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from roundtable.tui.action_guard import ActsByTable, bindings

LeaveChoice = Literal["keep", "suspend", "end"]


class LeaveDialog(ActsByTable, ModalScreen[LeaveChoice | None]):
    ACTION_PLACE = "leave dialog"
    BINDINGS = bindings("leave dialog")

    def __init__(self, speaker: str, leaving: str = "Leaving the session"):
        super().__init__()
        self.speaker = speaker
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="leave-dialog"):
            yield Label(Content.from_markup("$leaving: [b]$who[/b] has the floor.", leaving=self.leaving,
                                            who=self.speaker), classes="dialog-title")
            yield Static(Content.from_markup(
                "[b]k[/b]  keep the clock running (the session goes on in the room)\n"
                "[b]s[/b]  suspend the session: the clock stops until n or space\n"
                "[b]e[/b]  end the intervention now\n"
                "[b]esc[/b]  stay in the session"
            ))

    def action_choose(self, choice: LeaveChoice | None) -> None:
        self.dismiss(choice)


class UnattendedDialog(ActsByTable, ModalScreen[bool | None]):
    """The clock ran while no roundtable had the session open: does that time count?"""

    ACTION_PLACE = "unattended dialog"
    BINDINGS = bindings("unattended dialog")

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unattended-dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            yield Static(Content.from_markup(
                "[b]y[/b]  yes, it counts as speaking time\n"
                "[b]n[/b]  no, take it out of the speaking time (undoable)\n"
                "[b]esc[/b]  leave the clock as it is"
            ))

    def action_choose(self, choice: bool | None) -> None:
        self.dismiss(choice)
