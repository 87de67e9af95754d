"""The README and the contract (docs/) stay true: every command of the CLI is documented in both, every
option the contract names exists, the glossary is the catalogues' wording, and nothing points
outside the repository."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from roundtable.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CATALOGUES = Path(__file__).resolve().parent.parent / "roundtable" / "catalogues"


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


DOCS = Path(__file__).resolve().parent.parent / "docs"
CONTRACT = (DOCS / "CONTRACT.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_contract():
    """The contract lives in the repository and names every command the CLI has."""
    missing = [name for name in _commands(cli) if f"`roundtable {name}" not in CONTRACT]
    assert missing == []


def test_every_option_of_the_contract_exists():
    """An option the contract names outside its list of what is coming is one the CLI takes."""
    built, _, coming = CONTRACT.partition("## Coming this round")
    assert coming, "the contract keeps what is not built yet apart"
    options = {param for command in _walk(cli) for p in command.params for param in p.opts}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", built))
    assert named - options == set()


def test_the_glossary_is_the_catalogues_wording():
    """Each row of docs/labels.md is what the en, ru and kk catalogues print."""
    catalogues = {lang: set(_strings(tomllib.loads((CATALOGUES / f"{lang}.toml").read_text(encoding="utf-8"))))
                  for lang in ("en", "ru", "kk")}
    rows = [line.strip().strip("|").split("|") for line in (DOCS / "labels.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith(("| en ", "| ---"))]
    assert len(rows) > 20
    for row in rows:
        for lang, text in zip(("en", "ru", "kk"), (cell.strip() for cell in row)):
            assert text in catalogues[lang], f"docs/labels.md: {text!r} is not in {lang}.toml"


def test_the_repository_cites_only_its_own_files():
    """No code, test or document points outside the repository (the contract, the notes it came with)."""
    root = DOCS.parent
    sources = [*root.glob("roundtable/**/*.py"), *root.glob("tests/**/*.py"), *root.glob("benchmarks/**/*.py"),
               root / "README.md", *DOCS.glob("*.md")]
    outside = re.compile(r"\.\./shared|/work/|\bSTACK-NOTES\b|\bSTYLE\.md\b|(?<!docs/)\bCONTRACT\.md\b")
    offenders = [f"{path.relative_to(root)}: {match.group(0)}" for path in sources
                 for match in outside.finditer(path.read_text(encoding="utf-8"))
                 if path.name != "test_docs.py"]
    assert offenders == []


def _walk(group):
    yield group
    for command in getattr(group, "commands", {}).values():
        yield from _walk(command)


def _strings(table):
    for value in table.values():
        if isinstance(value, dict):
            yield from _strings(value)
        elif isinstance(value, str):
            yield value
