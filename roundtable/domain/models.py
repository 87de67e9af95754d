"""The forum's records as pydantic models: what the programme declares and what the room produces.

Models hold data and validate it; they never read or write anything. Field names follow the
programme file (docs/CONTRACT.md, section 2) so that a misspelt key there is an error here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from roundtable.domain.durations import MAX_SECONDS, parse_duration
from roundtable.domain.name_text import without_invisible
from roundtable.domain.vocabulary import (
    Attribution,
    Category,
    FloorRequests,
    Gender,
    QueuePolicy,
    Rank,
    RecommendationStatus,
    RequestStatus,
    SessionKind,
    SpeechType,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Dates a forum can plausibly have: a typing slip such as 0214 or 9014 is refused where it is typed
# rather than overflowing the date arithmetic of the clock, the forecast or the document later.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)
MAX_FORUM_DAYS = 62  # long enough for a five-week session, short enough to show a tab per day


def _time_of_day(value: object) -> object:
    """TOML local times arrive as datetime.time; "15:00" or "15:00:00" as strings are accepted too."""
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f'"{value}" is not a time of day; write it like 15:00') from None
    if not isinstance(value, dt.time):
        # pydantic would read a number as seconds since midnight UTC: an aware time that cannot be
        # compared with the others.
        raise ValueError(f"{value!r} is not a time of day; write it like 15:00")
    if value.tzinfo is not None:
        raise ValueError(f"{value} has a time zone; a session's times are local to the venue")
    return value


def _seconds(value: object) -> object:
    if isinstance(value, (str, int)):
        return parse_duration(value)
    return value


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _plausible_date(value: dt.date) -> dt.date:
    if not (EARLIEST_DATE <= value <= LATEST_DATE):
        raise ValueError(f"{value} is not a plausible date (years {EARLIEST_DATE.year} to {LATEST_DATE.year})")
    return value


TimeOfDay = Annotated[dt.time, BeforeValidator(_time_of_day)]
ForumDate = Annotated[dt.date, AfterValidator(_plausible_date)]
Seconds = Annotated[int, BeforeValidator(_seconds)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# A programme text in other languages than the forum's first: {"ru": {"title": "...", "organisers":
# ["...", None]}}; in a list, None is an entry not translated (the first language's is used).
Translations = dict[str, dict[str, str | list[str | None]]]
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class Multilingual(Strict):
    """A programme record whose texts may be given in several languages (docs/CONTRACT.md, section 2).

    Each text field holds the forum's first language; `translations` holds the others. The TUI
    reads the plain fields; the outcome document asks `text()`/`texts()` for its language.
    """

    TEXTS: ClassVar[tuple[str, ...]] = ()  # translatable single texts
    TEXT_LISTS: ClassVar[tuple[str, ...]] = ()  # translatable lists of texts

    translations: Translations = Field(default_factory=dict)

    @field_validator("translations")
    @classmethod
    def _known_languages_and_fields(cls, value: Translations) -> Translations:
        return cls.check_translations(value)

    @classmethod
    def check_translations(cls, value: Translations) -> Translations:
        """`value` if it holds only language codes and this record's translatable fields; else ValueError."""
        for lang, texts in value.items():
            if not LANGUAGE_CODE.match(lang):
                raise ValueError(f'"{lang}" is not a language code such as "ru"')
            for name, text in texts.items():
                if name in cls.TEXTS:
                    if not isinstance(text, str):
                        raise ValueError(f"{lang}.{name}: a text is expected")
                elif name in cls.TEXT_LISTS:
                    if not isinstance(text, list) or not all(t is None or isinstance(t, str) for t in text):
                        raise ValueError(f"{lang}.{name}: a list of texts is expected")
                else:
                    raise ValueError(f'{lang}.{name}: "{name}" is not a text that takes languages')
        return value

    def text(self, name: str, lang: str) -> str | None:
        """Field `name` in language `lang`, else in the first language."""
        given = self.translations.get(lang, {}).get(name)
        return given if isinstance(given, str) and given.strip() else getattr(self, name)

    def every_text(self, name: str) -> list[str]:
        """Single text field `name` in the first language and every other given, each text once:
        a person's name as registered and as the Russian and Kazakh documents write it."""
        given = [getattr(self, name)] + [texts.get(name) for texts in self.translations.values()]
        return list(dict.fromkeys(t for t in given if isinstance(t, str) and t.strip()))

    def texts(self, name: str, lang: str) -> list[str]:
        """List field `name` in language `lang`, entry by entry falling back to the first language."""
        first = getattr(self, name)
        given = self.translations.get(lang, {}).get(name) or []
        return [given[i] if i < len(given) and given[i] and given[i].strip() else text for i, text in enumerate(first)]

    def missing(self, lang: str) -> list[str]:
        """The texts (field names; "organisers[2]" in a list) given in the first language but not in `lang`."""
        given = self.translations.get(lang, {})
        out = [name for name in self.TEXTS if getattr(self, name) and not given.get(name)]
        for name in self.TEXT_LISTS:
            entries = given.get(name) or []
            out += [f"{name}[{i + 1}]" for i, _ in enumerate(getattr(self, name))
                    if i >= len(entries) or not entries[i]]
        return out


