"""The delegates' page through real HTTP (issue 28): a venue server on a free port, phones that
open their personal links, ask, withdraw and change their request, the moderator answering through
the store; every outcome read back from the database. And its limits: wrong and revoked keys, other
origins, missing tokens, someone else's request, rate limits, one open request, off-record sessions."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

from roundtable.domain import clock
from roundtable.domain.delegate_keys import key_hash
from roundtable.serve import launch
from roundtable.serve.keys import VenueKey
from roundtable.store import delegate_keys, floor, floor_requests, open_store, roster, undo_log
from roundtable.store import programme as programme_store
from roundtable.workspace import open_forum
from tests.delegate_helpers import Phone, delegate_server, links, serving, set_floor_requests

CODE = "T1-1.1"


def ids(forum) -> dict[str, str]:
    return {p.name: p.id for p in roster.load_participants(forum.store)}


def live(forum, code: str = CODE, *names: str) -> None:
    """The moderator queues `names` and gives the floor to the first: the session is live."""
    session = programme_store.find_session(forum.store, code)
    people = ids(forum)
    for name in names or ("Adriana Alberti", "Alikhan Baimenov"):
        floor.request_floor(forum.store, session, people[name], clock.now())
    floor.next_speaker(forum.store, session.id, clock.now())


def db_rows(forum, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(forum.store.path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def accepting(forum, demo_dir, code: str = CODE):
    set_floor_requests(demo_dir / "gegf-2014.toml", code, "accept")
    open_forum(demo_dir / "gegf-2014.toml").store.close()


@pytest.fixture
async def venue(forum):
    server = delegate_server(forum.store.path)
    async with serving(server):
        yield server


async def phone_of(venue, forum, name: str, query: str = "") -> Phone:
    phone = Phone(venue.public_url)
    assert await phone.open(links(forum.store.path, venue.public_url)[name], query) == 200
    return phone


async def test_a_delegate_asks_and_watches_the_moderator_accept_it_and_the_queue_move(forum, venue):
    live(forum)
    phone = await phone_of(venue, forum, "Andrei Popescu")
    try:
        assert phone.code == CODE and phone.state["floor"]["name"] == "Ms. Adriana Alberti"
        assert "Andrei Popescu" in phone.html  # whom the page speaks for
        phone.listen()
        await phone.until(lambda: any(e == "state" for _, e, _ in phone.events), "the first state")
        status, answer = await phone.ask("question")
        assert (status, answer["ok"]) == (200, True)
        await phone.until(lambda: phone.mine["request"]["state"] == "waiting", "its request waiting")
        session = programme_store.find_session(forum.store, CODE)
        [waiting] = floor_requests.waiting(forum.store, session.id)
        assert (waiting.participant.name, waiting.ask.speech_type, waiting.ask.id) == ("Andrei Popescu", "question", answer["id"])

        floor_requests.accept(forum.store, session, answer["id"], clock.now())  # the moderator's enter
        await phone.until(lambda: phone.mine["request"]["state"] == "queued", "its place in the queue")
        assert (phone.mine["request"]["place"], phone.mine["request"]["of"]) == (2, 2)
        assert phone.mine["request"]["expectedClock"]
        assert phone.state["queued"] == 2 and phone.state["next"][1]["name"] == "Mr. Andrei Popescu"

        floor.next_speaker(forum.store, session.id, clock.now())  # the queue moves
        await phone.until(lambda: phone.mine["request"].get("place") == 1, "first in the queue")
        assert phone.state["floor"]["name"] == "Mr. Alikhan Baimenov"
        status, answer = await phone.withdraw()
        assert answer["changed"] is True
        await phone.until(lambda: phone.mine["request"]["state"] == "withdrawn", "withdrawn")
        assert phone.state["queued"] == 0
        statuses = db_rows(forum, "SELECT f.status, r.status AS queue FROM floor_requests f JOIN requests r ON r.id = f.request_id")
        assert [(r["status"], r["queue"]) for r in statuses] == [("withdrawn", "withdrawn")]
        trail = undo_log.history(forum.store, session.id)
        assert [e.action for e in trail[:3]] == ["ask-withdraw", "next", "accept"]
        assert trail[0].terminal.startswith("Mr. Andrei Popescu, delegate's phone (127.0.0.1")
    finally:
        await phone.close()


async def test_with_accept_the_request_joins_the_queue_at_once_and_its_type_changes(forum, demo_dir):
    accepting(forum, demo_dir)
    live(forum)
    server = delegate_server(forum.store.path)
    async with serving(server):
        phone = await phone_of(server, forum, "Ana Souza")
        try:
            phone.listen()
            status, _ = await phone.ask("statement")
            assert status == 200
            await phone.until(lambda: phone.mine["request"]["state"] == "queued", "queued at once")
            assert phone.state["session"]["mode"] == "accept"
            status, answer = await phone.retype("reply")
            assert answer["changed"] is True
            await phone.until(lambda: phone.mine["request"]["type"] == "reply", "now a reply")
            [row] = db_rows(forum, "SELECT speech_type, reason FROM requests WHERE status = 'queued' AND reason LIKE '%from the floor'")
            assert row["speech_type"] == "reply"
            status, answer = await phone.ask("question")
            assert (status, answer["error"]) == (409, "already-open")
            status, answer = await phone.ask("point-of-order")  # apart: it waits for the chair
            assert status == 200
            await phone.until(lambda: phone.mine["order"]["state"] == "waiting", "the point of order waiting")
        finally:
            await phone.close()


async def test_a_wrong_or_revoked_key_gets_403_and_the_key_is_neither_in_the_page_nor_the_log(forum, venue, caplog):
    caplog.set_level(logging.DEBUG)
    live(forum)
    wrong = "Zq9" + "x" * 29
    phone = Phone(venue.public_url)
    try:
        status, text = await phone.get(f"{venue.public_url}/d/?k={wrong}")
        assert status == 403 and wrong not in text and "This link does not work" in text
        link = links(forum.store.path, venue.public_url)["Ana Souza"]
        key = link.split("k=", 1)[1]
        assert await phone.open(link) == 200
        phone.listen()
        await phone.until(lambda: phone.events, "its stream")
        person = ids(forum)["Ana Souza"]
        delegate_keys.revoke(forum.store, delegate_keys.load_secret(forum.store.path), person, clock.now())  # f2
        await phone.until(lambda: any(e == "revoked" for _, e, _ in phone.events), "the stream ended as revoked")
        status, text = await phone.get(f"{venue.public_url}/d/")
        assert status == 403 and key not in text
        status, text = await phone.get(link)  # the old link itself
        assert status == 403 and key not in text
        status, answer = await phone.ask()
        assert (status, answer["error"]) == (403, "forbidden")
    finally:
        await phone.close()
    assert wrong not in caplog.text and key not in caplog.text
    assert "wrong or revoked link from 127.0.0.1" in caplog.text
    assert db_rows(forum, "SELECT count(*) FROM floor_requests")[0][0] == 0


async def test_the_database_holds_no_key_only_its_hash(forum, venue):
    link = links(forum.store.path, venue.public_url)["Ana Souza"]
    key = link.split("k=", 1)[1]
    dump = "\n".join(sqlite3.connect(forum.store.path).iterdump())
    assert key not in dump
    assert key_hash(key) in dump


async def test_writes_from_another_origin_or_without_the_pages_token_are_refused(forum, venue):
    live(forum)
    phone = await phone_of(venue, forum, "Ana Souza")
    try:
        for kwargs in ({"origin": "http://evil.example"}, {"origin": None}, {"token": ""}, {"token": "0" * 32}):
            status, answer = await phone.post("ask", {"type": "statement"}, **kwargs)
            assert (status, answer["error"]) == (403, "forbidden"), kwargs
        other = await phone_of(venue, forum, "Andrei Popescu")
        status, _ = await phone.post("ask", {"type": "statement"}, token=other.token)  # another's token
        assert status == 403
        await other.close()
    finally:
        await phone.close()
    assert db_rows(forum, "SELECT count(*) FROM floor_requests")[0][0] == 0


async def test_a_delegate_cannot_withdraw_or_retype_someone_elses_request(forum, venue):
    live(forum)
    ana = await phone_of(venue, forum, "Ana Souza")
    andrei = await phone_of(venue, forum, "Andrei Popescu")
    try:
        assert (await ana.ask("question"))[0] == 200
        for action, body in (("withdraw", {"pointOfOrder": False}), ("retype", {"type": "reply"}),
                             ("withdraw", {"pointOfOrder": False, "participant": ids(forum)["Ana Souza"]})):
            status, answer = await andrei.post(action, body)
            assert (status, answer["changed"]) == (200, False)
        [row] = db_rows(forum, "SELECT status, speech_type, participant_id FROM floor_requests")
        assert (row["status"], row["speech_type"], row["participant_id"]) == ("waiting", "question", ids(forum)["Ana Souza"])
    finally:
        await ana.close()
        await andrei.close()


async def test_a_delegate_tapping_too_often_is_slowed_down(forum, venue):
    live(forum)
    phone = await phone_of(venue, forum, "Ana Souza")
    try:
        await phone.ask("statement")
        statuses = [(await phone.retype(kind))[0] for kind in ("reply", "question") * 6]
        assert statuses[:7] == [200] * 7 and statuses[-1] == 429
    finally:
        await phone.close()


async def test_an_off_record_session_shows_its_title_only_and_takes_no_request(forum, venue):
    live(forum, "D1-HOD")
    phone = await phone_of(venue, forum, "Ana Souza", "&session=D1-HOD")
    try:
        assert phone.state["session"]["offRecord"] is True
        assert "floor" not in phone.state and "next" not in phone.state
        assert "Alberti" not in phone.html
        status, answer = await phone.ask("statement")
        assert (status, answer["error"]) == (409, "off-record")
    finally:
        await phone.close()


async def test_the_page_speaks_the_browsers_language_and_its_switch_is_remembered(forum, venue):
    live(forum)
    link = links(forum.store.path, venue.public_url)["Ana Souza"]
    phone = Phone(venue.public_url)
    try:
        status, text = await phone.get(link, headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"})
        assert status == 200 and '<html lang="ru">' in text and "Отозвать заявку" in text
        status, text = await phone.get(f"{venue.public_url}/d/?lang=kk")
        assert '<html lang="kk">' in text and "Өтінішімді қайтарып алу" in text
        status, text = await phone.get(f"{venue.public_url}/d/", headers={"Accept-Language": "en"})
        assert '<html lang="kk">' in text  # the switch's choice beats the browser's
    finally:
        await phone.close()


async def test_with_two_live_sessions_the_delegate_picks_one_and_an_open_request_brings_them_back(forum, venue):
    live(forum)
    live(forum, "T2-2.1", "Ana Souza")
    phone = Phone(venue.public_url)
    try:
        link = links(forum.store.path, venue.public_url)["Andrei Popescu"]
        status, text = await phone.get(link)
        assert status == 200 and "Choose your session" in text and "/d/?session=T2-2.1" in text
        assert await phone.open(f"{venue.public_url}/d/?session=T2-2.1") == 200 and phone.code == "T2-2.1"
        await phone.ask("statement")
        fresh = Phone(venue.public_url)
        assert await fresh.open(link) == 200 and fresh.code == "T2-2.1"  # their open request's session
        await fresh.close()
    finally:
        await phone.close()


async def test_the_entry_url_without_a_key_says_to_open_the_badges_link(forum, venue):
    status, text = await Phone(venue.public_url).get(f"{venue.public_url}/d/")
    assert status == 200 and "Open the personal link on your badge" in text


async def test_many_phones_of_one_session_cost_one_reading_per_change(forum, venue):
    live(forum)
    people = list(links(forum.store.path, venue.public_url).items())[:20]
    phones = []
    try:
        for name, link in people:
            phone = Phone(venue.public_url)
            assert await phone.open(link) == 200
            phone.listen()
            phones.append(phone)
        for phone in phones:
            await phone.until(lambda p=phone: any(e == "state" for _, e, _ in p.events), "its first state")
        before = venue.delegates.feed.renders
        session = programme_store.find_session(forum.store, CODE)
        floor.next_speaker(forum.store, session.id, clock.now())
        for phone in phones:
            await phone.until(lambda p=phone: p.state["floor"]["name"] == "Mr. Alikhan Baimenov", "the new speaker")
        assert venue.delegates.feed.renders - before <= 2  # one per change (a tick may add one), not one per phone
    finally:
        await asyncio.gather(*(p.close() for p in phones))


def test_serve_venue_prints_the_delegates_entry_url_with_the_other_roles():
    lines = launch._venue_urls("http://192.168.1.20:8000", [VenueKey("k" * 32, "chair"), VenueKey("p" * 32, "projector")],
                               ["Hall A"])
    assert any(line.split() == ["delegates", "http://192.168.1.20:8000/d/"] for line in lines)
    assert any("delegates, Hall A" in line and line.endswith("/d/?room=Hall+A") for line in lines)


def test_a_key_that_is_not_a_links_key_is_refused_unread():
    from roundtable.domain.delegate_keys import looks_like_key

    surrogate = b"\xff\xfe".decode("utf-8", "surrogateescape") * 16  # a cookie whose bytes are not UTF-8
    for key in (None, "", "short", "é" * 32, surrogate, "A" * 31 + "/", "A" * 33):
        assert not looks_like_key(key), key
    assert looks_like_key("Ab-_" * 8)


async def test_one_link_opens_a_few_streams_not_a_roomful(forum, venue):
    live(forum)
    phone = await phone_of(venue, forum, "Ana Souza")
    try:
        for _ in range(6):
            phone.listen()
        await phone.until(lambda: venue.delegates.feed.streams_of(ids(forum)["Ana Souza"]) == 6, "six streams")
        status, _ = await phone.get(f"{venue.public_url}/d/events?session={CODE}")
        assert status == 429
    finally:
        await phone.close()
