"""Edit a recommendation's text (several lines) and to whom it is addressed (free text, with suggestions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, TextArea

from roundtable.domain.models import Recommendation
from roundtable.tui.action_guard import ActsByTable, bindings


@dataclass(frozen=True)
class RecommendationEdit:
    text: str
    addressed_to: str | None


class RecommendationEditor(ActsByTable, ModalScreen[RecommendationEdit | None]):
    """The text in a multi-line editor (soft wrap; enter starts a new line, so ctrl+s saves), the
    addressee on one line with suggestions (enter there saves too)."""

    ACTION_PLACE = "recommendation editor"
    BINDINGS = bindings("recommendation editor")

    def __init__(self, rec: Recommendation, number: str | None, addressees: Sequence[str]):
        super().__init__()
        self.rec = rec
        self.number = number
        self.addressees = list(dict.fromkeys(addressees))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Recommendation {self.number or '(dropped)'}", classes="dialog-title")
            yield TextArea(self.rec.text, soft_wrap=True, tab_behavior="focus", id="rec-text")
            yield Label("Addressed to (→ accepts a suggestion):")
            yield Input(
                value=self.rec.addressed_to or "",
                placeholder="Member States, UN DESA, private sector, civil society…",
                suggester=SuggestFromList(self.addressees, case_sensitive=False),
                id="rec-addressee",
            )
            yield Label("ctrl+s saves · enter starts a new line · tab moves · esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        text = self.query_one("#rec-text", TextArea)
        text.focus()
        text.move_cursor(text.document.end)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#rec-text", TextArea).text.strip()
        if not text:
            self.notify("A recommendation needs a text.", severity="warning")
            return
        addressee = self.query_one("#rec-addressee", Input).value.strip() or None
        self.dismiss(RecommendationEdit(text, addressee))

    def action_cancel(self) -> None:
        self.dismiss(None)
