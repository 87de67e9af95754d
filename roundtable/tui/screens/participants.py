"""The participants screen (`f2`): find anyone in the roster, in any script, add someone, correct
every field of a record, merge two records of one person, and list the records that are likely one
person under two spellings (`d`: "Бағдат Мусин" and "Bagdat Mussin"; domain/person_duplicates.py).
People added on the spot from the speaker picker, and people a registration list gave a country
nobody knows ("to complete: country"), are marked until someone completes them here.

The roster is indexed for search, and its likely duplicates found, in a worker thread: the list
shows at once, the filter applies as soon as the index is ready (about 0.2 s for 1,000 people).

Every change is one transaction, recorded in the roster's undo log (`ctrl+z` / `ctrl+y` here), and
shows at once in the balance, the statistics and the exports; a person keeps their id when their
name or organisation is corrected, so their requests and notes stay theirs, and importing the
registration list again does not undo the correction.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.person_duplicates import LikelyDuplicate, likely_duplicates
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
        "link to the delegates' page as a QR code (and revokes it). `d` lists the records that are likely one "
        "person under two spellings (Бағдат Мусин and Bagdat Mussin, a name with a Cyrillic letter among Latin "
        "ones): there `m` on one moves to the other, `m` again merges the first into it. ctrl+z undoes."
    )
    ACTION_PLACE = "participants"
    BINDINGS = bindings("participants")

    def __init__(self, query: str = "", select: str | None = None) -> None:
        """`query` fills the search line, `select` highlights that person (from `/`)."""
        super().__init__()
        self._initial = (query, select)
        self.index: RosterIndex | None = None
        self.people: dict[str, Participant] = {}
        self.incomplete: dict[str, dict[str, str]] = {}  # id -> fields to complete (as the list wrote them)
        self.merging: str | None = None
        self.duplicates: list[list[str]] = []  # groups of ids likely to be one person, each with its reason
        self.duplicate_reasons: list[LikelyDuplicate] = []
        self.showing_duplicates = False
        self._generation = 0  # of the roster being indexed: a slower, older build is dropped

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="find: name, country or organisation, in any script (tab or enter: to the list)",
                    id="people-query")
        yield Static(id="people-count", classes="pane-title")
        yield PeopleTable(empty="Nobody matches", id="people")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Participants"
        query, select = self._initial
        line = self.query_one("#people-query", Input)
        line.value = query
        self.reload(select)
        line.focus()  # a screen to find someone: type first

    def say(self, message: str, severity: str = "information") -> None:
        self.notify(message, severity=severity, markup=False)

    # -- reading -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        everyone = roster.load_participants(self.app.store)
        self.people = {p.id: p for p in everyone}
        self.incomplete = roster.incomplete(self.app.store)
        self._show(select)  # with the index there is, until the new one is ready
        self._generation += 1
        generation = self._generation

        def build() -> None:  # off the event loop: ~0.2 s for 1,000 people, ~1 s for 10,000
            index = RosterIndex(everyone)
            pairs = likely_duplicates(everyone)
            self.app.call_from_thread(self._indexed, generation, index, [(everyone[p.first].id, everyone[p.second].id, p)
                                                                         for p in pairs])

        self.run_worker(build, thread=True, group="participants-index")

    def _indexed(self, generation: int, index: RosterIndex, pairs: list[tuple[str, str, LikelyDuplicate]]) -> None:
        if generation != self._generation or not self.is_mounted:
            return
        self.index = index
        self.duplicates, self.duplicate_reasons = _groups(pairs)
        selected = self.query_one(PeopleTable).selected_key
        first_select, self._initial = self._initial[1], ("", None)
        self._show(first_select or selected)

    def _show(self, select: str | None = None) -> None:
        if self.showing_duplicates:
            self._show_duplicates(select)
            return
        query = self.query_one("#people-query", Input).value
        if self.index is None:  # the first index is being built: the roster as it is
            matches, total = list(self.people.values())[:LIMIT], len(self.people)
        else:
            result = self.index.search(query, LIMIT)
            # The index may be a moment older than the roster: show each person as they are now.
            matches = [self.people[p.id] for p in result.matches if p.id in self.people]
            total = result.total
        rows = [(person.id, person_cells(person, self._mark(person))) for person in matches]
        self.query_one(PeopleTable).set_rows(rows, select=select)
        count = f"{total} of {len(self.people)} participants"
        if total > len(matches):
            count += f" · {len(matches)} shown: keep typing"
        if self.incomplete:
            from_lists = sum(1 for fields in self.incomplete.values() if fields)
            on_the_spot = len(self.incomplete) - from_lists
            parts = [f"{on_the_spot} added on the spot"] if on_the_spot else []
            parts += [f"{from_lists} from a registration list"] if from_lists else []
            count += f" · {len(self.incomplete)} to complete ({', '.join(parts)})"
        if self.duplicates:
            count += f" · {len(self.duplicates)} likely duplicate{'s' if len(self.duplicates) != 1 else ''}: d lists them"
        self.query_one("#people-count", Static).update(Content(count), layout=False)

    def _mark(self, person: Participant) -> str:
        if person.id == self.merging:
            return "merging: pick the one kept"
        if person.id in self.incomplete:
            fields = self.incomplete[person.id]
            return f"to complete: {', '.join(fields)}" if fields else "added on the spot: to complete"
        return ""

    def _show_duplicates(self, select: str | None = None) -> None:
        """Each group of likely one person: a line saying why, then its records."""
        rows = []
        for n, (group, reason) in enumerate(zip(self.duplicates, self.duplicate_reasons)):
            people = [self.people[pid] for pid in group if pid in self.people]
            if len(people) < 2:
                continue
            rows.append((f"why-{n}", (Text(f"≈ {reason.why}, {reason.shared}", style="italic"),)))
            rows += [(person.id, person_cells(person, self._mark(person) or "m: merge into other"))
                     for person in people]
        if select is None or select not in {key for key, _cells in rows}:
            select = next((key for key, _cells in rows if not key.startswith("why-")), None)
        self.query_one(PeopleTable).set_rows(rows, select=select)
        count = (f"{len(self.duplicates)} likely duplicate{'s' if len(self.duplicates) != 1 else ''} · m on a record "
                 "moves to the other, m again merges the first into it · d or esc: everyone")
        if not self.duplicates:
            count = "No likely duplicates: no two records look like one person · d or esc: everyone"
        self.query_one("#people-count", Static).update(Content(count), layout=False)

    def _partner(self, person_id: str) -> str | None:
        for group in self.duplicates:
            if person_id in group:
                return next((pid for pid in group if pid != person_id and pid in self.people), None)
        return None

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
            partner = self._partner(person.id) if self.showing_duplicates else None
            self._show(select=partner or person.id)
            if partner is not None:
                self.say(f"Merging {person.name} into {self.people[partner].name}: m merges (esc cancels).")
            else:
                self.say(f"Merging {person.name}: pick the record to keep and press m (esc cancels).")
            return
        absorbed, self.merging = self.people.get(self.merging), None
        if absorbed is None or absorbed.id == person.id:
            self._show(select=person.id)
            return
        roster.merge_participants(self.app.store, person.id, absorbed.id, self.app.now())
        self.reload(select=person.id)
        self.say(f"{absorbed.name} merged into {person.name}: their interventions are one person's (ctrl+z undoes).")

    def action_duplicates(self) -> None:
        self.showing_duplicates = not self.showing_duplicates
        self.merging = None
        self._show()
        if self.showing_duplicates:
            self.query_one(PeopleTable).focus()

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
        if action in ("undo", "redo", "edit", "add", "merge", "duplicates", "link") and isinstance(self.focused, Input):
            return False  # typing in the search line
        return True

    def action_back(self) -> None:
        if self.merging is not None:
            self.merging = None
            self._show()
            return
        if self.showing_duplicates:
            self.action_duplicates()
            return
        query = self.query_one("#people-query", Input)
        if query.has_focus and query.value:
            query.value = ""
            return
        self.app.pop_screen()


def _groups(pairs: list[tuple[str, str, LikelyDuplicate]]) -> tuple[list[list[str]], list[LikelyDuplicate]]:
    """Pairs joined into groups of records likely to be one person (A~B and B~C: one group), each
    with the reason of its first pair; in the order the pairs came."""
    group_of: dict[str, int] = {}
    groups: list[list[str]] = []
    reasons: list[LikelyDuplicate] = []
    for a, b, reason in pairs:
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is None and gb is None:
            group_of[a] = group_of[b] = len(groups)
            groups.append([a, b])
            reasons.append(reason)
        elif ga is not None and gb is not None:
            if ga != gb:  # two groups meet: the later joins the earlier
                keep, gone = min(ga, gb), max(ga, gb)
                for pid in groups[gone]:
                    group_of[pid] = keep
                groups[keep] += groups[gone]
                groups[gone] = []
        else:
            g = ga if ga is not None else gb
            new = b if ga is not None else a
            group_of[new] = g
            groups[g].append(new)
    kept = [(g, r) for g, r in zip(groups, reasons) if g]
    return [g for g, _r in kept], [r for _g, r in kept]
