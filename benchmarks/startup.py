"""Start-up probe, run as its own process: `python -m benchmarks.startup roundtable|minimal DB`.

Opens the app headless, waits until the programme is shown, presses a key and waits until it is
handled, then exits. The parent times the whole process, interpreter start included, for both
the real app and a minimal Textual app with the same widgets and rows.
"""

from __future__ import annotations

import asyncio
import resource
import sys
from pathlib import Path


async def _run_roundtable(db: str, open_session: bool) -> None:
    from roundtable.tui.app import RoundtableApp
    from roundtable.tui.screens.programme import ProgrammeScreen
    from roundtable.workspace import open_forum

    opened = open_forum(db)
    app = RoundtableApp(opened.store)
    async with app.run_test(size=(140, 45)) as pilot:
        while not isinstance(app.screen, ProgrammeScreen):
            await pilot.pause()
        await pilot.press("right")
        if open_session:
            await pilot.press("enter")
            await pilot.pause()


async def _run_minimal(db: str) -> None:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

    rows = [(f"{9 + i % 8:02d}:30–{10 + i % 8:02d}:00", f"T{i % 4 + 1}", f"Session {i}", "workshop", "Hall", "")
            for i in range(40)]

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Forum\nTheme\nVenue")
            with TabbedContent():
                for day in range(1, 4):
                    with TabPane(f"Day {day}", id=f"day-{day}"):
                        yield DataTable(id=f"t{day}", cursor_type="row")
            yield Static("legend")
            yield Footer()

        def on_mount(self):
            for day in range(1, 4):
                table = self.query_one(f"#t{day}", DataTable)
                table.add_columns("Time", "Track", "Session", "Kind", "Room", "Rule")
                for row in rows[(day - 1) * 13:day * 13 + 1]:
                    table.add_row(*row)

    app = Minimal()
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("right")


def _peak_rss_kib() -> int:
    """This process's peak resident set size in KiB.

    VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across exec, so a probe started by a
    large parent (the bench, after the Pilot run) would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def main() -> None:
    kind, db = sys.argv[1], sys.argv[2]
    if kind == "roundtable":
        asyncio.run(_run_roundtable(db, open_session=False))
    elif kind == "memory":
        asyncio.run(_run_roundtable(db, open_session=True))
        print(_peak_rss_kib())
    else:
        asyncio.run(_run_minimal(db))


if __name__ == "__main__":
    main()
