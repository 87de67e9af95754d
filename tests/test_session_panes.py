"""The session screen is made of panes (issue 23 item 1): each shows its part of the floor the
screen read, runs the commands on what it shows and says what happened from what the command
returned; the given pane asks domain/statistics.py what counts; a correction is a Correction, not a
string; and no screen class is longer than 300 lines."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from roundtable.domain import statistics
from roundtable.domain.models import Participant, SpeakerRequest
from roundtable.tui.app import RoundtableApp
from roundtable.tui.panes.floor_pane import FloorPane
from roundtable.tui.panes.given_pane import GivenPane, given_title
from roundtable.tui.panes.queue_pane import QueuePane
from roundtable.tui.panes.requests_pane import RequestsPane
from roundtable.tui.widgets.given_list import Correction, GivenList

from floor_helpers import SIZE, add, notices, state_of

T0 = dt.datetime(2014, 10, 7, 9, tzinfo=dt.timezone.utc)
SCREENS = Path(__file__).resolve().parent.parent / "roundtable" / "tui" / "screens"


def _given(seconds: float, kept: bool = False) -> statistics.Intervention:
    request = SpeakerRequest(id=f"r{seconds}", session_id="s", participant_id="p", status="spoken", requested_at=T0,
                             started_at=T0, ended_at=T0 + dt.timedelta(seconds=seconds), kept=kept)
    return statistics.Intervention(request, Participant(id="p", name="P"))


def test_the_given_title_counts_as_statistics_does():
    given = [_given(200), _given(1), _given(2, kept=True)]
    summary = statistics.finished(statistics.counted(given, T0 + dt.timedelta(hours=1)), len(given))
    assert summary == statistics.Finished(interventions=2, seconds=202, too_short=1)
    assert str(given_title(summary)) == "Given · 2 interventions · 3:22 · 1 too short to count"


def test_a_correction_is_one_of_the_corrections():
    assert Correction("keep") is Correction.KEEP
    with pytest.raises(ValueError):
        Correction("rename")


def test_no_screen_class_is_longer_than_300_lines():
    long = {}
    for path in SCREENS.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 300:
                long[f"{path.name}:{node.name}"] = node.end_lineno - node.lineno + 1
    assert not long


async def test_the_session_screen_is_its_panes_and_n_says_what_happened(forum, clock):
    app = RoundtableApp(forum.store, session_code="T2-2.1", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for pane in (FloorPane, QueuePane, GivenPane, RequestsPane):
            assert len(screen.query(pane)) == 1
        await pilot.press("n")  # nobody waits, nobody speaks: refused, nothing written
        await pilot.pause()
        assert notices(app)[-1] == "The queue is empty."
        await add(pilot, "hoda")
        await pilot.press("n")
        await pilot.pause()
        assert state_of(forum, "T2-2.1", clock).current.participant.name == "Hoda Baraka"
        clock.advance(60)
        await pilot.press("n")  # she finishes; nobody waits
        await pilot.pause()
        assert notices(app)[-1] == "H.E. Dr. Hoda Baraka finished; the queue is empty, the floor is free."
        assert "Given · 2 interventions · 5:30" in str(screen.query_one("#given-title").render())  # 4:30 before
        given = screen.query_one(GivenList)
        hers = state_of(forum, "T2-2.1", clock).spoken[-1].request
        given.post_message(GivenList.Correct(given, Correction.TYPE, hers.id))
        await pilot.pause()
        assert (hers.speech_type, state_of(forum, "T2-2.1", clock).spoken[-1].request.speech_type) == ("statement", "reply")
