"""Who spoke, how often and for how long: the one place where speaking time is counted.

The session screen (floor balance, each queued person's record, the queue policies' "has spoken"),
the outcome document (statistics, speakers, annex) and the CSV all count through here, so a rule
changed here (the 3-second rule, a corrected duration, a deleted intervention) changes every figure
a user sees at once.

The input is whatever carries an intervention's `request`, its `participant` and whether a note is
linked to it (`noted`): the floor's entries and the outcome reader's records both do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from roundtable.domain.languages import spoken_in
from roundtable.domain.models import Participant, SpeakerRequest
from roundtable.domain.regions import GROUPS, OBSERVER, regional_group
from roundtable.domain.vocabulary import CATEGORIES, GENDERS, SPEECH_TYPES

# An intervention shorter than this, with no note linked to it, is a slip of the finger (`n`
# pressed twice): it is not counted anywhere unless the moderator keeps it.
SHORT_SECONDS = 3.0

# The five regional groups a chair expects to hear from; observers are listed only when they spoke.
MEMBER_GROUPS: tuple[str, ...] = tuple(g for g in GROUPS if g != OBSERVER)


class Given(Protocol):
    request: SpeakerRequest
    participant: Participant
    noted: bool


@dataclass(frozen=True)
class Intervention:
    """An intervention as the outcome reader hands it over."""

    request: SpeakerRequest
    participant: Participant
    noted: bool = False  # a live note is linked to it


def counts(request: SpeakerRequest, noted: bool, now: dt.datetime) -> bool:
    """Does this request count as an intervention (statistics, speakers, annex, CSV, "has spoken")?

    Given and not deleted, and not a slip: an intervention that ended under SHORT_SECONDS with no
    note linked to it counts only when the moderator kept it. One in progress always counts.
    """
    if not request.is_given:
        return False
    if request.status != "spoken" or noted or request.kept:
        return True
    return request.elapsed(now) >= SHORT_SECONDS


@dataclass(frozen=True)
class Timed:
    """A counted intervention and its speaking time."""

    request: SpeakerRequest
    participant: Participant
    seconds: float


def counted(given: Iterable[Given], now: dt.datetime) -> list[Timed]:
    """The interventions that count, with their speaking time at `now`, in the order given."""
    return [
        Timed(g.request, g.participant, g.request.elapsed(now))
        for g in given
        if counts(g.request, g.noted, now)
    ]


@dataclass(frozen=True)
class Finished:
    """The interventions finished so far (not one in progress or interrupted)."""

    interventions: int  # that count
    seconds: float  # their speaking time
    too_short: int  # finished, but too short to count (not kept)


def finished(timed: Iterable[Timed], given: int) -> Finished:
    """What `counted`'s result says of the finished interventions, of which there are `given`
    (deleted ones aside): how many count, for how long, and how many do not."""
    done = [t for t in timed if t.request.status == "spoken"]
    return Finished(len(done), sum(t.seconds for t in done), max(given - len(done), 0))


@dataclass(frozen=True)
class Share:
    """One row of a breakdown: a group's interventions and speaking time."""

    key: str | None  # the category, gender, regional group, speech type or language; None = not known
    interventions: int
    seconds: float
    fraction: float  # of the total speaking time, 0..1; 0 when nobody spoke


def breakdown(
    timed: Iterable[Timed],
    key: Callable[[Timed], str | None],
    order: Sequence[str],
    silent: Sequence[str] = (),
) -> list[Share]:
    """Interventions and speaking time per key: keys in `order` first, then any other key met
    (alphabetically), then None (not known). Keys nobody spoke under are left out, except those in
    `silent`, listed with zero so that a missing voice shows."""
    interventions: dict[str | None, int] = {}
    seconds: dict[str | None, float] = {}
    for item in timed:
        k = key(item)
        interventions[k] = interventions.get(k, 0) + 1
        seconds[k] = seconds.get(k, 0.0) + item.seconds
    total = sum(seconds.values())
    rank = {k: i for i, k in enumerate(order)}
    keys = set(interventions) | set(silent)
    ordered = sorted(keys, key=lambda k: (k is None, rank.get(k, len(order)), k or ""))
    return [
        Share(k, interventions.get(k, 0), seconds.get(k, 0.0), seconds.get(k, 0.0) / total if total else 0.0)
        for k in ordered
    ]


