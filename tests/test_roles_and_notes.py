"""Roles (issue 14): a rapporteur's terminal takes notes and cannot move the floor, a moderator's has
no note line; notes re-linked to another speaker, the chair or the session, and filed under the
previous speaker from the note line; the document follows."""

from __future__ import annotations

from roundtable.outcome.export import export
from roundtable.store import open_store
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.leave_dialog import LeaveDialog
from roundtable.tui.screens.programme import ProgrammeScreen
from roundtable.tui.screens.relink_picker import RelinkPicker
from roundtable.tui.widgets.footer import keys_shown
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.tui.widgets.notes_list import NotesList

from floor_helpers import SIZE, keys, notices, queue_up, state_of
from waiting import until

CODE = "T2-2.2"


def shown_keys(app) -> list[str]:
    return [description for _key, description, _enabled in keys_shown(app.screen)[0]]


def note_rows(store, code: str) -> list[tuple[str, str | None, bool]]:
    """(text, speaker name or None, by the chair) of the session's live notes."""
    return [
        (r["text"], r["name"], bool(r["by_chair"]))
        for r in store.query(
            "SELECT n.text, p.name, n.by_chair FROM notes n JOIN sessions s ON s.id = n.session_id"
            " LEFT JOIN requests r ON r.id = n.intervention_id LEFT JOIN participants p ON p.id = r.participant_id"
            " WHERE s.code = ? AND n.deleted_at IS NULL ORDER BY n.created_at, n.rowid", (code,))
    ]


async def test_a_rapporteurs_n_does_not_move_the_floor(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="rapporteur")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, NoteLine)  # the note line keeps the focus
        assert "rapporteur" in app.screen.sub_title
        assert "Next" not in shown_keys(app) and "Move up" not in shown_keys(app)
        assert "As recommendation" in shown_keys(app)
        await pilot.press("escape", "n", "x", "c", "t")  # off the note line, floor keys
        await pilot.pause()
        state = state_of(forum, CODE, clock)
        assert state.current is None and len(state.queue) == 2 and not state.list_closed
        assert "This terminal is the rapporteur's: it writes notes and recommendations." in notices(app)


async def test_a_moderator_has_no_note_line_and_a_rapporteur_leaves_without_a_question(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="moderator")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.query(NoteLine) and not app.screen.query(NotesList)
        assert "Note" not in shown_keys(app) and "Next" in shown_keys(app)
        await pilot.press("i")  # nothing to type in
        assert not app.screen.query(NoteLine)
    app = RoundtableApp(open_store(forum.store.path), session_code=CODE, now=clock, role="rapporteur")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "escape")  # note line -> notes list -> out, nothing asked
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert state_of(forum, CODE, clock).current is not None  # the floor goes on


