"""Every command as a person runs it (issue 22 item 1): the installed console script, a subprocess,
in a pseudo-terminal when it opens a screen. `roundtable` with no arguments once ended at once with
a TypeError while every test of the functions behind it passed: a test here starts each command the
way the README tells a newcomer to, with valid arguments, and reads back what it wrote.

The last test lists the CLI's commands and fails for any without a test here.
"""

from __future__ import annotations

import csv
import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import click
import pytest

import roundtable
from roundtable.cli import cli
from tests.pseudo_terminal import Terminal, quit_cleanly
from tests.venue_helpers import free_port

REPO = Path(__file__).resolve().parent.parent
ROUNDTABLE = Path(sys.executable).parent / "roundtable"  # the console script pip installed (make)
DEMO_FILES = ("gegf-2014.toml", "gegf-2014.sample.toml", "gegf-2014-participants.csv")
TITLE = "Global E-Government Forum 2014"

COVERED: set[str] = set()


def entry_point(command: str):
    """Marks a test as the one that runs `command` ("roundtable", "roundtable participants import")."""

    def mark(test):
        COVERED.add(command)
        return test

    return mark


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """The user's environment, with a home and a data folder of the test's own."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in ("PYTHONPATH",)}
    return kept | {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}


@pytest.fixture
def checkout(tmp_path) -> Path:
    """What a checkout holds that roundtable reads when run in it: sessions/ with the demo (a copy,
    so the test writes its database under tmp_path, not into the repository)."""
    folder = tmp_path / "checkout"
    (folder / "sessions").mkdir(parents=True)
    for name in DEMO_FILES:
        shutil.copy(REPO / "sessions" / name, folder / "sessions" / name)
    return folder


@pytest.fixture
def forum(checkout) -> Path:
    """The demo forum's database, created (as `make run` would) and closed."""
    from roundtable.workspace import open_forum

    opened = open_forum(checkout / "sessions" / DEMO_FILES[0])
    opened.store.close()
    return opened.store.path


