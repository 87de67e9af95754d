"""Hostile input: whatever a programme or a registration list holds, parsing ends in a Programme /
Roster or in one clean `InputError` whose message is a single line, never in a crash."""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from roundtable.domain.vocabulary import ATTRIBUTIONS, CATEGORIES, QUEUE_POLICIES, RANKS, SESSION_KINDS
from roundtable.formats.errors import InputError
from roundtable.formats.programme import parse_programme, read_programme
from roundtable.formats.registration_list import parse_roster, read_roster
from roundtable.store import open_store, programme as programme_store, roster as roster_store

from conftest import DEMO

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEMO_TEXT = DEMO.read_text(encoding="utf-8")
DEMO_CSV = (DEMO.parent / "gegf-2014-participants.csv").read_text(encoding="utf-8")

# ---- a small TOML writer (values inline), enough to put any structure in front of the parser


def toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def toml_document(data: dict) -> str:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in data.items())


# Text that TOML can carry (no surrogates): newlines, NUL, controls, right-to-left, combining marks.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(
    texts, st.integers(), st.floats(), st.booleans(), st.dates(), st.times(),
    st.sampled_from(["", " ", "15:00", "4m", "T1", "gegf-2014", "KZ", "minister", "plenary", "2014-10-07"]),
)
KEYS = ["forum", "tracks", "sessions", "participants", "id", "title", "start", "end", "date", "code",
        "kind", "track", "name", "country", "rank", "category", "gender", "speaking_time", "languages",
        "requests_close", "queue_policy", "attribution", "organisers", "objectives", "zzz"]
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS) | texts, inner, max_size=4),
    max_leaves=12,
)


def assert_clean(error: InputError) -> None:
    message = str(error)
    assert message and len(message.splitlines()) == 1 and "\n" not in message and "\r" not in message
    message.encode("utf-8")  # printable on any terminal: no lone surrogates


def parses_or_fails_cleanly(parse, *args):
    try:
        return parse(*args)
    except InputError as error:
        assert_clean(error)
        return None


@FUZZ
@given(st.text())
def test_any_text_as_a_programme(text):
    parses_or_fails_cleanly(parse_programme, text, "p.toml")


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=5))
def test_any_toml_structure_as_a_programme(data):
    parses_or_fails_cleanly(parse_programme, toml_document(data), "p.toml")


@FUZZ
@given(st.sampled_from(["forum", "tracks", "sessions", "participants"]), values)
def test_any_value_in_place_of_a_table(key, value):
    data = {"forum": {"id": "f", "title": "F", "start": dt.date(2014, 10, 6), "end": dt.date(2014, 10, 8)}}
    data[key] = value
    parses_or_fails_cleanly(parse_programme, toml_document(data), "p.toml")


@FUZZ
@given(st.data())
def test_the_demo_programme_with_one_value_replaced(data):
    lines = DEMO_TEXT.splitlines()
    candidates = [i for i, line in enumerate(lines) if " = " in line and not line.lstrip().startswith("#")]
    i = data.draw(st.sampled_from(candidates))
    key = lines[i].split(" = ", 1)[0]
    lines[i] = f"{key} = {toml_value(data.draw(values))}"
    parses_or_fails_cleanly(parse_programme, "\n".join(lines), "p.toml")


@FUZZ
@given(st.data())
def test_the_demo_programme_with_lines_broken(data):
    lines = DEMO_TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = data.draw(st.sampled_from([
            "", lines[i][: len(lines[i]) // 2], lines[i] + data.draw(texts), data.draw(texts),
        ]))
    parses_or_fails_cleanly(parse_programme, "\n".join(lines), "p.toml")


def test_a_value_spanning_lines_gives_a_one_line_message():
    text = DEMO_TEXT.replace('kind = "round-table"', 'kind = """round\ntable\r\n\u2028"""', 1)
    try:
        parse_programme(text, "p.toml")
    except InputError as error:
        assert_clean(error)
        assert "round\\ntable" in str(error)
    else:
        raise AssertionError("an unknown session kind was accepted")


# ---- registration lists

cells = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", '"', '""', ",", ";", "\t", "\x00", "\r\n", "KZ", "Kazakhstan", "minister", "f", "Narnia"]
)


@FUZZ
@given(st.text())
def test_any_text_as_a_roster(text):
    parses_or_fails_cleanly(parse_roster, text, "p.csv")


