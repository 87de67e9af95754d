"""One browser's application process, which outlives a lost connection for a grace period.

textual-serve's AppService starts its command through `/bin/sh -c`: two processes per browser
(Debian's dash does not `exec` the command), and a signal to the shell never reaches the app. This
subclass starts the app itself (`exec`, no shell) in a process group of its own, and ends it in
escalating steps: ask it to quit, SIGTERM, SIGKILL.

The process writes to whichever websocket is attached at the moment (`attach`/`detach`): while a
browser is away its screen updates are dropped, but stdout is still read, so the app never blocks
on a full pipe; when the browser comes back it is asked to repaint everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
from asyncio.subprocess import Process
from collections.abc import Sequence

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

DRIVER = "roundtable.serve.driver:VenueDriver"
QUIT_WAIT = 3.0  # seconds for the app to quit when asked, then for SIGTERM, before SIGKILL


class VenueProcess(AppService):
    def __init__(self, argv: Sequence[str], download_manager: DownloadManager, env: dict[str, str] | None = None):
        super().__init__(
            shlex.join(argv),
            write_bytes=self._write_bytes,
            write_str=self._write_str,
            close=self._close_remote,
            download_manager=download_manager,
        )
        self.argv = list(argv)
        self.extra_env = env or {}
        self.websocket: web.WebSocketResponse | None = None
        self.app_exited = asyncio.Event()

    # -- the process ------------------------------------------------------------------------

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["TEXTUAL_DRIVER"] = DRIVER
        environment.update(self.extra_env)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,  # its own process group: a signal reaches anything it starts
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            self.app_exited.set()

    async def stop(self) -> None:
        """End the process: ask the app to quit, then SIGTERM, then SIGKILL; reap it."""
        process = self._process
        if process is None:  # never started
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    await asyncio.wait_for(process.wait(), QUIT_WAIT)
                    break
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, sig)
            await process.wait()
        if self._stdin is not None:
            self._stdin.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def send_meta(self, data: dict[str, str | None | int | bool]) -> bool:
        if not self.running:
            return False
        return await super().send_meta(data)

    async def send_bytes(self, data: bytes) -> bool:
        if not self.running:
            return False
        return await super().send_bytes(data)

    # -- the browser ------------------------------------------------------------------------

    async def attach(self, websocket: web.WebSocketResponse, width: int, height: int, *, returning: bool) -> None:
        """Send the app's screen to `websocket` from now on; a returning browser gets a full repaint."""
        self.websocket = websocket
        if returning:
            await self.set_terminal_size(width, height)
            await self.send_meta({"type": "repaint"})

    def detach(self, websocket: web.WebSocketResponse) -> None:
        if self.websocket is websocket:
            self.websocket = None

    async def _write_bytes(self, data: bytes) -> None:
        websocket = self.websocket
        if websocket is not None and not websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await websocket.send_bytes(data)

    async def _write_str(self, data: str) -> None:
        websocket = self.websocket
        if websocket is not None and not websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await websocket.send_str(data)

    async def _close_remote(self) -> None:
        """The app exited by itself (its quit key): close the browser's connection normally."""
        websocket = self.websocket
        if websocket is not None and not websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await websocket.close()
