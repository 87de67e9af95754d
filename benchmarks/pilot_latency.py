"""Key press to screen updated, through `App.run_test()`, for roundtable and for a reference app.

roundtable runs on session T1-2.1 of the large forum (and of a forum whose T1-2.1 is 16 times as
large); the reference (benchmarks/reference_app.py) is a minimal app of stock Textual widgets laid
out the same way and making the same visible change for each key. Both are driven by this harness
in the same run, a round of one then a round of the other, so that both see the same machine.

Each key is sent to the app as the terminal driver would send it (not through `pilot.press`, whose
idle-waiting sleeps would be measured too). The clock stops when the screen shows the result: the
widget holds the new content, every message the key caused has been handled, and the screen has
composed the frame (no layout, repaint or dirty widget left). Between keys the harness waits for
the app to go idle, like a person who reads what they typed.

A round is one of each operation, with every one of its keys timed:
  add speaker          a (picker open), each letter (matches filtered), enter (queued, queue redrawn)
  next speaker         n (the speaker panel shows the new speaker, the queue lost them)
  save a note          i (note line focused), each letter, enter (note in the list, line empty),
                       escape (back to the queue)
  save recommendation  i, each letter, ctrl+r (saved, line empty, notes redrawn), escape
"""

from __future__ import annotations

import asyncio
import shutil
import time
import unicodedata
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path

from benchmarks.figure import Figure
from benchmarks.rounds import Interval, Policy, bootstrap
from benchmarks.stats import percentile

SESSION = "T1-2.1"
ROUNDS = 200  # `make bench-full`: 200 rounds, at least 200 samples of each key
# `make bench`: as many rounds as the figures need (benchmarks/rounds.py), 40 to 200, looked at every 20.
QUICK = Policy(min_rounds=40, max_rounds=ROUNDS, step=20)
P99_TARGET_MS = 50.0
TIMEOUT = 5.0
SIZE = (140, 45)
OPERATIONS = ("add speaker", "next speaker", "save note", "save recommendation")
LAST_RUN: dict[str, KeyTimer] = {}


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
        self.rounds: list[dict[str, list[float]]] = []  # each round's samples, per operation

    def new_round(self) -> None:
        self.rounds.append({name: [] for name in OPERATIONS})

    async def press(self, operation: str, key: str, shown: Callable[[], bool], commits: bool = False,
                    typed: bool = False) -> None:
        """Send `key`, wait until `shown()` holds and the screen is composed; record the time."""
        await self.pilot.pause()  # the person reads the screen before the next key
        app = self.app
        event = _key_event(key)
        event.set_sender(app)
        self.started()
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
        self.stopped()
        self.samples[operation].append(elapsed)
        if self.rounds:
            self.rounds[-1][operation].append(elapsed)
        self.by_key.setdefault(f"{operation}: {'letters typed' if typed else key}", []).append(elapsed)
        if commits:
            self.committing[operation].append(elapsed)

    def started(self) -> None:
        """Called as the key is sent (benchmarks/profile_keys.py starts its profiler here)."""

    def stopped(self) -> None:
        """Called once the key's result is on the screen."""

    async def type(self, operation: str, line: Callable[[], object], text: str) -> None:
        for i, char in enumerate(text, start=1):
            wanted = text[:i]
            await self.press(operation, "space" if char == " " else char, lambda: line().value.endswith(wanted),
                             typed=True)


class RoundtableDriver:
    """roundtable's session screen, read through its widgets."""

    name = "roundtable"

    def __init__(self, db: Path):
        self.db = db

    async def start(self, stack: AsyncExitStack) -> KeyTimer:
        from roundtable.store import open_store, roster
        from roundtable.tui.app import RoundtableApp
        from roundtable.tui.screens.session import SessionScreen
        from roundtable.tui.widgets.floor_queue import FloorQueue
        from roundtable.tui.widgets.note_line import NoteLine
        from roundtable.tui.widgets.notes_list import NotesList
        from roundtable.tui.widgets.speaker_timer import SpeakerTimer

        store = open_store(self.db, create=False)
        self.names = [p.name for p in sorted(roster.load_participants(store), key=lambda p: p.id)]
        self.app = app = RoundtableApp(store, session_code=SESSION)
        pilot = await stack.enter_async_context(app.run_test(size=SIZE))
        while not isinstance(app.screen, SessionScreen):
            await pilot.pause()
        self.screen = app.screen
        self.queue = self.screen.query_one(FloorQueue)
        self.timer = self.screen.query_one(SpeakerTimer)
        self.notes = self.screen.query_one(NotesList)
        self.note_line = self.screen.query_one(NoteLine)
        return KeyTimer(app, pilot)

    def picker_ready(self) -> bool:
        from roundtable.tui.screens.speaker_picker import SpeakerPickerScreen

        screen = self.app.screen
        return isinstance(screen, SpeakerPickerScreen) and any(m.row_count for m in screen.query("#picker-matches"))

    def picker_line(self):
        return self.app.screen.query_one("#picker-query")

    def on_main_screen(self) -> bool:
        return self.app.screen is self.screen

    def queued(self) -> int:
        return self.queue.row_count

    def speaker(self) -> object:
        return self.timer.entry.request.id if self.timer.entry else None

    def line(self):
        return self.note_line

    def notes_count(self) -> int:
        return self.notes.note_count


