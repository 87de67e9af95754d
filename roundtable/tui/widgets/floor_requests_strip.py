"""Requests from delegates' phones waiting for the moderator (issue 28), in a strip above the queue:
points of order first, flagged, then in the order they were asked. `enter` accepts the highlighted
one (it joins the queue by the session's policy; a point of order gets the floor at once), `x`
declines it; the delegate's phone shows which. The screen decides (messages up)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from roundtable.domain import clock
from roundtable.domain.countries import country_name
from roundtable.store.floor_requests import Waiting
from roundtable.tui.action_guard import bindings
from roundtable.tui.widgets.row_table import Column, RowTable

COLUMNS = (
    Column("kind", "Asks for", width=16),
    Column("speaker", "Speaker", grow=3, minimum=16),
    Column("country", "Country", grow=1, minimum=10, drop=2),
    Column("asked", "Asked", width=6),
)


def strip_cells(waiting: Waiting, zone: str | None) -> tuple:
    ask = waiting.ask
    kind = (Text("POINT OF ORDER", style="bold reverse") if ask.is_point_of_order
            else Text(ask.speech_type.replace("-", " ")))
    return (kind, waiting.participant.titled, country_name(waiting.participant.country),
            f"{clock.local(ask.asked_at, zone):%H:%M}")


class FloorRequestsStrip(RowTable):
    COLUMNS = COLUMNS
    ACTION_PLACE = "floor requests"
    BINDINGS = bindings("floor requests")

    @dataclass
    class Answer(Message):
        """The moderator accepts (True) or declines (False) the request `ask_id`."""

        strip: FloorRequestsStrip
        ask_id: str
        accept: bool

    @dataclass
    class Left(Message):
        strip: FloorRequestsStrip

    def __init__(self, **kwargs):
        super().__init__(empty="No request from the floor", **kwargs)

    def show(self, waiting: list[Waiting], zone: str | None = None) -> None:
        self.set_rows((w.ask.id, strip_cells(w, zone)) for w in waiting)

    def action_accept(self) -> None:
        if self.selected_key is not None:
            self.post_message(self.Answer(self, self.selected_key, True))

    def action_decline(self) -> None:
        if self.selected_key is not None:
            self.post_message(self.Answer(self, self.selected_key, False))

    def action_leave(self) -> None:
        self.post_message(self.Left(self))
