"""A one-line text prompt in a modal: `enter` returns the text, `escape` returns None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from roundtable.tui.action_guard import ActsByTable, bindings


class TextPrompt(ActsByTable, ModalScreen[str | None]):
    ACTION_PLACE = "text prompt"
    BINDINGS = bindings("text prompt")

    def __init__(self, title: str, value: str = "", hint: str = ""):
        super().__init__()
        self.prompt_title = title
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.prompt_title), classes="dialog-title")
            yield Input(value=self.value, id="prompt-input")
            if self.hint:
                yield Label(Content(self.hint), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
