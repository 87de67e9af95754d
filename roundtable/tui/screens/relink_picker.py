"""`s` on a note: whom it is about. Another speaker of the session (most recent first), the chair,
or the session itself. Returns the choice, or None on `escape`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from roundtable.tui.action_guard import ActsByTable, bindings


@dataclass(frozen=True)
class LinkTarget:
    source: str  # "speaker" | "chair" | "session"
    intervention_id: str | None
    label: str  # "H.E. Mr. Bagdat Mussin (09:41)", "the Chair", "the session"


class RelinkPicker(ActsByTable, ModalScreen[LinkTarget | None]):
    ACTION_PLACE = "relink picker"
    BINDINGS = bindings("relink picker")

    def __init__(self, excerpt: str, targets: Sequence[LinkTarget], current: LinkTarget | None = None):
        super().__init__()
        self.excerpt = excerpt
        self.targets = list(targets)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content.from_markup("File the note [i]$excerpt[/i] under:", excerpt=self.excerpt),
                        classes="dialog-title")
            yield OptionList(
                *[Option(Content(t.label) + (Content.styled("  (now)", "dim") if t == self.current else Content("")),
                         id=str(i)) for i, t in enumerate(self.targets)],
                id="relink-options",
            )
            yield Label("enter files it there (ctrl+z undoes) · esc cancels", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.targets[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
