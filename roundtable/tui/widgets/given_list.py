"""The interventions already given in the session, oldest first, and their corrections.

The list takes focus (tab, or `g`); on an entry the moderator corrects the speaker, the speech
type, the language or the duration, keeps an intervention too short to count, or deletes it. The
widget only reports which correction was asked for (`Correct`); the screen makes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from rich.text import Text
from textual.message import Message

from roundtable.domain import clock, statistics
from roundtable.domain.durations import format_clock
from roundtable.domain.floor import FloorEntry
from roundtable.tui.action_guard import bindings
from roundtable.tui.widgets.row_table import Column, RowTable
from roundtable.tui.widgets.speaker_timer import speaker_title

COLUMNS = (
    Column("place", "#", width=3, align="right"),
    Column("at", "At", width=5),
    Column("speaker", "Speaker", grow=1, minimum=12),
    Column("type", "Type", width=8, drop=2),
    Column("language", "Lang", width=4, drop=3),
    Column("duration", "Duration", width=13, align="right"),
    Column("mark", "", width=5, drop=1),
)

class Correction(StrEnum):
    """What the moderator corrects in an intervention given (the table of actions' `correct(...)`)."""

    SPEAKER = "speaker"
    TYPE = "type"
    LANGUAGE = "language"
    DURATION = "duration"
    KEEP = "keep"  # an intervention too short to count, kept
    DELETE = "delete"


TYPE_SHORT = {"statement": "", "reply": "reply", "question": "question", "point-of-order": "p.order"}


def given_cells(place: int, entry: FloorEntry, now: dt.datetime, forum_languages: tuple[str, ...] = (),
                zone: str | None = None) -> tuple:
    request = entry.request
    started = clock.local(request.started_at, zone).strftime("%H:%M") if request.started_at else ""
    spoken = request.elapsed(now)
    over = spoken - request.limit_seconds
    duration = format_clock(spoken) + (f" (+{format_clock(over)})" if over >= 1 else "")
    counted = statistics.counts(request, entry.noted, now)
    if not counted:
        mark = Text("short", style="italic")  # too short to count (a slip of the finger?)
    elif request.kept and request.elapsed(now) < statistics.SHORT_SECONDS:
        mark = Text("kept")
    elif request.corrected_seconds is not None:
        mark = Text("fixed")
    else:
        mark = ""
    language = request.language or (forum_languages[0] if forum_languages else "")
    return (
        str(place),
        started,
        Text(speaker_title(entry), style="" if counted else "dim strike"),
        TYPE_SHORT.get(request.speech_type, request.speech_type),
        language.upper(),
        Text(duration, style="bold" if over >= 1 else ("dim" if not counted else "")),
        mark,
    )


class GivenList(RowTable):
    """Interventions given, oldest first; the newest stays in view as the list grows."""

    COLUMNS = COLUMNS
    ACTION_PLACE = "given list"
    BINDINGS = bindings("given list")

    @dataclass
    class Correct(Message):
        """Correct the intervention `request_id` (`what`: a Correction)."""

        given_list: GivenList
        what: Correction
        request_id: str

    @dataclass
    class Left(Message):
        given_list: GivenList

    def __init__(self, **kwargs):
        super().__init__(empty="No intervention yet", **kwargs)
        self._made: dict[str, tuple] = {}  # request id -> (what its cells were made of, the cells)

    def show(self, entries: list[FloorEntry], now: dt.datetime, forum_languages: tuple[str, ...] = (),
             zone: str | None = None) -> None:
        grew = len(entries) > self.row_count
        self.set_rows(
            ((e.request.id, self._cells_of(place, e, now, forum_languages, zone)) for place, e in enumerate(entries, start=1)),
            follow_last=grew and not self.has_focus,
        )

    def _cells_of(self, place: int, entry: FloorEntry, now: dt.datetime, languages: tuple[str, ...],
               zone: str | None) -> tuple:
        """An intervention given is over: its cells change only when it is corrected (the floor's
        read gives the same request object for an unchanged row), so they are made once."""
        made_of = (place, entry.request, entry.participant, entry.noted, languages, zone)
        known = self._made.get(entry.request.id)
        if known is not None and all(a is b or a == b for a, b in zip(known[0], made_of)):
            return known[1]
        cells = given_cells(place, entry, now, languages, zone)
        self._made[entry.request.id] = (made_of, cells)
        return cells

    def action_correct(self, what: str) -> None:
        if self.selected_key is not None:
            self.post_message(self.Correct(self, Correction(what), self.selected_key))

    def action_leave(self) -> None:
        self.post_message(self.Left(self))
