"""Registration lists as Excel and LibreOffice write them (RFC 4180: comma or semicolon, cells in
quotes with doubled quotes inside) are read exactly; a quote that is never closed is refused at
the line where it opens."""

from __future__ import annotations

import csv
import io

import pytest

from roundtable.formats.registration_list import parse_roster
from roundtable.store import open_store, roster

PEOPLE = [
    {"name": "Айдар Қасымов", "organisation": 'АО "Казахтелеком"', "position": "Head, Digital; Services"},
    {"name": 'Jean "Jo" Dupont', "organisation": "Ministère, de l'Économie", "position": "Line one\nline two"},
    {"name": "Ali Khan", "organisation": '"Quoted" Org ""', "position": ""},
]


def excel_csv(delimiter: str) -> str:
    """What Excel's "CSV UTF-8" (or LibreOffice with a semicolon) writes for PEOPLE."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["name", "organisation", "position"])
    for person in PEOPLE:
        writer.writerow(person.values())
    return buffer.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_cells_come_back_exactly_as_excel_wrote_them(delimiter):
    text = excel_csv(delimiter)
    assert '"АО ""Казахтелеком"""' in text
    parsed = parse_roster(text, "p.csv")
    got = [{"name": p.name, "organisation": p.organisation, "position": p.position or ""} for p in parsed.participants]
    assert got == PEOPLE
    assert parsed.lines == [2, 3, 5]  # the second person's position spans two lines


def test_the_separator_is_found_even_when_the_other_one_is_quoted_in_the_header():
    parsed = parse_roster('name;"organisation, full";organisation\n"Smith, John";x;"A; B"\n', "p.csv")
    assert [(p.name, p.organisation) for p in parsed.participants] == [("Smith, John", "A; B")]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_reimporting_an_excel_list_creates_nobody_twice(cli, demo_dir, tmp_path, delimiter):
    db = tmp_path / "f.db"
    assert cli("init", demo_dir / "gegf-2014.toml", "--db", db).code == 0
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + excel_csv(delimiter).encode("utf-8"))
    first = cli("participants", "import", path, "--db", db)
    assert first.code == 0 and first.out.strip() == "added 3, updated 0, skipped 0", first
    again = cli("participants", "import", path, "--db", db)
    assert again.out.strip() == "added 0, updated 0, skipped 3", again
    with open_store(db) as store:
        stored = {p.name: p.organisation for p in roster.load_participants(store)}
    assert stored["Айдар Қасымов"] == 'АО "Казахтелеком"'
    assert stored["Ali Khan"] == '"Quoted" Org ""'


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name,organisation\nAli,KZ\nBob,"Government of\nCarol,UN\nDan,UN\n', 3),
        ('name;organisation\nAli;"A ""B"" C"\nBob;"Unclosed ""x""\n', 3),
        ('"name,organisation\nAli,KZ\n', 1),
        ('name,organisation\nAli,"two\nlines",x\nBob,"C\n', 4),
    ],
)
def test_an_unterminated_quote_is_refused_where_it_opens(cli, demo_dir, tmp_path, text, line):
    db = tmp_path / "f.db"
    assert cli("init", demo_dir / "gegf-2014.toml", "--db", db).code == 0
    with open_store(db) as store:
        before = roster.count_participants(store)
    path = tmp_path / "broken.csv"
    path.write_text(text, encoding="utf-8")
    for args in (("check", path), ("participants", "import", path, "--db", db)):
        result = cli(*args)
        assert result.code == 2, result
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
        assert f"broken.csv: line {line}: a quoted cell opens here and is never closed" in result.err
    with open_store(db) as store:
        assert roster.count_participants(store) == before
