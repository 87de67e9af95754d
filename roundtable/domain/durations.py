"""Speaking-time limits as people write them ("90s", "4m", "1m30s") and as clocks show them."""

import re

# The longest limit anyone speaks to: a day. Anything longer is a typing slip, and would overflow
# the forecast's and the timer's date arithmetic or SQLite's integers further on.
MAX_SECONDS = 24 * 3600
_MAX_DIGITS = 12  # more digits than any duration up to MAX_SECONDS written in seconds needs

_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?\s*$")


def parse_duration(text: str | int) -> int:
    """Seconds in a duration such as "90s", "4m", "1m30s" or a bare number of seconds.

    Raises ValueError with a message fit for a user when the text is not a positive duration of at
    most MAX_SECONDS (a day).
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a duration")
    if isinstance(text, int):
        seconds = text
    else:
        stripped = text.strip()
        if any(len(run) > _MAX_DIGITS for run in re.findall(r"\d+", stripped)):
            raise ValueError(f'"{_shown(stripped)}" is longer than a day; a speaking time is at most "24h"')
        if stripped.isdigit():
            seconds = int(stripped)
        else:
            match = _DURATION.match(stripped)
            if not stripped or match is None or not any(match.groupdict().values()):
                raise ValueError(f'"{text}" is not a duration; write it like "90s", "4m" or "1m30s"')
            parts = {k: int(v or 0) for k, v in match.groupdict().items()}
            seconds = parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    if seconds <= 0:
        raise ValueError(f'"{text}" is not a positive duration')
    if seconds > MAX_SECONDS:
        raise ValueError(f'"{text}" is longer than a day; a speaking time is at most "24h"')
    return seconds


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-8:]}"


def format_clock(seconds: float) -> str:
    """A timer reading: "4:00", "0:07", "12:05", "1:02:03"; negative values get a leading minus."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def format_duration(seconds: float, units: tuple[str, str, str] = ("h", "min", "s")) -> str:
    """A human duration for summaries: "45 s", "4 min", "4 min 30 s", "1 h 05 min".

    `units` are the hour, minute and second abbreviations of the language (the document passes
    its own: "ч", "мин", "с" in Russian).
    """
    h_unit, m_unit, s_unit = units
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} {h_unit} {minutes:02d} {m_unit}"
    if minutes and secs:
        return f"{minutes} {m_unit} {secs} {s_unit}"
    if minutes:
        return f"{minutes} {m_unit}"
    return f"{secs} {s_unit}"


def format_typed(seconds: float) -> str:
    """A duration as a person types it, and as `parse_duration` reads it back: "3m20s", "45s", "4m",
    "1h2m"."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs or not total else ""]
    return "".join(parts) or "0s"
