"""Bad programme files: exit code 2, one line naming file, line and field, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DEMO

GOOD = DEMO.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "forum.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            count += 1
            if count == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def _assert_refused(result, tmp_path: Path, *fragments: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert not list(tmp_path.glob("*.db")), "a refused programme must not create a database"


def test_toml_syntax_error_names_the_line(cli, tmp_path):
    text = GOOD.replace('code = "D2-RT"', 'code = "D2-RT', 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    line = _line_of(text, 'code = "D2-RT')
    _assert_refused(result, tmp_path, str(path), f"line {line}", "TOML syntax error")


def test_unknown_key_is_named_with_its_line(cli, tmp_path):
    text = GOOD.replace('room = { en = "Hall A"', 'rooom = { en = "Hall A"', 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    _assert_refused(result, tmp_path, f"line {_line_of(text, 'rooom')}", "sessions[6].rooom", "unknown key")


def test_missing_required_key(cli, tmp_path):
    text = GOOD.replace('kind = "showcase"\n', "", 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    _assert_refused(result, tmp_path, "sessions[1].kind", "required key is missing")


def test_session_outside_the_forum_dates(cli, tmp_path):
    text = GOOD.replace("date = 2014-10-06", "date = 2014-10-12", 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    _assert_refused(
        result, tmp_path, f"line {_line_of(text, '2014-10-12')}", "sessions[1].date", "outside the forum's dates"
    )


def test_end_before_start(cli, tmp_path):
    text = GOOD.replace("start = 10:00:00\nend = 13:00:00", "start = 10:00:00\nend = 09:00:00", 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    _assert_refused(result, tmp_path, "sessions[1]", "end 09:00 is not after start 10:00")


def test_forum_end_before_start(cli, tmp_path):
    text = GOOD.replace("end = 2014-10-08", "end = 2014-10-01", 1)
    result = cli("init", _write(tmp_path, text))
    _assert_refused(result, tmp_path, "forum", "is before start")


def test_unknown_track_code(cli, tmp_path):
    text = GOOD.replace('track = "T3"', 'track = "T9"', 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    _assert_refused(result, tmp_path, f"line {_line_of(text, 'T9')}", 'unknown track code "T9"', "T1, T2, T3, T4")


def test_duplicate_session_code(cli, tmp_path):
    text = GOOD.replace('code = "T2-2.2"', 'code = "T2-2.1"', 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    line = _line_of(text, 'code = "T2-2.1"', 2)
    _assert_refused(result, tmp_path, f"line {line}", 'duplicate session code "T2-2.1"')


@pytest.mark.parametrize("duration", ["4 minutes", "0s", "-3m", "m"])
def test_bad_duration(cli, tmp_path, duration):
    text = GOOD.replace('speaking_time = "4m"', f'speaking_time = "{duration}"', 1)
    path = _write(tmp_path, text)
    result = cli("init", path)
    _assert_refused(result, tmp_path, f"line {_line_of(text, duration)}", "speaking_time", duration)


def test_bad_vocabulary_value(cli, tmp_path):
    text = GOOD.replace('queue_policy = "protocol"', 'queue_policy = "loudest"', 1)
    result = cli("init", _write(tmp_path, text))
    _assert_refused(result, tmp_path, "queue_policy", '"loudest" is not one of', "'fifo'")


def test_empty_programme(cli, tmp_path):
    result = cli("init", _write(tmp_path, "  \n"))
    _assert_refused(result, tmp_path, "the file is empty")


def test_programme_that_does_not_exist(cli, tmp_path):
    result = cli("init", tmp_path / "nowhere.toml")
    _assert_refused(result, tmp_path, "nowhere.toml", "no such file")


def test_check_validates_without_writing(cli, tmp_path):
    path = _write(tmp_path, GOOD)
    result = cli("check", path)
    assert result.code == 0, result
    assert re.search(r"OK, forum gegf-2014: 4 tracks, 15 sessions", result.out)
    assert not list(tmp_path.glob("*.db"))


def test_check_reports_the_same_errors(cli, tmp_path):
    text = GOOD.replace('track = "T3"', 'track = "T9"', 1)
    result = cli("check", _write(tmp_path, text))
    _assert_refused(result, tmp_path, 'unknown track code "T9"')


def test_unknown_country_in_programme(cli, tmp_path):
    text = GOOD.replace('country = "EG"', 'country = "Atlantis"', 1)
    result = cli("init", _write(tmp_path, text))
    _assert_refused(result, tmp_path, "participants[3].country", '"Atlantis" is not a country')


def test_a_point_of_order_has_its_own_limit_per_forum_and_session(tmp_path):
    """Issue 24 item 3: `point_of_order_time` in [forum] (default 1 minute) and per session."""
    from roundtable.formats.programme import parse_programme

    default = parse_programme(GOOD)
    assert {s.point_of_order_time for s in default.sessions} == {60} and default.forum.point_of_order_time == 60
    text = GOOD.replace('languages = ["en", "ru", "kk"]', 'languages = ["en", "ru", "kk"]\npoint_of_order_time = "2m"', 1)
    text = text.replace('speaking_time = "4m"', 'speaking_time = "4m"\npoint_of_order_time = "45s"', 1)
    programme = parse_programme(text)
    times = {s.code: s.point_of_order_time for s in programme.sessions}
    own = next(s.code for s in programme.sessions if s.speaking_time == 240)
    assert times.pop(own) == 45 and set(times.values()) == {120}


@pytest.mark.parametrize("duration", ["a minute", "0s", "25h"])
def test_bad_point_of_order_time(cli, tmp_path, duration):
    text = GOOD.replace('speaking_time = "4m"', f'speaking_time = "4m"\npoint_of_order_time = "{duration}"', 1)
    result = cli("init", _write(tmp_path, text))
    _assert_refused(result, tmp_path, f"line {_line_of(text, duration)}", "point_of_order_time", duration)
