"""The README stays true: every command of the CLI and every contract key is documented."""

from __future__ import annotations

from pathlib import Path

from roundtable.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=""):
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from _commands(command, full + " ")
        else:
            yield full


def test_every_command_is_in_the_readme():
    missing = [name for name in _commands(cli) if f"`roundtable {name}" not in README]
    assert missing == []


def test_quick_start_is_two_commands():
    assert "make run" in README and "make test" in README
