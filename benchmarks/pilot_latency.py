"""Key press to screen updated, through `App.run_test()`, on the large forum's session T1-2.1.

Each key is sent to the app as the terminal driver would send it (not through `pilot.press`, whose
idle-waiting sleeps would be measured too). The clock stops when the screen shows the result:
the widget holds the new content, every message the key caused has been handled, and the screen
has composed the frame (no layout, repaint or dirty widget left). Between keys the harness waits
for the app to go idle, like a person who reads what they typed.

A round is one of each operation, with every one of its keys timed:
  add speaker          a (picker open), each letter (matches filtered), enter (queued, queue redrawn)
  next speaker         n (the timer shows the new speaker, the queue lost them)
  save a note          i (note line focused), each letter, enter (note in the list, line empty),
                       escape (back to the queue)
  save recommendation  i, each letter, ctrl+r (recommendation saved, line empty, notes redrawn),
                       escape
"""

from __future__ import annotations

import asyncio
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from benchmarks.figure import Figure
from benchmarks.stats import percentile

SESSION = "T1-2.1"
ROUNDS = 25  # `python -m benchmarks.pilot_latency DB ROUNDS` for a quicker look
TIMEOUT = 5.0
LAST_RUN = None
OPERATIONS = ("add speaker", "next speaker", "save note", "save recommendation")


