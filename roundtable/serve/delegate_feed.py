"""The delegates' phones' live updates: one watch of the database per server, one reading of each
watched session per change, the same bytes sent to every phone of that session.

A thousand phones cost one `PRAGMA data_version` every `WATCH_INTERVAL` (store/changes.py says
which sessions changed), then, per changed session that phones follow, one read of its floor and
of its requests from the floor, made into one view per language and one per person it names
(domain/delegate_view.py). Each phone's stream (an SSE response, serve/delegate_app.py) holds a
`Subscriber`: the feed leaves the latest view in it and wakes it; a phone slow to read gets the
latest state when it catches up, never a backlog, and never holds back the others.

All reading happens on one thread with a connection of its own (`Reader`), so the event loop
only moves bytes. Writes by this server (a delegate's tap) are another connection's commits to
that reader, so they come through the same watch; `poke()` makes it look at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from roundtable.domain import clock
from roundtable.domain.catalogue import CatalogueError, catalogue
from roundtable.domain.delegate_view import NOBODY, phones_view
from roundtable.domain.models import Forum, Session
from roundtable.domain.wording import Wording, wording_for
from roundtable.store import Store, delegate_keys, floor_requests
from roundtable.store.changes import PROGRAMME, ROSTER, ChangeWatch
from roundtable.store.opening import open_reader
from roundtable.store.floor_reads import floor_state
from roundtable.store.programme import load_forum, load_sessions, load_tracks

log = logging.getLogger("roundtable.serve.delegates")

WATCH_INTERVAL = 0.1  # seconds between two looks at PRAGMA data_version
TICK = 5.0  # every watched session is read again this often: the programme's closing time, the forecast
# Parts of a view that move with the clock alone: a view differing only there is not sent again
# (the page's own clock moves them between views).
MOVING = frozenset({"at", "elapsed", "expectedAt"})


class Reader:
    """The server's reading connection, used on one thread of its own."""

    def __init__(self, db: Path):
        self.store = open_reader(db)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="delegates-reader")

    async def run(self, work: Callable, *args):
        """`work(store, *args)` on the reading thread."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, work, self.store, *args)

    def close(self) -> None:
        self._thread.shutdown(wait=True)
        self.store.close()


def _stable(value):
    """`value` without what moves with the clock alone (MOVING)."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in MOVING}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


@dataclass(frozen=True)
class Encoded:
    """A view as JSON (`data`), as the Server-Sent Event every phone is sent (`frame`, made once for
    all of them), and what tells it apart from the last one sent (`stable`)."""

    data: str
    frame: bytes
    stable: str


def _encoded(view: dict, event: str) -> Encoded:
    data = json.dumps(view, ensure_ascii=False, separators=(",", ":"))  # one line: JSON escapes newlines
    return Encoded(data, f"event: {event}\r\ndata: {data}\r\n\r\n".encode(),
                   json.dumps(_stable(view), ensure_ascii=False, separators=(",", ":"), sort_keys=True))


@dataclass(frozen=True)
class Rendered:
    """One reading of a session: each language's public view, each named person's own view."""

    public: dict[str, Encoded]  # event "state"
    own: dict[str, Encoded]  # event "mine"


NOBODY_ENCODED = _encoded(NOBODY, "mine")


@dataclass(eq=False)
class Subscriber:
    """One phone's stream: the views waiting to be sent (the latest of each kind) and a wake-up."""

    session_id: str
    participant_id: str
    lang: str
    key_hash: str
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    pending: dict[str, bytes] = field(default_factory=dict)  # event -> its frame, the latest only
    sent: dict[str, str] = field(default_factory=dict)  # event -> the stable form last queued
    closed: bool = False
    revoked: bool = False

    def offer(self, event: str, encoded: Encoded) -> None:
        if self.sent.get(event) == encoded.stable:
            return
        self.sent[event] = encoded.stable
        self.pending[event] = encoded.frame
        self.wake.set()

    def take(self) -> list[bytes]:
        """The frames to send now, in the order they were offered."""
        taken = list(self.pending.values())
        self.pending.clear()
        self.wake.clear()
        return taken

    def close(self, revoked: bool = False) -> None:
        self.revoked = self.revoked or revoked
        self.closed = True
        self.wake.set()


@dataclass
class Programme:
    """What the feed knows of the programme: the forum, its sessions, each language's wording."""

    forum: Forum
    sessions: dict[str, Session]
    wordings: dict[str, Wording]

    @property
    def by_code(self) -> dict[str, Session]:
        return {s.code: s for s in self.sessions.values()}


def read_programme(store: Store, languages: tuple[str, ...]) -> Programme:
    forum = load_forum(store)
    sessions = load_sessions(store, include_dropped=False)
    records = [forum, *load_tracks(store), *sessions]
    wordings = {}
    for lang in languages:
        try:
            wordings[lang] = wording_for(catalogue(lang), forum.languages[0], records)
        except CatalogueError:
            wordings[lang] = wording_for(catalogue("en"), forum.languages[0], records)
    return Programme(forum, {s.id: s for s in sessions}, wordings)


