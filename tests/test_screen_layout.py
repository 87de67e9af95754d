"""What the screens' pictures (tests/snapshots/) must show, asserted where a test can read it
(issue 23, item 10): at 80 columns the programme's rooms, rules and `● live` mark whole, the
title shortened instead; at 120 titles cut at a word with "…"; the key bar never cuts a key."""

from __future__ import annotations

import pytest

from roundtable.tui.app import RoundtableApp
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.widgets.programme_table import ProgrammeTable

from floor_helpers import queue_up, session_of
from roundtable.store import floor


def cells(table: ProgrammeTable, code_id: str) -> dict[str, str]:
    """A row's cells by column, each cell's lines joined by a space."""
    keys = [key for key, _ in table.shown_layout.widths]
    return {key: " ".join(str(cell).split("\n")) for key, cell in zip(keys, table.get_row(code_id))}


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_programme_keeps_rooms_rules_and_the_live_mark_whole_and_shortens_titles(forum, clock, size):
    queue_up(forum, "D2-RT", clock, "Bagdat Mussin")
    rt = session_of(forum, "D2-RT")
    floor.next_speaker(forum.store, rt.id, clock())
    app = RoundtableApp(forum.store, now=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#table-day-2", ProgrammeTable)
        row = cells(table, rt.id)
        assert row["room"] == "Hall A" and row["rule"] == "Chatham House" and row["live"] == "● live"
        title = row["title"]
        if title != rt.title:
            assert title.endswith("…") and rt.title.startswith(title[:-1]), title
            assert rt.title[len(title) - 1] == " " or rt.title[len(title) - 2] in ":,"  # cut at a word
        widths = dict(table.shown_layout.widths)
        assert sum(widths.values()) + 2 * len(widths) <= size[0]
        if size[0] >= 120:
            assert "kind" in widths and table.shown_layout.lines == 1
        footer = str(app.screen.query_one(Footer).render())
        assert "Par…" not in footer and footer.rstrip().endswith("^p palette")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_participants_forms_choices_open_with_every_choice_in_view(forum, clock, size):
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    app = RoundtableApp(forum.store, now=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"baimenov", "tab", "enter")
        await pilot.pause()
        for field in ("category", "rank", "gender"):
            select = app.screen.query_one(f"#field-{field}", Select)
            select.focus()
            await pilot.press("enter")
            await pilot.pause()
            choices = select.query_one(SelectOverlay)
            region = choices.region
            assert region.height == min(choices.option_count + 2, 12), field  # two lines of border
            assert region.y >= 0 and region.bottom <= size[1], field
            await pilot.press("escape")
            await pilot.pause()
