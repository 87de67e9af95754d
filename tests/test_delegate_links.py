"""Delegates' personal links (issue 28 item 3): listed for the secretariat to mail, printed on
badges with their QR code, shown and revoked in f2; stored only as hashes."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess

import pytest

from roundtable.delegates import badges
from roundtable.delegates.qr import matrix, terminal_lines
from roundtable.domain.delegate_keys import key_hash
from roundtable.store import delegate_keys, open_store, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.delegate_link import DelegateLinkScreen
from roundtable.tui.screens.participants import ParticipantsScreen

from floor_helpers import SIZE, keys, notices

BASE = "http://192.168.1.20:8000"


def test_participants_links_prints_each_persons_link_and_the_same_links_again(cli, forum):
    first = cli("participants", "links", "--db", forum.store.path, "--public-url", BASE)
    assert first.code == 0, first.err
    lines = first.out.splitlines()
    assert len(lines) == len(roster.load_participants(forum.store))
    hoda = next(line for line in lines if "Hoda Baraka" in line).split("\t")
    assert hoda[0] == "H.E. Dr. Hoda Baraka" and hoda[2].startswith(f"{BASE}/d/?k=")
    assert cli("participants", "links", "--db", forum.store.path, "--public-url", BASE).out == first.out
    key = hoda[2].split("k=")[1]
    dump = "\n".join(sqlite3.connect(forum.store.path).iterdump())
    assert key not in dump and key_hash(key) in dump  # the database holds the hash only
    secret = delegate_keys.secret_path(forum.store.path)
    assert secret.stat().st_mode & 0o777 == 0o600


def test_participants_links_as_csv_for_a_mail_merge_neutralises_formulas(cli, forum):
    with open_store(forum.store.path) as store:
        store.conn.execute("UPDATE participants SET organisation = '=HYPERLINK(\"x\")' WHERE name = 'Hoda Baraka'")
    result = cli("participants", "links", "--db", forum.store.path, "--csv", "--public-url", BASE)
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == ["name", "organisation", "country", "email", "url"]
    hoda = next(r for r in rows if r["name"].endswith("Hoda Baraka"))
    assert hoda["organisation"] == "'=HYPERLINK(\"x\")" and hoda["url"].startswith(f"{BASE}/d/?k=")


def test_a_bad_public_url_is_one_line_and_exit_2(cli, forum):
    result = cli("participants", "links", "--db", forum.store.path, "--public-url", "192.168.1.20:8000/x")
    assert result.code == 2 and result.err.count("\n") == 1 and "--public-url" in result.err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed (make deps)")
def test_badges_print_names_in_every_script_with_their_link(cli, forum, tmp_path):
    out = tmp_path / "badges.pdf"
    result = cli("badges", "--db", forum.store.path, "--out", out, "--public-url", BASE)
    assert result.code == 0, result.err
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Нұрғалиқызы" in text and "Айгерим Жумабаева" in text and "Hoda Baraka" in text
    assert "Сөз сұрау үшін телефонмен сканерлеңіз" in text and "Kazakhstan" in text
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    printed = int(re.search(r"(\d+) badges", result.err).group(1))
    assert printed == len(roster.load_participants(forum.store))
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) == -(-printed // 4)  # four to a sheet


def test_badges_without_a_font_for_kazakh_say_what_to_install(cli, forum, tmp_path, monkeypatch):
    monkeypatch.setattr(badges, "FONT_FOLDERS", (str(tmp_path / "no-fonts"),))
    result = cli("badges", "--db", forum.store.path, "--out", tmp_path / "b.pdf", "--public-url", BASE)
    assert result.code == 2 and "fonts-dejavu-core" in result.err and result.err.count("\n") == 1
    assert not (tmp_path / "b.pdf").exists()


def test_the_qr_code_is_the_link_with_its_quiet_zone():
    url = f"{BASE}/d/?k=" + "A" * 32
    modules = matrix(url)
    assert len(modules) == len(modules[0]) == 33 + 8  # version 4 at level M, 4 modules each side
    assert not any(modules[0]) and all(modules[4][4:11])  # quiet zone, then a finder pattern's top
    lines = terminal_lines(url, quiet_zone=2)
    assert len(lines) == 19 and all(len(line) == 37 for line in lines)


async def test_f2_shows_a_persons_link_as_a_qr_code_and_revokes_it(forum, clock):
    app = RoundtableApp(forum.store, now=clock, delegates_url=BASE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*keys("baraka"), "tab", "q")
        await pilot.pause()
        assert isinstance(app.screen, DelegateLinkScreen)
        url = str(app.screen.query_one("#link-url").render())
        assert url.startswith(f"{BASE}/d/?k=")
        old_key = url.split("k=")[1]
        assert len(str(app.screen.query_one("#link-qr").render()).splitlines()) == 19
        await pilot.press("r")
        assert delegate_keys.identify(forum.store, old_key) is not None  # the first r only asks
        await pilot.press("r")
        await pilot.pause()
        new_url = str(app.screen.query_one("#link-url").render())
        assert new_url != url
        assert "revoked" in " ".join(notices(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
    with open_store(forum.store.path) as store:  # the app closed its connection on quitting
        assert delegate_keys.identify(store, old_key) is None
        hoda = next(p for p in roster.load_participants(store) if p.name == "Hoda Baraka")
        assert delegate_keys.identify(store, new_url.split("k=")[1]).participant_id == hoda.id


async def test_a_rapporteur_is_shown_no_link(forum, clock):
    app = RoundtableApp(forum.store, now=clock, role="rapporteur", delegates_url=BASE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*keys("baraka"), "tab", "q")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
    assert sqlite3.connect(forum.store.path).execute("SELECT count(*) FROM delegate_keys").fetchone()[0] == 0
