"""A moderator-and-rapporteur at the keyboard, for the crash test: runs the real app (headless,
`App.run_test`) on a forum database and presses real keys, printing one line to stdout each time
the screen shows an item as saved:

    queued <request id>     a speaker was picked and stands in the queue
    floor <request id>      `n` gave them the floor
    note <text>             the note is in the notes list
    draft <text>            a half-typed note was left (escape writes the draft at once)

The test kills this process with SIGKILL at random moments and checks the database for every
line printed. Usage: python tests/app_driver.py DB SESSION_CODE ROUND
"""

from __future__ import annotations

import asyncio
import sys


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def drive(db: str, session_code: str, round_: int) -> None:
    from waiting import until  # beside this file, which the test runs as a script

    from roundtable.store import open_store, roster
    from roundtable.tui.app import RoundtableApp
    from roundtable.tui.screens.session import SessionScreen
    from roundtable.tui.widgets.floor_queue import FloorQueue
    from roundtable.tui.widgets.note_line import NoteLine
    from roundtable.tui.widgets.notes_list import NotesList
    from roundtable.tui.widgets.speaker_timer import SpeakerTimer

    store = open_store(db, create=False)
    surnames = sorted({p.name.split()[-1].lower() for p in roster.load_participants(store) if p.name.isascii()})
    app = RoundtableApp(store, session_code=session_code)
    async with app.run_test(size=(140, 45)) as pilot:

        while not isinstance(app.screen, SessionScreen):
            await pilot.pause()
        screen = app.screen
        queue, timer = screen.query_one(FloorQueue), screen.query_one(SpeakerTimer)
        notes_list, line = screen.query_one(NotesList), screen.query_one(NoteLine)
        say("ready")
        # Resume where a killed run left off: a draft on the line is saved as a note, the queue emptied.
        if line.value:
            count, left = notes_list.note_count, line.value
            await pilot.press("i", "enter", "escape")
            await until(lambda: notes_list.note_count > count, "the draft saved as a note", pilot=pilot)
            say(f"note {left}")
        while queue.row_count:
            waiting = queue.row_count
            await pilot.press("n")
            await until(lambda: queue.row_count < waiting, "the queue emptied", pilot=pilot)
        i = 0
        while True:
            i += 1
            surname = surnames[(round_ * 7 + i) % len(surnames)]
            before = set(queue.keys)
            await pilot.press("a", *surname, "enter")
            await until(lambda: set(queue.keys) - before, f"{surname} queued", pilot=pilot)
            (added,) = set(queue.keys) - before
            say(f"queued {added}")
            await pilot.press("n")
            await until(lambda: timer.entry is not None and timer.entry.request.id == added, "floor", pilot=pilot)
            say(f"floor {timer.entry.request.id}")
            text = f"round {round_} point {i} Қазақстан"
            count = notes_list.note_count
            await pilot.press("i", *typed(text), "enter")
            await until(lambda: notes_list.note_count > count and line.value == "", "note", pilot=pilot)
            say(f"note {text}")
            draft = f"half {round_}.{i}"
            await pilot.press(*typed(draft), "escape")
            await until(lambda: not line.has_focus, "draft left", pilot=pilot)
            say(f"draft {draft}")
            # the next note starts from the draft: clear the line so the draft is saved as a note
            count = notes_list.note_count
            await pilot.press("i", "enter")
            await until(lambda: notes_list.note_count > count and line.value == "", "draft saved as a note", pilot=pilot)
            say(f"note {draft}")
            await pilot.press("escape")


def typed(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


if __name__ == "__main__":
    asyncio.run(drive(sys.argv[1], sys.argv[2], int(sys.argv[3])))
