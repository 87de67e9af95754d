"""The application's clock in tests (`RoundtableApp(now=...)`): a moment moved by hand."""

from __future__ import annotations

import datetime as dt

# A day that is not the demo forum's, as on a first run.
FIRST_RUN = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)


class FakeClock:
    """Reads `moment`; `advance(seconds)` moves it. With `tick`, every reading first moves it that
    many seconds, for a story whose actions must each be stamped later than the one before (notes
    listed in the order they were taken, an edit newer than what it edits)."""

    def __init__(self, moment: dt.datetime = FIRST_RUN, tick: float = 0):
        self.moment = moment
        self.tick = dt.timedelta(seconds=tick)

    def __call__(self) -> dt.datetime:
        self.moment += self.tick
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)
