"""Case- and accent-insensitive matching, so "ecole" finds École and "mussin" finds Mussin."""

import unicodedata
from functools import lru_cache

# Letters that carry no combining mark to strip but that users type without.
_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-cased text without diacritics; Cyrillic and Kazakh letters stay themselves.

    Cached: a roster folds the same organisations and countries over and over."""
    if text.isascii():
        return text.casefold()  # nothing to decompose, nothing in _FOLDS
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Recompose so that Kazakh letters such as "ә" or "й" stay one letter where they had one.
    return unicodedata.normalize("NFC", stripped).translate(_FOLDS)

