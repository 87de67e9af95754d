"""The chair's remarks in the outcome document (issue 14, item 1): a note re-linked to the chair is
an item "The Chair" of its session's summary, in time order among the speakers, as the session's
attribution rule allows, in every language and format."""

from __future__ import annotations

import datetime as dt
import json

from docx import Document
from roundtable.domain.catalogue import catalogue
from roundtable.outcome.assemble import build_document
from roundtable.outcome.export import export
from roundtable.store import notes, open_store, roster
from roundtable.store import programme as programme_store
from roundtable.store.outcome_reader import read_outcome
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.relink_picker import RelinkPicker

from floor_helpers import SIZE, keys, queue_up
from outcome_helpers import paragraphs, speak
from test_roles_and_notes import note_rows

CODE = "T2-2.2"  # attributed; the programme names its chair "Mr. Asset Turyssov"


def summary_lines(path, code: str) -> list[str]:
    """The non-empty paragraphs of one session's summary in a .docx, after its heading, up to the
    next heading."""
    out, inside = [], False
    for p in Document(str(path)).paragraphs:
        if p.style.name.startswith("Heading"):
            if inside:
                break
            inside = p.text.startswith(f"{code}. ")
        elif inside and p.text.strip():
            out.append(p.text)
    return out


async def test_notes_relinked_to_the_chair_are_the_chairs_remarks_in_word_and_markdown(forum, clock, tmp_path):
    queue_up(forum, CODE, clock, "Bagdat Mussin", "Julia Glidden")
    app = RoundtableApp(forum.store, session_code=CODE, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(30)
        await pilot.press("i", *keys("Digital first"), "enter")
        clock.advance(30)
        await pilot.press(*keys("Thanks the minister"), "enter")  # the chair speaks, the minister has the floor
        await pilot.press(*keys("Calls on Dr. Glidden"), "enter")
        clock.advance(30)
        await pilot.press("escape", "n")
        clock.advance(30)
        await pilot.press("i", *keys("Trust is capital"), "enter")
        await pilot.pause()
        for row in (1, 2):  # the two remarks: s, then the chair in the picker
            await pilot.press("up", "home", *["down"] * row, "s")
            await pilot.pause()
            assert isinstance(app.screen, RelinkPicker)
            await pilot.press("end", "up", "enter")
            await pilot.pause()
            await pilot.press("i")
    with open_store(forum.store.path) as store:
        assert note_rows(store, CODE) == [
            ("Digital first", "Bagdat Mussin", False),
            ("Thanks the minister", None, True),
            ("Calls on Dr. Glidden", None, True),
            ("Trust is capital", "Julia Glidden", False),
        ]
        docx = export(store, tmp_path / "out.docx", "docx", now=clock())
        md = export(store, tmp_path / "out.md", "md", now=clock()).read_text(encoding="utf-8")
        data = json.loads(export(store, tmp_path / "out.json", "json", now=clock()).read_text(encoding="utf-8"))
        ru = export(store, tmp_path / "ru.docx", "docx", lang="ru", now=clock())
        kk = export(store, tmp_path / "kk.md", "md", lang="kk", now=clock()).read_text(encoding="utf-8")

    summary = summary_lines(docx, CODE)
    speakers = [line for line in summary if line.startswith(("H.E.", "Dr.", "The Chair"))]
    assert [s.split(",")[0] for s in speakers] == ["H.E. Mr. Bagdat Mussin", "The Chair", "Dr. Julia Glidden"]
    assert "The Chair, Mr. Asset Turyssov" in summary  # one item for the run of two remarks
    chair = summary.index("The Chair, Mr. Asset Turyssov")
    assert summary[chair + 1: chair + 3] == ["Thanks the minister", "Calls on Dr. Glidden"]
    assert "General observations" not in summary

    section = md[md.index(f"### {CODE}"):]
    section = section[:section.index("\n### ", 1)]
    assert section.count("**The Chair, Mr. Asset Turyssov**") == 1
    order = [section.index(text) for text in
             ("Bagdat Mussin", "Digital first", "The Chair", "Thanks the minister", "Calls on Dr. Glidden",
              "Julia Glidden", "Trust is capital")]
    assert order == sorted(order)

    (item,) = [i for s in data["summaries"] if s["code"] == CODE for i in s["items"] if i["source"] == "chair"]
    assert item["speaker"] == "The Chair, Mr. Asset Turyssov"
    assert [p["text"] for p in item["points"]] == ["Thanks the minister", "Calls on Dr. Glidden"]

    assert "Председатель, г-н Асет Турысов" in paragraphs(ru)
    assert "**Төраға, Әсет Тұрысов мырза**" in kk


def test_the_chair_is_named_only_where_the_session_names_its_speakers(forum):
    """by-country and Chatham House: "The Chair", no name; off the record: nothing at all."""
    store = forum.store
    people = {p.name: p for p in roster.load_participants(store)}
    t0 = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)
    for code in ("T2-2.1", "D2-RT", "D1-HOD", "T2-2.2"):
        session, _ = speak(store, forum.forum.id, code, people["Bagdat Mussin"], 5, note=f"{code} minister's point")
        remark = notes.add_note(store, session.id, f"{code} closing remark", t0 + dt.timedelta(days=5))
        notes.relink(store, remark.id, "chair", None, t0, "to the chair")
        early = notes.add_note(store, session.id, f"{code} opening remark",
                               dt.datetime.combine(session.date, session.start, dt.timezone.utc) - dt.timedelta(hours=12))
        notes.relink(store, early.id, "chair", None, t0, "to the chair")
    record = read_outcome(store)
    expected = {
        "en": {"T2-2.1": "The Chair", "D2-RT": "The Chair", "T2-2.2": "The Chair, Mr. Asset Turyssov"},
        "ru": {"T2-2.1": "Председатель", "D2-RT": "Председатель", "T2-2.2": "Председатель, г-н Асет Турысов"},
        "kk": {"T2-2.1": "Төраға", "D2-RT": "Төраға", "T2-2.2": "Төраға, Әсет Тұрысов мырза"},
    }
    for lang, chairs in expected.items():
        doc = build_document(record, catalogue(lang), t0 + dt.timedelta(days=6))
        summaries = {s.code: s for s in doc.summaries}
        assert "D1-HOD" not in summaries  # off the record
        assert "D1-HOD closing remark" not in json.dumps(doc.to_dict(), ensure_ascii=False)
        for code, chair in chairs.items():
            items = summaries[code].items  # the demo's sample notes are there too
            # the opening remark before every speaker, the closing one after them all
            remarks = [(n, i.speaker, [p.text for p in i.points]) for n, i in enumerate(items) if i.source == "chair"]
            assert remarks == [(0, chair, [f"{code} opening remark"]),
                               (len(items) - 1, chair, [f"{code} closing remark"])]
            assert any(p.text == f"{code} minister's point" for i in items[1:-1] for p in i.points)
    session = programme_store.find_session(store, "D2-RT")
    assert session.chair and session.chair not in [i.speaker for i in summaries["D2-RT"].items]
