"""The one clock of the app. Stored times are UTC and timezone-aware; screens show local time."""

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def local(moment: dt.datetime) -> dt.datetime:
    """`moment` in this machine's time zone (the venue's, at a forum), without tzinfo."""
    return moment.astimezone().replace(tzinfo=None)


def at_venue(date: dt.date, time: dt.time) -> dt.datetime:
    """A programme time (venue-local, naive) as an aware UTC moment, comparable with stored times."""
    return dt.datetime.combine(date, time).astimezone().astimezone(dt.timezone.utc)
