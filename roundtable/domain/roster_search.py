"""Finding people in the roster as the moderator types: name, country (code or name, in en/ru/kk),
organisation, in any script.

The roster is prepared once when the picker first opens (each field folded, and transliterated
to a spelling key: domain/transliteration.py); each keystroke then only scans plain strings, which
keeps a 1,000-person roster well inside a key's time budget. A word matches when it is found in
the folded fields as typed, or in their spelling keys: "musin" finds Мусин, "aigul" finds Айгүл,
"Добролюбова" finds Dobrolyubova, accents and case ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.text_match import fold
from roundtable.domain.transliteration import spelling_key

DEFAULT_LIMIT = 30  # about what a picker shows at once; "30 of 120 shown: keep typing"


@dataclass(frozen=True)
class SearchResult:
    matches: list[Participant]  # at most `limit`, best first
    total: int  # how many matched in all


@dataclass(frozen=True)
class _Entry:
    name: str  # folded
    name_key: str  # spelling key
    name_parts: tuple[str, ...]  # the folded name's words
    key_parts: tuple[str, ...]  # the spelling key's words
    haystack: str  # every searchable field, folded
    haystack_key: str  # and their spelling keys
    person: Participant


class RosterIndex:
    """A roster prepared for search-as-you-type (case-, accent- and script-insensitive)."""

    def __init__(self, people: Iterable[Participant]):
        self._entries: list[_Entry] = []
        countries: dict[str, list[str]] = {}
        for person in people:
            code = person.country or ""
            fields = [person.name, person.organisation or "", code]
            if code:
                if code not in countries:
                    countries[code] = [country_name(code, lang) for lang in ("en", "ru", "kk")]
                fields += countries[code]
            haystack = " ".join(fold(f) for f in fields if f)
            name, name_key = fold(person.name), spelling_key(person.name)
            self._entries.append(_Entry(name, name_key, tuple(name.split()), tuple(name_key.split()), haystack,
                                        spelling_key(haystack), person))
        self._folded_names = {e.name for e in self._entries}
        # The last search and the entries it matched: typing one more letter can only narrow them,
        # so the next search looks only there (a key in the picker scans a handful, not the roster).
        self._last: tuple[tuple[tuple[str, str], ...], list[_Entry]] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def _candidates(self, words: tuple[tuple[str, str], ...]) -> list[_Entry]:
        if self._last is not None:
            before, matched = self._last
            # Each word as typed before is still there, only longer (or a word was added).
            if len(before) <= len(words) and all(
                w.startswith(old_w) and k.startswith(old_k) for (old_w, old_k), (w, k) in zip(before, words)
            ):
                return matched
        return self._entries

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
        """People matching every word of `query`; those whose name starts with it come first."""
        words = tuple((w, k) for w, k in ((fold(w), spelling_key(w)) for w in query.split()) if w)
        if not words:
            self._last = None
            return SearchResult([e.person for e in self._entries[:limit]], len(self._entries))
        first_word, first_key = words[0]
        first, second = [], []
        matched: list[_Entry] = []
        for entry in self._candidates(words):
            if all(w in entry.haystack or (k and k in entry.haystack_key) for w, k in words):
                matched.append(entry)
                if len(first) >= limit:
                    continue  # the list shown is full of names that start with the word: only counted
                starts = any(part.startswith(first_word) for part in entry.name_parts) or (
                    first_key and any(part.startswith(first_key) for part in entry.key_parts))
                (first if starts else second).append(entry.person)
        self._last = (words, matched)
        found = first + second
        return SearchResult(found[:limit], len(matched))

    def knows_name(self, name: str) -> bool:
        """True when someone in the roster has exactly this name (folded)."""
        return fold(name.strip()) in self._folded_names
