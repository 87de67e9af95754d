"""Search-as-you-type over the roster: a line to type in and the matching people below.

`enter` chooses the highlighted person; when the typed name is nobody in the roster, the last
option offers to add it as a new participant (the only option, so `enter` adds it, when nobody
matches). The widget only reports the choice; its screen decides what to do with it.
"""

from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.name_text import without_invisible
from roundtable.domain.roster_search import DEFAULT_LIMIT, RosterIndex
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.widgets.row_table import Column, RowTable
from roundtable.tui.widgets.typing_line import TypingLine

NEW_PERSON = "+new"


@dataclass(frozen=True)
class PickerChoice:
    """Either someone from the roster or a name to add on the spot."""

    participant_id: str | None = None
    new_name: str | None = None


def match_cells(person: Participant, status: str = "") -> tuple:
    """Name, "Kazakhstan · Government of Kazakhstan", and what the session says of them ("in the
    queue (2nd)"): plain Text, never read as markup."""
    where = " · ".join(p for p in (country_name(person.country), person.organisation) if p)
    return (Text(person.name, style="bold"), Text(where, style="dim"), Text(status, style="italic"))


class MatchList(RowTable, can_focus=False):
    """The matches, one line each, redrawn line by line: the typing line keeps the focus, and a
    key that filters repaints about thirty short lines instead of measuring a list of options."""

    COLUMNS = (
        Column("name", "Name", grow=2, minimum=16),
        Column("where", "Where", grow=3, minimum=10, drop=2),
        Column("status", "", width=22, drop=1),
    )
    HEADER_LINES = 0


class QueryLine(TypingLine):
    """The picker's typing line. The matches are filtered as the value changes, in the same step
    as the key (a watcher), rather than when the Changed message reaches the picker: the line and
    its matches then reach the screen in one frame instead of two."""

    def __init__(self, refilter: Callable[[str], None], **kwargs):
        super().__init__(**kwargs)
        self._refilter = refilter

    def watch_value(self, value: str) -> None:
        self._refilter(value)


class ParticipantPicker(ActsByTable, Vertical):
    ACTION_PLACE = "picker"
    BINDINGS = bindings("picker")

    @dataclass
    class Chosen(Message):
        choice: PickerChoice

    def __init__(self, roster: RosterIndex, limit: int = DEFAULT_LIMIT, statuses: dict[str, str] | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.roster = roster
        self.limit = limit
        self.statuses = statuses or {}  # participant id -> "in the queue", "has spoken", ...
        self._hint = ""
        self._cells: dict[str, tuple] = {}  # each match's cells, made once per pick

    def compose(self) -> ComposeResult:
        yield QueryLine(self._refilter, placeholder="name, country or organisation", id="picker-query")
        yield MatchList(id="picker-matches")
        yield Static(id="picker-hint")

    def on_mount(self) -> None:
        self._refilter("")
        self.query_one("#picker-query", Input).focus()

    def reset(self, roster: RosterIndex, statuses: dict[str, str] | None = None) -> None:
        """Start a new pick: this roster, nothing typed, focus on the line."""
        self.roster = roster
        self.statuses = statuses or {}
        self._cells.clear()
        query = self.query_one("#picker-query", Input)
        if query.value:
            query.value = ""  # the line's watcher filters
        else:
            self._refilter("")
        query.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # filtered already, as the value changed (QueryLine)

    def _refilter(self, query: str) -> None:
        result = self.roster.search(query, self.limit)
        rows = [(p.id, self._match_cells(p)) for p in result.matches]
        name = without_invisible(query).strip()  # as the roster will store it (a pasted name may hold them)
        if name and not self.roster.knows_name(name):
            rows.append((NEW_PERSON, (Text("+ add", style="bold"), Text(f"“{name}” as a new participant"), "")))
        matches = self.query_one("#picker-matches", MatchList)
        matches.set_rows(rows, select=rows[0][0] if rows else None)
        hint = self.query_one("#picker-hint", Static)
        if result.total > len(result.matches):
            text = f"{len(result.matches)} of {result.total} shown: keep typing to narrow"
        elif not result.total and name:
            text = "Nobody in the roster matches: enter adds the name as a new participant"
        else:
            text = f"{result.total} in the roster match · ↑↓ choose · enter queue · esc close"
        if text != self._hint:
            self._hint = text
            hint.update(Content(text), layout=False)

    def _match_cells(self, person: Participant) -> tuple:
        cells = self._cells.get(person.id)
        if cells is None:
            cells = self._cells[person.id] = match_cells(person, self.statuses.get(person.id, ""))
        return cells

    def action_highlight(self, step: int) -> None:
        self.query_one("#picker-matches", MatchList).action_cursor(step)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        chosen = self.query_one("#picker-matches", MatchList).selected_key
        if chosen is None:
            return
        if chosen == NEW_PERSON:
            name = without_invisible(self.query_one("#picker-query", Input).value).strip()
            self.post_message(self.Chosen(PickerChoice(new_name=name)))
        else:
            self.post_message(self.Chosen(PickerChoice(participant_id=chosen)))
