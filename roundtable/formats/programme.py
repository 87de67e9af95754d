"""The programme file (docs/CONTRACT.md, section 2): TOML -> a validated `Programme`.

Every error is an `InputError` naming the file, the line and the key, e.g.
``gegf-2014.toml: line 48: sessions[5].end: end 14:00 is not after start 15:00``.

A text field (forum title, theme, venue, organisers, background, objectives; track and session
titles, rooms, chairs and rapporteurs; a participant's name, position and organisation) takes a
string or a table of languages,
``title = { en = "...", ru = "...", kk = "..." }``: the forum's first language goes into the field
itself, the others into the record's `translations`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from roundtable.domain import ids
from roundtable.domain.countries import normalise_country
from roundtable.domain.models import LANGUAGE_CODE, Forum, Multilingual, Participant, Session, Track
from roundtable.formats.errors import InputError, did_you_mean, pydantic_message


NESTED_TOO_DEEPLY = "arrays or tables are nested too deeply inside one another to be a programme"


class Programme(BaseModel):
    """A whole programme file: the forum, its tracks and sessions, and optional participants."""

    model_config = ConfigDict(extra="forbid")

    forum: Forum
    tracks: list[Track] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)


class _Locator:
    """Finds the line of a key in TOML text, following [table] and [[array]] headers."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"]+)\s*\]\]?")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+)\s*=")

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def line_of(self, loc: tuple) -> int | None:
        """1-based line of `loc` such as ("sessions", 3, "end"); the table's header if the key is absent."""
        if not loc:
            return None
        table, index, key = loc[0], None, None
        rest = list(loc[1:])
        if rest and isinstance(rest[0], int):
            index = rest.pop(0)
        if rest and isinstance(rest[0], str):
            key = rest[0]
        count = -1
        header_line = None
        in_target = False
        for number, line in enumerate(self.lines, start=1):
            header = self._HEADER.match(line)
            if header:
                name = header.group(2).strip('"')
                if name == table:
                    count += 1
                    in_target = index is None or count == index
                    if in_target and header_line is None:  # a table given many times: its first
                        header_line = number
                else:
                    in_target = False
                continue
            if in_target and key:
                match = self._KEY.match(line)
                if match and match.group(1).strip('"') == key:
                    return number
        return header_line


def _keys_at(loc: tuple) -> set[str]:
    """The keys a person may write where `loc` is (its last part excluded)."""
    tables = {"forum": Forum, "tracks": Track, "sessions": Session, "participants": Participant}
    model = tables.get(loc[0]) if len(loc) > 1 else Programme
    if model is None:
        return set()
    computed = {"position"} | ({"id"} if model is not Forum else set())  # filled in by roundtable
    return set(model.model_fields) - computed


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item + 1}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def _normalise_participant_countries(data: dict, path: Path, locator: _Locator) -> None:
    people = data.get("participants")
    if not isinstance(people, list):  # not a list of tables: validation reports it with its place
        return
    for index, person in enumerate(people):
        if isinstance(person, dict) and isinstance(person.get("country"), str):
            try:
                person["country"] = normalise_country(person["country"])
            except ValueError as error:
                loc = ("participants", index, "country")
                raise InputError(path, str(error), locator.line_of(loc), _field_path(loc)) from None


def _language_table(value: dict, loc: tuple, languages: list[str], path: Path, locator: _Locator) -> dict[str, str]:
    """A table of languages, checked: known language codes, texts, the first language present."""
    def fail(message: str) -> InputError:
        return InputError(path, message, locator.line_of(loc), _field_path(loc))

    for lang, text in value.items():
        if not LANGUAGE_CODE.match(lang):
            raise fail(f'"{lang}" is not a language code such as "ru"')
        if lang not in languages:
            raise fail(f'"{lang}" is not one of the forum\'s languages ({", ".join(languages)})')
        if not isinstance(text, str):
            raise fail(f"the {lang} text is not a string")
    if not isinstance(value.get(languages[0]), str) or not value[languages[0]].strip():
        raise fail(f"no text in {languages[0]}, the forum's first language")
    return {lang: text.strip() for lang, text in value.items() if text.strip()}


def _split_record(record: object, loc: tuple, model: type[Multilingual], languages: list[str], path: Path,
                  locator: _Locator) -> None:
    """Move the other languages of `record`'s texts into its "translations" (in place)."""
    if not isinstance(record, dict):
        return  # validation reports it with its place
    first = languages[0]
    translations: dict[str, dict] = {}
    for name in model.TEXTS:
        value = record.get(name)
        if isinstance(value, dict):
            table = _language_table(value, (*loc, name), languages, path, locator)
            record[name] = table[first]
            for lang, text in table.items():
                if lang != first:
                    translations.setdefault(lang, {})[name] = text
    for name in model.TEXT_LISTS:
        entries = record.get(name)
        if not isinstance(entries, list) or not any(isinstance(entry, dict) for entry in entries):
            continue
        firsts, others = [], {}
        for i, entry in enumerate(entries):
            if isinstance(entry, dict):
                table = _language_table(entry, (*loc, name), languages, path, locator)
                firsts.append(table[first])
                for lang, text in table.items():
                    if lang != first:
                        others.setdefault(lang, {})[i] = text
            else:
                firsts.append(entry)
        record[name] = firsts
        for lang, texts in others.items():
            translations.setdefault(lang, {})[name] = [texts.get(i) for i in range(len(firsts))]
    if translations:
        record["translations"] = translations


