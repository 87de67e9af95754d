"""The web server: textual-serve's Server, with keys, an Origin check, a cap and processes that end.

What it adds to textual-serve (which serves one command to anyone, with no limit):

- a key per role (`keys.py`): `/?key=KEY` sets an HttpOnly cookie and redirects to `/`; every
  request and websocket without a valid key gets 403 and starts nothing. Without a key file
  (`roundtable serve` of the projector alone) the read-only projector is open to whoever reaches it.
- each page load is a *visit* with a random token in its websocket URL. Its process starts when the
  websocket opens; when the browser closes the tab (a closing handshake) the process ends at once;
  when the connection breaks, the process waits `grace` seconds for the same page to come back.
- the websocket's Origin must be the server's own (`origin.py`), and at most `max_clients`
  processes run at once (503 beyond).
- a websocket message that is not textual.js's (malformed, or over MAX_MESSAGE) closes its
  connection and ends its process, with one line in the log.
- the page, its fonts and scripts all come from this server, at the public URL.
- SIGTERM or SIGINT ends every process (`VenueProcess.stop`) before the server exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import signal
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.server import Server

from roundtable.formats.errors import InputError
from roundtable.serve.keys import KeyFile, VenueKey
from roundtable.serve.network import Listening
from roundtable.serve.origin import allowed_origins, origin_allowed
from roundtable.serve.process import VenueProcess

log = logging.getLogger("roundtable.serve")
HERE = Path(__file__).resolve().parent
COOKIE = "roundtable_venue"
HEARTBEAT = 10.0  # seconds between websocket pings; a connection silent for twice that is broken
UNUSED_VISIT = 120.0  # a page whose websocket never opened is forgotten after this many seconds
KEY_CHECK_INTERVAL = 2.0  # how often running processes are checked against revoked keys
MAX_CELLS = 1000  # a terminal size beyond this is not a browser window
PROJECTOR_ROWS = 26  # the projector's page: a font size that makes its window this many lines tall
# The largest message a browser may send: its keys come a few bytes at a time, a paste in one
# message (a page of text is a few kilobytes). Beyond it aiohttp closes the connection (1009).
MAX_MESSAGE = 256 * 1024

VENUE_KEY = web.RequestKey("venue_key", object)  # the request's VenueKey, None when serving without keys

CommandFor = Callable[[VenueKey | None, str | None, str | None], list[str]]  # key, room, session


class BindError(Exception):
    """The server could not listen (port in use, address not on this machine)."""


@dataclass(eq=False)
class Visit:
    """One page load: a websocket (reconnecting to the same token) and, once opened, its process."""

    token: str
    key: VenueKey | None
    argv: list[str]
    issued: float = field(default_factory=time.monotonic)
    process: VenueProcess | None = None
    websocket: web.WebSocketResponse | None = None
    grace: asyncio.TimerHandle | None = None


class VenueServer(Server):
    def __init__(
        self,
        command_for: CommandFor,
        listening: Listening,
        port: int,
        title: str,
        *,
        keys: KeyFile | None = None,
        rooms: list[str] = (),
        sessions: list[str] = (),
        max_clients: int = 16,
        grace: float = 20.0,
        ssl_context: ssl.SSLContext | None = None,
        delegates=None,
    ):
        super().__init__("roundtable", host=listening.bind, port=port, title=title, public_url=listening.public_url)
        self.command_for = command_for
        self.listening = listening
        self.keys = keys
        self.rooms = list(rooms)
        self.sessions = list(sessions)
        self.max_clients = max_clients
        self.grace = grace
        self.ssl_context = ssl_context
        self.delegates = delegates  # the delegates' page (delegate_app.DelegatePages), under /d/, keyed by its own links
        self.origins = allowed_origins(listening, port)
        self.visits: dict[str, Visit] = {}
        self._stopping: set[VenueProcess] = set()  # ended visits' processes, until they have exited
        self._ending: set[asyncio.Task] = set()
        self._key_watch: asyncio.Task | None = None
        self._stop = asyncio.Event()

    # -- what runs --------------------------------------------------------------------------

    @property
    def running(self) -> int:
        """Processes running, waiting for their browser to come back, or still stopping (a process
        asked to quit takes up to seconds to exit, and until then it holds its place under the cap)."""
        return sum(1 for visit in self.visits.values() if visit.process is not None) + len(self._stopping)

    def processes(self) -> list[VenueProcess]:
        """The visits' processes (not those still stopping)."""
        return [v.process for v in self.visits.values() if v.process is not None]

    # -- the web application ----------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{token}", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
            web.static("/assets", HERE / "static", name="assets"),
        ])
        if self.delegates is not None:
            self.delegates.install(app)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        """The key, from `?key=` (then set as a cookie) or from the cookie, on every request."""
        if self.keys is None or (self.delegates is not None and self.delegates.owns(request.path)):
            request[VENUE_KEY] = None  # the delegates' page checks its own links (delegate_app.py)
            return await handler(request)
        try:
            return await self._keyed(request, handler)
        except InputError as error:  # the key file was damaged by hand: refuse, and say why here
            log.error("venue keys: %s", error)
            return _refused()

    async def _keyed(self, request: web.Request, handler) -> web.StreamResponse:
        offered = request.query.get("key")
        if offered is not None and request.path == "/":
            venue_key = self.keys.find(offered)
            if venue_key is None:
                return _refused()
            # The key leaves the address bar (and the browser's history) for an HttpOnly cookie.
            rest = {k: v for k, v in request.query.items() if k != "key"}
            response = web.HTTPSeeOther("/" + (f"?{urlencode(rest)}" if rest else ""))
            response.set_cookie(COOKIE, offered, httponly=True, samesite="Strict", path="/",
                                secure=self.listening.public_url.startswith("https:"))
            response.headers["Cache-Control"] = "no-store"
            raise response
        venue_key = self.keys.find(request.cookies.get(COOKIE))
        if venue_key is None:
            return _refused()
        request[VENUE_KEY] = venue_key
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.Response:
        venue_key: VenueKey | None = request[VENUE_KEY]
        if self.running >= self.max_clients:
            return _full(self.max_clients)
        room = request.query.get("room") or None
        if room is not None and (room not in self.rooms or (venue_key and venue_key.role != "projector")):
            return web.Response(status=400, text="400: no such room for this key\n")
        session = request.query.get("session") or None
        if session is not None and (session not in self.sessions or room is not None or self.keys is None):
            return web.Response(status=400, text="400: no such session\n")
        self._forget_unused()
        token = secrets.token_urlsafe(16)
        self.visits[token] = Visit(token, venue_key, self.command_for(venue_key, room, session))
        websocket_base = "ws" + self.public_url[len("http"):]
        context = {
            "title": self.title,
            "font_size": _int(request.query.get("fontsize"), 16, 6, 64),
            # The projector's page picks a font as large as its window holds (venue.js), unless
            # the URL says which (?fontsize=): the hall reads it from the back.
            "fit_rows": PROJECTOR_ROWS if self._is_projector(venue_key) and "fontsize" not in request.query else 0,
            "websocket_url": f"{websocket_base}/ws/{token}",
            "static_url": f"{self.public_url}/static/",
            "assets_url": f"{self.public_url}/assets/",
            "grace_ms": int(self.grace * 1000),
        }
        response = aiohttp_jinja2.render_template("venue.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            f"default-src 'self'; connect-src 'self' {websocket_base}; img-src 'self' data: blob:; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; frame-ancestors 'none'"
        )
        return response

    def _is_projector(self, venue_key: VenueKey | None) -> bool:
        """Whether this page shows the projector: a projector's key, or a server of the projector alone."""
        return venue_key.role == "projector" if venue_key is not None else self.keys is None

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not origin_allowed(request.headers.get("Origin"), self.origins):
            return web.Response(status=403, text="403: this page may not connect here\n")
        visit = self.visits.get(request.match_info["token"])
        if visit is None or visit.key != request[VENUE_KEY]:
            return _refused()
        width = _int(request.query.get("width"), 80, 1, MAX_CELLS)
        height = _int(request.query.get("height"), 24, 1, MAX_CELLS)
        returning = visit.process is not None
        if not returning:
            if self.running >= self.max_clients:
                return _full(self.max_clients)
            visit.process = VenueProcess(visit.argv, self.download_manager)  # holds its place under the cap
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if visit.grace is not None:
            visit.grace.cancel()
            visit.grace = None
        previous, visit.websocket = visit.websocket, websocket
        if previous is not None:  # the same page, reconnected before its old connection timed out
            await previous.close(code=4000, message=b"reconnected")
        if not returning:
            try:
                await visit.process.start(width, height)
            except OSError:
                self._end_soon(visit)
                raise
        process = visit.process
        await process.attach(websocket, width, height, returning=returning)
        refused = False
        try:
            refused = await self._relay(websocket, process, visit)
        finally:
            if visit.websocket is websocket:
                visit.websocket = None
                process.detach(websocket)
                clean_close = websocket.close_code in (1000, 1001)
                # A browser that broke the protocol is not waited for: its page does not come back.
                if clean_close or refused or process.app_exited.is_set() or self.grace <= 0:
                    self._end_soon(visit)
                elif visit.token in self.visits:
                    visit.grace = asyncio.get_running_loop().call_later(self.grace, self._end_soon, visit)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, process: VenueProcess, visit: Visit) -> bool:
        """The browser's keys, size and focus to the process, until the connection closes.

        A message that is not textual.js's (not JSON, nested past the parser's depth, not a list
        starting with its kind, a resize whose width and height are not whole numbers: JSON's 1e999
        is an infinite float) or too big closes the connection: one line in the log, no traceback.
        Returns True when it closed the connection for that reason; kinds it does not know are ignored.
        """
        async for message in websocket:
            if message.type == WSMsgType.ERROR:  # aiohttp closed it already (too big: 1009; bad UTF-8: 1007)
                log.warning("venue: closed the connection of a %s browser (%s)", _who(visit), message.data)
                return True
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                return await self._refuse_message(websocket, visit, "not JSON")
            except RecursionError:  # "[[[[..." past the parser's depth
                return await self._refuse_message(websocket, visit, "JSON nested too deeply")
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                return await self._refuse_message(websocket, visit, "not a list starting with its kind")
            kind = envelope[0]
            if kind == "stdin" and len(envelope) > 1 and isinstance(envelope[1], str):
                await process.send_bytes(envelope[1].encode("utf-8", "replace"))
            elif kind == "resize" and len(envelope) > 1 and isinstance(envelope[1], dict):
                size = envelope[1].get("width"), envelope[1].get("height")
                if not all(isinstance(cells, int) and not isinstance(cells, bool) for cells in size):
                    return await self._refuse_message(websocket, visit, "a resize without whole numbers of cells")
                await process.set_terminal_size(*(max(1, min(MAX_CELLS, cells)) for cells in size))
            elif kind == "ping" and len(envelope) > 1:
                await websocket.send_json(["pong", str(envelope[1])[:32]])
            elif kind == "blur":
                await process.blur()
            elif kind == "focus":
                await process.focus()
        return False

    async def _refuse_message(self, websocket: web.WebSocketResponse, visit: Visit, why: str) -> bool:
        log.warning("venue: closed the connection of a %s browser: it sent a message that is %s", _who(visit), why)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await websocket.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"malformed message")
        return True

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file the app delivers (`App.deliver_binary`): the export, the offline copy."""
        key = request.match_info["key"]
        try:
            download = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="404: no such download (each link works once)\n") from None
        owner = next((v for v in self.visits.values() if v.process is download.app_service), None)
        if owner is None or owner.key != request[VENUE_KEY]:
            raise web.HTTPNotFound(text="404: no such download (each link works once)\n")
        response = web.StreamResponse()
        response.content_type = download.mime_type or "application/octet-stream"
        disposition = "inline" if download.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(download.file_name)}"
        response.headers["Cache-Control"] = "no-store"
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- ending processes -------------------------------------------------------------------

    def _end_soon(self, visit: Visit) -> None:
        task = asyncio.ensure_future(self.end_visit(visit))
        self._ending.add(task)
        task.add_done_callback(self._ending.discard)

    async def end_visit(self, visit: Visit, code: int = 1000) -> None:
        process = visit.process
        if process is not None:  # counted as stopping from the moment the visit is forgotten
            self._stopping.add(process)
        self.visits.pop(visit.token, None)
        try:
            if visit.grace is not None:
                visit.grace.cancel()
                visit.grace = None
            websocket, visit.websocket = visit.websocket, None
            if websocket is not None and not websocket.closed:
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await websocket.close(code=code)
            if process is not None:
                await process.stop()
        finally:
            if process is not None:
                self._stopping.discard(process)

    def _forget_unused(self) -> None:
        now = time.monotonic()
        for token, visit in list(self.visits.items()):
            if visit.process is None and now - visit.issued > UNUSED_VISIT:
                del self.visits[token]

    async def _end_revoked(self) -> None:
        """A revoked key's running processes end within KEY_CHECK_INTERVAL seconds."""
        while True:
            await asyncio.sleep(KEY_CHECK_INTERVAL)
            with contextlib.suppress(Exception):  # a key file being rewritten: look again next time
                live = set(self.keys.load())
                for visit in list(self.visits.values()):
                    if visit.key not in live:
                        self._end_soon(visit)

    async def on_startup(self, app: web.Application) -> None:
        if self.keys is not None:
            self._key_watch = asyncio.create_task(self._end_revoked())

    async def on_shutdown(self, app: web.Application) -> None:
        if self._key_watch is not None:
            self._key_watch.cancel()
        await asyncio.gather(*(self.end_visit(v, code=1001) for v in list(self.visits.values())),
                             *self._ending, return_exceptions=True)

    # -- running ----------------------------------------------------------------------------

    async def run(self, ready: Callable[[], None] | None = None, handle_signals: bool = True) -> None:
        """Serve until SIGTERM or SIGINT (or `stop()`), then end every process.

        Raises BindError if it cannot listen; calls `ready` once it listens.
        """
        self._stop = asyncio.Event()
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=5)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, ssl_context=self.ssl_context)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise BindError(f"cannot listen on {self.host}:{self.port} ({error.strerror or error})") from None
        loop = asyncio.get_running_loop()
        signals = (signal.SIGTERM, signal.SIGINT) if handle_signals else ()
        for sig in signals:
            loop.add_signal_handler(sig, self._stop.set)
        if ready is not None:
            ready()
        try:
            await self._stop.wait()
        finally:
            for sig in signals:
                loop.remove_signal_handler(sig)
            await runner.cleanup()

    def stop(self) -> None:
        self._stop.set()

    def serve(self, debug: bool = False) -> None:
        asyncio.run(self.run())


def _who(visit: Visit) -> str:
    return visit.key.label if visit.key is not None else "projector"


def _refused() -> web.Response:
    return web.Response(status=403, text="403: this page needs a venue key: open the URL the secretariat gave you\n",
                        headers={"Cache-Control": "no-store"})


def _full(limit: int) -> web.Response:
    return web.Response(status=503, text=f"503: the venue server is full ({limit} connections); try again later\n",
                        headers={"Retry-After": "10"})


def _int(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))