def _key_event(key: str):
    """The Key event the driver posts for `key` (what `App._press_keys` builds, without its waits)."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


class KeyTimer:
    def __init__(self, app, pilot):
        self.app = app
        self.pilot = pilot
        self.samples: dict[str, list[float]] = {name: [] for name in OPERATIONS}
        self.committing: dict[str, list[float]] = {name: [] for name in OPERATIONS}
        self.by_key: dict[str, list[float]] = {}  # "operation: key" -> times, letters as one key

    async def press(self, operation: str, key: str, shown: Callable[[], bool], commits: bool = False,
                    typed: bool = False) -> None:
        """Send `key`, wait until `shown()` holds and the screen is composed; record the time."""
        await self.pilot.pause()  # the person reads the screen before the next key
        app = self.app
        event = _key_event(key)
        event.set_sender(app)
        began = time.perf_counter()
        app._driver.send_message(event)
        deadline = began + TIMEOUT
        while not shown():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{operation}: {key!r} did not show its result within {TIMEOUT} s")
            await asyncio.sleep(0)
        await self.pilot._wait_for_screen()  # every message the key caused has been handled
        screen = app.screen
        while screen._layout_required or screen._repaint_required or screen._dirty_widgets:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{operation}: {key!r}: the screen was not composed within {TIMEOUT} s")
            await asyncio.sleep(0)
        elapsed = (time.perf_counter() - began) * 1000
        self.samples[operation].append(elapsed)
        self.by_key.setdefault(f"{operation}: {'letters typed' if typed else key}", []).append(elapsed)
        if commits:
            self.committing[operation].append(elapsed)

    async def type(self, operation: str, widget, text: str) -> None:
        for i, char in enumerate(text, start=1):
            wanted = text[:i]
            await self.press(operation, "space" if char == " " else char, lambda: widget.value.endswith(wanted),
                             typed=True)


async def _run(db: Path) -> KeyTimer:
    from textual.widgets import Input, OptionList

    from roundtable.store import open_store, roster
    from roundtable.tui.app import RoundtableApp
    from roundtable.tui.screens.session import SessionScreen
    from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen
    from roundtable.tui.widgets.floor_queue import FloorQueue
    from roundtable.tui.widgets.note_line import NoteLine
    from roundtable.tui.widgets.notes_list import NotesList
    from roundtable.tui.widgets.speaker_timer import SpeakerTimer

    store = open_store(db, create=False)
    people = sorted(roster.load_participants(store), key=lambda p: p.id)
    app = RoundtableApp(store, session_code=SESSION)
    async with app.run_test(size=(140, 45)) as pilot:
        while not isinstance(app.screen, SessionScreen):
            await pilot.pause()
        screen = app.screen
        queue = screen.query_one(FloorQueue)
        timer = screen.query_one(SpeakerTimer)
        notes_list = screen.query_one(NotesList)
        line = screen.query_one(NoteLine)
        k = KeyTimer(app, pilot)
        for i in range(ROUNDS):
            person = people[(i * 37) % len(people)]
            # add speaker: the queue is empty at the start of a round, so the first match is free
            await pilot.pause()
            queued = queue.row_count
            await k.press("add speaker", "a", lambda: isinstance(app.screen, SpeakerPickerScreen)
                          and any(m.option_count for m in app.screen.query("#picker-matches").results(OptionList)))
            picker_input = app.screen.query_one("#picker-query", Input)
            await k.type("add speaker", picker_input, person.name[:6])
            await k.press("add speaker", "enter", lambda: app.screen is screen and queue.row_count == queued + 1,
                          commits=True)
            # next speaker
            await k.press("next speaker", "n", lambda: timer.entry is not None and queue.row_count == queued,
                          commits=True)
            # save a note
            await k.press("save note", "i", lambda: line.has_focus)
            await k.type("save note", line, f"Point {i} on open data")
            notes_before = notes_list.option_count
            await k.press("save note", "enter", lambda: line.value == "" and notes_list.option_count > notes_before,
                          commits=True)
            await k.press("save note", "escape", lambda: not line.has_focus)
            # save a recommendation from the note line
            await k.press("save recommendation", "i", lambda: line.has_focus)
            await k.type("save recommendation", line, f"Publish data {i}")
            notes_before = notes_list.option_count
            await k.press("save recommendation", "ctrl+r",
                          lambda: line.value == "" and notes_list.option_count > notes_before, commits=True)
            await k.press("save recommendation", "escape", lambda: not line.has_focus)
        await pilot.pause()
    store.close()
    return k


def _check(db: Path, before: dict[str, int]) -> None:
    """The keys did what they claim: one request, one note and one recommendation per round."""
    from roundtable.store import open_store

    with open_store(db, create=False) as store:
        after = _counts(store)
    for table, added in (("requests", ROUNDS), ("recommendations", ROUNDS)):
        if after[table] - before[table] != added:
            raise AssertionError(f"{table}: {after[table] - before[table]} rows added, expected {added}")
    if after["notes"] - before["notes"] < ROUNDS:
        raise AssertionError("notes: fewer rows added than notes saved")


def _counts(store) -> dict[str, int]:
    return {t: store.query_one(f"SELECT count(*) FROM {t}")[0] for t in ("requests", "notes", "recommendations")}


def measure(db: Path, work: Path) -> list[Figure]:
    from roundtable.store import open_store

    copy = work / "pilot.db"
    shutil.copy(db, copy)
    with open_store(copy, create=False) as store:
        before = _counts(store)
    global LAST_RUN
    timer = LAST_RUN = asyncio.run(_run(copy))
    _check(copy, before)
    figures = []
    for name in OPERATIONS:
        every, committing = timer.samples[name], timer.committing[name]
        figures.append(Figure(
            f"Pilot {name}, key to screen: p99 (p50 {percentile(every, 50):.1f} ms)",
            percentile(every, 99), "ms", 50.0,
            f"{len(every)} keys; the committing key: p99 {percentile(committing, 99):.1f} ms",
        ))
    return figures


if __name__ == "__main__":
    import sys
    import tempfile

    from benchmarks import large_forum

    if len(sys.argv) > 2:
        ROUNDS = int(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(sys.argv[1]) if len(sys.argv) > 1 else large_forum.build(Path(tmp) / "large.db")
        for figure in measure(db, Path(tmp)):
            print(f"{figure.name}: {figure.shown()} ({figure.verdict}) {figure.note}")
        for key, times in LAST_RUN.by_key.items():
            print(f"  {key:<36} p50 {percentile(times, 50):6.1f} ms  p99 {percentile(times, 99):6.1f} ms  n={len(times)}")