@FUZZ
@given(
    st.lists(st.sampled_from(["name", "Name ", "country", "rank", "category", "gender", "email", "", "x"]), min_size=1, max_size=6),
    st.lists(st.lists(cells, max_size=7), max_size=5),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_cells_in_a_roster(header, rows, delimiter):
    def line(values):
        return delimiter.join('"' + v.replace('"', '""') + '"' if any(c in v for c in '",;\t\r\n') else v for v in values)

    text = "\n".join([line(header), *map(line, rows)])
    parses_or_fails_cleanly(parse_roster, text, "p.csv")


@FUZZ
@given(st.data())
def test_the_demo_roster_with_bytes_spliced_in(data):
    raw = DEMO_CSV.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    raw = raw[:at] + data.draw(st.binary(max_size=8)) + raw[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.csv"
        path.write_bytes(raw)
        parses_or_fails_cleanly(read_roster, path)


@FUZZ
@given(st.binary(max_size=200), st.sampled_from(["p.toml", "p.csv"]))
def test_any_bytes_as_a_file(raw, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        parses_or_fails_cleanly(read_programme if name.endswith(".toml") else read_roster, path)


def test_a_utf16_roster_is_named_as_such(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("name,country\nAli,KZ\n".encode("utf-16-le"))
    roster = parses_or_fails_cleanly(read_roster, path)
    assert roster is None
    try:
        read_roster(path)
    except InputError as error:
        assert "UTF-16" in str(error) and str(error).startswith(f"{path}: line 1:")


def test_a_control_character_in_a_cell_is_refused_with_its_place(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"name,country\nAli,KZ\nBo\x1b[31mb,KZ\n")
    try:
        read_roster(path)
    except InputError as error:
        assert_clean(error)
        assert str(error) == f"{path}: line 3: name: holds a control character ('\\x1b')"
    else:
        raise AssertionError("an escape sequence was accepted")


# ---- valid programmes round-trip into the store

words = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1, max_size=20)
codes = st.from_regex(r"[A-Z][A-Z0-9.-]{0,6}", fullmatch=True)


@st.composite
def programmes(draw) -> dict:
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 4)))
    track_codes = draw(st.lists(codes, max_size=3, unique=True))
    sessions = []
    for code in draw(st.lists(codes, min_size=1, max_size=5, unique=True)):
        begin = draw(st.times(dt.time(0, 0), dt.time(22, 0))).replace(microsecond=0)
        finish = (dt.datetime.combine(start, begin) + dt.timedelta(minutes=draw(st.integers(1, 60)))).time()
        session = {
            "code": code, "title": draw(words), "kind": draw(st.sampled_from(SESSION_KINDS)),
            "date": start + dt.timedelta(days=draw(st.integers(0, (end - start).days))),
            "start": begin, "end": finish,
            "attribution": draw(st.sampled_from(ATTRIBUTIONS)), "queue_policy": draw(st.sampled_from(QUEUE_POLICIES)),
            "speaking_time": draw(st.integers(1, 3600)), "chair": draw(words),
        }
        if track_codes and draw(st.booleans()):
            session["track"] = draw(st.sampled_from(track_codes))
        sessions.append(session)
    people = [
        {"name": draw(words), "organisation": draw(words), "category": draw(st.sampled_from(CATEGORIES)),
         "rank": draw(st.sampled_from(RANKS))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "forum": {
            "id": draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)),
            "title": draw(words), "start": start, "end": end, "background": draw(words),
            "organisers": draw(st.lists(words, max_size=2)),
            "languages": draw(st.lists(st.sampled_from(["en", "ru", "kk", "ar"]), min_size=1, max_size=3, unique=True)),
        },
        "tracks": [{"code": c, "title": draw(words)} for c in track_codes],
        "sessions": sessions,
        "participants": people,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_valid_programmes_round_trip_into_the_store(data):
    programme = parse_programme(toml_document(data), "p.toml")
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "f.db") as store:
        programme_store.save_programme(store, programme)
        roster_store.import_participants(store, programme.forum.id, programme.participants)
        assert programme_store.load_forum(store) == programme.forum
        assert programme_store.load_tracks(store) == programme.tracks
        assert sorted(programme_store.load_sessions(store), key=lambda s: s.code) == sorted(
            programme.sessions, key=lambda s: s.code
        )
        stored = {p.id: p for p in roster_store.load_participants(store)}
        for person in programme.participants:
            assert stored[person.id].name == person.name
        # Saving the same programme again changes nothing.
        again = programme_store.save_programme(store, programme)
        assert (again.sessions_added, again.sessions_updated, again.tracks_added, again.tracks_updated) == (0, 0, 0, 0)
