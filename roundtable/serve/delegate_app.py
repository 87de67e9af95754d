"""The delegates' page (issue 28): served by the venue server under /d/, without a process per phone.

Routes (all under `/d/`, apart from the venue's keys: a delegate's link is its own key):

- `GET /d/?k=KEY` exchanges a personal link's key for an HttpOnly cookie and redirects to `/d/`,
  so that the key leaves the address bar; a wrong or revoked key gets 403 (the key is neither in
  the page nor in the log). `&room=NAME` (the poster at a room's door) and `&session=CODE` pick
  the session, `&lang=ru` the language; each is remembered in a cookie.
- `GET /d/` the page: HTML, one style sheet and one small script of ours (`/d/assets/`), nothing
  from elsewhere. It shows the delegate's session: the one they picked, else their room's live
  one, else the one where their request is open, else the only live one; else `GET /d/sessions`,
  the day's live sessions to pick from.
- `GET /d/events?session=CODE` the page's Server-Sent Events (aiohttp-sse): `state` (the floor, as
  the projector shows it) and `mine` (their own request), pushed by the one feed of the server
  (serve/delegate_feed.py); `revoked` ends it.
- `POST /d/ask`, `/d/withdraw`, `/d/retype` (JSON): the delegate's actions, each a row of the
  table of actions ("delegate's page", domain/actions.py), written by the store as an Actor of role
  "delegate" for that person only (store/floor_requests.py). Each needs the page's Origin and the
  token bound to the cookie's key (CSRF), and passes the rate limits per person and per address
  (serve/rate_limits.py).

The page's texts are serve/delegate_texts.py's; its language comes from its switch, else the
browser's Accept-Language.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import resource
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_sse import EventSourceResponse

from roundtable.domain import actions, clock
from roundtable.domain.access import Actor, Refused
from roundtable.domain.delegate_keys import DELEGATE_PATH, key_hash, looks_like_key
from roundtable.domain.delegate_view import sessions_to_pick
from roundtable.domain.floor_requests import AskRefused
from roundtable.domain.models import Session
from roundtable.serve import delegate_texts
from roundtable.serve.delegate_feed import Feed, Reader
from roundtable.serve.origin import origin_allowed
from roundtable.serve.rate_limits import ADDRESS, PERSON, WRONG_KEYS, Buckets
from roundtable.store import delegate_keys, floor_requests, open_store, roster
from roundtable.store.connection import Store
from roundtable.store.floor_reads import live_session_in_room, live_sessions

log = logging.getLogger("roundtable.serve.delegates")
HERE = Path(__file__).resolve().parent
PREFIX = DELEGATE_PATH
KEY_COOKIE = "roundtable_delegate"
LANG_COOKIE = "roundtable_lang"
SESSION_COOKIE = "roundtable_session"
ROOM_COOKIE = "roundtable_room"
TOKEN_HEADER = "X-Roundtable-Token"
COOKIE_DAYS = 14  # a forum lasts days: the phone keeps its key across a browser restart
PING = 20.0  # seconds between the stream's keep-alive comments (a venue's NAT forgets idle flows)
BODY_LIMIT = 2048
STREAMS_PER_PERSON = 6  # a phone, a laptop, a few tabs: a link passed round a room is not a thousand
OPEN_FILES = 8192  # a stream per phone: a thousand phones need more than Linux's usual 1024
NOBODY = Actor("delegate", participant_id="")  # the writing connection's actor between two taps
TEMPLATES = web.AppKey("delegate_templates", jinja2.Environment)

STORE_ERRORS = (sqlite3.Error,)


def raise_open_file_limit(wanted: int = OPEN_FILES) -> int:
    """Raise this process's soft limit of open files towards `wanted` (up to the hard limit): each
    phone's stream is a socket. Returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


@dataclass(frozen=True)
class Delegate:
    """Whom a request's cookie names."""

    participant_id: str
    key_hash: str

    @property
    def actor(self) -> Actor:
        return Actor("delegate", participant_id=self.participant_id)


