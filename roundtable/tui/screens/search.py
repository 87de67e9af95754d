"""`/`: people by name (the roster search's model, any script) and full-text search over notes and
recommendations; `enter` jumps to what was found: the person in the participants screen, the
session at the note, or the recommendation."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.roster_search import SLIP, RosterIndex
from roundtable.store.search import MARK_END, MARK_START, SearchHit
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.storage_guard import GuardsStorage

PEOPLE_SHOWN = 5  # people listed above the notes: a name is what the search was for, or it is not


def person_prompt(person: Participant) -> Table:
    """ "person", then the titled name, country and organisation."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=4)
    grid.add_column(width=9)
    grid.add_column(ratio=1)
    where = " · ".join(p for p in (country_name(person.country), person.organisation) if p)
    line = Text(person.titled, style="bold")
    if where:
        line.append(f"  {where}", style="dim")
    grid.add_row(Text("who", style="bold"), Text("f2", style="dim"), line)
    return grid


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


class SearchScreen(ActsByTable, GuardsStorage, ModalScreen[SearchHit | Participant | None]):
    """Returns the chosen hit or person, or None. `search` is the query function (the app passes the
    store's); `load_people` reads the roster, indexed in a worker thread when the screen opens."""

    ACTION_PLACE = "search"
    BINDINGS = bindings("search")

    def __init__(self, search: Callable[[str], Sequence[SearchHit]],
                 load_people: Callable[[], Sequence[Participant]] | None = None):
        super().__init__()
        self.search = search
        self.load_people = load_people
        self.people: RosterIndex | None = None
        self.hits: list[SearchHit | Participant] = []

    def on_mount(self) -> None:
        if self.load_people is None:
            return
        load = self.load_people

        def build() -> None:
            index = RosterIndex(load())
            self.app.call_from_thread(self._indexed, index)

        self.run_worker(build, thread=True, group="search-people")

    def _indexed(self, index: RosterIndex) -> None:
        self.people = index
        if self.is_mounted:
            self._refresh_hits(self.query_one("#search-input", Input).value)

    def _named(self, text: str) -> list[Participant]:
        """People whose name matches every word (not those found through an organisation or country)."""
        if self.people is None or not text.strip():
            return []
        result = self.people.search(text, PEOPLE_SHOWN)
        return [p for p, ranks in zip(result.matches, result.ranks) if max(ranks, default=0) <= SLIP]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Search people, notes and recommendations", classes="dialog-title")
            yield Input(placeholder="a name (any script) or words (any language; the last one may be unfinished)",
                        id="search-input")
            yield OptionList(id="search-results")
            yield Label("↓ to the results · enter opens · esc closes", classes="dialog-hint", id="search-hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refresh_hits(event.value)

    def _refresh_hits(self, value: str) -> None:
        self.hits = [*self._named(value), *self.search(value)]
        results = self.query_one("#search-results", OptionList)
        results.set_options(
            Option(person_prompt(h) if isinstance(h, Participant) else hit_prompt(h), id=str(i))
            for i, h in enumerate(self.hits)
        )
        if self.hits:
            results.highlighted = 0
        hint = self.query_one("#search-hint", Label)
        if value.strip() and not self.hits:
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
