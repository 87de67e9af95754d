"""A venue server with the delegates' page, run inside the test's event loop, and a scripted phone
(aiohttp) that opens a personal link, reads the page and holds its update stream, as delegate.js
does: the same cookie, token, Origin and Server-Sent Events."""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
from pathlib import Path

import aiohttp

from roundtable.delegates.links import link_rows
from roundtable.domain import clock
from roundtable.serve.commands import venue_command
from roundtable.serve.delegate_app import DelegatePages
from roundtable.serve.keys import KeyFile, keys_path
from roundtable.serve.network import listening
from roundtable.serve.origin import allowed_origins
from roundtable.serve.server import VenueServer
from roundtable.store import open_store
from tests.venue_helpers import free_port, serving  # noqa: F401  (re-exported)


def delegate_server(db: Path, port: int | None = None) -> VenueServer:
    port = port or free_port()
    where = listening("127.0.0.1", port, https=False)
    key_file = KeyFile(keys_path(db))
    key_file.ensure()
    pages = DelegatePages(db, allowed_origins(where, port))
    return VenueServer(lambda key, room, session: venue_command(db, key, room, session), where, port, "Forum",
                       keys=key_file, rooms=["Hall A"], sessions=["T1-1.1"], delegates=pages)


def links(db: Path, base: str) -> dict[str, str]:
    """Name (as registered, without honorific) -> personal link."""
    with open_store(db) as store:
        rows = link_rows(store, base, clock.now())
    from roundtable.store import roster

    with open_store(db) as store:
        names = {p.id: p.name for p in roster.load_participants(store)}
    return {names[r.participant_id]: r.url for r in rows}


def set_floor_requests(programme: Path, code: str, mode: str) -> None:
    """Write `floor_requests = mode` into session `code` of the programme file (re-opened after)."""
    text = programme.read_text(encoding="utf-8")
    marker = f'code = "{code}"\n'
    assert marker in text, code
    programme.write_text(text.replace(marker, f'{marker}floor_requests = "{mode}"\n', 1), encoding="utf-8")


class Phone:
    """One phone's browser: its cookie jar, the page it loaded, its event stream."""

    def __init__(self, base: str, local_addr: str | None = None):
        self.base = base
        connector = aiohttp.TCPConnector(local_addr=(local_addr, 0) if local_addr else None, limit=16)
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), connector=connector)
        self.token = ""
        self.code = ""
        self.state: dict = {}
        self.mine: dict = {}
        self.events: list[tuple[float, str, dict]] = []
        self._streams: list[asyncio.Task] = []
        self.html = ""

    async def get(self, url: str, **kwargs) -> tuple[int, str]:
        async with self.session.get(url, **kwargs) as response:
            return response.status, await response.text()

    async def open(self, link: str, query: str = "") -> int:
        """Open a personal link (then the page it redirects to); returns the page's status."""
        status, text = await self.get(link + query)
        self.html = text
        found = re.search(r'data-token="([^"]+)"', text)
        if found:
            self.token = found.group(1)
            self.code = re.search(r'data-session="([^"]+)"', text).group(1)
            self.state = json.loads(html.unescape(re.search(r'data-state="([^"]+)"', text).group(1)))
            self.mine = json.loads(html.unescape(re.search(r'data-mine="([^"]+)"', text).group(1)))
        return status

    async def post(self, action: str, body: dict, origin: str | None = "same", token: str | None = None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json", "X-Roundtable-Token": self.token if token is None else token}
        if origin is not None:
            headers["Origin"] = self.base if origin == "same" else origin
        async with self.session.post(f"{self.base}/d/{action}", data=json.dumps({"session": self.code, **body}),
                                     headers=headers) as response:
            return response.status, await response.json()

    async def ask(self, speech_type: str = "statement") -> tuple[int, dict]:
        return await self.post("ask", {"type": speech_type})

    async def withdraw(self, point_of_order: bool = False) -> tuple[int, dict]:
        return await self.post("withdraw", {"pointOfOrder": point_of_order})

    async def retype(self, speech_type: str) -> tuple[int, dict]:
        return await self.post("retype", {"type": speech_type})

    def listen(self) -> None:
        """Open the page's update stream (again: another tab of the same browser)."""
        self._streams.append(asyncio.create_task(self._read()))

    async def _read(self) -> None:
        async with self.session.get(f"{self.base}/d/events", params={"session": self.code},
                                    timeout=aiohttp.ClientTimeout(total=None, sock_read=None)) as response:
            event, data = "message", []
            async for raw in response.content:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" "))
                elif line == "":
                    if data or event != "message":
                        payload = json.loads("\n".join(data)) if data and data != [""] else {}
                        self.events.append((time.time(), event, payload))
                        if event == "state":
                            self.state = payload
                        elif event == "mine":
                            self.mine = payload
                    event, data = "message", []

    async def until(self, condition, what: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"the phone never saw: {what}"
            await asyncio.sleep(0.02)

    async def close(self) -> None:
        for stream in self._streams:
            stream.cancel()
            try:
                await stream
            except (asyncio.CancelledError, aiohttp.ClientError):
                pass
        await self.session.close()
