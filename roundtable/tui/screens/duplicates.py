"""Likely duplicate recommendations across all tracks, to review: `enter` merges a pair."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from roundtable.domain.similarity import DuplicatePair
from roundtable.tui.action_guard import ActsByTable, bindings


def pair_prompt(pair: DuplicatePair, numbers: dict[str, str]) -> Text:
    line = Text()
    line.append(f"{pair.score:.0%} similar\n", style="bold")
    for label, rec in (("keep ", pair.first), ("merge", pair.second)):
        line.append(f"  {label} {numbers.get(rec.id, '—'):>5} ", style="dim")
        line.append(f"{rec.text}\n")
    return line


class DuplicatesScreen(ActsByTable, ModalScreen[DuplicatePair | None]):
    """Returns the pair to merge (the second into the first), or None."""

    ACTION_PLACE = "duplicates"
    BINDINGS = bindings("duplicates")

    def __init__(self, pairs: Sequence[DuplicatePair], numbers: dict[str, str]):
        super().__init__()
        self.pairs = list(pairs)
        self.numbers = numbers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Likely duplicates ({len(self.pairs)})", classes="dialog-title")
            yield OptionList(
                *[Option(pair_prompt(p, self.numbers), id=str(i)) for i, p in enumerate(self.pairs)],
                id="duplicate-pairs",
            )
            yield Label(
                "enter merges the second into the first (sources kept, text of the first) · esc closes",
                classes="dialog-hint",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.pairs[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
