"""Finding people in the roster as the moderator types: the one matching model for people, used by
the speaker picker, the participants screen (`f2`), the `/` search, the CLI's `participants find`
and, through the same spellings, the duplicate check (domain/person_duplicates.py).

**Matching.** Every word of the query must be the start of a word of the person: of the name, the
organisation, or the country (its code and its names in English, Russian and Kazakh), in any order.
A person's name and organisation count as registered and as given in other languages
(`Participant.translations`: "Мусин" finds Bagdat Mussin by his registered Russian and Kazakh name,
Бағдат Мусин, as well as through transliteration).
Never a piece inside a word: "le" finds Lee and Leila, not Kalenov. A name word matches in any of
its spellings (domain/transliteration.py): "mynb" finds Мынбаев, "Ольга" finds Olga, "Tulegen"
finds Төлеген, "Akh" finds Ахметов.

**Ranking**, for each word of the query, best first:
  0. a name word spelled exactly so (the surname typed whole: "Kim" finds Kim before Kimberly);
  1. a name word that starts so as it is written ("Мынб" starts Мынбаев);
  2. a name word that starts so in one of its romanisations ("Мынб" is "Mynb", which starts
     Mynbayev; "Zh" starts Жаксыбеков's Zhaksybekov);
  3. a name word that starts so through a variant ("Zh" meets the j of Jaksybekov, "Yerl" Erlan);
  4. a name word that starts so but for one slip (a letter wrong, missing or doubled) — only for
     query words of five letters or more, where a slip is a slip and not another name;
  5. a word of the organisation;
  6. a word of the country's names.
A person's place is the worst of their words' ranks, then the sum, then the roster's order (by
name). So "Rus" lists Rustam and Rusakova before any Russian national, "kaz" finds people named
Kaz… before the Government of Kazakhstan and before everyone from Kazakhstan.

**Speed.** The index is built once (off the event loop: ~0.2 s for 1,000 people, ~1 s for 10,000); a keystroke then
only looks words up in sorted lists, merges sets of people and sorts the few it shows: under 5 ms
for 10,000 people (make bench).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.text_match import fold
from roundtable.domain.transliteration import name_words, word_spellings

DEFAULT_LIMIT = 30  # about what a picker shows at once; "30 of 120 shown: keep typing"
SLIP_FROM = 5  # letters in a query word before a slip is forgiven
EXACT, WRITTEN, PREFIX, VARIANT, SLIP, ORGANISATION, COUNTRY = range(7)
RANKED_WORDS = 3  # query words that order the matches; later ones only filter
_HIGH = "\U0010ffff"

# Words of an organisation's name that start nobody's search ("Ministry of ..." is not found by "o").
ORGANISATION_STOPWORDS = frozenset(
    "of and the for in on at to a an de la le les du des el y e et und für der die das "
    "и в во на по для при о об с со мен және бен пен үшін".split()
)


@dataclass(frozen=True)
class SearchResult:
    matches: list[Participant]  # at most `limit`, best first
    total: int  # how many matched in all
    # Parallel to `matches`: each one's rank per query word (EXACT ... COUNTRY); equal ranks are a
    # tie, shown in the roster's order.
    ranks: list[tuple[int, ...]] = field(default_factory=list)


class _Field:
    """The words of one kind of field (names, organisations, countries) for every person: sorted
    unique strings and, for each, the people (positions in the roster) who have it."""

    def __init__(self) -> None:
        self.people: dict[str, set[int]] = {}
        self.sorted: list[str] = []
        self.by_start: dict[str, set[int]] = {}  # one- and two-letter starts: the widest lookups

    def add(self, text: str, person: int) -> None:
        found = self.people.get(text)
        if found is None:
            self.people[text] = {person}
        else:
            found.add(person)

    def seal(self) -> None:
        self.sorted = sorted(self.people)
        for text, people in self.people.items():
            for n in (1, 2):
                if len(text) >= n:
                    self.by_start.setdefault(text[:n], set()).update(people)

    def exact(self, text: str) -> set[int]:
        return self.people.get(text, set())

    def starting(self, text: str, into: set[int]) -> None:
        """Add to `into` everyone with a word that starts with `text`."""
        if len(text) <= 2:
            into |= self.by_start.get(text, set())
            return
        at = bisect_left(self.sorted, text)
        end = bisect_left(self.sorted, text + _HIGH, at)
        for word in self.sorted[at:end]:
            into |= self.people[word]


class _Slips:
    """Name keys cut to each length and grouped by their first letter, for one-slip matches of a
    query word against the start of a name word. The first letter must be right: a slip there
    would be a match inside a word ("ussin" is not Mussin)."""

    def __init__(self, keys: dict[str, set[int]]):
        self._keys = keys
        self._cut: dict[int, dict[str, tuple[list[str], list[list[str]]]]] = {}

    def _at(self, n: int) -> dict[str, tuple[list[str], list[list[str]]]]:
        cut = self._cut.get(n)
        if cut is None:
            # A key's first n letters, and keys one letter shorter whole (a letter missing at the end).
            starts: dict[str, dict[str, list[str]]] = {}
            for key in self._keys:
                if len(key) >= n - 1:
                    starts.setdefault(key[0], {}).setdefault(key[:n], []).append(key)
            cut = self._cut[n] = {first: (list(group), list(group.values())) for first, group in starts.items()}
        return cut

    def prepare(self, longest: int) -> None:
        for n in range(SLIP_FROM - 1, longest + 2):
            self._at(n)

    def near(self, key: str, into: set[int]) -> None:
        """Add to `into` everyone with a name word whose start is one edit from `key`."""
        for n in (len(key), len(key) + 1):
            choices, owners = self._at(n).get(key[0], ((), ()))
            if not choices:
                continue
            for _choice, _distance, i in process.extract(key, choices, scorer=Levenshtein.distance,
                                                          score_cutoff=1, limit=None):
                for owner in owners[i]:
                    into |= self._keys[owner]


class RosterIndex:
    """A roster prepared for search-as-you-type (case-, accent- and script-insensitive)."""

    def __init__(self, people: Iterable[Participant]):
        self.people: list[Participant] = list(people)
        self._names_written, self._name_literals, self._name_keys = _Field(), _Field(), _Field()
        self._organisations, self._organisation_keys = _Field(), _Field()
        self._countries = _Field()
        self._folded_names: set[str] = set()
        countries: dict[str, list[str]] = {}
        longest = 0
        for i, person in enumerate(self.people):
            names = person.every_text("name")  # as registered, and in Russian and Kazakh (name_ru, name_kk)
            for name in names:
                self._folded_names.add(" ".join(fold(name).split()))
            for word in dict.fromkeys(w for name in names for w in name_words(name)):
                self._names_written.add(word, i)
                spelt = word_spellings(word)
                for literal in spelt.literals:
                    self._name_literals.add(literal, i)
                for key in spelt.keys:
                    self._name_keys.add(key, i)
                    longest = max(longest, len(key))
            organisations = " ".join(person.every_text("organisation"))
            for word in dict.fromkeys(name_words(organisations)):
                if word in ORGANISATION_STOPWORDS:
                    continue
                spelt = word_spellings(word)
                for literal in spelt.literals:
                    self._organisations.add(literal, i)
                for key in spelt.keys:
                    self._organisation_keys.add(key, i)
            code = person.country
            if code:
                if code not in countries:
                    names = " ".join(country_name(code, lang) for lang in ("en", "ru", "kk"))
                    countries[code] = [fold(code), *dict.fromkeys(name_words(names))]
                for word in countries[code]:
                    self._countries.add(word, i)
        for field in (self._names_written, self._name_literals, self._name_keys, self._organisations, self._organisation_keys,
                      self._countries):
            field.seal()
        self._slips = _Slips(self._name_keys.people)
        self._slips.prepare(min(longest, 16))

    def __len__(self) -> int:
        return len(self.people)

    def _ranks(self, word: str) -> list[set[int]]:
        """The people a query word matches, by rank (EXACT ... COUNTRY), each person at their best."""
        # Each set leaves out who is in a better one: a person is counted once, at their best.
        spelt = word_spellings(word)
        literals = spelt.literals
        keys = spelt.keys
        exact: set[int] = set()
        for literal in literals:
            exact |= self._name_literals.exact(literal)
        for key in keys:
            exact |= self._name_keys.exact(key)
        written: set[int] = set()
        self._names_written.starting(word, written)
        written -= exact
        prefix: set[int] = set()
        for literal in literals:
            self._name_literals.starting(literal, prefix)
        prefix -= exact
        prefix -= written
        variant: set[int] = set()
        for key in keys:
            self._name_keys.starting(key, variant)
        variant -= exact
        variant -= written
        variant -= prefix
        named = exact | written | prefix | variant
        slip: set[int] = set()
        if len(word) >= SLIP_FROM:
            for key in keys:
                if len(key) >= SLIP_FROM - 1:
                    self._slips.near(key, slip)
            slip -= named
            named |= slip
        organisation: set[int] = set()
        for literal in literals:
            self._organisations.starting(literal, organisation)
        for key in keys:
            self._organisation_keys.starting(key, organisation)
        organisation -= named
        country: set[int] = set()
        self._countries.starting(word, country)
        if country:
            country -= named
            country -= organisation
        return [exact, written, prefix, variant, slip, organisation, country]

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
        """People matching every word of `query`, best first (see the module's docstring)."""
        words = list(dict.fromkeys(name_words(query, joined=False)))
        if not words:
            return SearchResult(self.people[:limit], len(self.people), [()] * min(limit, len(self.people)))
        ranked = [self._ranks(w) for w in words]
        matched: set[int] | None = None
        for ranks in ranked:
            everyone = set().union(*ranks)
            matched = everyone if matched is None else matched & everyone
            if not matched:
                return SearchResult([], 0)
        shown: list[int] = []
        shown_ranks: list[tuple[int, ...]] = []
        for combination in _combinations(min(len(ranked), RANKED_WORDS)):
            group = matched
            for ranks, rank in zip(ranked, combination):
                group = group & ranks[rank]
                if not group:
                    break
            if group:
                taken = sorted(group)[: limit - len(shown)]
                shown += taken
                shown_ranks += [combination] * len(taken)
                if len(shown) >= limit:
                    break
        return SearchResult([self.people[i] for i in shown], len(matched), shown_ranks)

    def knows_name(self, name: str) -> bool:
        """True when someone in the roster has exactly this name (folded)."""
        return " ".join(fold(name).split()) in self._folded_names


def matched_on(ranks: tuple[int, ...]) -> str:
    """ "name", "organisation" or "country": the field that matched a person's weakest query word."""
    worst = max(ranks, default=EXACT)
    return "country" if worst == COUNTRY else "organisation" if worst == ORGANISATION else "name"


_COMBINATIONS: dict[int, list[tuple[int, ...]]] = {}


def _combinations(words: int) -> list[tuple[int, ...]]:
    """Every choice of a rank per word, best first: by the worst rank, then by their sum."""
    found = _COMBINATIONS.get(words)
    if found is None:
        from itertools import product

        found = _COMBINATIONS[words] = sorted(product(range(COUNTRY + 1), repeat=words), key=lambda c: (max(c), sum(c), c))
    return found
