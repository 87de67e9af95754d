"""A delegate's phone in a real browser (issue 28 item 5): `roundtable serve --venue` and Debian's
Chromium at a phone's viewport (360 px), through Debian's chromedriver (Selenium). The delegate
opens their personal link, asks for the floor, sees the moderator (through the store, as the session
screen's enter does) accept it, watches the queue move, and withdraws; a laptop's 1280 px too.

Screenshots are kept under tmp_path (and copied to $ROUNDTABLE_SCREENSHOTS when set, to look at).
Skipped, with the reason, where Chromium is not installed (`make deps` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_browser import CHROMEDRIVER, CHROMIUM

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian's Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver): `make deps` installs it",
)

CODE = "T1-1.1"


def _chromium(profile: Path, width: int, height: int, language: str = "en"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", f"--window-size={width},{height}", f"--lang={language}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 2 if width < 600 else 1,
                            "mobile": width < 600})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": width < 600})
    return driver


class Phones:
    """`roundtable serve --venue` on a forum with one live session, and browsers to visit it."""

    def __init__(self, base: Path):
        from roundtable.workspace import open_forum
        from tests.delegate_helpers import links
        from tests.venue_helpers import free_port

        sessions = base / "sessions"
        sessions.mkdir()
        repo = Path(__file__).resolve().parent.parent / "sessions"
        for name in ("gegf-2014.toml", "gegf-2014-participants.csv"):
            shutil.copy(repo / name, sessions / name)
        opened = open_forum(sessions / "gegf-2014.toml")
        from roundtable.formats.registration_list import read_roster
        from roundtable.store import roster

        roster.import_participants(opened.store, opened.forum.id, read_roster(sessions / "gegf-2014-participants.csv").participants)
        self.db = opened.store.path.resolve()
        self.store = opened.store
        self.shots = base
        self.people = {p.name: p.id for p in roster.load_participants(self.store)}
        port = free_port()
        os.environ["SE_OFFLINE"] = "true"  # Selenium never looks for a driver on the network
        self.server = subprocess.Popen(
            [sys.executable, "-m", "roundtable", "serve", str(self.db), "--venue", "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while True:
            line = self.server.stdout.readline()
            assert line, self.server.stderr.read()
            if line.split()[0] == "delegates":
                break
        self.base = f"http://127.0.0.1:{port}"
        self.links = links(self.db, self.base)
        self.drivers = []

    def browser(self, name: str, width: int, height: int, language: str = "en"):
        driver = _chromium(self.shots / f"profile-{name}", width, height, language)
        self.drivers.append(driver)
        return driver

    def shot(self, driver, name: str) -> Path:
        """The whole page, as tall as it is."""
        import base64

        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return document.documentElement.clientWidth")
        data = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path = self.shots / f"{name}.png"
        path.write_bytes(base64.b64decode(data["data"]))
        if os.environ.get("ROUNDTABLE_SCREENSHOTS"):
            Path(os.environ["ROUNDTABLE_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(os.environ["ROUNDTABLE_SCREENSHOTS"]) / path.name)
        return path

    @staticmethod
    def wait_for(condition, what: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if condition():
                    return
            except Exception:  # an element not there yet
                pass
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.1)

    def close(self) -> None:
        for driver in self.drivers:
            driver.quit()
        self.server.terminate()
        self.server.wait(timeout=20)
        self.store.close()


@pytest.fixture
def phones(tmp_path):
    venue = Phones(tmp_path)
    try:
        yield venue
    finally:
        venue.close()


def _text(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def test_a_delegate_asks_from_a_phone_the_moderator_accepts_and_the_queue_moves(phones):
    from roundtable.domain import clock
    from roundtable.store import floor, floor_requests, programme as programme_store

    session = programme_store.find_session(phones.store, CODE)
    for name in ("Adriana Alberti", "Alikhan Baimenov"):
        floor.request_floor(phones.store, session, phones.people[name], clock.now())
    floor.next_speaker(phones.store, session.id, clock.now())

    phone = phones.browser("phone", 360, 740)
    phone.get(phones.links["Айгерим Жумабаева"])
    phones.wait_for(lambda: _text(phone, "speaker") == "Ms. Adriana Alberti", "the speaker")
    assert "?k=" not in phone.current_url  # the key left the address bar
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    for button in phone.find_elements("css selector", "[data-ask], #point-of-order"):
        if button.is_displayed():
            assert button.size["height"] >= 48  # a thumb's target
    phone.find_element("css selector", "[data-ask='statement']").click()
    phones.wait_for(lambda: "waits for the moderator" in _text(phone, "my-status"), "the request waiting")
    [waiting] = floor_requests.waiting(phones.store, session.id)
    assert waiting.participant.name == "Айгерим Жумабаева" and waiting.ask.speech_type == "statement"
    phones.shot(phone, "delegate-phone-waiting")

    floor_requests.accept(phones.store, session, waiting.ask.id, clock.now())  # the moderator's enter
    phones.wait_for(lambda: "2 of 2" in _text(phone, "my-status"), "its place in the queue")
    assert "Your turn around" in _text(phone, "my-forecast")
    phones.shot(phone, "delegate-phone-queued")

    floor.next_speaker(phones.store, session.id, clock.now())  # the queue moves
    phones.wait_for(lambda: "1 of 1" in _text(phone, "my-status"), "first in the queue")
    assert _text(phone, "speaker") == "Mr. Alikhan Baimenov" and _text(phone, "my-forecast") == "You are next."
    phones.shot(phone, "delegate-phone-next")

    phone.find_element("id", "withdraw").click()
    phones.wait_for(lambda: _text(phone, "my-status") == "You withdrew your request.", "withdrawn")
    phones.wait_for(lambda: _text(phone, "next-more") == "The list of speakers is empty", "the queue empty")
    statuses = phones.store.query("SELECT f.status, r.status AS queue FROM floor_requests f JOIN requests r ON r.id = f.request_id")
    assert [(r["status"], r["queue"]) for r in statuses] == [("withdrawn", "withdrawn")]
    assert phone.get_log("browser") == []  # no script error, nothing refused by the page's policy


def test_the_page_on_a_laptop_in_kazakh(phones):
    from roundtable.domain import clock
    from roundtable.store import floor, floor_requests, programme as programme_store

    session = programme_store.find_session(phones.store, CODE)
    for name in ("Hoda Baraka", "Adriana Alberti", "Alikhan Baimenov", "Ana Souza", "Andrei Popescu"):
        floor.request_floor(phones.store, session, phones.people[name], clock.now())
    floor.next_speaker(phones.store, session.id, clock.now())
    floor_requests.ask(phones.store, session, phones.people["Ерлан Сейітқали"], "question", clock.now())

    laptop = phones.browser("laptop", 1280, 800, "kk")
    laptop.get(phones.links["Ерлан Сейітқали"])
    phones.wait_for(lambda: _text(laptop, "speaker").endswith("Hoda Baraka"), "the speaker")
    assert laptop.find_element("tag name", "html").get_attribute("lang") == "kk"
    assert "модератордың шешімін күтуде" in _text(laptop, "my-status")
    assert _text(laptop, "next-more") == "және тағы 1"
    phones.shot(laptop, "delegate-laptop-kk")
    assert laptop.get_log("browser") == []