class ReferenceDriver:
    name = "reference"

    def __init__(self, names: list[str], notes: list[str], given: list[str]):
        self.names, self.notes_text, self.given = names, notes, given

    async def start(self, stack: AsyncExitStack) -> KeyTimer:
        from benchmarks.reference_app import ReferenceApp

        self.app = app = ReferenceApp(self.names, self.notes_text, self.given)
        pilot = await stack.enter_async_context(app.run_test(size=SIZE))
        await pilot.pause()
        self.screen = app.screen
        return KeyTimer(app, pilot)

    def picker_ready(self) -> bool:
        from benchmarks.reference_app import Picker

        screen = self.app.screen
        return isinstance(screen, Picker) and any(m.option_count for m in screen.query("#matches"))

    def picker_line(self):
        return self.app.screen.query_one("#query")

    def on_main_screen(self) -> bool:
        return self.app.screen is self.screen

    def queued(self) -> int:
        return self.screen.query_one("#queue").row_count

    def speaker(self) -> object:
        return (self.app.speaker, self.app.given)

    def line(self):
        return self.screen.query_one("#line")

    def notes_count(self) -> int:
        return self.screen.query_one("#notes").option_count


async def _round(driver, k: KeyTimer, i: int, name: str) -> None:
    await k.pilot.pause()
    queued = driver.queued()
    await k.press("add speaker", "a", driver.picker_ready)
    await k.type("add speaker", driver.picker_line, name[:6])
    await k.press("add speaker", "enter", lambda: driver.on_main_screen() and driver.queued() == queued + 1,
                  commits=True)
    before = driver.speaker()
    await k.press("next speaker", "n", lambda: driver.speaker() != before and driver.queued() == queued,
                  commits=True)
    line = driver.line()
    await k.press("save note", "i", lambda: line.has_focus)
    await k.type("save note", driver.line, f"Point {i} data")
    count = driver.notes_count()
    await k.press("save note", "enter", lambda: line.value == "" and driver.notes_count() > count, commits=True)
    await k.press("save note", "escape", lambda: not line.has_focus)
    await k.press("save recommendation", "i", lambda: line.has_focus)
    await k.type("save recommendation", driver.line, f"Publish {i}")
    count = driver.notes_count()
    await k.press("save recommendation", "ctrl+r", lambda: line.value == "" and driver.notes_count() > count,
                  commits=True)
    await k.press("save recommendation", "escape", lambda: not line.has_focus)


def _session_content(db: Path) -> tuple[list[str], list[str], list[str]]:
    """The roster's names and the session's notes and interventions, for the reference to show too."""
    from roundtable.store import floor_reads, notes, open_store, roster
    from roundtable.store import programme as programme_store

    with open_store(db, create=False) as store:
        names = [p.name for p in sorted(roster.load_participants(store), key=lambda p: p.id)]
        session = programme_store.find_session(store, SESSION)
        texts = [n.text for n in notes.session_notes(store, session.id)]
        given = [e.participant.name for e in floor_reads.floor_state(store, session.id).spoken]
    return names, texts, given


async def _run(db: Path, policy: Policy) -> tuple[dict[str, KeyTimer], dict[str, Interval]]:
    names, texts, given = _session_content(db)
    ours, reference = RoundtableDriver(db), ReferenceDriver(names, texts, given)
    intervals: dict[str, Interval] = {}
    async with AsyncExitStack() as stack:
        timers = {d.name: await d.start(stack) for d in (ours, reference)}
        i = 0
        while True:
            name = names[(i * 37) % len(names)]
            for driver in ((ours, reference) if i % 2 == 0 else (reference, ours)):
                timers[driver.name].new_round()
                await _round(driver, timers[driver.name], i, name)
            i += 1
            if policy.due(i):
                intervals = _intervals(timers)
                if policy.done(i, {k: (iv, _target(k)) for k, iv in intervals.items()}):
                    break
    return timers, intervals


def _target(figure: str) -> float:
    return P99_TARGET_MS if figure.endswith("p99 ms") else 1.0


