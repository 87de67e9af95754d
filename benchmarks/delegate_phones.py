"""A thousand delegates' phones against one venue server (issue 28 item 4), on loopback only.

`roundtable serve --venue` runs as it would at the forum, on the large forum (1,000 participants).
Every participant's phone (simulated in `WORKERS` processes: aiohttp clients, each from an address
of its own in 127.0.0.0/8) opens its personal link, loads the page and holds its update stream
(Server-Sent Events) for the whole run. 5% of them ask for the floor, change their request or
withdraw it at random times; the moderator (a process of its own, through the store as the session
screen calls it) accepts each request from the floor as soon as its screen would show it (the
database watch's interval, 0.25 s) and gives the floor every 20 s.

Measured:
- floor change to every phone: from the commit of the moderator's `n` to the arrival, on each
  phone, of the state naming the new speaker (p50, p99; a phone it never reached counts as lost);
- tap to the moderator's screen: from a phone's POST to the moderator's watch reading the request
  (p99);
- requests lost: a tap the server acknowledged that the moderator never saw or the database
  does not hold, and a tap that failed for a reason other than the rules (an open request already);
- the server's CPU (share of one core over the run) and memory (peak RSS), and its open files.

Bounded: `--seconds` (default 180) after the phones are connected, at most `--phones` phones;
everything stops by itself. Prints the figures; `make bench` adds them to its table.

    python -m benchmarks.delegate_phones [--seconds 180] [--phones 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.figure import Figure
from benchmarks.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
SESSION = "T1-2.1"
WORKERS = 4
ASKERS = 0.05
GIVE_EVERY = 20.0
MODERATOR_WATCH = 0.25  # the session screen's database watch (tui/database_watch.py)
TURN = re.compile(rb'"floor":\{[^{}]*"turn":"([^"]+)"')  # who has the floor, in a state event
OPEN = re.compile(rb'\s*\{"request":\{"state":"(?:waiting|queued)"')  # their request open, in a mine event


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _address(index: int) -> str:
    """Phone `index`'s own loopback address: 127.0.1.1, 127.0.1.2, ... (a phone per address, as on
    a venue's Wi-Fi, so that the per-address rate limit sees what it would there)."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


# -- the phones (worker processes) ---------------------------------------------------------------


class SimulatedPhone:
    def __init__(self, index: int, link: str, base: str, asker: bool, rng: random.Random):
        import aiohttp

        self.index, self.link, self.base, self.asker, self.rng = index, link, base, asker, rng
        connector = aiohttp.TCPConnector(local_addr=(_address(index), 0), limit=2)
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), connector=connector)
        self.token = ""
        self.turns: list[tuple[float, str | None]] = []  # (arrival, who has the floor) at each change
        self.taps: list[dict] = []
        self.open = False  # their request is open, as their own view last said
        self.streaming = False
        self.errors: list[str] = []

    async def connect(self) -> None:
        async with self.http.get(self.link + f"&session={SESSION}") as response:
            text = await response.text()
            if response.status != 200:
                raise RuntimeError(f"page {response.status}")
        self.token = re.search(r'data-token="([^"]+)"', text).group(1)
        state = json.loads(html.unescape(re.search(r'data-state="([^"]+)"', text).group(1)))
        self._turn(state)

    def _turn(self, state: dict) -> None:
        turn = (state.get("floor") or {}).get("turn")
        if not self.turns or self.turns[-1][1] != turn:
            self.turns.append((time.time(), turn))

    async def stream(self, ready: asyncio.Event) -> None:
        import aiohttp

        try:
            async with self.http.get(f"{self.base}/d/events", params={"session": SESSION},
                                     timeout=aiohttp.ClientTimeout(total=None, sock_read=None)) as response:
                self.streaming = True
                ready.set()
                # A thousand phones share this machine's two cores with the server: each event is
                # read for the one field the run measures, not parsed whole.
                event, data = b"", b""
                async for raw in response.content:
                    line = raw.rstrip(b"\r\n")
                    if line.startswith(b"event:"):
                        event = line[6:].strip()
                    elif line.startswith(b"data:"):
                        data = line[5:]
                    elif not line:
                        if event == b"state":
                            found = TURN.search(data)
                            self._turn({"floor": {"turn": found.group(1).decode()}} if found else {})
                        elif event == b"mine":
                            self.open = OPEN.match(data) is not None
                        event, data = b"", b""
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            self.errors.append(f"stream: {type(error).__name__}")
        finally:
            self.streaming = False

    async def tap(self, action: str, body: dict) -> None:
        began = time.time()
        record = {"action": action, "at": began, **body}
        try:
            async with self.http.post(f"{self.base}/d/{action}", json={"session": SESSION, **body},
                                      headers={"Origin": self.base, "X-Roundtable-Token": self.token}) as response:
                answer = await response.json()
                record |= {"status": response.status, "answer": answer, "took": time.time() - began}
        except Exception as error:  # a tap that never got an answer is a tap lost
            record |= {"status": None, "error": f"{type(error).__name__}: {error}"}
        self.taps.append(record)

    async def act(self, start: float, end: float) -> None:
        """An asker: now and then asks, changes its request or withdraws it."""
        await asyncio.sleep(max(0.0, start - time.time()) + self.rng.uniform(0, 15))
        while time.time() < end - 3:
            if not self.open:
                await self.tap("ask", {"type": self.rng.choice(["statement", "reply", "question"])})
            elif self.rng.random() < 0.3:
                await self.tap("retype", {"type": self.rng.choice(["statement", "reply", "question"])})
            elif self.rng.random() < 0.5:
                await self.tap("withdraw", {"pointOfOrder": False})
            await asyncio.sleep(self.rng.uniform(5, 25))

    async def close(self) -> None:
        await self.http.close()


