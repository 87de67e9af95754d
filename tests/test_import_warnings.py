"""What a registration list or a programme holds that is probably a slip: one person on several
rows, a column given twice or unknown, a misspelt key. Warnings and errors name the line and say
what was meant, once per problem, and never print a file's control characters to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from roundtable.store import open_store, roster

from conftest import DEMO

DEMO_TEXT = DEMO.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def db(cli, tmp_path) -> Path:
    result = cli("init", DEMO, "--db", tmp_path / "f.db")
    assert result.code == 0, result
    return tmp_path / "f.db"


def test_one_person_on_several_rows_is_counted_once_and_each_repeat_named(cli, db, tmp_path):
    path = write(tmp_path, "p.csv", "name,organisation,position\nAli Khan,UN,Chief\nali  KHAN,un,Head\n"
                                   "Zoe Park,,\nÁli Khan,UN,Director\n")
    checked = cli("check", path)
    assert checked.out.strip() == f"{path}: OK, 2 participants in 4 rows"
    for result in (checked, cli("participants", "import", path, "--db", db)):
        assert result.code == 0, result
        lines = result.err.splitlines()
        assert lines == [
            f"roundtable: warning: {path}: line 3: 'ali  KHAN' (un) is the same person as on line 2 (same name and "
            "organisation, whatever the case, accents or spaces): the values of the later row win",
            f"roundtable: warning: {path}: line 5: 'Áli Khan' (UN) is the same person as on line 2 (same name and "
            "organisation, whatever the case, accents or spaces): the values of the later row win",
        ]
    with open_store(db) as store:
        khan = [p for p in roster.load_participants(store) if p.name.lower().endswith(" khan")]
    assert [(p.name, p.position) for p in khan] == [("Áli Khan", "Director")]


def test_many_repeats_are_listed_up_to_a_point_then_counted(cli, tmp_path):
    path = write(tmp_path, "p.csv", "name\n" + "Ali Khan\n" * 51)
    result = cli("check", path)
    assert result.code == 0 and result.out.strip() == f"{path}: OK, 1 participant in 51 rows"
    assert len(result.err.splitlines()) == 21
    assert result.err.splitlines()[-1] == f"roundtable: warning: {path}: 30 more rows repeat a person named earlier"


def test_a_column_given_twice_or_unknown_is_one_warning_however_many_rows(cli, db, tmp_path):
    rows = "".join(f"Person {n},First,Second,blue,red,x,y\n" for n in range(1000))
    path = write(tmp_path, "p.csv", "name,position,position,badge,badge,orgnisation\n" + rows)
    result = cli("participants", "import", path, "--db", db)
    assert result.code == 0, result
    assert result.err.splitlines() == [
        f"roundtable: warning: {path}: line 1: column 'position' is given twice (columns 2 and 3); the first is read, "
        "the other ignored",
        f"roundtable: warning: {path}: line 1: column 'badge' (columns 4, 5) is not one roundtable knows and is ignored",
        f"roundtable: warning: {path}: line 1: column 'orgnisation' (column 6) is not one roundtable knows and is "
        "ignored; did you mean 'organisation'?",
        f"roundtable: warning: {path}: lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 and "
        "980 more: more cells than the header has columns; the extra cells are ignored",
    ]
    with open_store(db) as store:
        assert {p.position for p in roster.load_participants(store) if p.name.startswith("Person ")} == {"First"}


def test_control_characters_of_a_header_are_never_printed(cli, tmp_path):
    evil = "\x1b]0;pwned\x07\x1b[31m"
    warned = cli("check", write(tmp_path, "w.csv", f"name,x{evil}\nA\n"))
    refused = cli("check", write(tmp_path, "e.csv", f"full name{evil},country\nA,KZ\n"))
    assert warned.code == 0 and refused.code == 2
    for text in (warned.err, refused.err):
        assert "\x1b" not in text and "\x07" not in text and "\\x1b]0;pwned\\x07\\x1b[31m" in text


def test_a_misspelt_name_column_is_pointed_at(cli, tmp_path):
    result = cli("check", write(tmp_path, "p.csv", "nmae,country\nA,KZ\n"))
    assert result.code == 2
    assert result.err == (f"roundtable: {tmp_path / 'p.csv'}: line 1: no 'name' column in the header row "
                          "(found: nmae, country); is 'nmae' meant to be 'name'?\n")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('title = { en = "Global E-Government Forum 2014"', 'titel = { en = "Global E-Government Forum 2014"',
         "forum.titel: unknown key; did you mean 'title'?"),
        ('room = { en = "Plenary Hall"', 'romm = { en = "Plenary Hall"', "sessions[3].romm: unknown key; did you mean 'room'?"),
        ("[[sessions]]", "[[sesions]]", "sesions: unknown key; did you mean 'sessions'?"),
        ('speaking_time = "7m"', 'speakingtime = "7m"', "sessions[3].speakingtime: unknown key; did you mean 'speaking_time'?"),
        ('name = "Hoda Baraka"', 'nmae = "Hoda Baraka"', "participants[3].nmae: unknown key; did you mean 'name'?"),
    ],
)
def test_a_misspelt_programme_key_is_named_at_its_line_with_the_key_meant(cli, tmp_path, old, new, message):
    assert old in DEMO_TEXT
    text = DEMO_TEXT.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1  # the misspelt key's own line
    message = f"line {line}: {message}"
    path = write(tmp_path, "forum.toml", text)
    result = cli("check", path)
    assert result.code == 2 and result.err.count("\n") == 1, result
    assert result.err.startswith(f"roundtable: {path}: line ") and result.err.endswith(f"{message}\n"), result.err


def test_a_misspelt_key_in_the_recorded_sample_is_pointed_at(cli, demo_dir):
    sample = demo_dir / "gegf-2014.sample.toml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("speaker = ", "speakr = ", 1), encoding="utf-8")
    result = cli("init", demo_dir / "gegf-2014.toml")
    assert result.code == 2 and result.err.count("\n") == 1, result
    assert result.err.endswith("interventions.0.speakr: unknown key; did you mean 'speaker'?\n")
    assert not list(demo_dir.glob("*.db*"))
