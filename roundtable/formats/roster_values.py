"""One person's roster values as typed -> a validated Participant: the rules a registration list's
row and the participants screen's form share, so that both give the same messages."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from roundtable.domain.countries import normalise_country
from roundtable.domain.models import Participant
from roundtable.domain.text_match import fold
from roundtable.formats.errors import InputError, pydantic_message

# Control characters a cell may not hold (tab and line breaks inside quoted cells are fine).
_CONTROL = frozenset(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in "\t\r\n")

# A registration state that means the person will not come (Indico: withdrawn, rejected; Cvent and
# Eventbrite: cancelled, declined, refunded), by the start of the word, in English, French and Russian.
_NOT_ATTENDING = tuple(fold(word) for word in (
    "withdr", "cancel", "reject", "declin", "refund", "not attending", "annul", "retir", "rejet", "refus",
    "отмен", "отозв", "отклон", "аннулир"))

# Gender as registration forms write it (the model reads f, m, x, female, male).
_GENDER_WORDS = {fold(word): code for word, code in {"woman": "f", "femme": "f", "f": "f", "женский": "f", "женщина": "f", "ж": "f", "жен": "f",
                 "әйел": "f", "man": "m", "homme": "m", "h": "m", "мужской": "m", "мужчина": "m", "м": "m",
                 "муж": "m", "ер": "m", "ерлер": "m", "other": "x", "autre": "x", "другой": "x"}.items()}


# A person's texts in another language as the registration list and the form name them: `name_ru`,
# `position_kk`, `organisation_ru`, ... (any language code); the document in that language writes
# them (domain/wording.py).
TRANSLATED_COLUMN = re.compile(r"^(?P<field>name|position|organisation)_(?P<lang>[a-z]{2,3})$")


def attending_from_state(state: str) -> str | None:
    """A registration state as the list writes it -> "no" (withdrawn, cancelled, rejected…), "yes"
    (any other state: complete, pending…), None when blank."""
    word = " ".join(fold(state).split())
    if not word:
        return None
    return "no" if word.startswith(_NOT_ATTENDING) else "yes"


def participant_from_values(values: dict[str, str], path: Path | str | None = None, line: int | None = None) -> Participant:
    """One person from the roster's columns as typed (blank ones left out; a text in another
    language as `name_ru`, `position_kk`…), validated as a registration list's row is: the country
    by code or name (domain/countries.py), the
    vocabularies' spellings ("Civil society" = civil-society), yes/no fields, gender words. The
    participants screen checks what is typed through here too, so its messages are the import's.
    Raises InputError naming the column (`field`)."""
    values = dict(values)
    for column, value in values.items():
        bad = next((ch for ch in value if ch in _CONTROL), None)
        if bad is not None:
            raise InputError(path, f"holds a control character ({bad!r})", line, column)
    translations: dict[str, dict[str, str]] = {}
    for column in [c for c in values if TRANSLATED_COLUMN.match(c)]:
        matched = TRANSLATED_COLUMN.match(column)
        text = values.pop(column)
        if text:
            translations.setdefault(matched["lang"], {})[matched["field"]] = text
    if translations:
        values["translations"] = translations
    if not values.get("name"):
        raise InputError(path, "the name is empty", line, "name")
    if "country" in values:
        try:
            values["country"] = normalise_country(values["country"])
        except ValueError as error:
            raise InputError(path, str(error), line, "country") from None
    for key in ("category", "rank"):
        if key in values:
            values[key] = values[key].lower().replace(" ", "-").replace("_", "-")
    for key in ("attending", "publish"):
        if key in values:
            values[key] = values[key].lower()
    if "gender" in values:
        values["gender"] = _GENDER_WORDS.get(fold(values["gender"]).strip().rstrip("."), values["gender"])
    try:
        return Participant.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        column = str(first["loc"][0]) if first["loc"] else None
        raise InputError(path, pydantic_message(first), line, column) from None