async def _worker(base: str, links: list[tuple[int, str]], seed: int) -> dict:
    rng = random.Random(seed)
    phones = [SimulatedPhone(i, link, base, i % round(1 / ASKERS) == 0, random.Random(rng.random()))
              for i, link in links]
    gate = asyncio.Semaphore(25)
    streams = []

    async def open_one(phone: SimulatedPhone) -> None:
        async with gate:
            for attempt in range(3):
                try:
                    await phone.connect()
                    ready = asyncio.Event()
                    streams.append(asyncio.create_task(phone.stream(ready)))
                    await asyncio.wait_for(ready.wait(), 20)
                    return
                except Exception as error:
                    phone.errors.append(f"connect: {type(error).__name__}: {error}")
                    await asyncio.sleep(1)

    await asyncio.gather(*(open_one(p) for p in phones))
    connected = sum(1 for p in phones if p.streaming)
    print(json.dumps({"connected": connected}), flush=True)
    # The run's start and end, once every worker's phones are connected (its parent says them).
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    start, end = (float(x) for x in line.split())
    actors = [asyncio.create_task(p.act(start, end)) for p in phones if p.asker]
    await asyncio.sleep(max(0.0, end - time.time()))
    for task in actors:
        task.cancel()
    await asyncio.sleep(0.5)
    result = {
        "phones": [{"index": p.index, "turns": p.turns, "streaming": p.streaming, "errors": p.errors} for p in phones],
        "taps": [t for p in phones for t in p.taps],
    }
    for task in streams:
        task.cancel()
    await asyncio.gather(*streams, return_exceptions=True)
    await asyncio.gather(*(p.close() for p in phones))
    return result


def worker_main(args: argparse.Namespace) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    links = json.loads(Path(args.links).read_text())
    result = asyncio.run(_worker(args.base, [tuple(x) for x in links], args.seed))
    Path(args.out).write_text(json.dumps(result))


# -- the moderator ---------------------------------------------------------------------------------


