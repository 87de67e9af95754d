"""Recommendations for the forum as a whole (issue 14, item 5): a plenary has no track, a one-day
online forum has no tracks at all; their recommendations come first, numbered 1, 2, 3."""

from __future__ import annotations

import datetime as dt

from docx import Document
from textual.widgets import OptionList

from roundtable.domain.models import Recommendation
from roundtable.domain.numbering import FORUM, number_recommendations, numbers_by_id
from roundtable.outcome.export import export
from roundtable.store import open_store, recommendations
from roundtable.store.merge import merge_database
from roundtable.store.row_validation import validate_row
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.recommendations import RecommendationsScreen
from roundtable.tui.screens.track_picker import TrackPicker
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.workspace import open_forum

from fake_clock import FakeClock
from floor_helpers import SIZE, keys, notices
from outcome_helpers import headings
from test_recommendations_screen import shown

ONLINE = """
[forum]
id = "online-2026"
title = "Digital public services: an online conference"
languages = ["en", "ru", "kk"]
start = 2026-11-23
end = 2026-11-23
timezone = "Asia/Almaty"

[[sessions]]
code = "OPEN"
title = "Opening"
kind = "plenary"
date = 2026-11-23
start = 09:00:00
end = 10:00:00
chair = "Ms. Dana Abenova"

[[sessions]]
code = "P1"
title = "Services people trust"
kind = "panel"
date = 2026-11-23
start = 10:00:00
end = 11:30:00
"""

T0 = dt.datetime(2026, 11, 23, 4, 0, tzinfo=dt.timezone.utc)


def online_forum(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "online-2026.toml").write_text(ONLINE, encoding="utf-8")
    return open_forum(folder / "online-2026.toml")


def rec(id: str, track: str, status: str = "proposed", position: float = 0) -> Recommendation:
    return Recommendation(id=id, track_code=track, text=id, status=status, position=position,
                          created_at=T0, updated_at=T0)


def test_the_forums_recommendations_come_first_numbered_without_a_track():
    groups = number_recommendations(["T1", "T2"], [rec("t", "T2"), rec("b", FORUM, position=2),
                                                   rec("a", FORUM, "agreed", 5), rec("x", FORUM, "dropped")])
    assert [(g.track_code, g.track_number, g.forum_wide) for g in groups] == [
        ("", 0, True), ("T1", 1, False), ("T2", 2, False)]
    assert [(i.number, i.recommendation.id) for i in groups[0].items] == [("1", "a"), ("2", "b"), (None, "x")]
    assert numbers_by_id(groups) == {"a": "1", "b": "2", "t": "2.1"}
    assert number_recommendations([], [], include_empty=False) == []


async def test_a_forum_without_tracks_files_and_exports_numbered_recommendations(tmp_path, cli):
    opened = online_forum(tmp_path)
    clock = FakeClock(T0)
    app = RoundtableApp(opened.store, session_code="P1", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *keys("Publish service standards"), "ctrl+r")
        await pilot.pause()
        assert isinstance(app.focused, NoteLine) and app.focused.value == ""  # no track to ask about
        assert "Recommendation saved for the Forum as a whole (r: recommendations)." in notices(app)
        clock.advance(60)
        await pilot.press(*keys("Measure trust every year"), "ctrl+r")
        await pilot.pause()
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        lines = shown(app)
        assert lines[0] == "Forum  the Forum as a whole"
        assert lines[1:] == ["1 proposed Publish service standards", "2 proposed Measure trust every year"]
        await pilot.press("s")  # the first one agreed
        await pilot.pause()
    path = opened.store.path
    with open_store(path) as store:
        rows = store.query("SELECT track_code, text, status FROM recommendations ORDER BY position")
        assert [tuple(r) for r in rows] == [("", "Publish service standards", "agreed"),
                                            ("", "Measure trust every year", "proposed")]
        docx = export(store, tmp_path / "out.docx", "docx", now=clock())
        md = export(store, tmp_path / "out.md", "md", now=clock()).read_text(encoding="utf-8")
        ru = export(store, tmp_path / "ru.md", "md", lang="ru", now=clock()).read_text(encoding="utf-8")

    assert "Recommendations" in headings(docx) and "Recommendations by track" not in headings(docx)
    assert not any(h.startswith(("Track", "The Forum")) for h in headings(docx, 2))
    body = [p.text for p in Document(str(docx)).paragraphs]
    section = body[body.index("Recommendations"):]
    assert "1\tPublish service standards" in section and "2\tMeasure trust every year" in section
    assert section.index("1\tPublish service standards") < section.index("2\tMeasure trust every year")

    part = md[md.index("## Recommendations\n"):md.index("## Participation statistics")]
    assert "###" not in part
    assert part.index("**1** Publish service standards") < part.index("**2** Measure trust every year")
    assert "## Рекомендации\n" in ru and "по направлениям" not in ru

    refused = cli("export", "--db", path, "--out", tmp_path / "final.md", "--final")
    assert refused.code == 2
    assert "1 recommendation is still proposed (the Forum as a whole)" in refused.err
    done = cli("export", "--db", path, "--out", tmp_path / "final.md", "--final", "--drop-proposed")
    assert done.code == 0, done.err
    final = (tmp_path / "final.md").read_text(encoding="utf-8")
    final = final[final.index("## Recommendations\n"):final.index("## Participation statistics")]
    assert "**1** Publish service standards" in final and "Measure trust" not in final


async def test_a_plenary_files_for_the_forum_first_and_the_document_lists_it_before_the_tracks(demo_forum, tmp_path):
    store = demo_forum.store
    clock = FakeClock(T0)
    app = RoundtableApp(store, session_code="D2-PLEN", now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", *keys("Share what works across borders"), "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, TrackPicker)
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt).strip() == "the Forum as a whole"
        await pilot.press("enter")
        await pilot.pause()
        assert "Recommendation saved for the Forum as a whole (r: recommendations)." in notices(app)
        await pilot.press("escape", "r")
        await pilot.pause()
        lines = shown(app)
        assert lines[:2] == ["Forum  the Forum as a whole", "1 proposed Share what works across borders"]
        assert lines[2].startswith("1. T1")
        row = store.query_one("SELECT * FROM recommendations WHERE text = 'Share what works across borders'")
        assert row["track_code"] == "" and not validate_row("recommendations", dict(row))
        md = export(store, tmp_path / "out.md", "md", now=clock()).read_text(encoding="utf-8")
    part = md[md.index("## Recommendations by track"):]
    assert part.index("### The Forum as a whole") < part.index("**1** Share what works") < part.index("### Track 1.")


def test_a_forum_wide_recommendation_travels_in_a_merge(tmp_path):
    here = online_forum(tmp_path).store
    there_path = tmp_path / "laptop.db"
    there = open_forum(tmp_path / "sessions" / "online-2026.toml", db=there_path).store
    recommendations.add_recommendation(there, FORUM, "Open the data behind every service", T0)
    there.close()
    merge_database(here, there_path)
    assert [tuple(r) for r in here.query("SELECT track_code, text FROM recommendations")] == [
        ("", "Open the data behind every service")]
    here.close()
