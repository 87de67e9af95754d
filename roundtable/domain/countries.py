"""Countries as the roster writes them (ISO code or English name) and as documents name them."""

from roundtable.domain.country_data import ALIASES, NAMES
from roundtable.domain.text_match import fold

_LANG_INDEX = {"en": 0, "ru": 1, "kk": 2}
_BY_FOLDED_ALIAS = {fold(alias): code for alias, code in ALIASES.items()}
_BY_FOLDED_ALIAS.update({fold(names[0]): code for code, names in NAMES.items()})
_BY_FOLDED_ALIAS.update(
    {
        "uk": "GB", "great britain": "GB", "england": "GB", "usa": "US", "united states": "US",
        "korea": "KR", "south korea": "KR", "russia": "RU", "turkey": "TR", "czech republic": "CZ",
        "vietnam": "VN", "iran": "IR", "syria": "SY", "laos": "LA", "moldova": "MD",
        "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE", "ivory coast": "CI",
        "cote d'ivoire": "CI", "kazakstan": "KZ", "the netherlands": "NL", "holland": "NL",
    }
)


def normalise_country(text: str | None) -> str | None:
    """The ISO alpha-2 code for a code or a name; raises ValueError for an unknown country."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if len(value) == 2 and value.upper() in NAMES:
        return value.upper()
    code = _BY_FOLDED_ALIAS.get(fold(value))
    if code is None:
        raise ValueError(f'"{text}" is not a country (use an ISO code such as "KZ" or an English name)')
    return code


def country_name(code: str | None, lang: str = "en") -> str:
    """The country's short name in `lang` (en, ru or kk); the code itself when unknown."""
    if not code:
        return ""
    names = NAMES.get(code.upper())
    if names is None:
        return code
    return names[_LANG_INDEX.get(lang, 0)]