def _split_languages(data: dict, path: Path, locator: _Locator) -> None:
    forum = data.get("forum")
    if not isinstance(forum, dict):
        return
    languages = forum.get("languages", ["en"])
    if not isinstance(languages, list) or not languages or not all(isinstance(lang, str) for lang in languages):
        return  # validation reports it with its place
    _split_record(forum, ("forum",), Forum, languages, path, locator)
    for key, model in (("tracks", Track), ("sessions", Session), ("participants", Participant)):
        records = data.get(key)
        if isinstance(records, list):
            for i, record in enumerate(records):
                _split_record(record, (key, i), model, languages, path, locator)


def missing_texts(programme: Programme, lang: str, text: str = "") -> list[tuple[str, int | None]]:
    """Every programme text (forum, tracks, sessions, participants) a document in `lang` would
    write as given, not in `lang`: (field path, line). A text the programme or the catalogue gives
    in `lang` elsewhere (domain/wording.py) is not missing.

    `text` is the programme file's text, to find the lines; without it the lines are None.
    """
    from roundtable.domain.catalogue import catalogue_or_bare
    from roundtable.domain.wording import untranslated_texts, wording_for

    first = programme.forum.languages[0]
    if lang == first:
        return []
    records = [programme.forum, *programme.tracks, *programme.sessions]
    w = wording_for(catalogue_or_bare(lang), first, records, programme.participants)
    index = {("forum", ""): ("forum",)}
    index |= {("track", t.code): ("tracks", i) for i, t in enumerate(programme.tracks)}
    index |= {("session", s.code): ("sessions", i) for i, s in enumerate(programme.sessions)}
    people: dict[str, int] = {}
    for i, person in enumerate(programme.participants):
        people.setdefault(person.name, i)
    index |= {("participant", name): ("participants", i) for name, i in people.items()}
    named = [("forum", "", programme.forum)] + [("track", t.code, t) for t in programme.tracks]
    named += [("session", s.code, s) for s in programme.sessions]
    locator = _Locator(text)
    found = []
    for item in untranslated_texts(w, named, programme.participants):
        loc = index[(item.kind, item.key)]
        field = item.field.split("[")[0]
        found.append((_field_path((*loc, item.field)), locator.line_of((*loc, field)) if text else None))
    return sorted(found, key=lambda pair: pair[1] or 0)  # in the file's order (a chair names a participant)


def parse_programme(text: str, path: Path | str = "programme.toml") -> Programme:
    """Parse and validate programme text; raises InputError on the first problem found."""
    path = Path(path)
    if not text.strip():
        raise InputError(path, "the file is empty; a programme needs at least a [forum] table")
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise InputError(path, NESTED_TOO_DEEPLY) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        raise InputError(path, f"TOML syntax error: {message}", line) from None
    locator = _Locator(text)
    if "forum" not in data:
        raise InputError(path, "required table [forum] is missing")
    _normalise_participant_countries(data, path, locator)
    _split_languages(data, path, locator)
    try:
        programme = Programme.model_validate(data)
    except RecursionError:
        raise InputError(path, NESTED_TOO_DEEPLY) from None
    except ValidationError as error:
        errors = error.errors()
        # An unknown key first: "titel" explains why "title" is missing, and is where the slip is.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(first["loc"])
        message = pydantic_message(first)
        if first["type"] == "extra_forbidden":
            message += did_you_mean(str(loc[-1]), _keys_at(loc))
        raise InputError(path, message, locator.line_of(loc), _field_path(loc)) from None
    _check_references(programme, path, locator)
    for session in programme.sessions:  # the forum's point of order limit, where a session sets none
        if "point_of_order_time" not in session.model_fields_set:
            session.point_of_order_time = programme.forum.point_of_order_time
    return _with_ids(programme)


def _check_references(programme: Programme, path: Path, locator: _Locator) -> None:
    forum = programme.forum

    def unique(seen: set[str], code: str, table: str, i: int) -> None:
        if code in seen:
            loc = (table, i, "code")
            raise InputError(path, f'duplicate {table[:-1]} code "{code}"', locator.line_of(loc), _field_path(loc))
        seen.add(code)

    track_codes: set[str] = set()
    for i, track in enumerate(programme.tracks):
        unique(track_codes, track.code, "tracks", i)
    session_codes: set[str] = set()
    for i, session in enumerate(programme.sessions):
        unique(session_codes, session.code, "sessions", i)
        if not (forum.start <= session.date <= forum.end):
            loc = ("sessions", i, "date")
            raise InputError(
                path,
                f"{session.date} is outside the forum's dates ({forum.start} to {forum.end})",
                locator.line_of(loc),
                _field_path(loc),
            )
        if session.track is not None and session.track not in track_codes:
            loc = ("sessions", i, "track")
            known = ", ".join(sorted(track_codes)) or "none declared"
            raise InputError(
                path,
                f'unknown track code "{session.track}" (tracks: {known})',
                locator.line_of(loc),
                _field_path(loc),
            )


def _with_ids(programme: Programme) -> Programme:
    forum_id = programme.forum.id
    for position, track in enumerate(programme.tracks):
        track.id = ids.track_id(forum_id, track.code)
        track.position = position
    for session in programme.sessions:
        session.id = ids.session_id(forum_id, session.code)
    for person in programme.participants:
        person.id = ids.participant_id(forum_id, person.name, person.organisation)
    return programme


def read_programme(path: Path | str) -> Programme:
    """Read and validate a programme file; every problem is an InputError naming the file."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a programme file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start + 1})") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    return parse_programme(text, path)
