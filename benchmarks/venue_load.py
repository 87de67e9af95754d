"""The venue under load (issue 18 item 5): `roundtable serve --venue` with 12 simulated browsers.

Six sessions each get a moderator and a rapporteur, every one a websocket client speaking
textual.js's protocol at human rates for a minute: a moderator adds a speaker (`a`, a surname typed
at 4 keys a second, `enter`) and gives the floor (`n`) every few seconds; a rapporteur types notes
at 4 keys a second, `enter` after each. Every process writes to the one SQLite database.

Measured: key-to-commit, from sending the `enter` that saves to the row being visible in the
database (a watcher polls `PRAGMA data_version` every 2 ms), for notes and for queued speakers;
"database is locked" in anything the processes printed; commits that never arrived; memory per
browser (each browser is one process: its RSS and its PSS, the share of memory that is its own).

    python -m benchmarks.venue_load [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.figure import Figure
from benchmarks.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
# The plenary and the four tracks' workshops: lists of speakers that stay open all day.
SESSIONS = ["D2-PLEN", "T1-1.1", "T2-2.1", "T3-3.1", "T4-4.1", "T2-2.2"]
KEYS_PER_SECOND = 4.0
WIDTH, HEIGHT = 140, 42


def _forum(work: Path) -> Path:
    from roundtable.workspace import open_forum

    sessions = work / "sessions"
    sessions.mkdir()
    for name in ("gegf-2014.toml", "gegf-2014.sample.toml", "gegf-2014-participants.csv"):
        shutil.copy(ROOT / "sessions" / name, sessions / name)
    opened = open_forum(sessions / "gegf-2014.toml")
    db = opened.store.path.resolve()
    opened.store.close()
    return db


def _sessions(db: Path) -> list[str]:
    from roundtable.store import open_store
    from roundtable.store import programme as programme_store

    with open_store(db, create=False) as store:
        open_lists = [s.code for s in programme_store.load_sessions(store) if s.requests_close is None]
    chosen = [c for c in SESSIONS if c in open_lists]
    return (chosen + [c for c in open_lists if c not in chosen])[:6]


def _surnames(db: Path) -> list[str]:
    """Surnames that the picker matches to exactly one person (no other name contains them)."""
    from roundtable.store import open_store, roster

    with open_store(db, create=False) as store:
        people = roster.load_participants(store)
    names = [p.name.lower() for p in people]
    unique = []
    for person in people:
        surname = person.name.split()[-1]
        if surname.isascii() and surname.isalpha() and len(surname) >= 5 \
                and sum(surname.lower() in n for n in names) == 1:
            unique.append(surname)
    return sorted(set(unique))


class Watcher(threading.Thread):
    """Polls the database and stamps when each awaited row becomes visible."""

    def __init__(self, db: Path, session_ids: dict[str, str]):
        super().__init__(daemon=True)
        from roundtable.store import open_store

        self.store = open_store(db, create=False)
        self.session_ids = session_ids
        self.seen_notes: dict[str, float] = {}
        self.request_counts: dict[str, list[tuple[int, float]]] = {code: [] for code in session_ids}
        self.stop = threading.Event()

    def _requests(self, session_id: str) -> int:
        from roundtable.store import floor_reads

        state = floor_reads.floor_state(self.store, session_id)
        return len(state.queue) + (state.current is not None) + len(state.spoken) + len(state.interrupted)

    def run(self) -> None:
        from roundtable.store import notes

        version = None
        while not self.stop.is_set():
            current = self.store.data_version()
            if current != version:
                version = current
                now = time.perf_counter()
                for code, session_id in self.session_ids.items():
                    for note in notes.session_notes(self.store, session_id):
                        self.seen_notes.setdefault(note.text, now)
                    count = self._requests(session_id)
                    history = self.request_counts[code]
                    if not history or history[-1][0] != count:
                        history.append((count, now))
            time.sleep(0.002)
        self.store.close()


class Client:
    def __init__(self, session, base: str, url: str, role: str, code: str):
        self.session, self.base, self.url, self.role, self.code = session, base, url, role, code
        self.websocket = None
        self.drawn = 0
        self.screen = ""  # the screen updates received, as text (the last 200,000 characters)
        self.marks = 0  # characters received in all
        self.sent_notes: dict[str, float] = {}
        self.sent_adds: list[float] = []
        self.refused = 0  # the picker did not open or found no one: nothing to measure

    async def connect(self) -> float:
        began = time.perf_counter()
        async with self.session.get(self.url) as response:
            html = await response.text()
        websocket_url = re.search(r'data-session-websocket-url="([^"]+)"', html).group(1)
        self.websocket = await self.session.ws_connect(f"{websocket_url}?width={WIDTH}&height={HEIGHT}",
                                                       headers={"Origin": self.base})
        self.reader = asyncio.create_task(self._read())
        while self.drawn < 20_000:
            await asyncio.sleep(0.05)
        return time.perf_counter() - began

    async def _read(self) -> None:
        async for message in self.websocket:
            if isinstance(message.data, bytes):
                self.drawn += len(message.data)
                text = message.data.decode("utf-8", "replace")
                self.marks += len(text)
                self.screen = (self.screen + text)[-200_000:]

    async def shows(self, text: str, since: int, timeout: float = 5.0) -> bool:
        """Wait, as a person would, until `text` was drawn after the mark `since`; False if it never was."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            fresh = self.screen[-(self.marks - since):] if self.marks > since else ""
            if text in fresh:
                return True
            await asyncio.sleep(0.02)
        return False

    async def key(self, data: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", data]))

    async def type(self, text: str, rng: random.Random) -> None:
        for ch in text:
            await self.key(ch)
            await asyncio.sleep(rng.expovariate(KEYS_PER_SECOND) + 0.05)

    async def work(self, until: float, surnames: list[str], rng: random.Random) -> None:
        if self.role == "rapporteur":
            # A rapporteur's session screen opens with the note line focused (tests/test_roles_and_notes.py):
            # once it is drawn, the rapporteur types. (An `i` pressed first would be the note's first letter.)
            if not await self.shows("enter saves", 0, timeout=30):
                raise SystemExit(f"{self.code}: the rapporteur's note line was never drawn")
            n = 0
            while time.perf_counter() < until:
                n += 1
                text = f"{self.code} point {n} on open data"
                await self.type(text, rng)
                self.sent_notes[text] = time.perf_counter()
                await self.key("\r")
                await asyncio.sleep(rng.uniform(1.0, 3.0))
        else:
            for surname in surnames:
                if time.perf_counter() >= until:
                    break
                mark = self.marks
                await self.key("a")
                if not await self.shows("Add a speaker", mark):
                    self.refused += 1
                    continue
                mark = self.marks
                await self.type(surname.lower(), rng)
                if not await self.shows(surname, mark):  # the picker found them
                    await self.key("\x1b")
                    self.refused += 1
                    continue
                self.sent_adds.append(time.perf_counter())
                await self.key("\r")
                await asyncio.sleep(rng.uniform(1.5, 3.0))
                await self.key("n")
                await asyncio.sleep(rng.uniform(1.5, 3.0))

    async def close(self) -> None:
        await self.websocket.close()
        await self.reader


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _memory(pid: int) -> tuple[float, float]:
    """RSS and PSS of a process, in MB."""
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            field, _, rest = line.partition(":")
            if field in ("Rss", "Pss"):
                values[field] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"]


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


async def _run(db: Path, seconds: float) -> dict:
    import aiohttp

    from roundtable.store import open_store
    from roundtable.store import programme as programme_store
    codes = _sessions(db)
    with open_store(db, create=False) as store:
        session_ids = {code: programme_store.find_session(store, code).id for code in codes}
    surnames = _surnames(db)
    port = _free_port()
    output = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen([sys.executable, "-m", "roundtable", "serve", str(db), "--venue", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=output, text=True, cwd=ROOT)
    urls = {}
    while "projector" not in urls:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server did not start")
        label, url = line.strip().rsplit(None, 1)
        urls.setdefault(label, url)
    base = f"http://127.0.0.1:{port}"
    watcher = Watcher(db, session_ids)
    watcher.start()
    rng = random.Random(18)
    sessions, clients = [], []
    try:
        for i, code in enumerate(codes):
            for role in ("moderator", "rapporteur"):
                http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
                sessions.append(http)
                async with http.get(urls[role]) as response:  # the key becomes this browser's cookie
                    await response.read()
                clients.append(Client(http, base, f"{base}/?{urlencode({'session': code})}", role, code))
        began = time.perf_counter()
        start_times = await asyncio.gather(*(c.connect() for c in clients))
        started = time.perf_counter() - began
        pids = _children(server.pid)
        cpu_before, wall_before = _cpu_seconds(pids), time.perf_counter()
        until = time.perf_counter() + seconds
        moderators = [c for c in clients if c.role == "moderator"]
        await asyncio.gather(*(c.work(until, surnames[i::len(moderators)], random.Random(i))
                               for i, c in enumerate(clients)))
        cores = (_cpu_seconds(pids) - cpu_before) / (time.perf_counter() - wall_before)
        memory = [_memory(pid) for pid in pids]
        server_rss = _memory(server.pid)[0]
        await asyncio.sleep(1.0)  # the last commits
        for client in clients:
            await client.close()
    finally:
        for http in sessions:
            await http.close()
        watcher.stop.set()
        watcher.join()
        server.terminate()
        server.wait(timeout=30)
    output.seek(0)
    printed = output.read() + server.stdout.read()
    note_ms, lost, missing = [], 0, []
    for client in clients:
        for text, sent in client.sent_notes.items():
            seen = watcher.seen_notes.get(text)
            if seen is None:
                lost += 1
                missing.append(f"note {text!r}")
            else:
                note_ms.append((seen - sent) * 1000)
    add_ms = []
    for client in moderators:
        history = watcher.request_counts[client.code]
        # the n-th add is committed when the session's request count first exceeds its count before it
        for sent in client.sent_adds:
            before = max((count for count, at in history if at <= sent), default=0)
            after = next((at for count, at in history if at > sent and count > before), None)
            if after is None:
                lost += 1
                missing.append(f"{client.code} add at {sent - began:.1f} s")
            else:
                add_ms.append((after - sent) * 1000)
    return {
        "refused": sum(c.refused for c in clients), "missing": missing, "cores": cores,
        "load": os.getloadavg()[0],
        "clients": len(clients), "processes": len(pids), "started": started, "start_times": start_times,
        "note_ms": note_ms, "add_ms": add_ms, "lost": lost,
        "locked": printed.lower().count("database is locked"),
        "rss": [m[0] for m in memory], "pss": [m[1] for m in memory], "server_rss": server_rss,
    }


def _which(result: dict) -> str:
    """The first few commits that never arrived, so that a loss can be looked into."""
    return f" ({'; '.join(result['missing'][:4])})" if result["missing"] else ""


def measure(seconds: float = 60.0) -> list[Figure]:
    work = Path(tempfile.mkdtemp(prefix="roundtable-venue-"))
    try:
        result = asyncio.run(_run(_forum(work), seconds))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = result["clients"]
    both = result["note_ms"] + result["add_ms"]
    mean = lambda values: sum(values) / len(values) if values else float("nan")  # noqa: E731
    return [
        Figure(f"venue, {n} browsers for {seconds:.0f} s: key to commit, p99", percentile(both, 99), "ms", 50.0,
               f"{len(both)} commits; notes p50 {percentile(result['note_ms'], 50):.1f} / p99 "
               f"{percentile(result['note_ms'], 99):.1f} ms, queued speakers p50 {percentile(result['add_ms'], 50):.1f}"
               f" / p99 {percentile(result['add_ms'], 99):.1f} ms; {result['lost']} never committed{_which(result)}, "
               f"{result['refused']} picks abandoned"),
        Figure(f"venue, {n} browsers: 'database is locked' seen", float(result["locked"]), "", 0.0,
               f"{result['processes']} processes, one per browser, using {result['cores']:.2f} cores between them "
               f"(of {os.cpu_count()}; load average {result['load']:.1f})"),
        Figure(f"venue, {n} browsers: memory per browser (PSS)", mean(result["pss"]), "MB", 150.0,
               f"RSS {mean(result['rss']):.0f} MB each; server {result['server_rss']:.0f} MB; "
               f"all {n} drawn in {result['started']:.1f} s"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    for figure in measure(parser.parse_args().seconds):
        print(f"{figure.name}: {figure.shown()} (target <= {figure.target:g} {figure.unit}) {figure.verdict}; {figure.note}")


if __name__ == "__main__":
    main()
