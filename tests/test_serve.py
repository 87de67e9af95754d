"""Serving to a room (issue 16 item 7, issue 18 item 2): the page, the Origin, the cap, the keys, and
processes that end. The server and its processes are real; the browser is scripted (venue_helpers).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading

import pytest

from roundtable.serve import network
from roundtable.serve.keys import KeyFile, keys_path
from tests.venue_helpers import (Browser, alive, children_of, free_port, key_url, pids, projector_server, serving,
                                 venue_server)
from waiting import until


@pytest.fixture
def db(demo_forum):
    return demo_forum.store.path.resolve()


async def test_the_page_names_the_public_url_and_loads_nothing_from_outside(db):
    server = projector_server(db, public_url="http://10.1.2.3:8123")
    async with serving(server):
        browser = Browser(f"http://127.0.0.1:{server.port}")
        try:
            status, html = await browser.get(f"http://127.0.0.1:{server.port}/")
            assert status == 200
            addresses = re.findall(r'(?:src|href|data-session-websocket-url)="([^"]+)"', html)
            assert addresses and all(a.startswith(("http://10.1.2.3:8123/", "ws://10.1.2.3:8123/ws/")) for a in addresses)
            assert "0.0.0.0" not in html and "googleapis" not in html
            # the stylesheet's fonts are served here, and the page's policy forbids anything else
            _, css = await browser.get(f"http://127.0.0.1:{server.port}/assets/venue.css")
            fonts = re.findall(r'url\("([^"]+)"\)', css)
            assert fonts and all(f.startswith("/static/fonts/") for f in fonts)
            for font in fonts:
                async with browser.session.get(f"http://127.0.0.1:{server.port}{font}") as response:
                    assert response.status == 200 and len(await response.read()) > 10_000
            async with browser.session.get(f"http://127.0.0.1:{server.port}/") as response:
                assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        finally:
            await browser.close()


def test_bound_to_every_interface_the_url_is_the_machines_address(monkeypatch):
    monkeypatch.setattr(network, "primary_address", lambda: "192.168.7.20")
    where = network.listening("0.0.0.0", 8000, https=False)
    assert where.bind == "0.0.0.0" and where.public_url == "http://192.168.7.20:8000"
    assert network.listening("0.0.0.0", 443, https=True).public_url == "https://192.168.7.20"
    assert network.listening("127.0.0.1", 8000, https=False, public_url="http://hall.local:8000/").public_url \
        == "http://hall.local:8000"
    assert network.listening("lo", 8000, https=False).bind == "127.0.0.1"  # an interface's name
    with pytest.raises(network.NetworkError):
        network.listening("no-such-interface-or-host.invalid", 8000, https=False)


async def test_a_websocket_from_another_page_is_refused_and_starts_nothing(db):
    server = projector_server(db)
    async with serving(server):
        browser = Browser(server.public_url)
        try:
            for origin in ("http://evil.example", "null", None, f"http://127.0.0.1:{server.port + 1}"):
                with pytest.raises(Exception) as refused:
                    await browser.connect(origin=origin)
                assert "403" in str(refused.value)
            assert server.running == 0 and children_of(os.getpid()) == []
        finally:
            await browser.close()


async def test_each_browser_is_one_process_and_the_cap_refuses_the_next(db):
    server = projector_server(db, max_clients=2)
    async with serving(server):
        browser = Browser(server.public_url)
        try:
            first, second = await browser.connect(), await browser.connect()
            await first.screen_drawn()
            children = children_of(os.getpid())
            assert len(children) == 2, children  # no shell between the server and the app
            assert all(" -m roundtable projector " in command and not command.startswith("/bin/sh")
                       for _, command in children)
            status, text = await browser.get(server.public_url + "/")
            assert status == 503 and "full (2 connections)" in text
            await second.close()
            await until(lambda: server.running == 1, what="the closed tab's process to end")
            third = await browser.connect()
            await third.screen_drawn()
            assert server.running == 2
            await first.close()
            await third.close()
        finally:
            await browser.close()


async def test_a_closed_tab_ends_its_process_and_a_broken_connection_gets_its_session_back(db):
    server = venue_server(db, grace=3.0)
    async with serving(server):
        browser = Browser(server.public_url)
        try:
            tab = await browser.connect(key_url(server, "moderator"))
            await tab.screen_drawn()
            [pid] = pids(server)
            tab.drop()  # the network breaks
            await asyncio.sleep(0.5)
            assert alive(pid) and server.running == 1
            again = await browser.connect(html=f'data-session-websocket-url="{tab.url}"')
            await again.screen_drawn()  # repainted in full for the returning browser
            assert pids(server) == [pid]
            again.drop()
            await until(lambda: not alive(pid), timeout=15, what="the process to end after the grace period")
            await until(lambda: server.running == 0, timeout=2, what="its place under the cap to be free once it is reaped")

            tab = await browser.connect()
            await tab.screen_drawn()
            [pid] = pids(server)
            await tab.close()  # the tab is closed: no grace
            await until(lambda: not alive(pid), timeout=8, what="the closed tab's process to end")
        finally:
            await browser.close()


async def test_a_page_without_the_key_or_with_a_wrong_one_gets_403_and_starts_nothing(db):
    server = venue_server(db)
    async with serving(server):
        stranger, guesser, moderator = Browser(server.public_url), Browser(server.public_url), Browser(server.public_url)
        try:
            for path in ("/", "/assets/venue.js", "/static/js/textual.js", "/ws/anything", "/download/x"):
                assert (await stranger.get(server.public_url + path))[0] == 403
            assert (await guesser.get(server.public_url + "/?key=" + "A" * 32))[0] == 403
            html = await moderator.page(key_url(server, "moderator"))
            assert "Forum &lt;b&gt;title&lt;/b&gt;" in html and "<b>" not in html  # the title is text
            assert (await moderator.get(server.public_url + "/?session=NOPE"))[0] == 400
            # another browser that learnt the page's websocket URL, but holds no key
            with pytest.raises(Exception) as refused:
                await stranger.connect(html=html)
            assert "403" in str(refused.value)
            assert server.running == 0
            cookie = next(iter(moderator.session.cookie_jar))
            assert cookie.key == "roundtable_venue" and cookie["httponly"] and cookie["samesite"] == "Strict"
        finally:
            for browser in (stranger, guesser, moderator):
                await browser.close()


async def test_a_revoked_key_is_refused_and_its_browsers_disconnected(db):
    server = venue_server(db)
    async with serving(server):
        browser = Browser(server.public_url)
        try:
            url = key_url(server, "rapporteur")
            tab = await browser.connect(url)
            await tab.screen_drawn()
            [pid] = pids(server)
            KeyFile(keys_path(db)).revoke(url.split("key=")[1])
            await until(lambda: not alive(pid), timeout=15, what="the revoked key's process to end")
            assert (await browser.get(server.public_url + "/"))[0] == 403
        finally:
            await browser.close()


def test_keys_are_kept_beside_the_database_readable_by_its_owner_only_and_survive_a_restart(db):
    first = KeyFile(keys_path(db)).ensure(["T1"])
    assert [k.label for k in first] == ["chair", "moderator", "rapporteur", "rapporteur T1", "projector"]
    assert len({k.key for k in first}) == 5 and all(len(k.key) >= 32 for k in first)
    path = keys_path(db)
    assert path.name == "gegf-2014.db.venue-keys.json" and oct(path.stat().st_mode & 0o777) == "0o600"
    assert KeyFile(keys_path(db)).ensure(["T1"]) == first
    raw = db.read_bytes()
    assert not any(k.key.encode() in raw for k in first)


def test_serve_revoke_removes_a_key_and_refuses_an_unknown_one(cli, demo_dir, db):
    keys = KeyFile(keys_path(db)).ensure()
    result = cli("serve", db, "--revoke", keys[1].key)
    assert result.code == 0 and "revoked the moderator key" in result.out
    assert [k.role for k in KeyFile(keys_path(db)).load()] == ["chair", "rapporteur", "projector"]
    result = cli("serve", db, "--revoke", keys[1].key)
    assert result.code == 2 and result.err.count("\n") == 1 and "no such key" in result.err


async def test_the_export_is_delivered_to_the_browser_as_a_download(db):
    server = venue_server(db)
    async with serving(server):
        browser = Browser(server.public_url)
        try:
            tab = await browser.connect(key_url(server, "chair"))
            await tab.screen_drawn()
            await tab.press("\x05")  # ctrl+e
            message = await tab.wait_text('["deliver_file_start"', timeout=30)
            key = message.split('"')[3]
            async with browser.session.get(f"{server.public_url}/download/{key}") as response:
                assert response.status == 200
                assert "attachment" in response.headers["Content-Disposition"]
                assert "gegf-2014-outcome.docx" in response.headers["Content-Disposition"]
                body = await response.read()
            assert body[:2] == b"PK" and len(body) > 5000
            await tab.close()
        finally:
            await browser.close()


async def test_https_with_a_certificate_and_a_secure_cookie(db, tmp_path):
    import ssl

    import trustme

    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    client = ssl.create_default_context()
    authority.configure_trust(client)
    server = venue_server(db, ssl_context=context)
    assert server.public_url.startswith("https://127.0.0.1:")
    async with serving(server):
        browser = Browser(server.public_url, ssl=client)
        try:
            html = await browser.page(key_url(server, "projector"))
            assert f'data-session-websocket-url="wss://127.0.0.1:{server.port}/ws/' in html
            assert next(iter(browser.session.cookie_jar))["secure"]
            with pytest.raises(Exception):  # the same port does not answer plain HTTP
                await Browser(server.public_url.replace("https", "http")).get(
                    server.public_url.replace("https", "http") + "/")
        finally:
            await browser.close()


def test_serve_on_a_port_in_use_says_so_in_one_line(db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "roundtable", "serve", str(db), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done
    assert done.stderr.strip().splitlines()[-1].startswith(f"roundtable: --port: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in done.stderr


def test_a_stopped_server_ends_every_process(db):
    """SIGTERM to `roundtable serve` with a browser connected: the server and the app both end."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "roundtable", "serve", str(db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == f"http://127.0.0.1:{port}/"

        async def connect_then_stop() -> int:
            browser = Browser(f"http://127.0.0.1:{port}")
            try:
                tab = await browser.connect()
                await tab.screen_drawn()
                [(pid, _)] = children_of(server.pid)
                server.send_signal(signal.SIGTERM)
                await until(lambda: tab.websocket.closed, timeout=15, what="the server to close the page")
                return pid
            finally:
                await browser.close()

        pid = asyncio.run(connect_then_stop())
        assert server.wait(timeout=15) == 0
        assert not alive(pid)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _meta(app: subprocess.Popen, data: dict) -> None:
    payload = json.dumps(data).encode()
    app.stdin.write(b"M" + len(payload).to_bytes(4, "big") + payload)
    app.stdin.flush()


