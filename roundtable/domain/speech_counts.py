"""How many interventions of each speech type and in each language, for the statistics section."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from roundtable.domain.vocabulary import SPEECH_TYPES


class Intervention(Protocol):
    speech_type: str
    language: str | None


def count_by_speech_type(interventions: Iterable[Intervention]) -> list[tuple[str, int]]:
    """(speech type, count) in the vocabulary's order (statement, reply, question, point of order),
    every type listed, zero included, so tables line up across sessions."""
    counts = Counter(i.speech_type for i in interventions)
    extra = sorted(k for k in counts if k not in SPEECH_TYPES)
    return [(k, counts.get(k, 0)) for k in (*SPEECH_TYPES, *extra)]


def count_by_language(
    interventions: Iterable[Intervention], languages: Iterable[str] = ()
) -> list[tuple[str, int]]:
    """(language, count): the forum's `languages` first, in their order (zero included), then any
    other language met, alphabetically. An intervention with no language recorded was given in the
    forum's first language (the default), so it counts there."""
    order = list(languages)
    default = order[0] if order else None
    counts = Counter((i.language or default) for i in interventions)
    unknown = counts.pop(None, 0)
    rows = [(k, counts.get(k, 0)) for k in order]
    rows += [(k, counts[k]) for k in sorted(k for k in counts if k not in order)]
    if unknown:
        rows.append(("", unknown))  # no language recorded and no forum default
    return rows
