"""A recorded sample (`<programme>.sample.toml`): interventions, notes and recommendations given as
text, loaded once into a fresh database so the demo forum's first export is a real document.

A note that starts with "!" is a key point.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from roundtable.domain.models import OptionalText, Seconds, TimeOfDay
from roundtable.domain.vocabulary import RecommendationStatus, SpeechType
from roundtable.formats.errors import InputError, did_you_mean, pydantic_message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SampleIntervention(_Strict):
    session: str
    speaker: str
    start: TimeOfDay
    duration: Seconds
    language: OptionalText = None
    speech_type: SpeechType = "statement"
    notes: list[str] = Field(default_factory=list)


class SampleSessionNote(_Strict):
    session: str
    at: TimeOfDay
    text: str


class SampleRecommendation(_Strict):
    track: str
    session: OptionalText = None
    text: str
    addressed_to: OptionalText = None
    status: RecommendationStatus = "proposed"


class SampleRecord(_Strict):
    interventions: list[SampleIntervention] = Field(default_factory=list)
    session_notes: list[SampleSessionNote] = Field(default_factory=list)
    recommendations: list[SampleRecommendation] = Field(default_factory=list)


def sample_path_for(programme: Path) -> Path:
    return programme.with_name(programme.stem + ".sample.toml")


def read_sample(path: Path) -> SampleRecord:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return SampleRecord.model_validate(data)
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"TOML syntax error: {error}") from None
    except RecursionError:
        raise InputError(path, "arrays or tables are nested too deeply inside one another") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot be read ({getattr(error, 'strerror', None) or error})") from None
    except ValidationError as error:
        errors = error.errors()
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = first["loc"]
        message = pydantic_message(first)
        if first["type"] == "extra_forbidden":
            lists = {"interventions": SampleIntervention, "session_notes": SampleSessionNote,
                     "recommendations": SampleRecommendation}
            model = lists.get(str(loc[0])) if len(loc) > 1 else SampleRecord
            message += did_you_mean(str(loc[-1]), model.model_fields if model else ())
        field = ".".join(str(p) for p in loc)
        raise InputError(path, message, field=field) from None


def end_of(start: dt.datetime, seconds: int) -> dt.datetime:
    return start + dt.timedelta(seconds=seconds)