def _intervals(timers: dict[str, KeyTimer]) -> dict[str, Interval]:
    """Per operation: our p99 in ms, and our p50 and p99 over the reference's, with their 95%
    intervals (the rounds resampled, the same ones for both apps)."""
    ours, ref = timers["roundtable"].rounds, timers["reference"].rounds

    def statistic(picked: list[int]) -> dict[str, float]:
        values = {}
        for op in OPERATIONS:
            mine = sorted(x for i in picked for x in ours[i][op])
            theirs = sorted(x for i in picked for x in ref[i][op])
            p99 = _ranked(mine, 99)
            values[f"{op}: p99 ms"] = p99
            values[f"{op}: p50 ratio"] = _ranked(mine, 50) / _ranked(theirs, 50)
            values[f"{op}: p99 ratio"] = p99 / _ranked(theirs, 99)
        return values

    return bootstrap(len(ours), statistic)


def _ranked(ordered: list[float], p: float) -> float:
    """stats.percentile on values already sorted (the bootstrap sorts each draw once)."""
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _check(db: Path, before: dict[str, int], rounds: int) -> None:
    """The keys did what they claim: one request, one note and one recommendation per round."""
    from roundtable.store import open_store

    with open_store(db, create=False) as store:
        after = _counts(store)
    for table, added in (("requests", rounds), ("recommendations", rounds)):
        if after[table] - before[table] != added:
            raise AssertionError(f"{table}: {after[table] - before[table]} rows added, expected {added}")
    if after["notes"] - before["notes"] < rounds:
        raise AssertionError("notes: fewer rows added than notes saved")


def _counts(store) -> dict[str, int]:
    return {t: store.query_one(f"SELECT count(*) FROM {t}")[0] for t in ("requests", "notes", "recommendations")}


def measure(db: Path, work: Path, label: str = "large forum", rounds: int | Policy = QUICK) -> list[Figure]:
    """Figures per operation: roundtable's p99 (target 50 ms), and its p50 and p99 as ratios of the
    reference's (target 1.0), each with its 95% interval. `rounds`: a fixed count, or a Policy."""
    from roundtable.store import open_store

    policy = rounds if isinstance(rounds, Policy) else Policy(rounds, rounds, 1)
    copy = work / f"pilot-{label.replace(' ', '-')}.db"
    shutil.copy(db, copy)
    with open_store(copy, create=False) as store:
        before = _counts(store)
    timers, intervals = asyncio.run(_run(copy, policy))
    LAST_RUN[label] = timers
    done = len(timers["roundtable"].rounds)
    _check(copy, before, done)
    ours, ref = timers["roundtable"], timers["reference"]
    slug = label.replace(" ", "-").replace("×", "x")
    figures = []
    for name in OPERATIONS:
        mine, theirs = ours.samples[name], ref.samples[name]
        p50 = percentile(mine, 50)
        r50, r99 = percentile(theirs, 50), percentile(theirs, 99)
        p99_ms, r_50, r_99 = (intervals[f"{name}: {k}"] for k in ("p99 ms", "p50 ratio", "p99 ratio"))
        op = name.replace(" ", "-")
        detail = {"ours_p50_ms": p50, "ours_p99_ms": p99_ms.value, "reference_p50_ms": r50, "reference_p99_ms": r99}
        figures.append(Figure(
            f"Pilot {name} ({label}), key to screen: p99 (p50 {p50:.1f} ms)", p99_ms.value, "ms", P99_TARGET_MS,
            f"{len(mine)} keys; the committing key p99 {percentile(ours.committing[name], 99):.1f} ms",
            p99_ms.low, p99_ms.high, done, f"pilot:{slug}:{op}:p99-ms", detail,
        ))
        figures.append(Figure(
            f"Pilot {name} ({label}), p50 / reference's", r_50.value, "×", 1.0,
            f"ours p50 {p50:.1f} ms, reference p50 {r50:.1f} ms", r_50.low, r_50.high, done,
            f"pilot:{slug}:{op}:p50-ratio", detail,
        ))
        figures.append(Figure(
            f"Pilot {name} ({label}), p99 / reference's", r_99.value, "×", 1.0,
            f"ours p99 {p99_ms.value:.1f} ms, reference p99 {r99:.1f} ms", r_99.low, r_99.high, done,
            f"pilot:{slug}:{op}:p99-ratio", detail,
        ))
    return figures


def print_keys(label: str) -> None:
    for who, timer in LAST_RUN[label].items():
        for key, times in timer.by_key.items():
            print(f"  {who:<10} {key:<36} p50 {percentile(times, 50):6.1f} ms  p99 {percentile(times, 99):6.1f} ms"
                  f"  n={len(times)}")


if __name__ == "__main__":
    import sys
    import tempfile

    from benchmarks import large_forum

    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else ROUNDS
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else large_forum.build(Path(tmp) / "large.db")
        for figure in measure(db, Path(tmp), rounds=rounds if len(sys.argv) > 2 else QUICK):
            print(f"{figure.name}: {figure.shown()} {figure.interval()} ({figure.verdict}, {figure.rounds} rounds) "
                  f"{figure.note}")
        print_keys("large forum")
