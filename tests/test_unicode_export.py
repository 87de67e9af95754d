"""Whatever a user types — lone surrogates, NUL, control characters, combining marks, right-to-left
scripts, emoji, very long text — is saved, and every export writes a valid file with every
printable character kept (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from roundtable.domain.floor_outcomes import NotWaiting
from roundtable.domain.models import Participant
from roundtable.domain.name_text import without_invisible
from roundtable.domain.typed_text import storable
from roundtable.outcome.export import export
from roundtable.outcome.sanitize import clean
from roundtable.store import floor, notes, recommendations, roster
from roundtable.store import programme as programme_store

NOW = dt.datetime(2014, 10, 7, 9, 0, tzinfo=dt.timezone.utc)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Every kind of code point, surrogates included, with the awkward ones made likely.
awkward = st.sampled_from(["\x00", "\x07", "\x1b", "\ud800", "\udfff", "\u0301", "\u200f", "\ufeff", "\uffff",
                           "ا", "ש", "қ", "ә", "😀", "\r", "\t", "\n"])
texts = st.lists(st.one_of(st.characters(), awkward), min_size=1, max_size=60).map("".join)


def printable(text: str) -> str:
    """What must survive: the text without what XML forbids (and with lone surrogates replaced the
    way the store replaces them), compared without the line breaks a renderer may turn into runs."""
    stored = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return "".join(clean(stored).split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=texts, rec=texts, name=texts, long=st.booleans())
def test_any_text_exports_to_every_format(demo_forum, tmp_path_factory, note, rec, name, long):
    store = demo_forum.store
    session = programme_store.find_session(store, "T1-1.1")  # attributed: the speaker is named
    if long:
        note = note * (50_000 // len(note) + 1)
    name = name if without_invisible(name).strip() else "x" + name  # a name of invisible characters is none
    # as the session screen adds a name typed in the picker
    person = roster.add_participant(store, demo_forum.forum.id, Participant(name=storable(name)))
    request = floor.request_floor(store, session, person.id, NOW)
    floor.next_speaker(store, session.id, NOW)
    notes.take_note(store, session.id, note, NOW + dt.timedelta(seconds=5))
    recommendations.add_recommendation(store, "T1", rec, NOW, session_id=session.id, status="agreed")
    floor.next_speaker(store, session.id, NOW + dt.timedelta(seconds=30))

    out = tmp_path_factory.mktemp("export")
    written = export(store, out / "o.docx", "docx", "en")
    Document(str(written))  # Word's own reader opens it
    # Every text run of the body, paragraphs and tables alike, read with lxml in one pass
    # (python-docx's per-run XPath made this test ten times slower on the long notes).
    with zipfile.ZipFile(written) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    body = "".join("".join((t.text or "").split()) for t in root.iter(f"{{{W}}}t"))
    # A name loses its invisible and direction-control characters (domain/name_text.py), and only those.
    for typed in (note, rec, without_invisible(name)):
        assert printable(typed) in body
    markdown = export(store, out / "o.md", "md", "en").read_text(encoding="utf-8")
    assert markdown
    json.loads(export(store, out / "o.json", "json", "en").read_text(encoding="utf-8"))
    assert export(store, out / "o.csv", "csv", "en").read_text(encoding="utf-8-sig").count("\n") >= 2
    with pytest.raises(NotWaiting):  # spoken, not waiting: a withdrawal is refused, nothing written
        floor.withdraw(store, request.id, NOW)


def test_a_lone_surrogate_is_replaced_and_a_pair_becomes_its_character():
    assert storable("a\ud800b") == "a\ufffdb"
    assert storable("\ud83d\ude00") == "😀"
    assert storable("Қазақстан") == "Қазақстан"


def test_a_note_with_a_lone_surrogate_is_saved(demo_forum):
    session = programme_store.find_session(demo_forum.store, "T1-1.1")
    note = notes.take_note(demo_forum.store, session.id, "broken \udc80 paste", NOW)
    assert notes.get_note(demo_forum.store, note.id).text == "broken \ufffd paste"
