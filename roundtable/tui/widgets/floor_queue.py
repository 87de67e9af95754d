"""The queue of speakers: who waits, in what order and why, with their record in the session.

Rows are keyed by request id and updated in place, so a 100-entry queue redraws only what changed.
"""

from __future__ import annotations

from rich.text import Text

from roundtable.domain.countries import country_name
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry
from roundtable.domain.forecast import Forecast
from roundtable.tui.widgets.keyed_rows import KeyedRows
from roundtable.tui.widgets.speaker_timer import speaker_title

COLUMNS = (
    ("place", "#"),
    ("speaker", "Speaker"),
    ("country", "Country"),
    ("type", "Type"),
    ("count", "Int."),
    ("spoken", "Spoken"),
    ("forecast", "Forecast"),
    ("reason", "Why here"),
)


def queue_cells(place: int, entry: FloorEntry, forecast: str = "") -> tuple:
    kind = entry.request.speech_type.replace("-", " ")
    return (
        place,
        Text(speaker_title(entry)),
        Text(country_name(entry.participant.country)),
        Text(kind, style="bold" if entry.request.speech_type == "point-of-order" else ""),
        str(entry.interventions),
        format_clock(entry.spoken_seconds) if entry.spoken_seconds else "—",
        Text(forecast, style="bold" if forecast in (NOT_REACHED, CUT_SHORT) else "dim"),
        Text(entry.request.reason),
    )


NOT_REACHED = "unreached"  # short: the column must fit beside the speaker at 130 columns
CUT_SHORT = "cut short"


def forecast_marks(count: int, forecast: Forecast | None) -> list[str]:
    """Per queue place: "unreached" from the first request that starts after the session's
    planned end, "cut short" on the one that starts but cannot finish, "" otherwise."""
    marks = [""] * count
    if forecast is None:
        return marks
    if forecast.first_cut_short is not None and forecast.first_cut_short < count:
        marks[forecast.first_cut_short] = CUT_SHORT
    if forecast.first_unreached is not None:
        for i in range(forecast.first_unreached, count):
            marks[i] = NOT_REACHED
    return marks


class FloorQueue(KeyedRows):
    """The waiting list; the highlighted row is the entry `x` and the move keys act on."""

    COLUMNS = COLUMNS

    @property
    def selected_request_id(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return str(row_key.value)

    def show(self, entries: list[FloorEntry], select: str | None = None, forecast: Forecast | None = None) -> None:
        """Make the table show `entries` in order; keep the cursor on the same request (or `select`).
        With a `forecast`, the requests that will not be reached in time are marked."""
        marks = forecast_marks(len(entries), forecast)
        keep = select or self.selected_request_id
        keep_index = self.cursor_row
        reordered = self.sync_rows(
            ((entry.request.id, queue_cells(place, entry, marks[place - 1])) for place, entry in enumerate(entries, start=1)),
            fixed_width=frozenset({"place"}),
        )
        if reordered:
            self.sort("place")
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)
        elif self.row_count:
            # The selected entry left the queue: stay at the same place in the list.
            self.move_cursor(row=min(keep_index, self.row_count - 1), animate=False)
