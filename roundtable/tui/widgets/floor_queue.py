"""The queue of speakers: who waits, in what order and why, with their record in the session.

Rows are keyed by request id and redrawn line by line (row_table.py): a change to the queue
repaints the lines that changed and never lays the screen out again.
"""

from __future__ import annotations

from rich.text import Text

from roundtable.domain.countries import country_name
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry
from roundtable.domain.floor_requests import is_from_the_floor
from roundtable.domain.forecast import Forecast
from roundtable.tui.widgets.row_table import Column, RowTable
from roundtable.tui.widgets.speaker_timer import speaker_title

COLUMNS = (
    Column("place", "#", width=3, align="right"),
    Column("speaker", "Speaker", grow=3, minimum=16),
    Column("country", "Country", grow=1, minimum=10, drop=2),
    Column("type", "Type", width=14),
    Column("count", "Int.", width=4, align="right"),
    Column("spoken", "Spoken", width=6, align="right"),
    Column("forecast", "Forecast", width=9),
    Column("reason", "Why here", grow=2, minimum=14, drop=3),
)

NOT_REACHED = "unreached"  # short: the column must fit beside the speaker
CUT_SHORT = "cut short"


def queue_cells(place: int, entry: FloorEntry, forecast: str = "") -> tuple:
    kind = entry.request.speech_type.replace("-", " ")
    speaker: str | Text = speaker_title(entry)
    if is_from_the_floor(entry.request.reason):  # asked from a delegate's phone
        speaker = Text.assemble(speaker, (" · from the floor", "dim"))
    return (
        str(place),
        speaker,
        country_name(entry.participant.country),
        Text(kind, style="bold" if entry.request.speech_type == "point-of-order" else ""),
        str(entry.interventions),
        format_clock(entry.spoken_seconds) if entry.spoken_seconds else "—",
        Text(forecast, style="bold" if forecast in (NOT_REACHED, CUT_SHORT) else "dim"),
        entry.request.reason,
    )


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


class FloorQueue(RowTable):
    """The waiting list; the highlighted row is the entry `x`, `t` and the move keys act on."""

    COLUMNS = COLUMNS

    def __init__(self, **kwargs):
        super().__init__(empty="Nobody is waiting: a adds a speaker", **kwargs)

    @property
    def selected_request_id(self) -> str | None:
        return self.selected_key

    def show(self, entries: list[FloorEntry], select: str | None = None, forecast: Forecast | None = None) -> None:
        """Show `entries` in order; keep the cursor on the same request (or `select`). With a
        `forecast`, the requests that will not be reached in time are marked."""
        marks = forecast_marks(len(entries), forecast)
        self.set_rows(
            ((entry.request.id, queue_cells(place, entry, marks[place - 1])) for place, entry in enumerate(entries, start=1)),
            select=select,
        )
