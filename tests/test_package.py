"""A package that runs anywhere (issue 17 item 5): the wheel carries the demo forum, and roundtable
run from it outside any checkout copies the demo to the user's data folder, works there, says where,
and writes nothing into the checkout. A checkout keeps using its own sessions/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import roundtable
from roundtable import workspace
from roundtable.formats.errors import InputError

REPO = Path(__file__).resolve().parent.parent
DEMO_FILES = ("gegf-2014.toml", "gegf-2014.sample.toml", "gegf-2014-participants.csv")


def checkout_state() -> dict[str, tuple[int, int]]:
    """What the checkout's working folders hold (a run must not add to or touch them)."""
    found = {}
    for folder in ("sessions", "exports", "roundtable"):
        for path in (REPO / folder).rglob("*"):
            if "__pycache__" not in path.parts:
                found[str(path.relative_to(REPO))] = (path.stat().st_size, path.stat().st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the checkout's sources (a build writes build/ and
    *.egg-info beside its sources, and tests write only in their own folders)."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(REPO / "roundtable", source / "roundtable", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(REPO / name, source / name)
    (source / "sessions").mkdir()
    for name in DEMO_FILES:
        shutil.copy(REPO / "sessions" / name, source / "sessions" / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(dist)],
        check=True, cwd=source, capture_output=True,
    )
    (built,) = dist.glob("roundtable-*.whl")
    return built


def test_the_wheel_carries_the_demo_as_the_checkout_has_it(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in DEMO_FILES:
            assert archive.read(f"roundtable/demo/{name}") == (REPO / "sessions" / name).read_bytes()
    assert {"roundtable/tui/app.tcss", "roundtable/catalogues/en.toml", "roundtable/cli.py"} <= names
    assert wheel.name.startswith(f"roundtable-{roundtable.__version__}-")
    assert not (REPO / "roundtable" / "demo").exists()  # the checkout keeps one copy: sessions/


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment (not seeing this one's packages) with the wheel installed as
    pip installs it, its dependencies from the package index; returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return venv / "bin"


def test_the_installed_wheel_exports_the_demo_from_any_folder_and_says_where(installed, tmp_path):
    work, data = tmp_path / "work", tmp_path / "data"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"XDG_DATA_HOME": str(data), "HOME": str(tmp_path / "home")}
    before = checkout_state()

    def roundtable_(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([installed / "roundtable", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=120)

    where = subprocess.run([installed / "python", "-c", "import roundtable; print(roundtable.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)  # not the checkout
    version = roundtable_("--version")
    assert version.returncode == 0 and roundtable.__version__ in version.stdout

    first = roundtable_("export")
    demo = data / "roundtable" / "sessions"
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [f"roundtable: the demo forum is in {demo} (copied there on first use)"]
    written = Path(first.stdout.strip())
    assert written == data / "roundtable" / "exports" / "gegf-2014-outcome.docx"
    with zipfile.ZipFile(written) as docx:
        assert "Global E-Government Forum" in docx.read("word/document.xml").decode("utf-8")
    held = {p.name for p in demo.iterdir()}
    assert held >= {*DEMO_FILES, "gegf-2014.db"} and not any(name.endswith(".part") for name in held)

    again = roundtable_("export", "--format", "md")  # the copy is made once
    assert again.returncode == 0 and again.stderr == ""
    assert Path(again.stdout.strip()).parent == written.parent
    assert list(work.iterdir()) == []
    assert checkout_state() == before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_installed_wheels_bare_command_opens_the_demo_programme_from_any_folder(installed, tmp_path, size):
    """What a newcomer does after `pip install`: `roundtable`, in a terminal, in a folder of theirs."""
    from tests.pseudo_terminal import Terminal, quit_cleanly

    work, data, home = tmp_path / "work", tmp_path / "data", tmp_path / "home"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("TEXTUAL")}
    env |= {"XDG_DATA_HOME": str(data), "HOME": str(home)}
    before = checkout_state()
    with Terminal([installed / "roundtable"], cwd=work, env=env, size=size) as terminal:
        terminal.wait_for("Global E-Government Forum 2014 — Programme", "Day 1 · Mon 06 Oct", "Showcase of Kazakhstan")
        shown = quit_cleanly(terminal)
    demo = data / "roundtable" / "sessions"
    assert shown == f"roundtable: the demo forum is in {demo} (copied there on first use)"
    assert (demo / "gegf-2014.db").is_file()
    assert list(work.iterdir()) == [] and checkout_state() == before


def test_a_checkout_keeps_using_its_own_sessions(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert workspace.demo_programme(lambda folder: pytest.fail("copied")) == REPO / "sessions" / DEMO_FILES[0]
    assert not (tmp_path / "data").exists()


def test_elsewhere_the_demo_is_copied_once_and_an_edited_copy_is_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    told = []
    programme = workspace.demo_programme(told.append)
    folder = tmp_path / "data" / "roundtable" / "sessions"
    assert programme == folder / DEMO_FILES[0] and told == [folder]
    assert all((folder / n).read_bytes() == (REPO / "sessions" / n).read_bytes() for n in DEMO_FILES)
    programme.write_text(programme.read_text(encoding="utf-8") + "\n# the secretariat's edit\n", encoding="utf-8")
    assert workspace.demo_programme(told.append) == programme and told == [folder]
    assert programme.read_text(encoding="utf-8").endswith("# the secretariat's edit\n")


def test_an_unwritable_data_folder_is_one_line(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    with pytest.raises(InputError):
        workspace.demo_programme()
    result = cli("export")
    assert result.code == 2 and result.err.count("\n") == 1 and "cannot copy the demo forum there" in result.err


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and result.out.strip().endswith(roundtable.__version__)


def test_the_demo_sample_is_recorded_in_the_forums_time_zone(tmp_path):
    """Two laptops in different time zones that open the demo hold the same sample (merge takes none
    of it twice) only if its venue times are read in the forum's zone, not the laptop's."""
    import datetime as dt

    from roundtable.domain import clock
    from roundtable.store import floor_reads, programme as programme_store

    folder = tmp_path / "sessions"
    folder.mkdir()
    for name in DEMO_FILES:
        shutil.copy(REPO / "sessions" / name, folder / name)
    programme = folder / DEMO_FILES[0]
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace('id = "gegf-2014"\n', 'id = "gegf-2014"\ntimezone = "Asia/Almaty"\n', 1),
                         encoding="utf-8")
    opened = workspace.open_forum(programme)
    with opened.store as store:
        assert opened.forum.timezone == "Asia/Almaty"
        plenary = programme_store.find_session(store, "D2-PLEN")
        first = floor_reads.floor_state(store, plenary.id).spoken[0]
        assert first.participant.name == "Bagdat Mussin"
        assert first.request.started_at == clock.at_venue(plenary.date, dt.time(9, 40), "Asia/Almaty")
