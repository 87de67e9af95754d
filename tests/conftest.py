"""Shared fixtures: a copy of the demo forum under tmp_path (opened, with its roster, on two
laptops), the application's clock, and the CLI run in-process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from fake_clock import FakeClock

from roundtable.cli import main
from roundtable.formats.registration_list import read_roster
from roundtable.store import roster
from roundtable.workspace import open_forum

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "sessions" / "gegf-2014.toml"


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A sessions/ folder in tmp_path holding the demo programme, its sample and roster."""
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    for name in ("gegf-2014.toml", "gegf-2014.sample.toml", "gegf-2014-participants.csv"):
        shutil.copy(REPO / "sessions" / name, sessions / name)
    (tmp_path / "exports").mkdir()
    return sessions


@pytest.fixture
def demo_forum(demo_dir: Path):
    """The demo forum opened (database created) in tmp_path; closed after the test."""
    opened = open_forum(demo_dir / "gegf-2014.toml")
    yield opened
    opened.store.close()


@pytest.fixture
def forum(demo_forum, demo_dir):
    """The demo forum with its registration list imported."""
    people = read_roster(demo_dir / "gegf-2014-participants.csv").participants
    roster.import_participants(demo_forum.store, demo_forum.forum.id, people)
    return demo_forum


@pytest.fixture
def clock() -> FakeClock:
    """The application's clock on a day that is not the demo forum's, moved by hand."""
    return FakeClock()


@pytest.fixture
def laptops(tmp_path: Path):
    """The demo programme (without its recorded sample) opened on two laptops: (secretariat, track)."""
    folder = tmp_path / "programme"
    folder.mkdir()
    shutil.copy(REPO / "sessions" / "gegf-2014.toml", folder / "gegf-2014.toml")
    here = open_forum(folder / "gegf-2014.toml", db=tmp_path / "secretariat.db").store
    there = open_forum(folder / "gegf-2014.toml", db=tmp_path / "track2.db").store
    yield here, there
    here.close()
    there.close()


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `roundtable ARGS...` in-process; returns exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["roundtable", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
