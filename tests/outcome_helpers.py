"""Reading exported files back, and recording what a test needs through the store's own functions."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from docx import Document

from roundtable.domain import clock
from roundtable.domain.models import Participant
from roundtable.store import floor, notes, programme as programme_store, roster


def all_parts_text(path: Path) -> str:
    """Every XML part of a .docx (document, headers, footers, properties...), concatenated."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith((".xml", ".rels"))
        )


def without_list_of_participants(path: Path) -> str:
    """Every XML part of a .docx with Annex I (the list of participants) cut out of the body: the
    one place where a Chatham House speaker may be named, since being listed is not attribution."""
    text = all_parts_text(path)
    start = text.rfind("<w:p>", 0, text.rindex("Annex I. List of participants</w:t>"))
    end = text.rfind("<w:p>", 0, text.rindex("Annex II. List of speakers</w:t>"))
    return text[:start] + text[end:]


def headings(path: Path, level: int = 1) -> list[str]:
    document = Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def speak(store, forum_id: str, code: str, person: Participant, minute: int, seconds: int = 120,
          note: str | None = None, key_point: bool = False):
    """`person` takes the floor in session `code` at start + `minute`, and the rapporteur notes `note`."""
    session = programme_store.find_session(store, code)
    person = roster.add_participant(store, forum_id, person)
    started = clock.at_venue(session.date, session.start) + dt.timedelta(minutes=minute)
    request = floor.record_intervention(store, session, person.id, started, started + dt.timedelta(seconds=seconds))
    if note is not None:
        notes.add_note(store, session.id, note, started + dt.timedelta(seconds=10), intervention_id=request.id,
                       key_point=key_point)
    return session, request
