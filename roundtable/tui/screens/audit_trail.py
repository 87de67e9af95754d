"""`h` on the session screen: the session's audit trail, newest first (read-only).

Each entry: when (venue time), what, from which terminal, and whether it was undone, when and by
whom. It is the undo log (store/undo_log.py), so it lists exactly what ctrl+z and ctrl+y act on.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from roundtable.domain import clock
from roundtable.store.undo_log import LogEntry
from roundtable.tui.action_guard import ActsByTable, bindings


def entry_line(entry: LogEntry, zone: str | None = None) -> Content:
    when = clock.local(entry.at, zone).strftime("%d %b %H:%M:%S")
    line = Content.from_markup("[dim]$when[/dim]  $what  [dim]· $who[/dim]", when=when, what=entry.label,
                               who=entry.terminal)
    if entry.state != "done" and entry.undone_at is not None:
        undone = clock.local(entry.undone_at, zone).strftime("%H:%M:%S")
        note = f"  undone {undone} by {entry.undone_by}" + (" (no longer redoable)" if entry.state == "discarded" else "")
        line += Content.styled(note, "italic $text-warning")
    return line


class AuditTrail(ActsByTable, ModalScreen[None]):
    ACTION_PLACE = "audit trail"
    BINDINGS = bindings("audit trail")

    def __init__(self, title: str, entries: Sequence[LogEntry], zone: str | None = None):
        super().__init__()
        self.trail_title = title
        self.entries = list(entries)
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Content(self.trail_title), classes="dialog-title")
            with VerticalScroll(id="audit-lines"):
                if not self.entries:
                    yield Static(Content("Nothing has been done in this session yet."))
                for entry in self.entries:
                    yield Static(entry_line(entry, self.zone), classes="audit-line")
            yield Label("ctrl+z undoes the newest entry still done · ctrl+y redoes · esc closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
