"""Finding people in the roster as the moderator types: name, country (code or name), organisation.

The roster is folded once when the picker opens; each keystroke then only scans plain strings,
which keeps a 1,000-person roster instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.text_match import fold

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class SearchResult:
    matches: list[Participant]  # at most `limit`, best first
    total: int  # how many matched in all


class RosterIndex:
    """A roster prepared for search-as-you-type (case- and accent-insensitive)."""

    def __init__(self, people: Iterable[Participant]):
        self._entries: list[tuple[str, str, Participant]] = []
        for person in people:
            code = person.country or ""
            fields = [person.name, person.organisation, code]
            if code:
                fields += [country_name(code, lang) for lang in ("en", "ru", "kk")]
            haystack = " ".join(fold(f) for f in fields if f)
            self._entries.append((fold(person.name), haystack, person))
        self._folded_names = {name for name, _, _ in self._entries}

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
        """People matching every word of `query`; those whose name starts with it come first."""
        words = fold(query).split()
        if not words:
            return SearchResult([e[2] for e in self._entries[:limit]], len(self._entries))
        first, second = [], []
        for name, haystack, person in self._entries:
            if all(word in haystack for word in words):
                starts = any(part.startswith(words[0]) for part in name.split())
                (first if starts else second).append(person)
        found = first + second
        return SearchResult(found[:limit], len(found))

    def knows_name(self, name: str) -> bool:
        """True when someone in the roster has exactly this name (folded)."""
        return fold(name.strip()) in self._folded_names
