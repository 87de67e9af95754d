"""Every main screen at 80x24, 120x40 and 200x60, on the demo forum at a fixed moment, compared
with its saved picture (conftest.py says how to look at a difference and accept it).

What each picture must show (issue 23, item 10) is checked by eye when it is accepted, and the
parts a test can read are asserted beside it (test_screen_layout.py): the programme's rooms and
`● live` mark at 80 columns, titles cut at a word, the form's choices, the projector's large clock.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from snapshots.screen_setup import MOMENT, SIZE_IDS, SIZES

from roundtable.store import programme as programme_store
from roundtable.store.session_presence import SessionPresence
from roundtable.tui.projector_app import ProjectorApp

SPEAKER = "Alikhan Baimenov"
WAITING = ("Julia Glidden", "Bagdat Mussin", "Marie-Claire Dubois", "Дмитрий Соколов", "Ольга Иванова",
           "Айгерим Жумабаева")

sizes = pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)


@sizes
def test_programme_on_the_second_day_with_a_live_session(app_on_demo, on_the_floor, snapshot, size):
    on_the_floor("D2-RT", SPEAKER)
    snapshot(app_on_demo(), size, press=["2"])


@sizes
def test_session_with_a_speaker_and_a_queue(app_on_demo, on_the_floor, snapshot, size):
    on_the_floor("D2-RT", SPEAKER, WAITING)
    snapshot(app_on_demo(session_code="D2-RT"), size)


@sizes
def test_participants_form_with_the_category_choices_open(app_on_demo, snapshot, size):
    async def open_category(pilot) -> None:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"baimenov", "tab", "enter")  # his record, to correct
        await pilot.pause()
        pilot.app.screen.query_one("#field-category").focus()
        await pilot.pause()

    snapshot(app_on_demo(), size, press=["enter"], run_before=open_category)


@sizes
def test_recommendations_board(app_on_demo, snapshot, size):
    snapshot(app_on_demo(), size, press=["r"])


@sizes
def test_projector_of_the_session_screen(app_on_demo, on_the_floor, snapshot, size):
    on_the_floor("D2-RT", SPEAKER, WAITING)
    snapshot(app_on_demo(session_code="D2-RT"), size, press=["p"])


@sizes
def test_projector_served_to_a_browser(forum, moment, on_the_floor, snapshot, size):
    on_the_floor("D2-RT", SPEAKER, WAITING)
    snapshot(ProjectorApp(forum.store, session_code="D2-RT", now=moment), size)


@sizes
def test_question_after_the_clock_ran_unattended(forum, app_on_demo, on_the_floor, snapshot, size):
    on_the_floor("D2-RT", SPEAKER, WAITING, seconds=20 * 60)
    # The last roundtable left the session six minutes ago (its lock file says when).
    presence = SessionPresence(forum.store.path, programme_store.find_session(forum.store, "D2-RT").id)
    presence.enter()
    presence.leave()
    left = (MOMENT - dt.timedelta(minutes=6)).timestamp()
    os.utime(presence.path, (left, left))
    snapshot(app_on_demo(session_code="D2-RT"), size)
