"""Search-as-you-type over the roster: a line to type in and the matching people below.

`enter` chooses the highlighted person; when the typed name is nobody in the roster, the last
option offers to add it as a new participant (the only option, so `enter` adds it, when nobody
matches). The widget only reports the choice; its screen decides what to do with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.roster_search import DEFAULT_LIMIT, RosterIndex

NEW_PERSON = "+new"


@dataclass(frozen=True)
class PickerChoice:
    """Either someone from the roster or a name to add on the spot."""

    participant_id: str | None = None
    new_name: str | None = None


def describe(person: Participant, status: str = "") -> Content:
    """"**Bagdat Mussin**  Kazakhstan · Government of Kazakhstan  ‹in the queue (2nd)›" (built, not
    parsed: a name is never read as markup, and no markup is parsed on each key)."""
    where = " · ".join(p for p in (country_name(person.country), person.organisation) if p)
    parts = [(person.name, "bold"), "  ", (where, "dim")]
    if status:
        parts += ["  ", (status, "italic $text-warning")]
    return Content.assemble(*parts)


class ParticipantPicker(Vertical):
    BINDINGS = [
        Binding("down", "highlight(1)", "Next match", show=False),
        Binding("up", "highlight(-1)", "Previous match", show=False),
        Binding("pagedown", "highlight(10)", show=False),
        Binding("pageup", "highlight(-10)", show=False),
    ]

    @dataclass
    class Chosen(Message):
        choice: PickerChoice

    def __init__(self, roster: RosterIndex, limit: int = DEFAULT_LIMIT, statuses: dict[str, str] | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.roster = roster
        self.limit = limit
        self.statuses = statuses or {}  # participant id -> "in the queue", "has spoken", ...

    def compose(self) -> ComposeResult:
        yield Input(placeholder="name, country or organisation", id="picker-query")
        yield OptionList(id="picker-matches")
        yield Static(id="picker-hint")

    def on_mount(self) -> None:
        self.query_one("#picker-matches", OptionList).can_focus = False
        self._refilter("")
        self.query_one("#picker-query", Input).focus()

    def reset(self, roster: RosterIndex, statuses: dict[str, str] | None = None) -> None:
        """Start a new pick: this roster, nothing typed, focus on the line."""
        self.roster = roster
        self.statuses = statuses or {}
        query = self.query_one("#picker-query", Input)
        with query.prevent(Input.Changed):
            query.value = ""
        self._refilter("")
        query.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter(event.value)

    def _refilter(self, query: str) -> None:
        result = self.roster.search(query, self.limit)
        options: list[Option] = [Option(describe(p, self.statuses.get(p.id, "")), id=p.id) for p in result.matches]
        name = query.strip()
        if name and not self.roster.knows_name(name):
            options.append(Option(Content.assemble(("+ add", "bold"), f" “{name}” as a new participant"), id=NEW_PERSON))
        matches = self.query_one("#picker-matches", OptionList)
        matches.set_options(options)
        if options:
            matches.highlighted = 0
        hint = self.query_one("#picker-hint", Static)
        if result.total > len(result.matches):
            hint.update(f"{len(result.matches)} of {result.total} shown: keep typing to narrow")
        elif not result.total and name:
            hint.update("Nobody in the roster matches: enter adds the name as a new participant")
        else:
            hint.update(f"{result.total} in the roster match · ↑↓ choose · enter queue · esc close")

    def action_highlight(self, step: int) -> None:
        matches = self.query_one("#picker-matches", OptionList)
        if matches.option_count:
            current = matches.highlighted or 0
            matches.highlighted = max(0, min(matches.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        matches = self.query_one("#picker-matches", OptionList)
        option = matches.highlighted_option
        if option is None:
            return
        if option.id == NEW_PERSON:
            name = self.query_one("#picker-query", Input).value.strip()
            self.post_message(self.Chosen(PickerChoice(new_name=name)))
        else:
            self.post_message(self.Chosen(PickerChoice(participant_id=option.id)))
