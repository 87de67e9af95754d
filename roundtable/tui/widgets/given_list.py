"""The interventions already given in the session, in order, with their durations."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import DataTable

from roundtable.domain import clock
from roundtable.domain.countries import country_name
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry
from roundtable.tui.widgets.speaker_timer import speaker_title

COLUMNS = (
    ("place", "#"),
    ("at", "At"),
    ("speaker", "Speaker"),
    ("duration", "Duration"),
    ("country", "Country"),
)


def given_cells(place: int, entry: FloorEntry, now: dt.datetime) -> tuple:
    request = entry.request
    started = clock.local(request.started_at).strftime("%H:%M") if request.started_at else ""
    spoken = request.elapsed(now)
    over = spoken - request.limit_seconds
    duration = format_clock(spoken) + (f" (+{format_clock(over)})" if over >= 1 else "")
    return (
        place,
        started,
        Text(speaker_title(entry)),
        Text(duration, style="bold" if over >= 1 else ""),
        Text(country_name(entry.participant.country)),
    )


class GivenList(DataTable):
    """Interventions given, oldest first; a duration over the limit shows by how much."""

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    def show(self, entries: list[FloorEntry], now: dt.datetime) -> None:
        wanted = {entry.request.id for entry in entries}
        for row_key in list(self.rows):
            if row_key.value not in wanted:
                self.remove_row(row_key)
        added = False
        for place, entry in enumerate(entries, start=1):
            rid = entry.request.id
            cells = given_cells(place, entry, now)
            if rid in self.rows:
                for (column, _), value in zip(COLUMNS, cells):
                    if self.get_cell(rid, column) != value:
                        self.update_cell(rid, column, value)
            else:
                self.add_row(*cells, key=rid)
                added = True
        if added:
            self.sort("place")
            self.move_cursor(row=self.row_count - 1, animate=False)
