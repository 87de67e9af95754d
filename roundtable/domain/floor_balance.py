"""Who has had the floor: the share of speaking time by participant category, by gender and by
UN regional group, and the Gini coefficient of speaking time across delegations.

The chair reads it during the session to see whose voices are missing, so every category and
every regional group is listed, the silent ones too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roundtable.domain import fairness
from roundtable.domain.floor import FloorEntry, FloorState
from roundtable.domain.regions import GROUPS, OBSERVER, regional_group
from roundtable.domain.vocabulary import CATEGORIES, GENDERS

CATEGORY_LABELS = {
    "government": "govt",
    "international-organisation": "intl org",
    "private-sector": "private",
    "civil-society": "civil soc.",
    "academia": "academia",
    "other": "other",
}
GENDER_LABELS = {"f": "women", "m": "men", "x": "other gender", None: "not recorded"}
REGION_LABELS = {
    "african": "Africa",
    "asia-pacific": "Asia-Pacific",
    "eastern-european": "E. Europe",
    "latin-american-caribbean": "Lat. Am. & Carib.",
    "western-european-others": "WEOG",
    OBSERVER: "observers",
    None: "no group",
}


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
    by_region: list[Share] = field(default_factory=list)
    gini: float = 0.0  # of speaking time across the delegations that spoke
    delegations: int = 0


def _interventions(state: FloorState) -> list[FloorEntry]:
    return state.spoken + ([state.current] if state.current else [])


def _shares(totals: dict, keys: list, labels: dict, total: float) -> list[Share]:
    return [
        Share(key, labels.get(key, str(key)), totals.get(key, 0.0), totals.get(key, 0.0) / total if total else 0.0)
        for key in keys
    ]


def floor_balance(state: FloorState, now: dt.datetime) -> FloorBalance:
    """Speaking time of the interventions given and in progress, split three ways, and its Gini."""
    by_category: dict[str, float] = {}
    by_gender: dict[str | None, float] = {}
    by_region: dict[str | None, float] = {}
    timed = []
    for entry in _interventions(state):
        seconds = entry.request.elapsed(now)
        person = entry.participant
        timed.append((person, seconds))
        by_category[person.category] = by_category.get(person.category, 0.0) + seconds
        by_gender[person.gender] = by_gender.get(person.gender, 0.0) + seconds
        group = regional_group(person.country)
        by_region[group] = by_region.get(group, 0.0) + seconds
    total = sum(by_category.values())
    categories = list(CATEGORIES) + sorted(k for k in by_category if k not in CATEGORIES)
    genders: list[str | None] = list(GENDERS)
    if by_gender.get(None):
        genders.append(None)  # shown only when some speakers' gender is unknown
    regions: list[str | None] = [g for g in GROUPS if g != OBSERVER]
    regions += [k for k in (OBSERVER, None) if by_region.get(k)]  # shown only when someone spoke
    delegations = fairness.seconds_by_delegation(timed)
    return FloorBalance(
        total_seconds=total,
        by_category=_shares(by_category, categories, CATEGORY_LABELS, total),
        by_gender=_shares(by_gender, genders, GENDER_LABELS, total),
        by_region=_shares(by_region, regions, REGION_LABELS, total),
        gini=fairness.gini(delegations.values()),
        delegations=len(delegations),
    )
