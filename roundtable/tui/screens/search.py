"""`/`: full-text search over notes and recommendations; `enter` jumps to what was found."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from roundtable.store.search import MARK_END, MARK_START, SearchHit
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.storage_guard import GuardsStorage


def hit_prompt(hit: SearchHit) -> Table:
    """Kind, session (or track), then the matching passage with the matches highlighted."""
    where = hit.session_code or (f"track {hit.track_code}" if hit.track_code else "the Forum")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=4)
    grid.add_column(width=9)
    grid.add_column(ratio=1)
    grid.add_row(
        Text("rec" if hit.kind == "recommendation" else "note", style="bold"),
        Text(where, style="dim"),
        highlighted(hit.snippet),
    )
    return grid


def highlighted(snippet: str) -> Text:
    line = Text()
    rest = snippet
    while MARK_START in rest:
        before, _, rest = rest.partition(MARK_START)
        found, _, rest = rest.partition(MARK_END)
        line.append(before)
        line.append(found, style="bold reverse")
    line.append(rest)
    return line


class SearchScreen(ActsByTable, GuardsStorage, ModalScreen[SearchHit | None]):
    """Returns the chosen hit, or None. `search` is the query function (the app passes the store's)."""

    ACTION_PLACE = "search"
    BINDINGS = bindings("search")

    def __init__(self, search: Callable[[str], Sequence[SearchHit]]):
        super().__init__()
        self.search = search
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Search notes and recommendations", classes="dialog-title")
            yield Input(placeholder="words (any language; the last one may be unfinished)", id="search-input")
            yield OptionList(id="search-results")
            yield Label("↓ to the results · enter opens · esc closes", classes="dialog-hint", id="search-hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.hits = list(self.search(event.value))
        results = self.query_one("#search-results", OptionList)
        results.set_options(Option(hit_prompt(h), id=str(i)) for i, h in enumerate(self.hits))
        if self.hits:
            results.highlighted = 0
        hint = self.query_one("#search-hint", Label)
        if event.value.strip() and not self.hits:
            hint.update("nothing found · esc closes")
        else:
            hint.update(f"{len(self.hits)} found · ↓ to the results · enter opens · esc closes")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            self.dismiss(self.hits[results.highlighted or 0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.hits[int(event.option.id)])

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one("#search-results", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
