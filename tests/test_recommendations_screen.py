"""The recommendations screen: numbered by track, `s` cycles status, edit, reorder, merge,
duplicates; `/` finds notes and recommendations and jumps to them."""

from __future__ import annotations

from fake_clock import FakeClock
from rapporteur_helpers import T0
from textual.widgets import OptionList

from roundtable.store import notes, programme, recommendations
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.duplicates import DuplicatesScreen
from roundtable.tui.screens.recommendation_editor import RecommendationEditor
from roundtable.tui.screens.recommendations import RecommendationsScreen
from roundtable.tui.screens.search import SearchScreen
from roundtable.tui.widgets.notes_list import NotesList


def shown(app) -> list[str]:
    listing = app.screen.query_one("#recommendations", OptionList)
    lines = []
    for option in listing.options:
        prompt = option.prompt
        if hasattr(prompt, "columns"):  # a recommendation: number, status, text
            cells = [str(c._cells[0]) for c in prompt.columns]
            lines.append(" ".join(cells[:2]) + " " + cells[2].splitlines()[0])
        else:
            lines.append(str(prompt))
    return lines


def highlighted_id(app) -> str:
    return app.screen.query_one("#recommendations", OptionList).highlighted_option.id


async def test_status_cycles_and_numbers_follow_the_document_rule(demo_forum):
    store = demo_forum.store
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        lines = shown(app)
        assert lines[0] == "Forum  the Forum as a whole" and lines[2].startswith("1. T1")
        assert any(line.startswith("1.1 agreed Member States should invest") for line in lines)
        assert any(line.startswith("— dropped Make a written public answer") for line in lines)
        await pilot.press("down", "down")  # the first proposed one of T1 (1.3); agreed, it takes its place by position: 1.2
        rec_id = highlighted_id(app)
        await pilot.press("s")
        assert recommendations.get_recommendation(store, rec_id).status == "agreed"
        assert any(line.startswith("1.2 agreed Treat government") for line in shown(app))
        await pilot.press("s")
        assert recommendations.get_recommendation(store, rec_id).status == "dropped"
        assert any(line.startswith("— dropped Treat government") for line in shown(app))
        assert highlighted_id(app) == rec_id  # the cursor follows it
        await pilot.press("s")
        assert recommendations.get_recommendation(store, rec_id).status == "proposed"


async def test_edit_addressee_and_reorder(demo_forum):
    store = demo_forum.store
    for text in ("First idea", "Second idea"):
        recommendations.add_recommendation(store, "T3", text, T0)
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        target = next(r.id for r in recommendations.load_recommendations(store) if r.text == "Second idea")
        app.screen.query_one("#recommendations", OptionList).highlighted = [
            o.id for o in app.screen.query_one("#recommendations", OptionList).options
        ].index(target)
        await pilot.press("shift+up")
        assert [r.text for r in recommendations.load_recommendations(store) if r.track_code == "T3"] == [
            "Second idea",
            "First idea",
        ]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationEditor)
        await pilot.press("tab", "c", "i", "v", "right")  # accept the suggestion "Civil society"
        await pilot.press("enter")
        await pilot.pause()
        assert recommendations.get_recommendation(store, target).addressed_to == "Civil society"
        assert "3.1 proposed Second idea" in shown(app)


async def test_merge_with_m_keeps_both_sources(demo_forum):
    store = demo_forum.store
    s1, s2 = programme.find_session(store, "T3-3.1"), programme.find_session(store, "T3-3.2")
    keep = recommendations.recommend_from_session(store, s1.id, "T3", "Fund research labs", T0)
    gone = recommendations.recommend_from_session(store, s2.id, "T3", "Fund labs for research", T0)
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        listing = app.screen.query_one("#recommendations", OptionList)
        listing.highlighted = [o.id for o in listing.options].index(gone.id)
        await pilot.press("m", "up", "m")
        survivor = recommendations.get_recommendation(store, keep.id)
        assert {s.session_id for s in survivor.sources} == {s1.id, s2.id}
        assert gone.id not in [r.id for r in recommendations.load_recommendations(store)]
        assert "2 sources" in str(listing.highlighted_option.prompt.columns[2]._cells[0])


async def test_duplicates_are_listed_across_tracks_and_merged(demo_forum):
    store = demo_forum.store
    a = recommendations.add_recommendation(store, "T1", "Member States should invest in digital skills of civil servants", T0)
    later = T0.replace(hour=12)
    b = recommendations.add_recommendation(store, "T4", "Governments should invest in digital skills for civil servants", later)
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("r", "d")
        await pilot.pause()
        assert isinstance(app.screen, DuplicatesScreen)
        assert len(app.screen.pairs) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert store.query_one("SELECT merged_into FROM recommendations WHERE id = ?", (b.id,))[0] == a.id
        assert not isinstance(app.screen, DuplicatesScreen)  # none left: back on the list


async def test_search_jumps_to_the_note_in_its_session_and_to_a_recommendation(demo_forum):
    store = demo_forum.store
    session = programme.find_session(store, "T4-4.2")
    note = notes.take_note(store, session.id, "Қазақстан өкілі ашық деректер туралы айтты", T0)
    rec = recommendations.add_recommendation(store, "T4", "Рекомендация о открытых данных", T0)
    app = RoundtableApp(store, now=FakeClock(T0, tick=1))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#search-input").insert_text_at_cursor("өкіл")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.code == "T4-4.2"
        notes_list = app.screen.query_one(NotesList)
        assert app.focused is notes_list and notes_list.highlighted_id == note.id
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one("#search-input").insert_text_at_cursor('"рекомендация -')
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        assert highlighted_id(app) == rec.id
