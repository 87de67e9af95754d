"""Who got the floor: speaking time shared by regional group, category and gender, and the Gini
coefficient of speaking time across delegations, with a sentence that says what it means.

Inputs are plain (participant, seconds) pairs, one per intervention or already summed per
person; the functions add up as needed. Shares are fractions of the total (0..1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from roundtable.domain.models import Participant
from roundtable.domain.regions import GROUPS, regional_group
from roundtable.domain.vocabulary import CATEGORIES, GENDERS

Timed = tuple[Participant, float]


@dataclass(frozen=True)
class Share:
    key: str | None  # the group, category or gender; None = not known / no group
    seconds: float
    share: float  # of the total speaking time, 0..1 (0 when nobody spoke)


def _shares(times: Iterable[Timed], key: Callable[[Participant], str | None], order: tuple[str, ...]) -> list[Share]:
    totals: dict[str | None, float] = {}
    for person, seconds in times:
        k = key(person)
        totals[k] = totals.get(k, 0.0) + seconds
    whole = sum(totals.values())
    rank = {k: i for i, k in enumerate(order)}
    keys = sorted(totals, key=lambda k: (k is None, rank.get(k, len(order)), k or ""))
    return [Share(k, totals[k], totals[k] / whole if whole > 0 else 0.0) for k in keys]


def shares_by_region(times: Iterable[Timed]) -> list[Share]:
    """Speaking time per UN regional group (regions.GROUPS order); None = no country or no group."""
    return _shares(times, lambda p: regional_group(p.country), GROUPS)


def shares_by_category(times: Iterable[Timed]) -> list[Share]:
    """Speaking time per participant category, in the vocabulary's order."""
    return _shares(times, lambda p: p.category, CATEGORIES)


def shares_by_gender(times: Iterable[Timed]) -> list[Share]:
    """Speaking time per gender (f, m, x); None = not recorded, last."""
    return _shares(times, lambda p: p.gender, GENDERS)


def delegation(person: Participant) -> str:
    """Whom a speaker speaks for: the country code, else the organisation, else the person."""
    return person.country or person.organisation or person.name


def seconds_by_delegation(times: Iterable[Timed]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for person, seconds in times:
        key = delegation(person)
        totals[key] = totals.get(key, 0.0) + seconds
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


def delegation_gini(times: Iterable[Timed]) -> float:
    """The Gini coefficient of speaking time across the delegations that spoke."""
    return gini(seconds_by_delegation(times).values())


_GINI_MEANING = {
    "en": "{zero} means every delegation spoke equally long; {one} that one delegation spoke alone. Here: {g} — {verdict}",
    "ru": "{zero} означает, что все делегации выступали одинаково долго; {one} — что выступала только одна "
          "делегация. Здесь: {g} — {verdict}",
    "kk": "{zero} барлық делегация бірдей уақыт сөйлегенін, {one} тек бір делегация сөйлегенін білдіреді. "
          "Мұнда: {g} — {verdict}",
}
# Upper bounds of each verdict, then the verdict per language.
_VERDICTS: list[tuple[float, dict[str, str]]] = [
    (0.15, {"en": "speaking time was shared almost equally.",
            "ru": "время выступлений распределилось почти поровну.",
            "kk": "сөз уақыты шамамен тең бөлінді."}),
    (0.35, {"en": "speaking time was shared fairly evenly.",
            "ru": "время выступлений распределилось довольно равномерно.",
            "kk": "сөз уақыты едәуір біркелкі бөлінді."}),
    (0.55, {"en": "speaking time was shared moderately unevenly.",
            "ru": "время выступлений распределилось умеренно неравномерно.",
            "kk": "сөз уақыты біршама біркелкі бөлінбеді."}),
    (1.01, {"en": "speaking time was concentrated in a few delegations.",
            "ru": "время выступлений пришлось в основном на немногие делегации.",
            "kk": "сөз уақыты негізінен бірнеше делегацияға тиесілі болды."}),
]


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang in ("ru", "kk") else text  # decimal comma in ru and kk


def gini_sentence(g: float, lang: str = "en") -> str:
    """One sentence saying what the coefficient `g` means, in en, ru or kk."""
    lang = lang if lang in _GINI_MEANING else "en"
    verdict = next(words[lang] for bound, words in _VERDICTS if g < bound)
    return _GINI_MEANING[lang].format(
        zero=_number(0, lang), one=_number(1, lang), g=_number(g, lang), verdict=verdict
    )
