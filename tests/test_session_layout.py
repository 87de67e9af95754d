"""The session screen at any terminal size (issue 13): at 80x24 the speaker, the clock and at least
five queued requests are in view and the rest is one key away; at 120x40 no queue column is cut;
at 200x60 everything shows; the given list follows the newest intervention."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.store import floor, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.widgets.floor_queue import COLUMNS as QUEUE_COLUMNS
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.given_list import GivenList

from floor_helpers import session_of

CODE = "T2-2.2"


def crowd(forum, clock, waiting: int, given: int = 0) -> None:
    """`given` interventions already made, then `waiting` requests in the queue."""
    session = session_of(forum, CODE)
    people = roster.load_participants(forum.store)
    start = clock()
    for i in range(given):
        at = start - dt.timedelta(minutes=3 * (given - i))
        floor.record_intervention(forum.store, session, people[i % len(people)].id, at, at + dt.timedelta(minutes=2))
    for person in people[given: given + waiting]:
        floor.request_floor(forum.store, session, person.id, clock())


def inside(widget, app) -> bool:
    region = widget.region
    width, height = app.size
    return region.height > 0 and region.y >= 0 and region.bottom <= height and region.right <= width


async def test_at_80x24_the_speaker_the_clock_and_five_queued_requests_are_in_view(forum, clock):
    crowd(forum, clock, waiting=12)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        for selector in ("#speaker-lines", "#speaker-clock", "#queue-title"):
            assert inside(screen.query_one(selector), app), selector
        queue = screen.query_one(FloorQueue)
        assert inside(queue, app)
        assert queue.visible_rows() >= 5
        assert {"place", "speaker", "type", "forecast"} <= set(queue.shown_columns)
        # The highlighted row, which x and the move keys act on, is always one of those shown.
        await pilot.press("end")
        await pilot.pause()
        assert queue.selected_key in queue.visible_keys()
        # The rest is one key away: g shows the interventions given and the balance, escape returns.
        assert not screen.query_one(GivenList).display or not screen.query_one("#side-pane").display
        await pilot.press("g")
        await pilot.pause()
        assert inside(screen.query_one(GivenList), app) and inside(screen.query_one("#balance"), app)
        await pilot.press("escape")
        await pilot.pause()
        assert queue.has_focus and inside(queue, app)


async def test_at_120x40_no_queue_column_is_cut_the_reason_gives_way_first(forum, clock):
    crowd(forum, clock, waiting=8, given=3)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(FloorQueue)
        shown = queue.shown_columns
        assert shown == [c.key for c in QUEUE_COLUMNS if c.key != "reason"]
        widths = queue._widths
        assert all(widths[c.key] >= len(c.label) for c in QUEUE_COLUMNS if c.key in shown)
        assert all(len(mark) <= widths["forecast"] for mark in ("unreached", "cut short"))
        assert widths["type"] >= len("point of order")
        assert inside(app.screen.query_one(GivenList), app) and inside(app.screen.query_one("#balance"), app)


async def test_at_200x60_every_column_shows(forum, clock):
    crowd(forum, clock, waiting=3, given=2)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(FloorQueue).shown_columns == [c.key for c in QUEUE_COLUMNS]
        assert "mark" in app.screen.query_one(GivenList).shown_columns


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_given_list_follows_the_newest_intervention(forum, clock, size):
    crowd(forum, clock, waiting=3, given=30)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    narrow = size[0] < 110  # the given list shows on g, in place of the queue

    async def shown(pilot) -> None:
        if narrow:
            await pilot.press("g")
        await pilot.pause()

    async with app.run_test(size=size) as pilot:
        given = app.screen.query_one(GivenList)
        await shown(pilot)
        assert given.row_count == 30 and given.keys[-1] in given.visible_keys()
        assert given.visible_rows() >= 5
        if narrow:
            await pilot.press("escape")
        await pilot.press("n", "n")  # two more given
        await shown(pilot)
        assert given.row_count == 31 and given.keys[-1] in given.visible_keys()
