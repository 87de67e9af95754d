"""The reference for `make bench`'s key-to-screen figures: a minimal Textual app, no roundtable code,
built from stock Textual widgets (Static, DataTable, OptionList, Input, Footer, a ModalScreen),
laid out like the session screen and making the same visible change for each key:

  a        a picker (a modal with a line and a list of matching names) opens
  letters  the list of names is filtered
  enter    the picker closes and the name is added to the queue table
  n        the head of the queue goes to the speaker panel and into the table of interventions given,
           the balance panel is rewritten
  i        the note line takes the focus
  letters  they are typed
  enter    the note is added to the notes list, the line emptied
  ctrl+r   the same, and a notification says the recommendation was saved
  escape   back to the queue

It keeps nothing on disk: what it costs is Textual's own work for those changes, which is what
roundtable is measured against (same harness, same run, alternating: benchmarks/pilot_latency.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

CSS = """
#speaker { height: 5; border: round $primary; padding: 0 1; }
#lists { height: 1fr; }
#queue-pane { width: 1fr; }
#side { width: 46; }
#queue, #given { height: 1fr; }
#balance { height: 6; border-top: solid $primary-muted; padding: 0 1; }
#notes { height: auto; max-height: 10; }
.title { height: 1; background: $boost; text-style: bold; padding: 0 1; }
Picker { align: center middle; background: $background; }
#dialog { width: 90; height: 80%; background: $panel; border: round $primary; padding: 0 1; }
#matches { height: 1fr; }
"""


class Picker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Close")]

    def __init__(self, names: Sequence[str]):
        super().__init__()
        self.names = list(names)
        self.folded = [n.casefold() for n in names]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Add a speaker to the queue")
            yield Input(id="query")
            yield OptionList(id="matches")

    def on_mount(self) -> None:
        self.filter("")

    def reset(self) -> None:
        query = self.query_one("#query", Input)
        with query.prevent(Input.Changed):
            query.value = ""
        self.filter("")
        query.focus()

    def filter(self, text: str) -> None:
        text = text.casefold()
        found = [n for n, f in zip(self.names, self.folded) if text in f][:30]  # as many as roundtable shows
        matches = self.query_one("#matches", OptionList)
        matches.set_options([Option(f"{n}  Kazakhstan · Organisation of {n.split()[0]}") for n in found])
        if found:
            matches.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option = self.query_one("#matches", OptionList).highlighted_option
        self.dismiss(str(option.prompt).split("  ")[0] if option else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReferenceApp(App):
    CSS = CSS
    BINDINGS = [
        Binding("a", "add", "Add speaker"),
        Binding("n", "next", "Next"),
        Binding("i", "note", "Note"),
        Binding("ctrl+r", "recommend", "As recommendation"),
        Binding("x", "nothing", "Withdraw"),
        Binding("o", "nothing", "Point of order"),
        Binding("space", "nothing", "Pause"),
        Binding("c", "nothing", "Close list"),
    ]

    def __init__(self, names: Sequence[str], notes: Sequence[str] = (), given: Sequence[str] = ()):
        super().__init__()
        self.names = list(names)
        self.initial_notes = list(notes)
        self.initial_given = list(given)
        self.queued: list[str] = []
        self.speaker: str | None = None
        self.given = 0
        self.picker: Picker | None = None

    def compose(self) -> ComposeResult:
        yield Static("Session", classes="title")
        yield Static("Nobody has the floor", id="speaker")
        with Horizontal(id="lists"):
            with Vertical(id="queue-pane"):
                yield Static("Queue", id="queue-title", classes="title")
                yield DataTable(id="queue", cursor_type="row", zebra_stripes=True)
            with Vertical(id="side"):
                yield Static("Given", id="given-title", classes="title")
                yield DataTable(id="given", cursor_type="row", zebra_stripes=True)
        yield Static("Floor balance", id="balance")
        yield OptionList(*[Option(text) for text in self.initial_notes], id="notes")
        yield Input(placeholder="Note", id="line")
        yield Footer()

    def on_mount(self) -> None:
        queue = self.query_one("#queue", DataTable)
        queue.add_columns("#", "Speaker", "Country", "Type", "Int.", "Spoken", "Forecast", "Why here")
        given = self.query_one("#given", DataTable)
        given.add_columns("#", "At", "Speaker", "Duration", "Country")
        for name in self.initial_given:
            self.given += 1
            given.add_row(str(self.given), "10:00", name, "3:00", "Kazakhstan")
        queue.focus()

    def action_add(self) -> None:
        if self.picker is None:
            self.picker = Picker(self.names)
            self.install_screen(self.picker, "picker")
        else:
            self.picker.reset()
        self.push_screen("picker", self.queue_name)

    def queue_name(self, name: str | None) -> None:
        if name is None:
            return
        self.queued.append(name)
        queue = self.query_one("#queue", DataTable)
        queue.add_row(str(len(self.queued)), name, "Kazakhstan", "statement", "0", "—", "", "order of request",
                      key=f"{name}-{len(self.queued)}")
        self.query_one("#queue-title", Static).update(f"Queue {len(self.queued)}")

    def action_next(self) -> None:
        queue = self.query_one("#queue", DataTable)
        if not self.queued:
            return
        name = self.queued.pop(0)
        first = next(iter(queue.rows))
        queue.remove_row(first)
        self.speaker = name
        self.given += 1
        self.query_one("#speaker", Static).update(f"{name}\nKazakhstan · Minister\nstatement · in English")
        self.query_one("#given", DataTable).add_row(str(self.given), "10:00", name, "3:00", "Kazakhstan")
        self.query_one("#queue-title", Static).update(f"Queue {len(self.queued)}")
        self.query_one("#balance", Static).update(
            f"Floor balance · {self.given * 3}:00 spoken\ncategory govt 60% · intl org 40%\n"
            f"gender women 50% · men 50%\nregion Asia-Pacific 100%\nGini 0.{self.given % 10}0"
        )

    def action_note(self) -> None:
        self.query_one("#line", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save(event.input)

    def action_recommend(self) -> None:
        line = self.query_one("#line", Input)
        if self._save(line):
            self.notify("Recommendation saved for track T1 (r: recommendations).")

    def _save(self, line: Input) -> bool:
        text = line.value.strip()
        if not text:
            return False
        self.query_one("#notes", OptionList).add_option(Option(f"10:00 {self.speaker}: {text}"))
        line.value = ""
        return True

    def on_key(self, event) -> None:
        if event.key == "escape" and isinstance(self.focused, Input) and self.screen is self.screen_stack[0]:
            self.query_one("#queue", DataTable).focus()

    def action_nothing(self) -> None:
        pass
