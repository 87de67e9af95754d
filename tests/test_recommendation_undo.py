"""Editing recommendations (issue 14, item 6): several lines of text in the editor, saved with
ctrl+s; merges, statuses, edits and moves undone with ctrl+z on the board and redone with ctrl+y;
the texts a recommendation absorbed shown under it."""

from __future__ import annotations

from textual.widgets import OptionList, TextArea

from roundtable.outcome.export import export
from roundtable.store import open_store, programme, recommendations
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.duplicates import DuplicatesScreen
from roundtable.tui.screens.recommendation_editor import RecommendationEditor

from floor_helpers import keys, notices
from fake_clock import FakeClock
from rapporteur_helpers import T0
from test_recommendations_screen import shown

SIZE = (140, 50)


def highlight(app, rec_id: str) -> None:
    listing = app.screen.query_one("#recommendations", OptionList)
    listing.highlighted = [o.id for o in listing.options].index(rec_id)


def prompt_text(app, rec_id: str) -> str:
    listing = app.screen.query_one("#recommendations", OptionList)
    option = listing.get_option(rec_id)
    return str(option.prompt.columns[2]._cells[0])


def row(store_path, rec_id: str) -> dict:
    with open_store(store_path) as store:
        return dict(store.query_one("SELECT * FROM recommendations WHERE id = ?", (rec_id,)))


def sources(store_path, rec_id: str) -> int:
    with open_store(store_path) as store:
        return store.query_one("SELECT count(*) AS n FROM recommendation_sources WHERE recommendation_id = ?",
                               (rec_id,))["n"]


async def test_the_editor_takes_several_lines_and_ctrl_s_saves_and_ctrl_z_undoes(demo_forum):
    store = demo_forum.store
    rec = recommendations.add_recommendation(store, "T3", "Fund research labs", T0, addressed_to="UN DESA")
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        highlight(app, rec.id)
        number = app.screen.numbers[rec.id]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationEditor)
        assert isinstance(app.focused, TextArea)
        await pilot.press("enter", *keys("(a) in every region;"), "enter", *keys("(b) with open data."))
        assert isinstance(app.screen, RecommendationEditor)  # enter made new lines, it did not save
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecommendationEditor)
        assert row(store.path, rec.id)["text"] == "Fund research labs\n(a) in every region;\n(b) with open data."
        assert row(store.path, rec.id)["addressed_to"] == "UN DESA"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row(store.path, rec.id)["text"] == "Fund research labs"
        assert f"Undone: edited {number}." in notices(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert row(store.path, rec.id)["text"].endswith("(b) with open data.")
        assert f"Redone: edited {number}." in notices(app)
        await pilot.press("e")  # escape leaves it as it is
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert row(store.path, rec.id)["text"].endswith("(b) with open data.")


async def test_a_merge_is_undone_and_redone_and_the_absorbed_text_shows_under_the_one_kept(demo_forum, tmp_path):
    store = demo_forum.store
    s1, s2 = programme.find_session(store, "T3-3.1"), programme.find_session(store, "T3-3.2")
    keep = recommendations.recommend_from_session(store, s1.id, "T3", "Fund research labs", T0)
    gone = recommendations.recommend_from_session(store, s2.id, "T3", "Fund labs for research", T0)
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        numbers = dict(app.screen.numbers)
        highlight(app, gone.id)
        await pilot.press("m", "up", "m")
        await pilot.pause()
        assert row(store.path, gone.id)["merged_into"] == keep.id and sources(store.path, keep.id) == 2
        assert "absorbed: Fund labs for research" in prompt_text(app, keep.id)
        assert not any("Fund labs for research" in line for line in shown(app))  # not a recommendation of its own
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert f"Undone: merged {numbers[gone.id]} into {numbers[keep.id]}." in notices(app)
        assert row(store.path, gone.id)["merged_into"] is None and sources(store.path, keep.id) == 1
        assert "absorbed" not in prompt_text(app, keep.id)
        assert f"{numbers[gone.id]} proposed Fund labs for research" in shown(app)
        md = export(store, tmp_path / "undone.md", "md", now=T0).read_text(encoding="utf-8")
        assert f"**{numbers[gone.id]}** Fund labs for research" in md
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert f"Redone: merged {numbers[gone.id]} into {numbers[keep.id]}." in notices(app)
        assert row(store.path, gone.id)["merged_into"] == keep.id and sources(store.path, keep.id) == 2
        md = export(store, tmp_path / "redone.md", "md", now=T0).read_text(encoding="utf-8")
        recs = md[md.index("## Recommendations"):md.index("## Participation statistics")]
        assert "Fund labs for research" not in recs and "Fund research labs" in recs


async def test_status_moves_and_the_duplicates_merge_are_undone_in_turn(demo_forum):
    store = demo_forum.store
    a = recommendations.add_recommendation(store, "T1", "Member States should invest in digital skills of civil servants", T0)
    b = recommendations.add_recommendation(store, "T4", "Governments should invest in digital skills for civil servants",
                                           T0.replace(hour=12))
    c = recommendations.add_recommendation(store, "T4", "Open the data", T0.replace(hour=13))
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        numbers = dict(app.screen.numbers)
        highlight(app, c.id)
        await pilot.press("shift+up")  # above b
        await pilot.pause()
        moved = app.screen.numbers[c.id]
        await pilot.press("s")  # then agreed
        await pilot.pause()
        assert row(store.path, c.id)["status"] == "agreed"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DuplicatesScreen)
        assert len(app.screen.pairs) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DuplicatesScreen)  # none left: back on the board
        assert row(store.path, b.id)["merged_into"] == a.id
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row(store.path, b.id)["merged_into"] is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row(store.path, c.id)["status"] == "proposed"
        assert notices(app)[-1] == f"Undone: marked {moved} agreed."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert row(store.path, c.id)["position"] > row(store.path, b.id)["position"]  # back below b
        assert notices(app)[-1] == f"Undone: moved {numbers[c.id]} up."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notices(app)[-1] == "Nothing to undo on the board."


async def test_an_undo_refuses_to_overwrite_what_another_laptop_changed(demo_forum):
    store = demo_forum.store
    rec = recommendations.add_recommendation(store, "T2", "Fund research labs", T0)
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        highlight(app, rec.id)
        await pilot.press("s")
        with open_store(store.path) as other, other.transaction() as conn:  # as a merge would write it
            conn.execute("UPDATE recommendations SET text = 'Fund research labs now' WHERE id = ?", (rec.id,))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notices(app)[-1].startswith("Cannot undo \u201cmarked")
        assert row(store.path, rec.id)["status"] == "agreed"