def by_category(timed: Iterable[Timed], silent: bool = False) -> list[Share]:
    return breakdown(timed, lambda t: t.participant.category or "other", CATEGORIES, CATEGORIES if silent else ())


def by_gender(timed: Iterable[Timed], silent: bool = False) -> list[Share]:
    """f, m, x, then None (not recorded)."""
    return breakdown(timed, lambda t: t.participant.gender, GENDERS, GENDERS if silent else ())


def by_region(timed: Iterable[Timed], silent: bool = False) -> list[Share]:
    """UN regional groups in the UN's order, observer States, then None (no country represented,
    or no group): international staff count under None, whatever their nationality."""
    return breakdown(timed, lambda t: region_of(t.participant), GROUPS, MEMBER_GROUPS if silent else ())


def by_speech_type(timed: Iterable[Timed]) -> list[Share]:
    return breakdown(timed, lambda t: t.request.speech_type, SPEECH_TYPES)


def by_language(timed: Iterable[Timed], forum_languages: Sequence[str]) -> list[Share]:
    """By the language given in; one not recorded was given in the forum's first language."""
    return breakdown(timed, lambda t: spoken_in(t.request.language, forum_languages), forum_languages)


def speaks_for_organisation(person: Participant) -> bool:
    """Staff of an international organisation speak for it, never for their nationality; so does
    anyone without a country. The one rule the floor balance, the Gini, the document's summaries and
    annex, the CSV and the projector all read."""
    return person.category == "international-organisation" or not person.country


def represented_country(person: Participant) -> str | None:
    """The country a speaker speaks for (its code), or None when they speak for an organisation."""
    return None if speaks_for_organisation(person) else person.country


def region_of(person: Participant) -> str | None:
    """The UN regional group a speaker speaks for: their represented country's, else None."""
    return regional_group(represented_country(person))


def delegation(person: Participant) -> str:
    """Whom a speaker speaks for: the country code, else the organisation, else the person."""
    return represented_country(person) or person.organisation or person.name


def seconds_by_delegation(timed: Iterable[Timed]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for item in timed:
        k = delegation(item.participant)
        totals[k] = totals.get(k, 0.0) + item.seconds
    return totals


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of `values`: 0 when all are equal, (n-1)/n when one holds everything.

    0.0 for no values or a zero total (nobody spoke: nothing is unequal).
    """
    xs = sorted(max(0.0, float(v)) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((i + 1) * x for i, x in enumerate(xs))
    return max(0.0, 2 * weighted / (n * total) - (n + 1) / n)


@dataclass(frozen=True)
class PersonRecord:
    interventions: int = 0
    seconds: float = 0.0


def per_person(timed: Iterable[Timed]) -> dict[str, PersonRecord]:
    """Each speaker's counted interventions and speaking time, by participant id."""
    records: dict[str, PersonRecord] = {}
    for item in timed:
        before = records.get(item.participant.id, PersonRecord())
        records[item.participant.id] = PersonRecord(before.interventions + 1, before.seconds + item.seconds)
    return records


def speakers(timed: Iterable[Timed]) -> dict[Hashable, Participant]:
    """The people who spoke, once each, in the order they first spoke."""
    people: dict[Hashable, Participant] = {}
    for item in timed:
        people.setdefault(item.participant.id, item.participant)
    return people


@dataclass(frozen=True)
class Totals:
    speakers: int
    interventions: int
    seconds: float
    delegations: int
    gini: float  # of speaking time across the delegations that spoke

    @property
    def average_seconds(self) -> float:
        return self.seconds / self.interventions if self.interventions else 0.0


def totals(timed: Sequence[Timed]) -> Totals:
    by_delegation = seconds_by_delegation(timed)
    return Totals(
        speakers=len(speakers(timed)),
        interventions=len(timed),
        seconds=sum(t.seconds for t in timed),
        delegations=len(by_delegation),
        gini=gini(by_delegation.values()),
    )


@dataclass(frozen=True)
class Balance:
    """The floor balance the chair reads during a session: every group listed, silent ones too."""

    totals: Totals
    by_category: list[Share]
    by_gender: list[Share]
    by_region: list[Share]


def balance(timed: Sequence[Timed]) -> Balance:
    return Balance(
        totals=totals(timed),
        by_category=by_category(timed, silent=True),
        by_gender=by_gender(timed, silent=True),
        by_region=by_region(timed, silent=True),
    )