def roundtable_(*args: str | Path, cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    done = subprocess.run([ROUNDTABLE, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_console_script_is_installed():
    assert ROUNDTABLE.is_file() and os.access(ROUNDTABLE, os.X_OK), f"{ROUNDTABLE}: run make first"


# -- the screens, in a terminal ----------------------------------------------------------------


@entry_point("roundtable")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_roundtable_in_a_checkout_opens_the_demo_programme_and_quits(checkout, env, size, tmp_path):
    """The README's quick start: `make run` runs the bare command in the checkout."""
    with Terminal([ROUNDTABLE], cwd=checkout, env=env, size=size) as terminal:
        terminal.wait_for(f"{TITLE} — Programme", "Day 1 · Mon 06 Oct", "Showcase of Kazakhstan")
        assert quit_cleanly(terminal) == ""
    assert (checkout / "sessions" / "gegf-2014.db").is_file()  # the checkout's own sessions/
    assert not (tmp_path / "data").exists()


@entry_point("roundtable open")
def test_open_goes_straight_to_a_session(forum, checkout, env):
    with Terminal([ROUNDTABLE, "open", forum, "--session", "D2-RT", "--role", "moderator"], cwd=checkout,
                  env=env) as terminal:
        terminal.wait_for("D2-RT · moderator", "Ministerial Round-Table: Partnerships for smart governance")
        quit_cleanly(terminal)


@entry_point("roundtable projector")
def test_projector_shows_the_session_read_only(forum, checkout, env):
    with Terminal([ROUNDTABLE, "projector", forum, "--session", "D2-RT"], cwd=checkout, env=env) as terminal:
        terminal.wait_for("Ministerial Round-Table: Partnerships for smart governance", "The floor is free")
        quit_cleanly(terminal)


# -- commands that write or check files ------------------------------------------------------


@entry_point("roundtable --version")
def test_version(tmp_path, env):
    done = roundtable_("--version", cwd=tmp_path, env=env)
    assert done.returncode == 0 and done.stdout.strip().endswith(roundtable.__version__)


@entry_point("roundtable init")
def test_init_creates_the_forum_database_and_prints_its_path(checkout, env):
    target = checkout / "forum.db"
    done = roundtable_("init", "sessions/gegf-2014.toml", "--db", target, cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    assert done.stderr.startswith("sessions: 15 added, 0 updated, 0 removed")
    from roundtable.store import open_read_only
    from roundtable.store.programme import load_forum, load_sessions

    with open_read_only(target) as store:
        assert load_forum(store).id == "gegf-2014" and len(load_sessions(store)) == 15


@entry_point("roundtable check")
def test_check_validates_a_programme_and_a_participants_list_and_writes_nothing(checkout, env):
    before = sorted(checkout.rglob("*"))
    programme = roundtable_("check", "sessions/gegf-2014.toml", "--lang", "kk", cwd=checkout, env=env)
    assert programme.returncode == 0, programme.stderr
    assert programme.stdout.startswith("sessions/gegf-2014.toml: OK, forum gegf-2014: 4 tracks, 15 sessions, ")
    roster = roundtable_("check", "sessions/gegf-2014-participants.csv", cwd=checkout, env=env)
    assert roster.returncode == 0 and " OK, " in roster.stdout and " participants" in roster.stdout
    assert sorted(checkout.rglob("*")) == before


@entry_point("roundtable participants import")
def test_participants_import_adds_a_registration_list(forum, checkout, env, tmp_path):
    registered = tmp_path / "registered.csv"
    registered.write_text(
        "name,honorific,position,organisation,country,category,rank,gender,email\n"
        "Gulnara Abdrakhmanova,Ms.,Adviser,Ministry of Digital Development,KZ,government,senior-official,f,\n"
        "Сергей Ким,Mr.,Head of Division,Ministry of Justice,KZ,government,senior-official,m,\n",
        encoding="utf-8")
    done = roundtable_("participants", "import", registered, "--db", forum, cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "added 2, updated 0, skipped 0"
    from roundtable.store import open_read_only, roster

    with open_read_only(forum) as store:
        names = {p.name for p in roster.load_participants(store)}
    assert {"Gulnara Abdrakhmanova", "Сергей Ким"} <= names


@entry_point("roundtable participants find")
def test_participants_find_prints_the_person_a_spelling_in_the_other_script_names(forum, checkout, env):
    # Bagdat Mussin is registered in Latin, with his Russian and Kazakh names (Багдат Мусин, Бағдат Мусин)
    done = roundtable_("participants", "find", "Мусин", "--db", forum, cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "H.E. Mr. Bagdat Mussin · Kazakhstan · Government of Kazakhstan"
    done = roundtable_("participants", "find", "Mussin", "--db", forum, "--json", cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    (found,) = json.loads(done.stdout)
    assert (found["name"], found["country"], found["matched_on"]) == ("Bagdat Mussin", "KZ", "name")
    # Nobody of that name: an empty answer, not an error
    done = roundtable_("participants", "find", "Тулеген", "--db", forum, "--json", cwd=checkout, env=env)
    assert (done.returncode, json.loads(done.stdout)) == (0, [])
    assert "nobody in the roster matches 'Тулеген'" in done.stderr


NEEDS_LIBREOFFICE = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make deps)")


@entry_point("roundtable participants links")
def test_participants_links_lists_a_link_per_participant(forum, checkout, env):
    done = roundtable_("participants", "links", "--db", forum, "--csv", "--public-url", "http://hall.local:8000",
                       cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert rows and all(row["url"].startswith("http://hall.local:8000/d/?k=") for row in rows)
    assert "H.E. Mr. Bagdat Mussin" in {row["name"] for row in rows}


HAS_DEJAVU = any(Path(folder, "DejaVuSans.ttf").is_file() for folder in
                 ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"))


@entry_point("roundtable badges")
@pytest.mark.skipif(not HAS_DEJAVU, reason="no DejaVu Sans on this machine (make deps installs fonts-dejavu-core)")
def test_badges_writes_a_pdf_of_badges(forum, checkout, env, tmp_path):
    out = tmp_path / "badges.pdf"
    done = roundtable_("badges", "--db", forum, "--out", out, "--public-url", "http://hall.local:8000",
                       cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-") and out.stat().st_size > 10_000


@entry_point("roundtable export")
@pytest.mark.parametrize("fmt", ["docx", "md", "csv", "json", pytest.param("pdf", marks=NEEDS_LIBREOFFICE)])
def test_export_writes_the_outcome_document_in_each_format(forum, checkout, env, fmt):
    done = roundtable_("export", "--db", forum, "--format", fmt, cwd=checkout, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.strip())
    assert written == checkout / "exports" / f"gegf-2014-outcome.{fmt}"
    if fmt == "docx":
        with zipfile.ZipFile(written) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        assert "Global E-Government Forum" in body and "Ministerial Round-Table" in body
    elif fmt == "md":
        text = written.read_text(encoding="utf-8")
        assert text.startswith(f"# {TITLE}\n") and "Ministerial Round-Table" in text
    elif fmt == "csv":
        rows = list(csv.DictReader(written.read_text(encoding="utf-8-sig").splitlines()))
        assert rows[0]["session_code"] == "D2-PLEN" and rows[0]["speaker"] == "H.E. Mr. Bagdat Mussin"
        assert not any("Baraka" in row["speaker"] for row in rows)  # D2-RT is under the Chatham House Rule
    elif fmt == "json":
        document = json.loads(written.read_text(encoding="utf-8"))
        assert document["forum_id"] == "gegf-2014" and document["properties"]["title"].startswith(TITLE)
    else:
        assert written.read_bytes().startswith(b"%PDF-")


@entry_point("roundtable merge")
def test_merge_takes_another_laptops_note(forum, checkout, env, tmp_path):
    from roundtable.domain import clock
    from roundtable.store import notes, open_read_only, open_store
    from roundtable.store.programme import find_session

    laptop = tmp_path / "laptop" / "gegf-2014.db"
    laptop.parent.mkdir()
    shutil.copy(forum, laptop)
    with open_store(laptop, create=False) as store:
        notes.add_note(store, find_session(store, "D2-RT").id, "Noted on the track laptop", clock.now())
    done = roundtable_("merge", laptop, "--db", forum, cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"merged {laptop} into {forum} (forum gegf-2014)\n")
    with open_read_only(forum) as store:
        texts = [n.text for n in notes.session_notes(store, find_session(store, "D2-RT").id)]
    assert "Noted on the track laptop" in texts


@entry_point("roundtable reset")
def test_reset_clears_a_rehearsal_and_keeps_a_backup(forum, checkout, env):
    from roundtable.store import floor_reads, open_read_only
    from roundtable.store.programme import find_session

    done = roundtable_("reset", "--db", forum, "--session", "D2-PLEN", "--yes", cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith("D2-PLEN: ") and second.startswith("backup: ")
    backup = Path(second.removeprefix("backup: ").split(" (to go back")[0])
    for db, spoken in ((forum, 0), (backup, 3)):
        with open_read_only(db) as store:
            assert len(floor_reads.floor_state(store, find_session(store, "D2-PLEN").id).spoken) == spoken, db


# -- serving ---------------------------------------------------------------------------------


class Served:
    """`roundtable serve ...` running; stopped with SIGTERM as a person's ctrl+c would."""

    def __init__(self, *args: str | Path, cwd: Path, env: dict[str, str]):
        self.process = subprocess.Popen([ROUNDTABLE, "serve", *map(str, args)], cwd=cwd, env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)

    def line(self) -> str:
        line = self.process.stdout.readline()
        assert line, f"serve ended (exit {self.process.wait()}): {self.process.stderr.read()}"
        return line.rstrip("\n")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        return code, self.process.stderr.read()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


@entry_point("roundtable serve")
def test_serve_prints_the_projector_url_answers_it_and_stops(forum, checkout, env):
    port = free_port()
    with Served(forum, "--port", port, cwd=checkout, env=env) as served:
        assert served.line() == f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.status == 200 and f'data-session-websocket-url="ws://127.0.0.1:{port}/ws/' in page.read().decode()
        code, stderr = served.stop()
    assert code == 0, stderr
    assert stderr.startswith("projector view of gegf-2014.db (read-only, whichever session has the floor)")


@entry_point("roundtable serve --venue")
def test_serve_venue_prints_a_url_per_role_and_the_key_opens_the_page(forum, checkout, env):
    port = free_port()
    with Served(forum, "--venue", "--port", port, cwd=checkout, env=env) as served:
        lines = [served.line() for _ in range(4)]
        assert [line.split()[0] for line in lines] == ["chair", "moderator", "rapporteur", "projector"]
        chair = lines[0].split()[-1]
        assert chair.startswith(f"http://127.0.0.1:{port}/?key=")
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(chair, timeout=10) as page:  # the key becomes a cookie, and the page opens
            assert page.status == 200 and page.url == f"http://127.0.0.1:{port}/"
        code, stderr = served.stop()
    assert code == 0, stderr
    assert stderr.startswith("venue: Global E-Government Forum 2014 (gegf-2014.db)")


@entry_point("roundtable serve --revoke")
def test_serve_revoke_removes_the_key(forum, checkout, env):
    from roundtable.serve.keys import KeyFile, keys_path

    moderator = KeyFile(keys_path(forum)).ensure()[1]
    done = roundtable_("serve", forum, "--revoke", moderator.key, cwd=checkout, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("revoked the moderator key of gegf-2014.db")
    assert "moderator" not in {k.role for k in KeyFile(keys_path(forum)).load()}


# -- and nothing is left without one ---------------------------------------------------------


def every_command(group: click.Group = cli, path: str = "roundtable") -> list[str]:
    """Every command a person can run: the group itself when it runs without a subcommand, and each
    subcommand, recursively; a command's hidden options are not commands."""
    found = [path] if group.invoke_without_command else []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += every_command(command, f"{path} {name}")
        else:
            found.append(f"{path} {name}")
    return found


def test_every_command_is_run_through_the_console_script_by_a_test_here():
    missing = [c for c in every_command() if c not in COVERED]
    assert not missing, f"no test in {Path(__file__).name} runs {missing}: add one (@entry_point)"
    assert {"roundtable", "roundtable participants import", "roundtable serve", "roundtable export"} <= set(every_command())