async def test_a_rapporteurs_ctrl_z_undoes_their_own_notes_only(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    other = open_store(forum.store.path)
    moderator = RoundtableApp(forum.store, session_code=CODE, now=clock, role="moderator")
    rapporteur = RoundtableApp(other, session_code=CODE, now=clock, role="rapporteur")
    async with moderator.run_test(size=SIZE) as mod, rapporteur.run_test(size=SIZE) as rap:
        await mod.press("n")
        await mod.pause()
        await rap.press(*keys("Digital first"), "enter")
        await rap.pause()
        await rap.press("up")  # to the notes list
        await rap.press("end", "d")  # delete the note just taken
        await rap.pause()
        await mod.press("n")  # the moderator moves on meanwhile
        await mod.pause()
        await rap.press("ctrl+z")
        await rap.pause()
        assert "Undone: deleted the note \u201cDigital first\u201d." in notices(rapporteur)
        state = state_of(forum, CODE, clock)
        assert state.current.participant.name == "Julia Glidden"  # the moderator's n stands
        with open_store(forum.store.path) as store:
            assert note_rows(store, CODE)[-1] == ("Digital first", "Bagdat Mussin", False)


async def test_drafts_are_kept_per_terminal(forum, clock):
    other = open_store(forum.store.path)
    chair = RoundtableApp(forum.store, session_code=CODE, now=clock, role="chair")
    rapporteur = RoundtableApp(other, session_code=CODE, now=clock, role="rapporteur")
    async with chair.run_test(size=SIZE) as one, rapporteur.run_test(size=SIZE) as two:
        await one.press("i")
        await until(lambda: isinstance(chair.focused, NoteLine), "the chair's note line focused", pilot=one)
        await one.press(*keys("the chair's half note"), "escape")
        await two.press(*keys("the rapporteur's"), "escape")
        await one.pause()
        await two.pause()
    with open_store(forum.store.path) as store:
        texts = sorted(r["text"] for r in store.query("SELECT text FROM drafts"))
    assert texts == ["the chair's half note", "the rapporteur's"]


async def test_a_note_is_filed_under_the_previous_speaker_and_relinked_and_the_outcome_follows(forum, clock, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden", "Hannes Astok")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(60)
        await pilot.press("n")
        clock.advance(10)
        # One speaker behind: "<" files it under the minister, who spoke before Glidden.
        await pilot.press("i", *keys("< Uzbekistan: 300 services online"), "enter")
        await pilot.press(*keys("Open data portals"), "ctrl+b")  # ctrl+b does the same
        await pilot.press(*keys("Trust is capital"), "enter")  # Glidden's
        await pilot.pause()
        with open_store(forum.store.path) as store:
            assert note_rows(store, CODE) == [
                ("Uzbekistan: 300 services online", "Bagdat Mussin", False),
                ("Open data portals", "Bagdat Mussin", False),
                ("Trust is capital", "Julia Glidden", False),
            ]
        # The last note was the chair's remark, in fact: s re-links it.
        await pilot.press("up", "end", "s")
        await pilot.pause()
        assert isinstance(app.screen, RelinkPicker)
        labels = [t.label for t in app.screen.targets]
        assert labels[0].startswith("Dr. Julia Glidden") and labels[1].startswith("H.E. Mr. Bagdat Mussin")
        assert labels[-2:] == ["the Chair (Mr. Asset Turyssov)", "the session itself (no speaker)"]
        await pilot.press("end", "up", "enter")  # the chair
        await pilot.pause()
        with open_store(forum.store.path) as store:
            assert note_rows(store, CODE)[-1] == ("Trust is capital", None, True)
        # And the second note was Glidden's after all.
        await pilot.press("home", "down", "s")
        await pilot.pause()
        await pilot.press("home", "enter")  # the most recent speaker: Glidden
        await pilot.pause()
        with open_store(forum.store.path) as store:
            assert note_rows(store, CODE)[1] == ("Open data portals", "Julia Glidden", False)
        await pilot.press("u")  # the notes list's undo: the re-link
        await pilot.pause()
        with open_store(forum.store.path) as store:
            assert note_rows(store, CODE)[1] == ("Open data portals", "Bagdat Mussin", False)
        await pilot.press("u", "u")  # and the chair's too... and nothing more of the notes
        await pilot.pause()
    with open_store(forum.store.path) as store:
        md = export(store, tmp_path / "out.md", "md", now=clock()).read_text()
        word = export(store, tmp_path / "out.docx", "docx", now=clock())
    section = md[md.index("### T2-2.2"):]
    mussin, glidden = section.index("Bagdat Mussin"), section.index("Julia Glidden")
    assert mussin < section.index("Uzbekistan: 300 services online") < glidden
    assert mussin < section.index("Open data portals") < glidden
    # The Word file says the same: each note under the speaker it is linked to now.
    from docx import Document

    paragraphs = Document(str(word)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2" and p.text.startswith("T2-2.2."))
    end = next(i for i, p in enumerate(paragraphs) if i > start and p.style.name.startswith("Heading"))
    body = [p.text for p in paragraphs[start:end]]
    at = {text: i for i, text in enumerate(body)}
    minister = next(i for i, text in enumerate(body) if "Bagdat Mussin" in text)
    glidden_line = next(i for i, text in enumerate(body) if "Julia Glidden" in text)
    assert minister < at["Uzbekistan: 300 services online"] < glidden_line
    assert minister < at["Open data portals"] < glidden_line


async def test_the_palette_switches_the_role_unless_a_venue_key_set_it(forum, clock):
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="moderator")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Switch to rapporteur (notes)" in titles
        app.switch_role("rapporteur")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query(NoteLine) and "rapporteur" in app.screen.sub_title
    locked = RoundtableApp(open_store(forum.store.path), session_code=CODE, now=clock, role="rapporteur",
                           role_locked=True)
    async with locked.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not [c for c in locked.get_system_commands(locked.screen) if c.title.startswith("Switch to")]
        locked.switch_role("chair")
        assert locked.role == "rapporteur"


async def test_quitting_a_rapporteurs_terminal_asks_nothing(forum, clock):
    queue_up(forum, CODE, clock, "Bagdat Mussin")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock, role="rapporteur")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, LeaveDialog)
    assert app.return_code == 0
