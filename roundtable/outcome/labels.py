"""Dates for callers that hold a language code rather than a catalogue (the programme screen).

Every word, number and date of the outcome document comes from its language's catalogue
(`roundtable/catalogues/<code>.toml`, read by `domain/catalogue.py`).
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain.catalogue import CatalogueError, catalogue


def _for(lang: str):
    try:
        return catalogue(lang)
    except CatalogueError:
        return catalogue()


def format_date(day: dt.date, lang: str = "en") -> str:
    """en "7 October 2014", ru "7 октября 2014 г.", kk "2014 жылғы 7 қазан"."""
    return _for(lang).date(day)


def format_date_range(start: dt.date, end: dt.date, lang: str = "en") -> str:
    """"6–8 October 2014" (en), "6–8 октября 2014 г." (ru), "2014 жылғы 6–8 қазан" (kk)."""
    return _for(lang).date_range(start, end)
