"""The participants screen (`f2`): find anyone in the roster, in any script, add someone, correct
every field of a record, merge two records of one person. People added on the spot from the
speaker picker, and people a registration list gave a country nobody knows ("to complete:
country"), are marked until someone completes them here.

Every change is one transaction, recorded in the roster's undo log (`ctrl+z` / `ctrl+y` here), and
shows at once in the balance, the statistics and the exports; a person keeps their id when their
name or organisation is corrected, so their requests and notes stay theirs, and importing the
registration list again does not undo the correction.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.roster_search import RosterIndex
from roundtable.store import roster, undo_log
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.messages import ForumChanged
from roundtable.tui.screens.delegate_link import DelegateLinkScreen
from roundtable.tui.screens.participant_form import ParticipantForm
from roundtable.tui.widgets.floor_balance import CATEGORY_LABELS
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.widgets.row_table import Column, RowTable

LIMIT = 200  # rows shown for a query; typing narrows

GENDER_WORDS = {"f": "woman", "m": "man", "x": "other", None: ""}


class PeopleTable(RowTable):
    COLUMNS = (
        Column("name", "Name", grow=3, minimum=18),
        Column("country", "Country", grow=1, minimum=10, drop=3),
        Column("organisation", "Organisation", grow=2, minimum=12, drop=4),
        Column("category", "Category", width=10, drop=2),
        Column("rank", "Rank", width=15, drop=5),
        Column("gender", "Gender", width=6, drop=6),
        Column("mark", "", width=22, drop=1),
    )


def person_cells(person: Participant, mark: str) -> tuple:
    return (
        person.titled,
        country_name(person.country),
        person.organisation or "",
        CATEGORY_LABELS.get(person.category, person.category),
        person.rank.replace("-", " "),
        GENDER_WORDS.get(person.gender, ""),
        mark,
    )


class ParticipantsScreen(ActsByTable, Screen):
    HELP = (
        "The forum's roster. Type to find someone (name, country, organisation; any script: `musin` finds "
        "Мусин). `enter` or `e` corrects the highlighted person, `a` adds someone, `m` on one person then "
        "`m` on another merges the first into the second (two records of one person), `q` shows their personal "
        "link to the delegates' page as a QR code (and revokes it). ctrl+z undoes."
    )
    ACTION_PLACE = "participants"
    BINDINGS = bindings("participants")

    def __init__(self) -> None:
        super().__init__()
        self.index: RosterIndex | None = None
        self.people: dict[str, Participant] = {}
        self.incomplete: dict[str, dict[str, str]] = {}  # id -> fields to complete (as the list wrote them)
        self.merging: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="find: name, country or organisation, in any script (tab or enter: to the list)",
                    id="people-query")
        yield Static(id="people-count", classes="pane-title")
        yield PeopleTable(empty="Nobody matches", id="people")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Participants"
        self.reload()
        self.query_one("#people-query", Input).focus()  # a screen to find someone: type first

    def say(self, message: str, severity: str = "information") -> None:
        self.notify(message, severity=severity, markup=False)

    # -- reading -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        everyone = roster.load_participants(self.app.store)
        self.people = {p.id: p for p in everyone}
        self.incomplete = roster.incomplete(self.app.store)
        self.index = RosterIndex(everyone)
        self._show(select)

    def _show(self, select: str | None = None) -> None:
        query = self.query_one("#people-query", Input).value
        result = self.index.search(query, LIMIT)
        rows = []
        for person in result.matches:
            if person.id == self.merging:
                mark = "merging: pick the one kept"
            elif person.id in self.incomplete:
                fields = self.incomplete[person.id]
                mark = f"to complete: {', '.join(fields)}" if fields else "added on the spot: to complete"
            else:
                mark = ""
            rows.append((person.id, person_cells(person, mark)))
        self.query_one(PeopleTable).set_rows(rows, select=select)
        count = f"{result.total} of {len(self.people)} participants"
        if result.total > len(result.matches):
            count += f" · {len(result.matches)} shown: keep typing"
        if self.incomplete:
            from_lists = sum(1 for fields in self.incomplete.values() if fields)
            on_the_spot = len(self.incomplete) - from_lists
            parts = [f"{on_the_spot} added on the spot"] if on_the_spot else []
            parts += [f"{from_lists} from a registration list"] if from_lists else []
            count += f" · {len(self.incomplete)} to complete ({', '.join(parts)})"
        self.query_one("#people-count", Static).update(Content(count), layout=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(PeopleTable).focus()

    def on_forum_changed(self, message: ForumChanged) -> None:
        self.reload(select=self.query_one(PeopleTable).selected_key)

    def _selected(self) -> Participant | None:
        key = self.query_one(PeopleTable).selected_key
        return self.people.get(key) if key else None

    # -- actions -------------------------------------------------------------------------------

    def action_search(self) -> None:
        query = self.query_one("#people-query", Input)
        (self.query_one(PeopleTable) if query.has_focus else query).focus()

    def action_edit(self) -> None:
        person = self._selected()
        if person is None:
            return
        if self.merging is not None:
            self.action_merge()
            return

        def saved(corrected: Participant | None) -> None:
            if corrected is None:
                return
            roster.update_participant(self.app.store, corrected, self.app.now())
            self.reload(select=corrected.id)
            self.say(f"{corrected.name}: saved (ctrl+z undoes).")

        unread = self.incomplete.get(person.id, {})
        self.app.push_screen(ParticipantForm(f"Correct {person.name}", person, self._other_languages(), unread=unread),
                             saved)

    def action_add(self) -> None:
        def saved(person: Participant | None) -> None:
            if person is None:
                return
            try:
                added = roster.create_participant(self.app.store, self.app.forum.id, person, self.app.now())
            except ValueError as error:
                self.say(str(error), "warning")
                return
            self.reload(select=added.id)
            self.say(f"{added.name} added to the roster.")

        self.app.push_screen(ParticipantForm("Add a participant", languages=self._other_languages()), saved)

    def _other_languages(self) -> tuple[str, ...]:
        """The forum's languages after its first: the form takes a person's texts in each."""
        return tuple(self.app.forum.languages[1:])

    def action_merge(self) -> None:
        person = self._selected()
        if person is None:
            return
        if self.merging is None:
            self.merging = person.id
            self._show(select=person.id)
            self.say(f"Merging {person.name}: pick the record to keep and press m (esc cancels).")
            return
        absorbed, self.merging = self.people.get(self.merging), None
        if absorbed is None or absorbed.id == person.id:
            self._show(select=person.id)
            return
        roster.merge_participants(self.app.store, person.id, absorbed.id, self.app.now())
        self.reload(select=person.id)
        self.say(f"{absorbed.name} merged into {person.name}: their interventions are one person's (ctrl+z undoes).")

    def action_link(self) -> None:
        """`q`: the highlighted person's personal link to the delegates' page, as a QR code."""
        person = self._selected()
        if person is not None:
            self.app.push_screen(DelegateLinkScreen(person, self.app.delegates_url))

    def action_undo(self) -> None:
        self._step(undo_log.undo, "Undone", "Nothing to undo in the roster.")

    def action_redo(self) -> None:
        self._step(undo_log.redo, "Redone", "Nothing to redo.")

    def _step(self, step, done: str, nothing: str) -> None:
        try:
            entry = step(self.app.store, roster.SCOPE, self.app.now())
        except undo_log.UndoRefused as refused:
            self.say(str(refused), "warning")
            return
        if entry is None:
            self.say(nothing)
            return
        self.reload(select=self.query_one(PeopleTable).selected_key)
        self.say(f"{done}: {entry.label}.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo", "edit", "add", "merge", "link") and isinstance(self.focused, Input):
            return False  # typing in the search line
        return True

    def action_back(self) -> None:
        if self.merging is not None:
            self.merging = None
            self._show()
            return
        query = self.query_one("#people-query", Input)
        if query.has_focus and query.value:
            query.value = ""
            return
        self.app.pop_screen()
