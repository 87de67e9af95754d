"""Dates as each language writes them (labels.md)."""

import datetime as dt

from roundtable.outcome.labels import format_date, format_date_range

DAY = dt.date(2014, 10, 7)


def test_dates_per_language():
    assert format_date(DAY, "en") == "7 October 2014"
    assert format_date(DAY, "ru") == "7 октября 2014 г."
    assert format_date(DAY, "kk") == "2014 жылғы 7 қазан"


def test_date_ranges():
    start, end = dt.date(2014, 10, 6), dt.date(2014, 10, 8)
    assert format_date_range(start, end, "en") == "6–8 October 2014"
    assert format_date_range(start, end, "ru") == "6–8 октября 2014 г."
    assert format_date_range(start, end, "kk") == "2014 жылғы 6–8 қазан"
    assert format_date_range(dt.date(2014, 9, 30), end, "en") == "30 September 2014 – 8 October 2014"
