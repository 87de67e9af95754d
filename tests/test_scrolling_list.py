"""The one scrolling list (issue 23 item 3) as the moderator and the rapporteur use it: a long queue
and a long list of notes show a scrollbar, the wheel and the page keys move through them, and a
click highlights the row or the note clicked."""

from __future__ import annotations

import re

from fake_clock import FakeClock
from floor_helpers import session_of
from rapporteur_helpers import T0
from textual import events

from roundtable.store import floor, notes, programme, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.widgets.floor_queue import FloorQueue
from roundtable.tui.widgets.notes_list import NotesList

CODE = "T2-2.2"


def crowd(forum, clock, waiting: int) -> None:
    session = session_of(forum, CODE)
    for person in roster.load_participants(forum.store)[:waiting]:
        floor.request_floor(forum.store, session, person.id, clock())


def shown_text(widget, y: int) -> str:
    """The text of line `y` of `widget`'s content, as drawn."""
    return "".join(segment.text for segment in widget.render_line(y))


async def wheel(pilot, widget, down: bool = True, times: int = 1) -> None:
    """Turn the mouse wheel over `widget`, as the terminal reports it to the app."""
    x, y = widget.region.x + 5, widget.region.y + widget.region.height // 2
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    for _ in range(times):
        pilot.app.post_message(kind(None, x, y, 0, 1 if down else -1, 0, False, False, False, screen_x=x, screen_y=y))
        await pilot.pause()


async def test_a_long_queue_has_a_scrollbar_and_the_wheel_page_keys_and_a_click_move_through_it(forum, clock):
    crowd(forum, clock, waiting=30)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(FloorQueue)
        assert queue.row_count == 30 and queue.visible_rows() < 30
        assert queue.show_vertical_scrollbar and queue.vertical_scrollbar.region.height > 0
        first_shown = queue.visible_keys()
        assert queue.keys[0] == first_shown[0] and queue.selected_key == queue.keys[0]

        await wheel(pilot, queue, times=2)
        assert queue.scroll_offset.y > 0
        assert queue.visible_keys()[0] != first_shown[0]
        assert queue.selected_key in queue.visible_keys()  # the keys act on a row in view
        await wheel(pilot, queue, down=False, times=5)
        assert queue.scroll_offset.y == 0 and queue.visible_keys() == first_shown

        queue.focus()
        await pilot.press("home", "pagedown")
        assert queue.cursor == queue.visible_rows() - 1
        await pilot.press("pagedown")
        assert queue.scroll_offset.y > 0 and queue.selected_key in queue.visible_keys()
        await pilot.press("end")
        assert queue.selected_key == queue.keys[-1] and queue.keys[-1] in queue.visible_keys()
        await pilot.press(*["pageup"] * 5)  # 29 rows up, six at a time
        assert queue.cursor == 0 and queue.scroll_offset.y == 0

        # A click on the fourth row (the header is the first line) highlights that request.
        assert await pilot.click(FloorQueue, offset=(10, 4))
        assert queue.selected_key == queue.keys[3]
        assert app.screen.query_one(FloorQueue).row_text(queue.selected_key).startswith("4 ")


async def test_a_short_queue_has_no_scrollbar(forum, clock):
    crowd(forum, clock, waiting=3)
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(FloorQueue)
        assert queue.row_count == 3 and not queue.show_vertical_scrollbar
        assert queue.visible_keys() == queue.keys


def many_notes(store, count: int) -> list[str]:
    session = programme.find_session(store, "T2-2.2")
    now = FakeClock(T0, tick=60)
    return [notes.take_note(store, session.id, f"Note {i}: " + "procurement rules close the gap " * (i % 3), now()).id
            for i in range(count)]


async def test_a_long_notes_list_has_a_scrollbar_and_the_wheel_page_keys_and_a_click_move_through_it(demo_forum):
    ids = many_notes(demo_forum.store, 40)
    app = RoundtableApp(demo_forum.store, session_code="T2-2.2", now=FakeClock(T0, tick=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i", "up")  # off the note line, onto the list
        listing = app.screen.query_one(NotesList)
        assert app.focused is listing and listing.note_ids == ids
        assert listing.show_vertical_scrollbar
        # The newest note is highlighted and in view: the list follows what is being written.
        assert listing.highlighted_id == ids[-1] and ids[-1] in listing.visible_keys()
        assert listing.scroll_offset.y == listing.max_scroll_y > 0
        assert listing.vertical_scrollbar.position == listing.scroll_offset.y  # the bar says so too

        await wheel(pilot, listing, down=False, times=3)
        assert listing.scroll_offset.y < listing.max_scroll_y
        assert ids[-1] not in listing.visible_keys()
        assert listing.highlighted_id in listing.visible_keys()  # k, e, d act on a note in view

        await pilot.press("home")
        assert listing.highlighted_id == ids[0] and listing.scroll_offset.y == 0
        await pilot.press("pagedown")
        paged = listing.highlighted
        assert paged is not None and paged > 1 and listing.highlighted_id in listing.visible_keys()
        await pilot.press("pageup")
        assert listing.highlighted == 0

        # A click on a note's first line, below the list's border: that note is highlighted.
        y, number = next((y, int(m[1])) for y in range(2, listing.visible_rows())
                         if (m := re.search(r"Note (\d+):", shown_text(listing, y))))
        assert number != 0 and listing.highlighted == 0
        await pilot.click(offset=(listing.region.x + 10, listing.region.y + listing.styles.gutter.top + y))
        assert listing.highlighted_id == ids[number]
        await pilot.press("k")  # the key acts on the note clicked
        session = programme.find_session(demo_forum.store, "T2-2.2")
        assert [n.id for n in notes.session_notes(demo_forum.store, session.id) if n.key_point] == [ids[number]]