class Moderator(threading.Thread):
    """The session screen's moderator, through the store as its keys call it: its watch reads the
    requests waiting every quarter second (what the strip shows) and accepts each (enter); every
    GIVE_EVERY seconds it gives the floor (n), queueing someone itself (a) when nobody waits."""

    def __init__(self, db: Path, start: float, end: float):
        super().__init__(daemon=True)
        self.db, self.start_at, self.end_at = db, start, end
        self.seen: dict[str, float] = {}  # ask id -> when the moderator's watch first read it
        self.changes: list[tuple[float, str | None]] = []  # (commit, who has the floor now)
        self.errors: list[str] = []

    def run(self) -> None:
        from roundtable.domain import clock
        from roundtable.domain.access import Actor
        from roundtable.store import floor, floor_requests, open_store, roster
        from roundtable.store import programme as programme_store
        from roundtable.store.changes import ChangeWatch

        store = open_store(self.db)
        store.actor = Actor("moderator")
        session = programme_store.find_session(store, SESSION)
        spare = [p.id for p in roster.load_participants(store)][:40]
        watch = ChangeWatch(store)
        next_give = self.start_at + 10
        while time.time() < self.end_at:
            time.sleep(MODERATOR_WATCH)
            try:
                if session.id in watch.changed() or time.time() >= next_give:
                    for waiting in floor_requests.waiting(store, session.id):
                        self.seen.setdefault(waiting.ask.id, time.time())
                        floor_requests.accept(store, session, waiting.ask.id, clock.now())
                if time.time() >= next_give:
                    next_give += GIVE_EVERY
                    state_queue = store.query(
                        "SELECT count(*) FROM requests WHERE session_id = ? AND status = 'queued'", (session.id,))[0][0]
                    if not state_queue:
                        floor.request_floor(store, session, spare[len(self.changes) % len(spare)], clock.now())
                    speaker = floor.next_speaker(store, session.id, clock.now()).speaker
                    self.changes.append((time.time(), speaker.id if speaker else None))
            except Exception as error:  # noted and reported: a moderator's key that failed
                self.errors.append(f"{type(error).__name__}: {error}")
        store.close()


# -- the run ---------------------------------------------------------------------------------------


