"""The interventions already given in the session, in order, with their durations."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from roundtable.domain import clock
from roundtable.domain.countries import country_name
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry
from roundtable.tui.widgets.keyed_rows import KeyedRows
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


class GivenList(KeyedRows):
    """Interventions given, oldest first; a duration over the limit shows by how much."""

    COLUMNS = COLUMNS

    def show(self, entries: list[FloorEntry], now: dt.datetime) -> None:
        added = self.sync_rows((entry.request.id, given_cells(place, entry, now)) for place, entry in enumerate(entries, start=1))
        if added:
            self.sort("place")
            self.move_cursor(row=self.row_count - 1, animate=False)
