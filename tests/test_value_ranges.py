"""Durations and dates have sane ranges, checked where they are typed (`check`, `init`) and where
they arrive from another laptop (`merge`), so nothing overflows later in the forecast or the timer."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.domain.durations import MAX_SECONDS, parse_duration
from roundtable.domain.models import SpeakerRequest
from roundtable.store.row_validation import validate_row

from conftest import DEMO

TEXT = DEMO.read_text(encoding="utf-8")


def programme(tmp_path, old: str, new: str):
    assert old in TEXT
    path = tmp_path / "forum.toml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('speaking_time = "7m"', 'speaking_time = "99999999999999m"', "line 81: sessions[3].speaking_time"),
        ('speaking_time = "7m"', 'speaking_time = "9999999999999999999999999999999h"', "line 81: sessions[3].speaking_time"),
        ('speaking_time = "7m"', "speaking_time = 86401", "line 81: sessions[3].speaking_time"),
        ('speaking_time = "7m"', "speaking_time = 99999999999999999999999", "line 81: sessions[3].speaking_time"),
        ('speaking_time = "7m"', 'speaking_time = "25h"', "line 81: sessions[3].speaking_time"),
        ("start = 2014-10-06", "start = 0214-10-06", "line 9: forum.start"),
        ("end = 2014-10-08", "end = 9014-10-08", "line 10: forum.end"),
        ("end = 2014-10-08", "end = 2041-10-08", "line 4: forum: 2014-10-06 to 2041-10-08 is longer than 62 days"),
    ],
)
def test_check_and_init_refuse_values_out_of_range(cli, tmp_path, old, new, where):
    path = programme(tmp_path, old, new)
    # The line named is the line of the value changed (the table's header for the forum as a whole).
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("[forum]" if "longer than 62 days" in where else new)].count("\n") + 1
    where = f"line {line}:" + where.split(":", 1)[1]
    db = tmp_path / "forum.db"
    for args in (("check", path), ("init", path, "--db", db)):
        result = cli(*args)
        assert result.code == 2, result
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
        assert f"forum.toml: {where}" in result.err
        assert len(result.err) < 300
    assert not db.exists()


def test_a_day_long_limit_and_a_two_month_forum_are_still_accepted(cli, tmp_path):
    path = programme(tmp_path, 'speaking_time = "7m"', 'speaking_time = "24h"')
    assert cli("check", path).code == 0
    assert parse_duration("1h") == 3600 and parse_duration(str(MAX_SECONDS)) == MAX_SECONDS


def test_a_request_with_an_endless_limit_cannot_be_stored_or_merged():
    stamp = "2014-10-07T09:00:00+00:00"
    row = {"id": "r", "session_id": "s", "participant_id": "p", "requested_at": stamp, "updated_at": stamp,
           "limit_seconds": 10**15}
    assert [p.field for p in validate_row("requests", row)] == ["limit_seconds"]
    far = dict(row, limit_seconds=180, started_at="9999-12-31T23:59:59+00:00")
    assert [p.field for p in validate_row("requests", far)] == ["started_at"]
    with pytest.raises(ValueError):
        SpeakerRequest(id="r", session_id="s", participant_id="p", requested_at=dt.datetime(2014, 10, 7),
                       limit_seconds=10**15)
