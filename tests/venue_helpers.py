"""A venue server run inside the test's event loop, and a scripted browser (aiohttp) to visit it.

The server is the real one and so are the processes it starts (`python -m roundtable ...`); only
the browser is simulated: it fetches the page, takes the websocket URL from it and speaks
textual.js's protocol (["stdin", keys], ["resize", {...}]).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import time
from pathlib import Path

import aiohttp
from waiting import until

from roundtable.serve.keys import KeyFile, keys_path
from roundtable.serve.network import listening
from roundtable.serve.server import VenueServer
from roundtable.serve.commands import projector_command, venue_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def venue_server(db: Path, *, port: int | None = None, max_clients: int = 16, grace: float = 20.0,
                 public_url: str | None = None, ssl_context=None) -> VenueServer:
    port = port or free_port()
    where = listening("127.0.0.1", port, https=ssl_context is not None, public_url=public_url)
    key_file = KeyFile(keys_path(db))
    key_file.ensure(["T1"])
    return VenueServer(lambda key, room, session: venue_command(db, key, room, session), where, port,
                       "Forum <b>title</b>", keys=key_file, rooms=["Hall A"], sessions=["D2-RT"], max_clients=max_clients, grace=grace,
                       ssl_context=ssl_context)


def projector_server(db: Path, *, port: int | None = None, max_clients: int = 16,
                     public_url: str | None = None) -> VenueServer:
    port = port or free_port()
    where = listening("127.0.0.1", port, https=False, public_url=public_url)
    argv = projector_command(db)
    return VenueServer(lambda key, room, session: argv, where, port, "Projector", max_clients=max_clients)


def key_url(server: VenueServer, role: str, track: str | None = None) -> str:
    key = next(k for k in server.keys.load() if k.role == role and k.track == track)
    return f"{server.public_url}/?key={key.key}"


@contextlib.asynccontextmanager
async def serving(server: VenueServer):
    ready = asyncio.Event()
    task = asyncio.create_task(server.run(ready=ready.set, handle_signals=False))
    done, _ = await asyncio.wait({task, asyncio.create_task(ready.wait())}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        task.result()
    try:
        yield server
    finally:
        server.stop()
        await task


class Browser:
    """One browser profile: its own cookies (a venue key's cookie once a keyed URL was visited)."""

    def __init__(self, base: str, ssl=True):
        self.base = base
        self.ssl = ssl
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def get(self, url: str) -> tuple[int, str]:
        async with self.session.get(url, ssl=self.ssl) as response:
            return response.status, await response.text()

    async def page(self, url: str) -> str:
        status, html = await self.get(url)
        assert status == 200, (status, html)
        return html

    async def connect(self, url: str | None = None, origin: str | None = "same", html: str | None = None,
                      size: tuple[int, int] = (120, 40)) -> Tab:
        html = html if html is not None else await self.page(url or self.base + "/")
        websocket_url = websocket_url_of(html)
        headers = {} if origin is None else {"Origin": self.base if origin == "same" else origin}
        websocket = await self.session.ws_connect(f"{websocket_url}?width={size[0]}&height={size[1]}",
                                                  headers=headers, ssl=self.ssl)
        return Tab(websocket, websocket_url)

    async def close(self) -> None:
        await self.session.close()


def websocket_url_of(html: str) -> str:
    return re.search(r'data-session-websocket-url="([^"]+)"', html).group(1)


class Tab:
    def __init__(self, websocket: aiohttp.ClientWebSocketResponse, url: str):
        self.websocket = websocket
        self.url = url
        self.received = 0
        self.texts: list[str] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(message.data)

    async def screen_drawn(self, timeout: float = 20.0, more_than: int = 0) -> None:
        """Wait until the app has drawn its screen (its first frames, or more after `more_than`)."""
        await until(lambda: self.received > more_than + 2000, "the app drawing its screen", timeout=timeout)
        await asyncio.sleep(0.3)

    async def press(self, *keys: str, pause: float = 0.15) -> None:
        for key in keys:
            await self.websocket.send_str(json.dumps(["stdin", key]))
            await asyncio.sleep(pause)

    async def wait_text(self, prefix: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            for text in self.texts:
                if text.startswith(prefix):
                    return text
            assert time.monotonic() < deadline, f"no {prefix} message"
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        await self.websocket.close()
        await self._reader

    def drop(self) -> None:
        """The network breaks: the connection is gone without a closing handshake."""
        self.websocket._response.connection.transport.abort()
        self._reader.cancel()


def pids(server: VenueServer) -> list[int]:
    return [p.pid for p in server.processes()]


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def children_of(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live process whose parent is `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append((int(entry), command))
    return found