class Feed:
    def __init__(self, reader: Reader, languages: tuple[str, ...], interval: float = WATCH_INTERVAL,
                 tick: float = TICK, roster_changed: Callable[[], None] | None = None):
        self.reader = reader
        self.languages = languages
        self.interval = interval
        self.tick = tick
        self.roster_changed = roster_changed
        self.programme: Programme | None = None
        self._subscribers: dict[str, set[Subscriber]] = {}
        self._rendered: dict[str, Rendered] = {}
        self._poke = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.renders = 0  # readings made (the load test reports them)

    # -- running ---------------------------------------------------------------------------

    async def start(self) -> None:
        self.programme = await self.reader.run(read_programme, self.languages)
        self._watch = await self.reader.run(ChangeWatch)
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for subscribers in self._subscribers.values():
            for subscriber in subscribers:
                subscriber.close()

    def poke(self) -> None:
        """Look at the database now (this server has just written to it)."""
        self._poke.set()

    async def _run(self) -> None:
        next_tick = time.monotonic() + self.tick
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), self.interval)
            self._poke.clear()
            try:
                await self._look(time.monotonic() >= next_tick)
            except Exception:  # a locked or unreadable moment: log it, look again at the next interval
                log.exception("delegates' feed: could not read the forum")
            if time.monotonic() >= next_tick:
                next_tick = time.monotonic() + self.tick

    async def _look(self, ticking: bool) -> None:
        scopes = await self.reader.run(lambda store: self._watch.changed())
        due = set(self._subscribers) & scopes
        if PROGRAMME in scopes:
            self.programme = await self.reader.run(read_programme, self.languages)
            self._rendered.clear()
            due = set(self._subscribers)
        if ROSTER in scopes:
            if self.roster_changed is not None:
                self.roster_changed()
            await self._end_revoked()
            due = set(self._subscribers)
        if ticking:
            due = set(self._subscribers)
        for session_id in due:
            await self._refresh(session_id)

    # -- phones ----------------------------------------------------------------------------

    async def subscribe(self, session_id: str, participant_id: str, lang: str, key_hash: str) -> Subscriber:
        """A phone's stream of `session_id`, offered the session's current views at once."""
        subscriber = Subscriber(session_id, participant_id, lang, key_hash)
        self._subscribers.setdefault(session_id, set()).add(subscriber)
        rendered = self._rendered.get(session_id)
        if rendered is None or lang not in rendered.public:
            rendered = await self._render(session_id)
        self._offer(subscriber, rendered)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        subscribers = self._subscribers.get(subscriber.session_id)
        if subscribers is None:
            return
        subscribers.discard(subscriber)
        if not subscribers:
            del self._subscribers[subscriber.session_id]
            self._rendered.pop(subscriber.session_id, None)

    def streams_of(self, participant_id: str) -> int:
        """How many streams one person holds open (their phone, a laptop, a second tab)."""
        return sum(1 for subscribers in self._subscribers.values() for s in subscribers
                   if s.participant_id == participant_id)

    @property
    def phones(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    async def current(self, session_id: str, lang: str, participant_id: str) -> tuple[str, str]:
        """(public view, own view) of a session as JSON, for a page being served."""
        rendered = await self._render(session_id, extra=lang)
        return rendered.public[lang].data, rendered.own.get(participant_id, NOBODY_ENCODED).data

    async def _refresh(self, session_id: str) -> None:
        if not self._subscribers.get(session_id):
            return
        rendered = await self._render(session_id)
        for subscriber in list(self._subscribers.get(session_id, ())):
            self._offer(subscriber, rendered)

    def _offer(self, subscriber: Subscriber, rendered: Rendered) -> None:
        subscriber.offer("state", rendered.public[subscriber.lang])
        subscriber.offer("mine", rendered.own.get(subscriber.participant_id, NOBODY_ENCODED))

    async def _render(self, session_id: str, extra: str | None = None) -> Rendered:
        langs = {s.lang for s in self._subscribers.get(session_id, ())} | ({extra} if extra else set())
        programme = self.programme
        session = programme.sessions.get(session_id)
        if session is None:  # left the programme: its phones are told it is over
            for subscriber in list(self._subscribers.get(session_id, ())):
                subscriber.close()
            raise KeyError(session_id)
        wordings = {lang: programme.wordings.get(lang) or programme.wordings["en"] for lang in langs}
        zone = programme.forum.timezone

        def read(store: Store) -> Rendered:
            now = clock.now()
            with store.snapshot():
                state = floor_state(store, session_id, now)
                asks = floor_requests.session_asks(store, session_id)
            phones = phones_view(session, state, asks, now, wordings, zone)
            return Rendered({lang: _encoded(view, "state") for lang, view in phones.public.items()},
                            {pid: _encoded(view, "mine") for pid, view in phones.own.items()})

        rendered = await self.reader.run(read)
        self.renders += 1
        if session_id in self._subscribers:
            self._rendered[session_id] = rendered
        return rendered

    async def _end_revoked(self) -> None:
        """A key revoked (f2) ends its phones' streams within a look."""
        everyone = [s for subscribers in self._subscribers.values() for s in subscribers]
        if not everyone:
            return
        valid = await self.reader.run(delegate_keys.still_valid, {s.key_hash for s in everyone})
        for subscriber in everyone:
            if subscriber.key_hash not in valid:
                subscriber.close(revoked=True)
