"""The strip of requests from delegates' phones (issue 28), above the queue while any waits: its
title, its rows, each new request said once (a point of order as a warning: accepted, it interrupts
the speaker), and the moderator's answer to one (`enter` accepts, `x` declines)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from roundtable.domain.models import Session
from roundtable.store import floor_requests
from roundtable.store.floor_requests import Waiting
from roundtable.tui.action_guard import verdict
from roundtable.tui.messages import FloorWritten
from roundtable.tui.widgets.floor_requests_strip import FloorRequestsStrip

SHOWN_ROWS = 4  # then it scrolls: each line it takes is the queue's


class RequestsPane(Vertical):
    def __init__(self, session: Session, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self._announced: set[str] = set()  # requests from the floor already said

    def compose(self) -> ComposeResult:
        yield Static(id="floor-strip-title", classes="pane-title")
        yield FloorRequestsStrip(id="floor-strip")

    def _say(self, text: str, severity: str = "information") -> None:
        self.notify(text, severity=severity, markup=False)

    def show(self, waiting: list[Waiting], zone: str | None, writes_floor: bool) -> None:
        """The waiting requests; those not seen before are said (where this terminal answers them)."""
        strip = self.query_one(FloorRequestsStrip)
        strip.show(waiting, zone)
        strip.styles.height = min(len(waiting), SHOWN_ROWS) + 1 if waiting else 0  # as tall as its requests
        orders = sum(1 for w in waiting if w.ask.is_point_of_order)
        title = Content(f"From the floor · {len(waiting)} waiting")
        if orders:
            title += Content.styled(f" · {orders} POINT{'S' if orders > 1 else ''} OF ORDER", "bold $text-warning")
        if writes_floor:
            title += Content.styled(" · f to answer", "dim")
        self.query_one("#floor-strip-title", Static).update(title, layout=False)
        new = [w for w in waiting if w.ask.id not in self._announced]
        self._announced = {w.ask.id for w in waiting}
        if not writes_floor:
            return
        for w in new:
            if w.ask.is_point_of_order:
                self._say(f"Point of order from the floor: {w.participant.titled} (f, then enter gives the floor).",
                          "warning")
            else:
                self._say(f"From the floor: {w.participant.titled} asks ({w.ask.speech_type}).")

    def enter(self) -> None:
        """`f`: to the strip, when a request waits."""
        strip = self.query_one(FloorRequestsStrip)
        if strip.row_count == 0:
            self._say("No request from the floor is waiting.")
            return
        strip.focus()

    def on_floor_requests_strip_answer(self, message: FloorRequestsStrip.Answer) -> None:
        message.stop()
        refusal = verdict(self.app, message.strip, "accept" if message.accept else "decline")
        if refusal is not None:
            self._say(refusal, "warning")
            return
        store = self.app.store
        waiting = {w.ask.id: w for w in floor_requests.waiting(store, self.session.id)}
        asked = waiting.get(message.ask_id)
        if asked is None:
            self.post_message(FloorWritten())
            self._say("That request is no longer waiting (withdrawn meanwhile?).", "warning")
            return
        now = self.app.now()
        who = asked.participant.titled
        select = None
        if message.accept:
            request = floor_requests.accept(store, self.session, message.ask_id, now)
            select = request.id if request else None
            if asked.ask.is_point_of_order:
                self._say(f"Point of order: {who} has the floor (n resumes the speaker).")
            else:
                self._say(f"{who} joins the queue from the floor (ctrl+z undoes).")
        else:
            floor_requests.decline(store, self.session.id, message.ask_id, now)
            self._say(f"{who}'s request declined; their phone says so (ctrl+z undoes).")
        self.post_message(FloorWritten(select=select, to_queue=not floor_requests.waiting(store, self.session.id)))
