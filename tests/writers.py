"""Writers run as separate processes by the concurrency and crash tests (not a test module).

    python tests/writers.py ROLE DB COUNT [GO_FILE]

ROLE is `moderator` (request_floor / next_speaker), `rapporteur` (add_note / add_recommendation) or
`recorder` (all three, for ever when COUNT is 0). Every id is printed, flushed, right after its
transaction committed: a line on stdout is a promise that the row is on disk.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from roundtable.domain import clock
from roundtable.domain.floor import AlreadyQueued
from roundtable.domain.floor_outcomes import QueueEmpty
from roundtable.store import floor, notes, open_store, programme, recommendations, roster


def main(role: str, db: str, count: int, go: str | None = None) -> None:
    store = open_store(db, create=False)
    session = programme.find_session(store, "T2-2.1")
    people = [p.id for p in roster.load_participants(store)]
    rng = random.Random(role)
    print("ready", flush=True)
    if go:
        while not Path(go).exists():
            time.sleep(0.005)
    done = 0
    while count == 0 or done < count:
        now = clock.now()
        if role in ("moderator", "recorder"):
            try:
                request = floor.request_floor(store, session, rng.choice(people), now)
            except AlreadyQueued:  # a killed writer's last request still waits; the next one speaks
                pass
            else:
                print("request", request.id, flush=True)
                done += 1
            try:
                speaker = floor.next_speaker(store, session.id, now).speaker
            except QueueEmpty:
                speaker = None
            print("speaking", speaker.id if speaker else "-", flush=True)
            done += 1
        if role in ("rapporteur", "recorder"):
            note = notes.add_note(store, session.id, f"note {done} ünïcode", now)
            print("note", note.id, flush=True)
            done += 1
            rec = recommendations.add_recommendation(store, "T2", f"recommendation {done}", now, session_id=session.id)
            print("recommendation", rec.id, flush=True)
            done += 1
    store.close()
    print("done", done, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
