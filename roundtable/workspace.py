"""Finding and opening a forum: programme `.toml` or database `.db`, and the demo forum.

The CLI and the TUI both open forums through here, so they behave the same.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roundtable.formats.errors import InputError
from roundtable.store import DatabaseError, Store, open_store
from roundtable.store.connection import write_refusal
from roundtable.store.opening import open_read_only

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from roundtable.domain.models import Forum
    from roundtable.store.programme import ProgrammeChanges

# Programmes, samples and the domain models are imported where they are used: `roundtable export`
# opens a database and never reads a programme, and every import is start-up time of the CLI.

DEMO_FORUM = "gegf-2014"
# The demo's programme, recorded sample and registration list. Their one source is the checkout's
# sessions/; a built package carries a copy as roundtable/demo/ (setup.py).
DEMO_FILES = (f"{DEMO_FORUM}.toml", f"{DEMO_FORUM}.sample.toml", f"{DEMO_FORUM}-participants.csv")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def shipped_demo() -> Traversable:
    """The demo as this roundtable carries it: inside the installed package, or, run from a
    checkout (an editable install), that checkout's sessions/."""
    from importlib.resources import files

    packaged = files("roundtable").joinpath("demo")
    if packaged.joinpath(DEMO_FILES[0]).is_file():
        return packaged
    return PROJECT_ROOT / "sessions"


def user_sessions() -> Path:
    """Where the demo forum lives when roundtable is not run from a checkout: sessions/ in the
    user's data folder (platformdirs: ~/.local/share/roundtable on Linux, honouring XDG_DATA_HOME)."""
    from platformdirs import user_data_path

    return user_data_path("roundtable", appauthor=False) / "sessions"


def demo_programme(copied: Callable[[Path], None] | None = None) -> Path:
    """The demo programme to open: ./sessions/gegf-2014.toml when the current folder holds one (a
    checkout), else the copy in the user's data folder, made from the shipped demo the first time
    (then `copied(folder)` is called, so the command can say where it went). Files already there
    are never overwritten: the user's forum database and any edit of theirs stay as they are.

    Raises InputError when the data folder cannot be written.
    """
    local = Path.cwd() / "sessions" / DEMO_FILES[0]
    if local.exists():
        return local
    folder = user_sessions()
    missing = [name for name in DEMO_FILES if not (folder / name).exists()]
    if missing:
        source = shipped_demo()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in missing:
                part = folder / f".{name}.part"  # a copy cut short is never taken for the demo
                part.write_bytes(source.joinpath(name).read_bytes())
                part.replace(folder / name)
        except OSError as error:
            raise InputError(folder, f"cannot copy the demo forum there ({error.strerror or error})") from None
        if copied is not None:
            copied(folder)
    return folder / DEMO_FILES[0]


def exports_dir(store: Store) -> Path:
    """`exports/` beside the `sessions/` folder that holds the database."""
    base = store.path.resolve().parent
    root = base.parent if base.name == "sessions" else base
    return root / "exports"


def export_path(store: Store, forum_id: str, fmt: str = "docx") -> Path:
    """Where an export goes unless told otherwise: `exports/<forum.id>-outcome.<fmt>`."""
    return exports_dir(store) / f"{forum_id}-outcome.{fmt}"


@dataclass
class OpenedForum:
    store: Store
    forum: Forum
    changes: ProgrammeChanges | None = None


def database_for(programme_path: Path, forum_id: str) -> Path:
    return programme_path.parent / f"{forum_id}.db"


