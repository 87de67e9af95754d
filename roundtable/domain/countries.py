"""Countries as the roster writes them (ISO code, alpha-3 code or a name) and as documents name them.

The codes come from CLDR's ISO 3166-1 mappings and the names from the language catalogues
(`domain/catalogue.py`): Babel's names, with UN usage where it differs.
"""

from __future__ import annotations

from functools import cache

from roundtable.domain import catalogue
from roundtable.domain.text_match import fold


@cache
def _by_folded_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in catalogue.available():
        try:
            names.update({fold(name): code for code, name in catalogue.country_names(lang).items()})
        except catalogue.CatalogueError:
            continue  # a broken catalogue file is reported where the document uses it
    names.update({fold(alias): code for alias, code in catalogue.alpha3().items()})
    names.update({fold(alias): code for alias, code in catalogue.country_aliases().items()})
    names.update({fold(name): code for code, name in catalogue.country_names("en").items()})
    return names


def is_country(code: str) -> bool:
    return code.upper() in catalogue.iso_codes()


def normalise_country(text: str | None) -> str | None:
    """The ISO alpha-2 code for a code or a name; raises ValueError for an unknown country."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if len(value) == 2 and is_country(value):
        return value.upper()
    code = _by_folded_name().get(fold(value))
    if code is None:
        raise ValueError(f'"{text}" is not a country (use an ISO code such as "KZ" or an English name)')
    return code


def country_name(code: str | None, lang: str = "en") -> str:
    """The country's short name in `lang`; the code itself when unknown."""
    try:
        return catalogue.catalogue(lang).country(code)
    except catalogue.CatalogueError:
        return catalogue.catalogue().country(code)
