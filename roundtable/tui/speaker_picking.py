"""Picking a person for the session screen: who to queue, who raises a point of order, who really
gave an intervention. One picker screen per session screen, installed on the first pick and shown
again after; the roster index it searches is kept between picks and rebuilt off the event loop
whenever the roster may have changed.

Not a widget: the session screen owns one and hands it to the panes that need a person.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from roundtable.domain.floor import FloorState
from roundtable.domain.models import Participant
from roundtable.domain.roster_search import RosterIndex
from roundtable.domain.typed_text import storable
from roundtable.store import roster
from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen
from roundtable.tui.widgets.participant_picker import PickerChoice
from roundtable.tui.widgets.speaker_timer import ordinal


def floor_statuses(state: FloorState) -> dict[str, str]:
    """What the picker says of people already on this session's floor."""
    statuses: dict[str, str] = {}
    for entry in state.spoken:
        if entry.interventions:
            statuses[entry.participant.id] = f"spoke {entry.interventions}×"
    for entry in state.interrupted:
        statuses[entry.participant.id] = "interrupted, resumes"
    for place, entry in enumerate(state.queue, start=1):
        statuses[entry.participant.id] = f"in the queue ({ordinal(place)})"
    if state.current is not None:
        statuses[state.current.participant.id] = "has the floor"
    return statuses


class SpeakerPicking:
    """The session screen's picker and its roster index."""

    def __init__(self, screen: Screen, state: Callable[[], FloorState]):
        self.screen = screen
        self._state = state  # the floor as the screen last read it
        self._roster: RosterIndex | None = None  # built when the picker first opens (or ahead)
        self._picker: SpeakerPickerScreen | None = None

    def _index(self) -> RosterIndex:
        """The roster, indexed for the picker. Kept between picks (indexing 1,000 people in every
        script takes ~0.05–0.15 s, felt on every `a`) until the roster may have changed: a name added
        here, or any change from another terminal; built ahead, off the event loop, when the screen
        opens and after each such change (`prepare`)."""
        if self._roster is None:
            self._roster = RosterIndex(roster.load_participants(self.screen.app.store))
        return self._roster

    def prepare(self) -> None:
        """Forget the index and build it again off the event loop (the roster may have changed)."""
        self._roster = None
        store = self.screen.app.store

        def build() -> None:  # off the event loop: reading and indexing 1,000 people takes ~0.1 s
            index = RosterIndex(roster.load_participants(store))
            self.screen.app.call_from_thread(setattr, self, "_roster", index)

        self.screen.run_worker(build, thread=True, exclusive=True, group="roster-index")

    def pick(self, title: str, then: Callable[[Participant], None]) -> None:
        """Open the speaker picker; `then(person)` runs with the person chosen (added on the spot
        when the name is new), nothing happens on escape."""
        app = self.screen.app
        index = self._index()
        name = f"speaker-picker-{id(self.screen)}"
        statuses = floor_statuses(self._state())
        if self._picker is None:
            self._picker = SpeakerPickerScreen(title, index, statuses)
            app.install_screen(self._picker, name)
        else:
            self._picker.reset(title, index, statuses)

        def chosen(choice: PickerChoice | None) -> None:
            person = self._person(choice)
            if person is not None:
                then(person)

        app.push_screen(name, chosen)

    def _person(self, choice: PickerChoice | None) -> Participant | None:
        if choice is None:
            return None
        app = self.screen.app
        if choice.new_name:
            person = roster.add_participant(app.store, app.forum.id, Participant(name=storable(choice.new_name)))
            self.prepare()
            self.screen.notify(f"{person.name} added to the roster", markup=False)
            return person
        person = roster.load_participant(app.store, choice.participant_id)
        if person is None:
            self.screen.notify("That person is no longer in the roster.", severity="error", markup=False)
        return person

    def close(self) -> None:
        """The screen goes: so does its picker (unless it is showing)."""
        app = self.screen.app
        if self._picker is not None and self._picker not in app.screen_stack:
            app.uninstall_screen(self._picker)
            self._picker = None
