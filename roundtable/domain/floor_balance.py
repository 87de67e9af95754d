"""Who has had the floor: the share of speaking time by participant category and by gender.

The chair reads it during the session to see whose voices are missing, so every category is
listed, the silent ones too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.vocabulary import CATEGORIES, GENDERS

CATEGORY_LABELS = {
    "government": "government",
    "international-organisation": "intl. orgs",
    "private-sector": "private sector",
    "civil-society": "civil society",
    "academia": "academia",
    "other": "other",
}
GENDER_LABELS = {"f": "women", "m": "men", "x": "other gender", None: "not recorded"}


@dataclass(frozen=True)
class Share:
    key: str | None
    label: str
    seconds: float
    fraction: float  # of the total speaking time; 0.0 when nobody has spoken yet


@dataclass(frozen=True)
class FloorBalance:
    total_seconds: float
    by_category: list[Share]
    by_gender: list[Share]


def _interventions(state: FloorState) -> list[FloorEntry]:
    return state.spoken + ([state.current] if state.current else [])


def _shares(totals: dict, keys: list, labels: dict, total: float) -> list[Share]:
    return [
        Share(key, labels.get(key, str(key)), totals.get(key, 0.0), totals.get(key, 0.0) / total if total else 0.0)
        for key in keys
    ]


def floor_balance(state: FloorState, now: dt.datetime) -> FloorBalance:
    """Speaking time of the interventions given and in progress, split two ways."""
    by_category: dict[str, float] = {}
    by_gender: dict[str | None, float] = {}
    for entry in _interventions(state):
        seconds = entry.request.elapsed(now)
        person = entry.participant
        by_category[person.category] = by_category.get(person.category, 0.0) + seconds
        by_gender[person.gender] = by_gender.get(person.gender, 0.0) + seconds
    total = sum(by_category.values())
    categories = list(CATEGORIES) + sorted(k for k in by_category if k not in CATEGORIES)
    genders: list[str | None] = list(GENDERS)
    if by_gender.get(None):
        genders.append(None)  # shown only when some speakers' gender is unknown
    return FloorBalance(
        total_seconds=total,
        by_category=_shares(by_category, categories, CATEGORY_LABELS, total),
        by_gender=_shares(by_gender, genders, GENDER_LABELS, total),
    )
