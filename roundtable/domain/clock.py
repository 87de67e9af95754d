"""The one clock of the app. Stored times are UTC and timezone-aware; the programme's times are
the venue's, in the forum's time zone (`timezone = "Asia/Almaty"` in the programme), or this
machine's zone when the programme names none."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@lru_cache(maxsize=8)
def zone(name: str | None) -> dt.tzinfo | None:
    """The time zone called `name` (None: this machine's)."""
    return ZoneInfo(name) if name else None


def local(moment: dt.datetime, zone_name: str | None = None) -> dt.datetime:
    """`moment` in the venue's time zone, without tzinfo (what a clock on the wall reads)."""
    return moment.astimezone(zone(zone_name)).replace(tzinfo=None)


def at_venue(date: dt.date, time: dt.time, zone_name: str | None = None) -> dt.datetime:
    """A programme time (venue-local, naive) as an aware UTC moment, comparable with stored times."""
    tz = zone(zone_name)
    naive = dt.datetime.combine(date, time)
    aware = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return aware.astimezone(dt.timezone.utc)


def venue_day(moment: dt.datetime, zone_name: str | None = None) -> dt.date:
    """The venue's calendar day at `moment`."""
    return local(moment, zone_name).date()