def _server_usage(pid: int) -> tuple[float, int, int]:
    """(CPU seconds, peak RSS in KiB, open files) of the server process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                if line.startswith("VmHWM:"))
    files = len(os.listdir(f"/proc/{pid}/fd"))
    return cpu, peak, files


def run(seconds: float = 180.0, phones: int = 1000, source: Path | None = None) -> dict:
    """`source`: the large forum built already (copied, not changed); else it is built here."""
    from benchmarks import large_forum
    from roundtable.delegates.links import link_rows
    from roundtable.domain import clock
    from roundtable.store import floor, open_store, roster
    from roundtable.store import programme as programme_store

    work = Path(tempfile.mkdtemp(prefix="roundtable-phones-"))
    db = work / "large-forum.db"
    if source is not None:
        import shutil

        shutil.copy(source, db)
    else:
        large_forum.build(db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with open_store(db) as store:
        session = programme_store.find_session(store, SESSION)
        people = roster.load_participants(store)
        for person in people[:6]:  # the session is live: someone has the floor, five wait
            floor.request_floor(store, session, person.id, clock.now())
        floor.next_speaker(store, session.id, clock.now())
        links = [(i, row.url) for i, row in enumerate(link_rows(store, base, clock.now())[:phones])]
    server = subprocess.Popen([sys.executable, "-m", "roundtable", "serve", str(db), "--venue", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work)
    try:
        line = server.stdout.readline()  # the first URL: it listens
        if not line:
            raise RuntimeError(f"the server did not start: {server.stderr.read()}")
        threading.Thread(target=server.stdout.read, daemon=True).start()
        began = time.time()
        chunks = [links[w::WORKERS] for w in range(WORKERS)]
        workers = []
        for w, chunk in enumerate(chunks):
            path = work / f"links-{w}.json"
            path.write_text(json.dumps(chunk))
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "benchmarks.delegate_phones", "--worker", "--base", base, "--links", str(path),
                 "--seed", str(w), "--out", str(work / f"result-{w}.json")],
                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        connected = sum(json.loads(w.stdout.readline())["connected"] for w in workers)
        ramp = time.time() - began
        print(f"{connected} phones connected in {ramp:.1f} s", flush=True)
        start = time.time() + 1
        end = start + seconds
        for w in workers:
            w.stdin.write(f"{start} {end}\n")
            w.stdin.flush()
        moderator = Moderator(db, start, end)
        moderator.start()
        cpu_before, _, _ = _server_usage(server.pid)
        wall_before = time.time()
        files = 0
        while time.time() < end:
            time.sleep(1)
            files = max(files, _server_usage(server.pid)[2])
        cpu_after, peak_kib, _ = _server_usage(server.pid)
        wall = time.time() - wall_before
        for w in workers:
            w.wait(timeout=60)
        moderator.join(timeout=10)
        results = [json.loads((work / f"result-{w}.json").read_text()) for w in range(WORKERS)]
        with open_store(db) as store:
            stored = {row[0] for row in store.query("SELECT id FROM floor_requests")}
        return _analyse(results, moderator, stored, connected, len(links), ramp,
                        cpu=(cpu_after - cpu_before) / wall, peak_mib=peak_kib / 1024, files=files,
                        seconds=seconds, start=start, end=end)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _analyse(results: list[dict], moderator: Moderator, stored: set[str], connected: int, phones: int, ramp: float,
             **usage) -> dict:
    arrivals: list[float] = []
    never = 0
    phones_seen = [p for r in results for p in r["phones"]]
    changes = [(t, turn) for t, turn in moderator.changes if t < usage["end"] - 2]
    for phone in phones_seen:
        turns = phone["turns"]
        for committed, turn in changes:
            arrived = next((t for t, seen in turns if seen == turn and t >= committed - 0.05), None)
            if arrived is None:
                never += 1
            else:
                arrivals.append(max(0.0, arrived - committed) * 1000)
    taps = [t for r in results for t in r["taps"]]
    asks = [t for t in taps if t["action"] == "ask"]
    acknowledged = [t for t in asks if t.get("status") == 200]
    refused_by_rules = [t for t in taps if t.get("status") in (409, 429)]
    failed = [t for t in taps if t.get("status") not in (200, 409, 429)]
    to_moderator = []
    unseen = 0
    for tap in acknowledged:
        ask_id = tap["answer"]["id"]
        seen = moderator.seen.get(ask_id)
        if seen is None or ask_id not in stored:
            unseen += 1
        else:
            to_moderator.append(max(0.0, seen - tap["at"]) * 1000)
    return {
        "phones": phones, "connected": connected, "ramp_s": ramp, "floor_changes": len(changes),
        "arrivals": len(arrivals), "never_arrived": never,
        "floor_p50_ms": percentile(arrivals, 50), "floor_p99_ms": percentile(arrivals, 99),
        "taps": len(taps), "asks": len(asks), "acknowledged": len(acknowledged), "refused_by_rules": len(refused_by_rules),
        "tap_p50_ms": percentile(to_moderator, 50), "tap_p99_ms": percentile(to_moderator, 99),
        "lost": unseen + len(failed), "failed": [t.get("error") or t.get("status") for t in failed][:5],
        "stream_errors": sum(len(p["errors"]) for p in phones_seen),
        "dropped_streams": sum(1 for p in phones_seen if not p["streaming"]),
        "moderator_errors": moderator.errors[:5],
        "server_cpu_core": usage["cpu"], "server_peak_mib": usage["peak_mib"], "server_files": usage["files"],
        "seconds": usage["seconds"],
    }


def measure(seconds: float = 180.0, phones: int = 1000, source: Path | None = None) -> list[Figure]:
    r = run(seconds, phones, source)
    note = (f"{r['connected']}/{r['phones']} phones held their stream {r['seconds']:.0f} s; "
            f"{r['floor_changes']} floor changes")
    return [
        Figure(f"delegates' phones: floor change to every phone, p99 (p50 {r['floor_p50_ms']:.0f} ms)",
               r["floor_p99_ms"], "ms", 1000.0, note + f"; {r['never_arrived']} never arrived"),
        Figure(f"delegates' phones: tap to the moderator's screen, p99 (p50 {r['tap_p50_ms']:.0f} ms)",
               r["tap_p99_ms"], "ms", 1000.0, f"{r['acknowledged']} asks of {r['taps']} taps"),
        Figure("delegates' phones: requests lost", float(r["lost"] + r["never_arrived"]), "", 0.0,
               f"{r['dropped_streams']} streams dropped, {r['stream_errors']} stream errors"),
        Figure("delegates' phones: server CPU (share of one core)", r["server_cpu_core"] * 100, "%", 100.0,
               f"peak RSS {r['server_peak_mib']:.0f} MB, {r['server_files']} open files"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--base")
    parser.add_argument("--links")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.worker:
        worker_main(args)
        return
    result = run(args.seconds, args.phones)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