def open_database(path: str | Path, for_reading: bool = False) -> Store:
    """Open an existing forum database, without reading the forum into a model.

    `for_reading` (an export): a database this process cannot write (a read-only stick, file or
    folder) is opened read-only as it is, without migrating it.
    Raises InputError when there is no such file, DatabaseError when it cannot be used.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such database")
    if for_reading and write_refusal(path) is not None:
        return open_read_only(path)
    return open_store(path, create=False)


def open_forum(path: str | Path, db: str | Path | None = None, for_reading: bool = False) -> OpenedForum:
    """Open a programme (creating or updating its database) or an existing forum database
    (`for_reading`: read-only if it cannot be written, see open_database).

    Raises InputError for a bad programme and DatabaseError for an unusable database; in both
    cases nothing has been written.
    """
    from roundtable.formats.programme import read_programme
    from roundtable.store import programme as programme_store

    path = Path(path)
    if path.suffix.lower() == ".db":
        store = open_database(path, for_reading)
        try:
            return OpenedForum(store, programme_store.load_forum(store))
        except BaseException:
            store.close()
            raise
    if path.suffix.lower() != ".toml":
        raise InputError(path, "not a programme (.toml) or a forum database (.db)")
    programme = read_programme(path)
    db_path = Path(db) if db else database_for(path, programme.forum.id)
    if not db_path.exists():
        created = _create_forum_database(programme, path, db_path)
        if created is not None:
            return created
        # Another process created it meanwhile: load the programme into theirs, as on any re-open.
    store = open_store(db_path)
    try:
        changes = _load_programme(store, programme, path)
    except BaseException:
        store.close()
        raise
    return OpenedForum(store, programme.forum, changes)


def _load_programme(store: Store, programme, path: Path) -> ProgrammeChanges:
    """The programme, its people and (into a fresh forum) its recorded sample, in one transaction:
    they land together or not at all."""
    from roundtable.formats.sample_record import sample_path_for
    from roundtable.store import programme as programme_store, roster

    with store.transaction():
        fresh = programme_store.forum_id(store) is None
        changes = programme_store.save_programme(store, programme, path.resolve())
        if programme.participants:
            roster.import_participants(store, programme.forum.id, programme.participants, origin="programme")
        sample = sample_path_for(path)
        if fresh and sample.exists():
            record_sample(store, programme.forum, sample)
    return changes


def _create_forum_database(programme, path: Path, db_path: Path) -> OpenedForum | None:
    """Build a new forum database under a name no other process uses, then publish it at `db_path`
    in one step that never replaces a file (a hard link). None when another process published one
    there first; the caller then opens theirs.

    So a programme or sample that fails to load, or a full disk, leaves nothing at `db_path`, and
    the only files ever deleted are this process's own: never a database another process may hold.
    """
    refusal = write_refusal(db_path)
    if refusal is not None:
        raise DatabaseError(f"{db_path}: cannot create it: {refusal}")
    temporary = db_path.with_name(f".{db_path.name}.creating-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        try:
            store = open_store(temporary)
            try:
                changes = _load_programme(store, programme, path)
            finally:
                store.close()  # the last connection: its -wal is folded into the file and removed
        except (sqlite3.Error, OSError) as error:  # a full disk, above all: say so, leave nothing
            reason = getattr(error, "strerror", None) or error
            raise DatabaseError(f"{db_path}: cannot create it ({reason}); nothing was written") from None
        try:
            os.link(temporary, db_path)
        except FileExistsError:
            return None
        except OSError:  # a file system without hard links (a FAT stick): a rename, if still free
            if db_path.exists():
                return None
            os.rename(temporary, db_path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    return OpenedForum(open_store(db_path), programme.forum, changes)


def record_sample(store: Store, forum: Forum, sample_path: Path) -> None:
    """Load a recorded sample into a fresh forum (see formats/sample_record.py).

    Its rows get stable ids (and times from the programme, in the forum's time zone, not the clock),
    so two laptops that both opened the demo hold the same sample and `roundtable merge` takes none
    of it twice.
    """
    from roundtable.domain import clock, ids
    from roundtable.domain.note_entry import parse_note_line
    from roundtable.formats.sample_record import end_of, read_sample
    from roundtable.store import floor, notes, programme as programme_store, recommendations, roster

    sample = read_sample(sample_path)

    def sample_id(*parts: object) -> str:
        return ids.stable_id(forum.id, "sample", *(str(p) for p in parts))

    sessions = {s.code: s for s in programme_store.load_sessions(store)}
    people = {p.name: p for p in roster.load_participants(store)}

    def session_of(code: str, field: str):
        if code not in sessions:
            raise InputError(sample_path, f'unknown session code "{code}"', field=field)
        return sessions[code]

    for i, item in enumerate(sample.interventions, start=1):
        session = session_of(item.session, f"interventions[{i}].session")
        person = people.get(item.speaker)
        if person is None:
            raise InputError(sample_path, f'"{item.speaker}" is not in the roster', field=f"interventions[{i}].speaker")
        started = clock.at_venue(session.date, item.start, forum.timezone)
        ended = end_of(started, item.duration)
        request = floor.record_intervention(
            store, session, person.id, started, ended, item.speech_type, item.language or forum.languages[0],
            row_id=sample_id("intervention", i),
        )
        for k, line in enumerate(item.notes):
            entry = parse_note_line(line)  # "!" marks a key point, as on the note line
            notes.add_note(
                store, session.id, entry.text, started + dt.timedelta(seconds=30 * (k + 1)),
                intervention_id=request.id, key_point=entry.key_point, row_id=sample_id("note", i, k),
            )
    for i, item in enumerate(sample.session_notes, start=1):
        session = session_of(item.session, f"session_notes[{i}].session")
        notes.add_note(store, session.id, item.text, clock.at_venue(session.date, item.at, forum.timezone),
                       row_id=sample_id("session-note", i))
    for i, item in enumerate(sample.recommendations, start=1):
        session = session_of(item.session, f"recommendations[{i}].session") if item.session else None
        zone = forum.timezone
        moment = clock.at_venue(session.date, session.end, zone) if session else clock.at_venue(forum.end, dt.time(18), zone)
        recommendations.add_recommendation(
            store, item.track, item.text, moment, session_id=session.id if session else None,
            addressed_to=item.addressed_to, status=item.status, row_id=sample_id("recommendation", i),
        )


__all__ = ["DatabaseError", "InputError", "OpenedForum", "demo_programme", "open_database", "open_forum", "exports_dir",
           "export_path"]
