"""The same person registered twice under two spellings: "Бағдат Мусин" and "Bagdat Mussin", or
"Julia Glіdden" with a Cyrillic "і" beside "Julia Glidden".

Two people are likely one when their names have the same words in some spelling of each
(domain/transliteration.py: the keys the roster search matches by), in any order, and nothing
tells them apart: the same organisation, or the same country, or one of them with neither (someone
added on the spot from the picker has only a name); two countries that differ tell them apart. A
name that mixes Latin and Cyrillic letters is a copy-and-paste slip, not another person: such a
pair is listed even when their organisations differ.

Two rows with the same name and organisation are not listed here: they are one person already
(domain/ids.py), which the import says on its own. The list only proposes: a person decides to merge
(the participants screen, `d`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from roundtable.domain.countries import country_name
from roundtable.domain.ids import person_key
from roundtable.domain.models import Participant
from roundtable.domain.name_text import lookalike_letters, mixed_scripts, scripts
from roundtable.domain.text_match import fold
from roundtable.domain.transliteration import name_words, word_spellings

MAX_SIGNATURES = 32  # spellings of one full name compared (each word's keys, combined)


@dataclass(frozen=True)
class LikelyDuplicate:
    first: int  # positions in the list given, first < second
    second: int
    why: str  # "the same name in Latin and Cyrillic", ...
    shared: str  # "the same organisation", "the same country, Kazakhstan", ...

    def describe(self, first: str, second: str) -> str:
        """ "'Bagdat Mussin' and 'Бағдат Мусин' may be one person: the same name in Latin and
        Cyrillic, the same country, Kazakhstan" (`first`/`second` say where each one is)."""
        return f"{first} and {second} may be one person: {self.why}, {self.shared}"


def _signatures(name: str) -> set[tuple[str, ...]]:
    words = name_words(name, joined=False)
    if not words:
        return set()
    choices = [sorted(word_spellings(w).keys) or [w] for w in words]
    out = set()
    for combination in product(*choices):
        out.add(tuple(sorted(combination)))
        if len(out) >= MAX_SIGNATURES:
            break
    return out


def _person_signatures(person: Participant) -> set[tuple[str, ...]]:
    """The signatures of a person's name as registered and in every other language given (name_ru,
    name_kk): "Bagdat Mussin" registered as Багдат Мусин in Russian is the Багдат Мусин of another row."""
    return set().union(*(_signatures(name) for name in person.every_text("name")))


def _identity(person: Participant) -> tuple[str, str]:
    """Who a record is by the roster's one same-person rule (domain/ids.py)."""
    return person_key(person.name, person.organisation)


def _organisation(person: Participant) -> str:
    return " ".join(sorted(min(word_spellings(w).keys, default=w) for w in name_words(person.organisation or "",
                                                                                       joined=False)))


def _why(a: Participant, b: Participant) -> str:
    for person in (a, b):
        mixed = [w for w in person.name.split() if mixed_scripts(fold(w))]
        if mixed:
            letters = lookalike_letters(mixed[0])
            kind = "Cyrillic" if scripts(letters) == {"cyrillic"} else "Latin"
            other = "Latin" if kind == "Cyrillic" else "Cyrillic"
            return f"'{person.name}' has a {kind} {letters} among {other} letters"
    sa, sb = scripts(a.name), scripts(b.name)
    if sa != sb and {"latin", "cyrillic"} <= sa | sb:
        return "the same name in Latin and Cyrillic"
    if _identity(a)[0] == _identity(b)[0]:
        return "the same name"
    return "the same name spelled two ways"


def _shared(a: Participant, b: Participant, lookalike: bool) -> str | None:
    """What the two have in common that says they may be one; None when something tells them apart."""
    if a.country and b.country and a.country != b.country:
        return None
    if a.organisation and b.organisation and _organisation(a) == _organisation(b):
        return "the same organisation"
    if a.country and a.country == b.country:
        return f"the same country, {country_name(a.country)}"
    if not (a.organisation or a.country) or not (b.organisation or b.country):
        return "no organisation or country to tell them apart"
    if lookalike:
        return "names that look the same"
    return None


def likely_duplicates(people: Sequence[Participant]) -> list[LikelyDuplicate]:
    """Every pair of `people` likely to be one person, in the list's order."""
    by_signature: dict[tuple[str, ...], list[int]] = {}
    for i, person in enumerate(people):
        for signature in _person_signatures(person):
            by_signature.setdefault(signature, []).append(i)
    candidates: set[tuple[int, int]] = set()
    for group in by_signature.values():
        if len(group) > 1:
            candidates.update((a, b) for n, a in enumerate(group) for b in group[n + 1:] if a != b)
    found = []
    for a, b in sorted(candidates):
        first, second = people[a], people[b]
        if _identity(first) == _identity(second):
            continue  # one person already: same name and organisation
        lookalike = any(mixed_scripts(fold(w)) for w in f"{first.name} {second.name}".split())
        shared = _shared(first, second, lookalike)
        if shared is not None:
            found.append(LikelyDuplicate(a, b, _why(first, second), shared))
    return found


def likely_duplicates_of(incoming: Sequence[Participant], known: Sequence[Participant]) -> list[LikelyDuplicate]:
    """Pairs of one person of `incoming` (a list being imported) and one of `known` (the roster
    already there) likely to be one person: `first` indexes `incoming`, `second` `known`. A pair the
    same by name and organisation is left out (the import updates that person), and so is anyone of
`known` who is in `incoming` too (the same list imported again)."""
    arriving = {_identity(p) for p in incoming}  # in the roster already from an earlier import of the list
    together = [*incoming, *known]
    cut = len(incoming)
    return [LikelyDuplicate(d.first, d.second - cut, d.why, d.shared) for d in likely_duplicates(together)
            if d.first < cut <= d.second and _identity(together[d.second]) not in arriving]
