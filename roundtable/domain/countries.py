"""Countries as people write them, read as ISO 3166-1 alpha-2 codes; and as documents name them.

One resolver serves the registration lists, the participants screen's country field and the
programme's `country` fields. It knows, case, accents, punctuation and articles ignored
(`country_key`):

1. the ISO 3166-1 alpha-2 and alpha-3 codes (pycountry);
2. the names the document writes (the catalogues' UN names, catalogues/*.toml) and the aliases a
   registration list uses that no library has (catalogues/country-aliases.toml, each with its
   source);
3. the ISO 3166-1 names in English: short, official and common ("Korea, Republic of", "Republic of
   Moldova", "South Korea"; pycountry), an inverted name also turned round ("Republic of Korea");
4. CLDR's names through Babel in the six UN languages, Kazakh and every catalogue's language
   ("Россия", "Ресей", "Allemagne", "Alemania", "روسيا", "德国");
5. the ISO 3166-1 names as the iso-codes project translates them into those languages (pycountry's
   gettext catalogues: "Российская Федерация", "Корея, Республика" and "Республика Корея");
6. the ISO 3166-3 former names whose code points to one successor ("Burma" -> MM, "Zaire" -> CD).

A name keeps the first level that gives it: a later source never overrides an earlier one, and a
name two countries claim within one level is left to the levels below (or unknown), never guessed.
country_converter was not taken: it brings pandas (and numpy) for a table of English regular
expressions, and what it knows that these do not is in the aliases, with it named as the source.
"""

from __future__ import annotations

import gettext
import re
from functools import cache

from roundtable.domain import catalogue
from roundtable.domain.text_match import fold

# The six official languages of the United Nations, and Kazakh (the forum's host).
NAME_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh", "kk")
_GETTEXT_LANGUAGES = {"zh": "zh_CN"}  # iso-codes' catalogue names where they differ from the code

_DOTS_AND_APOSTROPHES = re.compile(r"[.'’ʼ`´]")  # "U.S.A." is "usa", "Cote d'Ivoire" "cote divoire"
_NOT_WORD = re.compile(r"[\W_]+")
_LEADING_ELISION = re.compile(r"^l['’]")  # French "l'Inde"
_ARTICLES = frozenset({"the", "le", "la", "les", "el", "los", "las"})


def country_key(text: str) -> str:
    """What is compared: case, accents, punctuation, "&" for "and" and articles ignored, so
    "The Gambia", "GAMBIA" and "gambia." are one key, and "St. Lucia" is "St Lucia"."""
    folded = _LEADING_ELISION.sub("", fold(text.strip()))
    folded = _DOTS_AND_APOSTROPHES.sub("", folded.replace("&", " and "))
    words = _NOT_WORD.sub(" ", folded).split()
    return " ".join([word for word in words if word not in _ARTICLES] or words)  # "LA" is Laos


KnownName = catalogue.CountryName


def known_names() -> list[KnownName]:
    """Every name the resolver was built from, level by level (see the module's docstring)."""
    return [name for level in _levels() for name in level]


@cache
def _levels() -> tuple[tuple[KnownName, ...], ...]:
    import pycountry

    codes = frozenset(catalogue.iso_codes())
    countries = [c for c in pycountry.countries if c.alpha_2 in codes]
    iso_fields = ("name", "official_name", "common_name")

    def iso_names(country) -> list[str]:
        return [getattr(country, f) for f in iso_fields if getattr(country, f, None)]

    def turned(names: list[str]) -> list[str]:
        """ISO's inverted names also turned round, as UN usage writes them: "Korea, Republic of" is
        also "Republic of Korea", "Corée, République de" "République de Corée"."""
        out = []
        for name in names:
            out.append(name)
            head, comma, tail = name.partition(", ")
            if comma and ", " not in tail:
                out.append(f"{tail} {head}")
        return out

    level_codes = [KnownName(c.alpha_2, c.alpha_2, "ISO 3166-1 alpha-2") for c in countries]
    level_codes += [KnownName(c.alpha_3, c.alpha_2, "ISO 3166-1 alpha-3") for c in countries]

    documents: list[KnownName] = []
    for lang in catalogue.available():
        try:
            names = catalogue.catalogue(lang).data.get("countries", {})
        except catalogue.CatalogueError:
            continue  # a broken catalogue file is reported where the document uses it
        documents += [KnownName(name, code, f"catalogues/{lang}.toml") for code, name in names.items()]
    documents += [KnownName(a.name, a.code, "catalogues/country-aliases.toml: " + a.source)
                  for a in catalogue.country_aliases()]

    english = [KnownName(name, c.alpha_2, "ISO 3166-1 (pycountry)") for c in countries for name in turned(iso_names(c))]

    languages = dict.fromkeys([*NAME_LANGUAGES, *catalogue.available()])
    cldr = [KnownName(name, code, f"CLDR {lang} (Babel)")
            for lang in languages for code, name in _cldr_names(lang).items() if code in codes]

    translated = []
    for lang in languages:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                              languages=[_GETTEXT_LANGUAGES.get(lang, lang)])
        except OSError:
            continue  # iso-codes has no catalogue for this language
        translated += [KnownName(name, c.alpha_2, f"ISO 3166-1 in {lang} (iso-codes)")
                       for c in countries for name in turned([translation.gettext(n) for n in iso_names(c)])]

    former = []
    for old in pycountry.historic_countries:
        successor = getattr(old, "alpha_4", "")[2:]
        if successor in codes:
            short = old.name.split(",")[0]  # "Burma, Socialist Republic of the Union of" -> "Burma"
            former += [KnownName(name, successor, "ISO 3166-3 former name") for name in dict.fromkeys([old.name, short])]
    return tuple(tuple(level) for level in (level_codes, documents, english, cldr, translated, former))


def _cldr_names(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for level in _levels():
        claims: dict[str, set[str]] = {}
        for known in level:
            key = country_key(known.name)
            if key and key not in index:
                claims.setdefault(key, set()).add(known.code)
        index.update({key: next(iter(found)) for key, found in claims.items() if len(found) == 1})
    return index


def ambiguous_names() -> dict[str, set[str]]:
    """Keys two countries claim at the level that would have given them, and no earlier level
    settles: they resolve to no country (for tests and for the curious)."""
    index = _index()
    found: dict[str, set[str]] = {}
    for level in _levels():
        claims: dict[str, set[str]] = {}
        for known in level:
            claims.setdefault(country_key(known.name), set()).add(known.code)
        found.update({k: v for k, v in claims.items() if k and len(v) > 1 and k not in index})
    return found


def country_code(text: str | None) -> str | None:
    """The ISO alpha-2 code of a country written as a code or a name; None when `text` is blank or
    names no country roundtable knows."""
    if text is None:
        return None
    key = country_key(text)
    return _index().get(key) if key else None


def is_country(code: str) -> bool:
    return code.upper() in catalogue.iso_codes()


def normalise_country(text: str | None) -> str | None:
    """The ISO alpha-2 code for a code or a name; None for a blank; raises ValueError for a text
    that names no country roundtable knows."""
    if text is None or not text.strip():
        return None
    code = country_code(text)
    if code is None:
        raise ValueError(f'"{text.strip()}" is not a country roundtable knows (write its ISO code, such as "KZ", '
                         "or its name in a UN language or Kazakh)")
    return code


def country_name(code: str | None, lang: str = "en") -> str:
    """The country's short name in `lang`; the code itself when unknown."""
    try:
        return catalogue.catalogue(lang).country(code)
    except catalogue.CatalogueError:
        return catalogue.catalogue().country(code)
