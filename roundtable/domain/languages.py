"""Languages of the floor: the forum's working languages and what an intervention was given in."""

from __future__ import annotations

from collections.abc import Sequence

from roundtable.domain.vocabulary import cycle


def language_name(code: str | None) -> str:
    """The language's English name (Babel's), as the screens show it; the code in capitals if unknown."""
    if not code:
        return ""
    from roundtable.domain.catalogue import catalogue

    name = catalogue("en").language(code.lower())
    return name if name != code.lower() else code.upper()


def spoken_in(language: str | None, forum_languages: Sequence[str]) -> str:
    """The language of an intervention: the one recorded, else the forum's first."""
    return language or (forum_languages[0] if forum_languages else "en")


def next_language(language: str | None, forum_languages: Sequence[str]) -> str:
    """`l`: the forum's language after the intervention's current one, wrapping round."""
    return cycle(tuple(forum_languages), spoken_in(language, forum_languages))