@pytest.mark.parametrize("end", ["stdin closed", "SIGTERM", "quit while laying out its first screen"])
def test_the_served_app_ends_when_the_server_is_gone_sends_sigterm_or_asks_it_to_quit(db, end):
    """The app's side. Closing stdin (the server died) left Textual's WebDriver running for ever;
    a quit sent while the first screen is laid out (a headless Chromium that loads the page and
    leaves) made Textual loop re-laying out the screen at 96% CPU, deaf to SIGTERM."""
    env = dict(os.environ, TEXTUAL_DRIVER="roundtable.serve.driver:VenueDriver", COLUMNS="133", ROWS="31")
    app = subprocess.Popen([sys.executable, "-m", "roundtable", "projector", str(db)], env=env,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert app.stdout.readline() == b"__GANGLION__\n"
        # keep reading its screen, as the server does, until it exits
        threading.Thread(target=lambda: app.stdout.read(), daemon=True).start()
        if end == "stdin closed":
            app.stdin.close()
        elif end == "SIGTERM":
            app.send_signal(signal.SIGTERM)
        else:  # what the server sends when a browser resizes twice and leaves at once
            _meta(app, {"type": "resize", "width": 133, "height": 31})
            _meta(app, {"type": "resize", "width": 133, "height": 38})
            _meta(app, {"type": "quit"})
        app.wait(timeout=10)  # TimeoutExpired: it did not end
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_open_takes_a_role_a_track_and_a_venue_fixed_role_for_issue_14(cli, db, monkeypatch):
    from roundtable.tui.app import RoundtableApp

    seen = []
    monkeypatch.setattr(RoundtableApp, "run", lambda app: seen.append(app))
    assert cli("open", db, "--role", "rapporteur", "--track", "T1", "--venue-role").code == 0
    assert (seen[-1].role, seen[-1].track_code, seen[-1].role_locked) == ("rapporteur", "T1", True)
    assert cli("open", db).code == 0
    assert (seen[-1].role, seen[-1].track_code, seen[-1].role_locked) == ("chair", None, False)
    result = cli("open", db, "--track", "T9")
    assert result.code == 2 and '"T9"' in result.err and "T1" in result.err
    assert cli("open", db, "--role", "projector").code == 2


def test_a_room_carries_on_offline_on_its_copy_and_merges_it_back(cli, demo_forum, tmp_path):
    from roundtable.domain import clock
    from roundtable.store import notes, open_store
    from roundtable.store import programme as programme_store
    from roundtable.store.offline_copy import offline_copy

    copy = offline_copy(demo_forum.store, tmp_path / "room" / "hall-a.db")
    assert sorted(p.name for p in copy.parent.iterdir()) == ["hall-a.db"]  # one file to carry away
    with open_store(copy, create=False) as offline:  # the network is down: the room works on its copy
        session = programme_store.find_session(offline, "D2-RT")
        notes.add_note(offline, session.id, "Noted while the network was down", clock.now())
    result = cli("merge", copy, "--db", demo_forum.store.path)
    assert result.code == 0, result
    session = programme_store.find_session(demo_forum.store, "D2-RT")
    texts = [n.text for n in notes.session_notes(demo_forum.store, session.id)]
    assert "Noted while the network was down" in texts


@pytest.mark.parametrize("arguments, says", [
    (["--cert", "missing.pem", "--key", "missing.key"], "--cert: missing.pem: no such file"),
    (["--cert", "cert.pem"], "--cert and --key go together"),
    (["--public-url", "https://hall.example"], "--public-url: its scheme must match"),
    (["--public-url", "ftp://hall.example"], "--public-url: 'ftp://hall.example' is not of the form"),
    (["--host", "no-such-host.invalid"], "--host: no-such-host.invalid: not an address of this machine"),
    (["--session", "D2-RT"], "--venue serves every room"),
    (["--rapporteur-track", "T9"], '--rapporteur-track: no track with code "T9"'),
])
def test_serve_venue_refuses_bad_options_in_one_line(cli, db, tmp_path, monkeypatch, arguments, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cert.pem").write_text("not a certificate")
    result = cli("serve", db, "--venue", *arguments)
    assert result.code == 2 and result.err.count("\n") == 1, result
    assert result.err.startswith(f"roundtable: {says}")


async def test_the_palette_writes_an_offline_copy_of_the_forum(demo_forum, demo_dir):
    from roundtable.store import open_store
    from roundtable.tui.app import RoundtableApp

    app = RoundtableApp(open_store(demo_forum.store.path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Offline copy", "enter")
        exports = demo_dir.parent / "exports"
        for _ in range(100):
            await pilot.pause(0.05)
            if list(exports.glob("gegf-2014-offline-*.db")):
                break
    [copy] = list(exports.glob("gegf-2014-offline-*.db"))
    with open_store(copy, create=False) as offline:
        from roundtable.store import programme as programme_store

        assert programme_store.find_session(offline, "D2-RT") is not None


def test_a_damaged_key_file_is_named_in_one_line(cli, db):
    keys_path(db).write_text('{"keys": [{"key": "short", "role": "chair"}]}')
    result = cli("serve", db, "--venue")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "gegf-2014.db.venue-keys.json: keys[1]: not a valid venue key" in result.err


async def raw_request(server, head: bytes) -> bytes:
    """The status line the server answers to a request written byte by byte (what aiohttp's client
    would not send: a header that is not UTF-8)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(head + b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
        await writer.drain()
        return (await reader.read()).split(b"\r\n", 1)[0]
    finally:
        writer.close()


async def test_a_key_whose_bytes_are_not_utf8_is_a_wrong_key(db, caplog):
    """aiohttp hands such a cookie (or query) over as surrogate-escaped text: a 500 and a
    UnicodeEncodeError traceback, before, when the key was compared."""
    server = venue_server(db)
    async with serving(server):
        for head in (b"GET / HTTP/1.1\r\nCookie: roundtable_venue=\xc3\x28" + b"A" * 30 + b"\r\n",
                     b"GET /ws/x HTTP/1.1\r\nCookie: roundtable_venue=\xff\xfe\xfd\r\n",
                     b"GET /?key=%C3%28" + b"A" * 30 + b" HTTP/1.1\r\n"):
            assert await raw_request(server, head) == b"HTTP/1.1 403 Forbidden", head
        assert server.running == 0
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("message", ["[" * 100_000 + "]" * 100_000, "not json", '{"stdin": "x"}',
                                     json.dumps(["stdin", "x" * (2 << 20)]),
                                     '["resize", {"width": 1e999, "height": 24}]',
                                     '["resize", {"width": "wide", "height": 24}]'],
                         ids=["deeply nested", "not JSON", "not a list", "oversized", "infinite size",
                              "size not a number"])
async def test_a_malformed_or_oversized_message_closes_the_connection_cleanly_with_one_line_in_the_log(
        db, caplog, message):
    """A deeply nested message raised RecursionError in the relay (a traceback, the connection
    dropped, and the process left waiting for the browser to come back for the grace period); so
    did a resize to 1e999 cells (OverflowError: JSON's 1e999 is an infinite float)."""
    server = venue_server(db, grace=60.0)
    async with serving(server):
        browser = Browser(server.public_url)
        try:
            tab = await browser.connect(key_url(server, "moderator"))
            await tab.screen_drawn()
            [pid] = pids(server)
            caplog.clear()
            await tab.websocket.send_str(message)
            await until(lambda: tab.websocket.closed, timeout=10, what="the server to close the connection")
            assert tab.websocket.close_code in (1003, 1009), tab.websocket.close_code
            await until(lambda: not alive(pid), timeout=10, what="its process to end (no grace for a bad message)")
            await until(lambda: server.running == 0, timeout=2, what="its place under the cap to be free")
        finally:
            await browser.close()
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and lines[0].name == "roundtable.serve" and lines[0].exc_info is None, lines
    assert "moderator" in lines[0].getMessage()


async def test_processes_still_stopping_count_against_the_cap(db):
    """Browsers opening and closing fast with --max-clients 3 had 9 app processes alive at once: a
    visit was forgotten as soon as its tab closed, while its process took seconds to stop."""
    server = venue_server(db, max_clients=3)
    most = 0

    async def watch() -> None:
        nonlocal most
        while True:
            most = max(most, len(children_of(os.getpid())))
            await asyncio.sleep(0.02)

    async with serving(server):
        browser = Browser(server.public_url)
        watcher = asyncio.create_task(watch())
        try:
            await browser.page(key_url(server, "moderator"))  # the key's cookie
            opened = full = 0
            while opened < 9:
                status, html = await browser.get(server.public_url + "/")
                if status == 503:
                    full += 1
                    await asyncio.sleep(0.05)
                    continue
                tab = await browser.connect(html=html)
                await asyncio.sleep(0.3)  # its process is starting
                await tab.close()
                opened += 1
            await until(lambda: server.running == 0 and not children_of(os.getpid()), timeout=30,
                        what="every process to end")
        finally:
            watcher.cancel()
            await browser.close()
    assert full > 0 and most <= 3, (full, most)


async def test_the_projectors_page_asks_for_a_font_that_fills_its_window_and_the_moderators_does_not(db):
    # issue 23 item 10: a projector in a browser showed a small timer on a mostly empty screen.
    server = venue_server(db)
    async with serving(server):
        projector, moderator = Browser(server.public_url), Browser(server.public_url)
        try:
            assert 'data-fit-rows="26"' in await projector.page(key_url(server, "projector"))
            assert 'data-fit-rows="0"' in await moderator.page(key_url(server, "moderator"))
            # A font size in the URL is the venue's choice: the page keeps it.
            _, html = await projector.get(server.public_url + "/?fontsize=30")
            assert 'data-font-size="30"' in html and 'data-fit-rows="0"' in html
        finally:
            await projector.close()
            await moderator.close()
    alone = projector_server(db)
    async with serving(alone):
        browser = Browser(f"http://127.0.0.1:{alone.port}")
        try:
            _, html = await browser.get(f"http://127.0.0.1:{alone.port}/")
            assert 'data-fit-rows="26"' in html
        finally:
            await browser.close()
