"""The registration-list and programme readers fuzzed through the command line: random bytes and
random valid-looking files. Every outcome is exit 0, or one line on stderr with exit 2 and nothing
written (hypothesis)."""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from roundtable.domain.vocabulary import CATEGORIES, RANKS
from roundtable.formats.roster_columns import COLUMNS
from roundtable.workspace import open_forum

from conftest import DEMO

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
DEMO_TEXT = DEMO.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def forum_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forum")
    (folder / "gegf-2014.toml").write_text(DEMO_TEXT, encoding="utf-8")
    db = folder / "gegf-2014.db"
    open_forum(folder / "gegf-2014.toml", db=db).store.close()
    return db


def fingerprint(db: Path) -> str:
    """Everything in the tables a failed import or init could have touched."""
    conn = sqlite3.connect(db)
    try:
        digest = hashlib.sha256()
        for table in ("forum", "tracks", "sessions", "participants"):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    finally:
        conn.close()


def assert_done_or_refused(result) -> None:
    assert result.code in (0, 2), result
    if result.code == 2:
        assert result.err.startswith("roundtable: ") and result.err.count("\n") == 1, result
        assert result.err.isprintable() or result.err[:-1].isprintable(), result
        assert "Traceback" not in result.err


# ---- registration lists

plain = st.text(st.characters(categories=("Lu", "Ll", "Nd"), include_characters=" -.'әқ"), min_size=1, max_size=15)
cells = st.one_of(
    plain, plain, plain,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=15),
    st.sampled_from(["", '"', '""', ",", ";", "\t", "\r\n", "KZ", "Kazakhstan", "minister", "government", "f",
                     "=1+2", "@cmd", "-2+3", 'АО "Казахтелеком"', "\x1b[31m", "Narnia", "emperor", " "]),
)
headers = st.lists(st.sampled_from([*COLUMNS, "Name ", "nmae", "orgnisation", "badge", ""]), max_size=7).flatmap(
    lambda columns: st.permutations(["name", *columns])
)
VALID = {
    "country": st.sampled_from(["KZ", "Kazakhstan", "fr", "Russian Federation", ""]),
    "category": st.sampled_from([*CATEGORIES, "Civil Society", ""]),
    "rank": st.sampled_from([*RANKS, "Head of agency", ""]),
    "gender": st.sampled_from(["f", "m", "x", "Female", ""]),
}


def cell_for(column: str):
    return st.one_of(VALID[column], VALID[column], VALID[column], cells) if column in VALID else cells


@st.composite
def registration_lists(draw) -> bytes:
    header = draw(headers)
    rows = [[draw(cell_for(column.strip().lower())) for column in header] + draw(st.lists(cells, max_size=1))
            for _ in range(draw(st.integers(0, 6)))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])), lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:  # a slip: a character dropped or changed somewhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["", '"', ",", "\n", "\x00"])) + text[at + 1:]
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8", "surrogatepass")


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), registration_lists()))
def test_any_registration_list_is_imported_or_refused_on_one_line(cli, forum_db, raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_bytes(raw)
        assert_done_or_refused(cli("check", path))
        before = fingerprint(forum_db)
        result = cli("participants", "import", path, "--db", forum_db)
        event(f"import exit {result.code}")
        assert_done_or_refused(result)
        if result.code == 2:
            assert fingerprint(forum_db) == before


# ---- programmes

values = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.integers(-10**20, 10**20).map(str),
    st.sampled_from(['"4m"', '"99999999999999m"', "2014-10-07", "0001-01-01", "15:00:00", '"[/]"', "[]", "{}",
                     '"T9"', '"plenary"', "true", "nan", "[[[[1]]]]", '"=HYPERLINK(1)"', '""', '"\\u001b[31m"']),
)


@st.composite
def programmes(draw) -> bytes:
    lines = DEMO_TEXT.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        assignments = [i for i, line in enumerate(lines) if " = " in line and not line.lstrip().startswith("#")]
        i = draw(st.sampled_from(assignments))
        key, _ = lines[i].split(" = ", 1)
        action = draw(st.sampled_from(["value", "key", "drop", "cut"]))
        if action == "value":
            lines[i] = f"{key} = {draw(values)}"
        elif action == "key":
            lines[i] = f"{key[:-1] or 'x'}{draw(st.sampled_from(['', 'e', 's', '_']))} = {lines[i].split(' = ', 1)[1]}"
        elif action == "drop":
            lines[i] = ""
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines).encode("utf-8")


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), programmes()))
def test_any_programme_is_loaded_or_refused_on_one_line_leaving_no_database(cli, raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forum.toml"
        path.write_bytes(raw)
        assert_done_or_refused(cli("check", path))
        db = Path(folder) / "forum.db"
        result = cli("init", path, "--db", db)
        event(f"init exit {result.code}")
        assert_done_or_refused(result)
        if result.code == 2:
            assert sorted(p.name for p in Path(folder).iterdir()) == ["forum.toml"]
        else:
            assert db.exists()