class DelegatePages:
    """The delegates' part of the venue server: `install` it in the server's application."""

    def __init__(self, db: Path, origins: frozenset[str], secure: bool = False):
        self.db = Path(db)
        self.origins = origins
        self.secure = secure
        self.secret = delegate_keys.load_secret(self.db)
        self.person_limit = Buckets(PERSON)
        self.address_limit = Buckets(ADDRESS)
        self.wrong_keys = Buckets(WRONG_KEYS)
        self._known: dict[str, str] = {}  # key hash -> participant id, until the roster changes
        self.reader: Reader | None = None
        self.feed: Feed | None = None
        self.writer: Store | None = None
        self._writing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="delegates-writer")

    @staticmethod
    def owns(path: str) -> bool:
        """Whether a request's path is the delegates' (served without a venue key)."""
        return path == PREFIX.rstrip("/") or path.startswith(PREFIX)

    def install(self, app: web.Application) -> None:
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             app_key=TEMPLATES)
        app.add_routes([
            web.get("/d", self.handle_bare),
            web.get("/d/", self.handle_page),
            web.get("/d/sessions", self.handle_sessions),
            web.get("/d/events", self.handle_events),
            web.post("/d/ask", self.handle_ask),
            web.post("/d/withdraw", self.handle_withdraw),
            web.post("/d/retype", self.handle_retype),
            web.static("/d/assets", HERE / "static" / "delegate"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)

    # -- running ---------------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        raise_open_file_limit()
        loop = asyncio.get_running_loop()
        self.writer = await loop.run_in_executor(self._writing, lambda: open_store(self.db, create=False))
        self.writer.actor = NOBODY  # deny by default: each tap writes as its delegate (Store.acting_as)
        self.reader = Reader(self.db)
        self.feed = Feed(self.reader, tuple(delegate_texts.TEXTS), roster_changed=self._known.clear)
        await self.feed.start()

    async def on_shutdown(self, app: web.Application) -> None:
        if self.feed is not None:
            await self.feed.stop()
        loop = asyncio.get_running_loop()
        if self.writer is not None:
            await loop.run_in_executor(self._writing, self.writer.close)
        self._writing.shutdown(wait=False)
        if self.reader is not None:
            await loop.run_in_executor(None, self.reader.close)

    async def _write(self, work, *args):
        return await asyncio.get_running_loop().run_in_executor(self._writing, work, self.writer, *args)

    # -- who is asking ---------------------------------------------------------------------

    async def _identify(self, key: str | None) -> Delegate | None:
        if not looks_like_key(key):
            return None
        hashed = key_hash(key)
        known = self._known.get(hashed)
        if known is not None:
            return Delegate(known, hashed)
        identity = await self.reader.run(delegate_keys.identify, key)
        if identity is None:
            return None
        self._known[hashed] = identity.participant_id
        return Delegate(identity.participant_id, hashed)

    async def _delegate(self, request: web.Request) -> Delegate | None:
        return await self._identify(request.cookies.get(KEY_COOKIE))

    def token(self, delegate: Delegate) -> str:
        """The page's write token, bound to the cookie's key (CSRF): another site's page can send
        the cookie but cannot read this."""
        return hmac.new(self.secret, f"csrf:{delegate.key_hash}".encode(), hashlib.sha256).hexdigest()[:32]

    def _language(self, request: web.Request) -> str:
        forum_languages = self.feed.programme.forum.languages if self.feed and self.feed.programme else []
        return delegate_texts.choose_language(request.query.get("lang"), request.cookies.get(LANG_COOKIE),
                                              request.headers.get("Accept-Language"), forum_languages)

    def _remember(self, response: web.StreamResponse, name: str, value: str) -> None:
        response.set_cookie(name, value, path=PREFIX, max_age=COOKIE_DAYS * 86400, samesite="Lax",
                            httponly=True, secure=self.secure)

    # -- pages -----------------------------------------------------------------------------

    async def handle_bare(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPPermanentRedirect(PREFIX + (f"?{request.query_string}" if request.query_string else ""))

    async def handle_page(self, request: web.Request) -> web.StreamResponse:
        lang = self._language(request)
        if "k" in request.query:
            return await self._exchange(request, lang)
        delegate = await self._delegate(request)
        if delegate is None:
            if KEY_COOKIE in request.cookies:  # a key revoked since, or a cookie made up
                return self._refused(request, lang)
            return self._render(request, "delegate_entry.html", lang, {}, status=200)
        room = request.query.get("room") or _unquoted(request.cookies.get(ROOM_COOKIE))
        asked = request.query.get("session") or None
        remembered = None if asked else request.cookies.get(SESSION_COOKIE)
        session, pickable, live = await self.reader.run(self._choose, delegate.participant_id, asked, remembered,
                                                        room)
        if session is None:
            response = self._picker(request, lang, pickable, live)
        else:
            response = await self._session_page(request, lang, delegate, session)
            self._remember(response, SESSION_COOKIE, session.code)
        if request.query.get("lang") in delegate_texts.TEXTS:
            self._remember(response, LANG_COOKIE, lang)
        if request.query.get("room"):
            self._remember(response, ROOM_COOKIE, quote(request.query["room"]))
        return response

    async def _exchange(self, request: web.Request, lang: str) -> web.StreamResponse:
        address = request.remote or "?"
        delegate = await self._identify(request.query.get("k"))
        if delegate is None:
            if self.wrong_keys.take(address):
                return self._too_many(request, lang)
            log.warning("delegates: a wrong or revoked link from %s refused", address)  # never the key
            return self._refused(request, lang)
        rest = {k: v for k, v in request.query.items() if k != "k"}
        response = web.HTTPSeeOther(PREFIX + (f"?{urlencode(rest)}" if rest else ""))
        self._remember(response, KEY_COOKIE, request.query["k"])
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        raise response

    def _choose(self, store: Store, participant_id: str, asked: str | None, remembered: str | None,
                room: str | None) -> tuple[Session | None, list[Session], set[str]]:
        """The session the page shows (see the module doc), those the delegate may pick, and which
        of them are live."""
        programme = self.feed.programme
        now = clock.now()
        zone = programme.forum.timezone
        live = set(live_sessions(store))
        pickable = sessions_to_pick(programme.sessions.values(), live, now, zone)
        by_code = programme.by_code
        for code in (asked, remembered):
            if code in by_code and (by_code[code] in pickable or code == asked):
                return by_code[code], pickable, live
        if room:
            in_room = [s for s in pickable if room in (s.room, *(t.get("room") for t in s.translations.values()))]
            live_id = live_session_in_room(store, in_room[0].room) if in_room else None
            chosen = next((s for s in in_room if s.id == live_id), None) or (in_room[0] if in_room else None)
            if chosen is not None:
                return chosen, pickable, live
        for session in pickable:
            request, order = floor_requests.own(store, session.id, participant_id, now)
            if request.is_open or order.is_open:
                return session, pickable, live
        if len(pickable) == 1:
            return pickable[0], pickable, live
        return None, pickable, live

    async def _session_page(self, request: web.Request, lang: str, delegate: Delegate, session: Session) -> web.Response:
        state, mine = await self.feed.current(session.id, lang, delegate.participant_id)
        programme = self.feed.programme
        wording = programme.wordings[lang]
        person = await self.reader.run(lambda store: roster.load_participant(store, delegate.participant_id))
        context = {
            "forum": wording.text(programme.forum, "title") or programme.forum.title,
            "session_code": session.code,
            "person": wording.titled_name(person) if person else "",
            "organisation": (wording.organisation(person) if person else "") or "",
            "state": state,
            "mine": mine,
            "token": self.token(delegate),
            "server_time": round(clock.now().timestamp(), 3),
        }
        return self._render(request, "delegate.html", lang, context)

    async def handle_sessions(self, request: web.Request) -> web.StreamResponse:
        lang = self._language(request)
        delegate = await self._delegate(request)
        if delegate is None:
            return self._refused(request, lang)
        _, pickable, live = await self.reader.run(self._choose, delegate.participant_id, None, None, None)
        return self._picker(request, lang, pickable, live)

    def _picker(self, request: web.Request, lang: str, pickable: list[Session], live: set[str]) -> web.Response:
        programme = self.feed.programme
        wording = programme.wordings[lang]
        rows = [{"code": s.code, "title": wording.text(s, "title") or s.title, "room": wording.text(s, "room") or "",
                 "time": f"{s.start:%H:%M}–{s.end:%H:%M}", "live": s.id in live} for s in pickable]
        return self._render(request, "delegate_sessions.html", lang, {"sessions": rows})

    def _render(self, request: web.Request, template: str, lang: str, context: dict, status: int = 200) -> web.Response:
        texts = delegate_texts.texts(lang)
        base = {
            "lang": lang, "t": texts, "texts_json": json.dumps(texts, ensure_ascii=False),
            "languages": [(code, label, f"?{urlencode({**request.query, 'lang': code})}")
                          for code, label in delegate_texts.LANGUAGES.items() if code != lang and "k" not in request.query],
        }
        response = aiohttp_jinja2.render_template(template, request, base | context, status=status, app_key=TEMPLATES)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        return response

    def _refused(self, request: web.Request, lang: str) -> web.Response:
        return self._render(request, "delegate_refused.html", lang, {}, status=403)

    def _too_many(self, request: web.Request, lang: str) -> web.Response:
        response = self._render(request, "delegate_refused.html", lang, {"too_many": True}, status=429)
        response.headers["Retry-After"] = "10"
        return response

    # -- the stream ------------------------------------------------------------------------

    async def handle_events(self, request: web.Request) -> web.StreamResponse:
        delegate = await self._delegate(request)
        if delegate is None:
            raise web.HTTPForbidden(text="403\n")
        session = self.feed.programme.by_code.get(request.query.get("session", ""))
        if session is None:
            raise web.HTTPNotFound(text="404: no such session\n")
        if self.feed.streams_of(delegate.participant_id) >= STREAMS_PER_PERSON:
            raise web.HTTPTooManyRequests(text="429: too many open pages for this link\n", headers={"Retry-After": "10"})
        lang = self._language(request)
        stream = EventSourceResponse(ping_interval=PING, headers={"Cache-Control": "no-store"})
        try:
            await stream.prepare(request)
        except ConnectionError:  # the phone went away before its stream began
            return stream
        async with stream:
            subscriber = await self.feed.subscribe(session.id, delegate.participant_id, lang, delegate.key_hash)
            ended = asyncio.ensure_future(stream.wait())
            ended.add_done_callback(lambda _: subscriber.close())
            try:
                await stream.send("", event="hello", retry=3000)
                while True:
                    for frame in subscriber.take():  # framed once for every phone (delegate_feed.Encoded)
                        await stream.write(frame)
                    if subscriber.closed:
                        break
                    await subscriber.wake.wait()
                if subscriber.revoked:
                    await stream.send("", event="revoked")
            except (ConnectionError, RuntimeError, TimeoutError):
                pass  # the phone went away; its stream ends here
            finally:
                self.feed.unsubscribe(subscriber)
                ended.cancel()
        return stream

    # -- the delegate's actions ------------------------------------------------------------

    async def handle_ask(self, request: web.Request) -> web.Response:
        return await self._act(request, "ask")

    async def handle_withdraw(self, request: web.Request) -> web.Response:
        return await self._act(request, "withdraw")

    async def handle_retype(self, request: web.Request) -> web.Response:
        return await self._act(request, "retype")

    async def _act(self, request: web.Request, name: str) -> web.Response:
        if not origin_allowed(request.headers.get("Origin"), self.origins):
            return _error(403, "forbidden")
        delegate = await self._delegate(request)
        if delegate is None:
            return _error(403, "forbidden")
        if not hmac.compare_digest(request.headers.get(TOKEN_HEADER, "").encode("utf-8", "replace"),
                                   self.token(delegate).encode()):
            return _error(403, "forbidden")
        row = actions.find("delegate's page", name)
        if row is None or not row.allows(delegate.actor):
            return _error(403, "forbidden")
        for limit, who in ((self.person_limit, delegate.participant_id), (self.address_limit, request.remote or "?")):
            wait = limit.take(who)
            if wait:
                return _error(429, "too-many", {"Retry-After": str(max(1, round(wait)))})
        if (request.content_length or 0) > BODY_LIMIT:
            return _error(413, "failed")
        try:
            body = json.loads(await request.text())
        except (ValueError, UnicodeDecodeError, RecursionError):
            return _error(400, "failed")
        if not isinstance(body, dict):
            return _error(400, "failed")
        session = self.feed.programme.by_code.get(body.get("session") if isinstance(body.get("session"), str) else "")
        if session is None:
            return _error(404, "no-session")
        speech_type = body.get("type") if isinstance(body.get("type"), str) else ""
        point_of_order = body.get("pointOfOrder") is True
        terminal = f"delegate's phone ({request.remote or 'unknown address'})"

        def act(store: Store):
            now = clock.now()
            with store.acting_as(delegate.actor):
                person = roster.load_participant(store, delegate.participant_id)
                who = f"{person.titled if person else 'a delegate'}, {terminal}"
                if name == "ask":
                    return floor_requests.ask(store, session, delegate.participant_id, speech_type, now, terminal=who).id
                if name == "withdraw":
                    return floor_requests.withdraw(store, session, delegate.participant_id, now,
                                                   point_of_order=point_of_order, terminal=who)
                return floor_requests.retype(store, session, delegate.participant_id, speech_type, now, terminal=who)

        try:
            result = await self._write(act)
        except AskRefused as refused:
            return _error(409, refused.code)
        except Refused:
            return _error(403, "forbidden")
        except STORE_ERRORS:
            log.exception("delegates: a %s could not be written", name)
            return _error(503, "failed", {"Retry-After": "2"})
        self.feed.poke()
        answer = {"ok": True, "serverTime": round(clock.now().timestamp(), 3)}
        if name == "ask":
            answer["id"] = result
        else:
            answer["changed"] = bool(result)
        return web.json_response(answer, headers={"Cache-Control": "no-store"})


def _error(status: int, code: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"ok": False, "error": code}, status=status,
                             headers={"Cache-Control": "no-store", **(headers or {})})


def _unquoted(value: str | None) -> str | None:
    return unquote(value) if value else None


def entry_urls(public_url: str, rooms: list[str]) -> list[tuple[str, str]]:
    """(label, URL) of the delegates' entry: the page itself, and each room's (for its door's poster)."""
    return [("delegates", f"{public_url}{PREFIX}")] + [
        (f"delegates, {room}", f"{public_url}{PREFIX}?{urlencode({'room': room})}") for room in rooms]