class Forum(Multilingual):
    TEXTS = ("title", "theme", "venue", "background")
    TEXT_LISTS = ("organisers", "objectives")

    id: str
    title: str = Field(min_length=1)
    theme: OptionalText = None
    venue: OptionalText = None
    start: ForumDate
    end: ForumDate
    organisers: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    background: OptionalText = None
    objectives: list[str] = Field(default_factory=list)
    timezone: OptionalText = None  # the venue's, e.g. "Asia/Almaty"; None: this machine's
    point_of_order_time: Seconds = 60  # a point of order's limit in the sessions that set none

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f'"{value}" is not a time zone; write it like "Asia/Almaty" or "Europe/Geneva"') from None
        return value

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f'"{value}" is not a slug (use a-z, 0-9 and "-")')
        return value

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.match(r"^[a-z]{2,3}$", code):
                raise ValueError(f'"{code}" is not a language code such as "en"')
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> Forum:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if (self.end - self.start).days >= MAX_FORUM_DAYS:
            raise ValueError(f"{self.start} to {self.end} is longer than {MAX_FORUM_DAYS} days; is a year mistyped?")
        return self

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


class Track(Multilingual):
    TEXTS = ("title",)

    id: str = ""
    code: str = Field(min_length=1)
    title: str = Field(min_length=1)
    position: int = 0


class Session(Multilingual):
    TEXTS = ("title", "room", "chair", "rapporteur")

    id: str = ""
    code: str = Field(min_length=1)
    title: str = Field(min_length=1)
    kind: SessionKind
    date: ForumDate
    start: TimeOfDay
    end: TimeOfDay
    track: OptionalText = None
    room: OptionalText = None
    chair: OptionalText = None
    rapporteur: OptionalText = None
    attribution: Attribution = "attributed"
    speaking_time: Seconds = 180
    queue_policy: QueuePolicy = "fifo"
    requests_close: TimeOfDay | None = None
    floor_requests: FloorRequests = "review"  # delegates' phones: wait for the moderator, or queue at once
    point_of_order_time: Seconds = 60  # a point of order's own limit (brief, ruled on at once)

    @model_validator(mode="after")
    def _times_in_order(self) -> Session:
        if self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
        if self.requests_close is not None and not (self.start <= self.requests_close <= self.end):
            raise ValueError(
                f"requests_close {self.requests_close:%H:%M} is outside the session "
                f"({self.start:%H:%M}-{self.end:%H:%M})"
            )
        return self


def titled_name(honorific: str | None, name: str) -> str:
    """ "H.E. Mr. Bagdat Mussin": the name after its honorific, when there is one (a blank one, as a
    merged row may carry, is none)."""
    return f"{honorific} {name}" if honorific and honorific.strip() else name


