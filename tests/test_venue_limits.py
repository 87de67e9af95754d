"""A venue browser's keys are a terminal's keys: the rapporteur T1 key, sent to another track's
session with `&session=`, sees it read-only and its websocket frames write nothing there, while the
same key writes its notes in a session of track T1. The server, its processes and the database are
real; the browser is scripted (venue_helpers)."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from roundtable.serve.commands import venue_command
from roundtable.serve.keys import KeyFile, keys_path
from roundtable.serve.network import listening
from roundtable.serve.server import VenueServer
from roundtable.store import notes, open_store
from roundtable.store import programme as programme_store
from tests.limits_helpers import rows_at
from tests.venue_helpers import Browser, Tab, free_port, key_url, serving, until, websocket_url_of


class ScreenTab(Tab):
    """A tab that keeps what the application drew (the terminal's output, as text)."""

    drawn = ""

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)
                self.drawn += message.data.decode("utf-8", "replace")
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(message.data)

    async def shows(self, text: str, after: int = 0, timeout: float = 20.0) -> int:
        """Wait until `text` is drawn (after the first `after` characters); returns where it ends."""
        deadline = time.monotonic() + timeout
        while (found := self.drawn.find(text, after)) < 0:
            assert time.monotonic() < deadline, f"never drawn: {text!r} in {self.drawn[-3000:]!r}"
            await asyncio.sleep(0.05)
        return found + len(text)


async def open_tab(browser: Browser, url: str) -> ScreenTab:
    websocket_url = websocket_url_of(await browser.page(url))
    websocket = await browser.session.ws_connect(f"{websocket_url}?width=120&height=40",
                                                 headers={"Origin": browser.base}, ssl=browser.ssl)
    return ScreenTab(websocket, websocket_url)


@pytest.fixture
def db(demo_forum):
    return demo_forum.store.path.resolve()


def note_texts(db, code: str) -> list[str]:
    with open_store(db, create=False) as store:
        return [n.text for n in notes.session_notes(store, programme_store.find_session(store, code).id)]


async def test_a_t1_keys_browser_writes_in_t1_and_its_frames_write_nothing_in_another_tracks_session(db):
    where = listening("127.0.0.1", free_port(), https=False)
    keys = KeyFile(keys_path(db))
    keys.ensure(["T1"])
    server = VenueServer(lambda key, room, session: venue_command(db, key, room, session), where, where_port(where),
                         "Forum", keys=keys, sessions=["T1-1.1", "T2-2.1"])
    async with serving(server):
        elsewhere, own = Browser(server.public_url), Browser(server.public_url)
        try:
            t2 = await open_tab(elsewhere, key_url(server, "rapporteur", "T1") + "&session=T2-2.1")
            at = await t2.shows("READ-ONLY here")
            await t2.shows("T2-2.1 · read-only · rapporteur T1")
            before = rows_at(db)
            # The notes list has the focus: its keys; the note line's; `g` to the given list and
            # its delete; escape to the queue and the floor's keys.
            await t2.press("k", "d", "u", "i", "\x12", "g", "x", "k", "\x1b", "x", "n", "c")
            at = await t2.shows("This terminal is rapporteur T1's", after=at)
            await t2.press("h")  # the audit trail opens: every key before it has been handled
            await t2.shows("Audit trail", after=at)
            assert rows_at(db) == before

            t1 = await open_tab(own, key_url(server, "rapporteur", "T1") + "&session=T1-1.1")
            await t1.shows("T1-1.1 · rapporteur T1")
            await t1.press(*"Trust", "\r")
            await until(lambda: note_texts(db, "T1-1.1") == ["Trust"], what="the T1 note to be saved")
            assert len(note_texts(db, "T2-2.1")) == 2  # the sample's, untouched
            await t1.close()
            await t2.close()
        finally:
            await elsewhere.close()
            await own.close()


def where_port(where) -> int:
    return int(where.public_url.rsplit(":", 1)[1])
