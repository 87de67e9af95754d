"""Waiting for something another connection, a worker or a process does."""

from __future__ import annotations

import asyncio
import time


async def until(condition, what: str, *, pilot=None, timeout: float = 15.0) -> None:
    """Let the app (through `pilot`) or else the event loop run until `condition()` holds; fails
    naming `what` when it has not after `timeout` seconds. Another terminal's commit reaches a
    screen at the next database watch (a quarter of a second); a process ends within seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened within {timeout:g} s: {what}")
        if pilot is not None:
            await pilot.pause(0.01)
        else:
            await asyncio.sleep(0.05)