class Participant(Multilingual):
    """A person of the roster. `name`, `position` and `organisation` hold them as registered (the
    id derives from name + organisation); `translations` may give each in other languages, as the
    document in that language writes them: {"ru": {"name": "Багдат Мусин"}} (registration columns
    `name_ru`, `position_kk`, ...; domain/wording.py)."""

    TEXTS = ("name", "position", "organisation")

    id: str = ""
    name: str = Field(min_length=1)
    honorific: OptionalText = None
    position: OptionalText = None
    organisation: OptionalText = None
    country: OptionalText = None
    category: Category = "other"
    rank: Rank = "other"
    gender: Gender | None = None
    email: OptionalText = None
    attending: bool = True  # False: registered but not attending; left out of the list of participants
    publish: bool = True  # False: not to be published in the list of participants

    @property
    def titled(self) -> str:
        """ "H.E. Mr. Bagdat Mussin": the name with the roster's honorific, when it has one."""
        return titled_name(self.honorific, self.name)

    @field_validator("name", "organisation", mode="before")
    @classmethod
    def _visible(cls, value: object) -> object:
        # A zero-width space or a direction override makes an identical-looking second person
        # (name + organisation say who is who); readers warn about what was removed.
        return without_invisible(value) if isinstance(value, str) else value

    @field_validator("translations", mode="before")
    @classmethod
    def _visible_in_every_language(cls, value: object) -> object:
        # The name and organisation in another language are found and compared as the first one is.
        if not isinstance(value, dict):
            return value
        return {lang: {name: without_invisible(text) if name in ("name", "organisation") and isinstance(text, str)
                       else text for name, text in texts.items()} if isinstance(texts, dict) else texts
                for lang, texts in value.items()}

    @field_validator("attending", "publish", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> object:
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("yes", "y", "true", "1"):
                return True
            if word in ("no", "n", "false", "0"):
                return False
            raise ValueError(f'"{value}" is not yes or no')
        return value

    @field_validator("gender", mode="before")
    @classmethod
    def _gender(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lower()
            return {"": None, "female": "f", "male": "m", "w": "f"}.get(value, value)
        return value


class SpeakerRequest(BaseModel):
    """One request for the floor, through its life: queued, speaking, spoken or withdrawn.

    Once given the floor it is the intervention: `started_at`/`ended_at` are wall-clock times, and
    the time spent paused is kept apart so that the speaking time excludes it.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    session_id: str
    participant_id: str
    status: RequestStatus = "queued"
    speech_type: SpeechType = "statement"
    language: str | None = None
    requested_at: dt.datetime
    position: float = Field(default=0.0, allow_inf_nan=False)
    reason: str = ""
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    paused_at: dt.datetime | None = None
    paused_seconds: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    limit_seconds: int = Field(default=180, ge=1, le=MAX_SECONDS)
    interrupted_at: dt.datetime | None = None  # when a point of order suspended it (status "interrupted")
    kept: bool = False  # the moderator keeps it although it was too short to count (statistics.counts)
    corrected_seconds: float | None = Field(default=None, ge=0, le=MAX_SECONDS, allow_inf_nan=False)
    deleted_at: dt.datetime | None = None  # deleted from the interventions given (kept as a tombstone)

    def elapsed(self, now: dt.datetime) -> float:
        """Seconds spoken so far (paused time excluded); the full duration once ended, or the
        moderator's correction of it."""
        if self.started_at is None:
            return 0.0
        if self.ended_at is not None and self.corrected_seconds is not None:
            return max(0.0, self.corrected_seconds)
        until = self.ended_at or self.paused_at or now
        return max(0.0, (until - self.started_at).total_seconds() - self.paused_seconds)

    def paused_until(self, now: dt.datetime) -> float:
        """The paused seconds counted up to `now`: the pause in progress, if any, included.
        What a pause, a resume or the end of the intervention records (one rule for all three)."""
        if self.paused_at is None:
            return self.paused_seconds
        return self.paused_seconds + max(0.0, (now - self.paused_at).total_seconds())

    def remaining(self, now: dt.datetime) -> float:
        """Seconds left of the limit; negative once the speaker is over time."""
        return self.limit_seconds - self.elapsed(now)

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None and self.ended_at is None

    @property
    def is_given(self) -> bool:
        """An intervention (in progress, interrupted or over), not a request still waiting."""
        return self.status in ("speaking", "interrupted", "spoken") and self.deleted_at is None


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    session_id: str
    intervention_id: str | None = None
    text: str
    key_point: bool = False
    created_at: dt.datetime
    updated_at: dt.datetime
    by_chair: bool = False  # the chair's remark (then linked to no intervention)

    @property
    def source(self) -> str:
        """Whom the note is about: "speaker" (an intervention), "chair" or "session"."""
        if self.by_chair:
            return "chair"
        return "speaker" if self.intervention_id else "session"


class RecommendationSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str | None = None
    note_id: str | None = None
    intervention_id: str | None = None


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    track_code: str
    session_id: str | None = None
    text: str
    addressed_to: str | None = None
    status: RecommendationStatus = "proposed"
    position: float = Field(default=0.0, allow_inf_nan=False)
    created_at: dt.datetime
    updated_at: dt.datetime
    sources: list[RecommendationSource] = Field(default_factory=list)
