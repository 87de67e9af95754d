"""Case- and accent-insensitive matching, so "ecole" finds École and "mussin" finds Mussin."""

import unicodedata

# Letters that carry no combining mark to strip but that users type without.
_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def fold(text: str) -> str:
    """Lower-cased text without diacritics; Cyrillic and Kazakh letters stay themselves."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Recompose so that Kazakh letters such as "ә" or "й" stay one letter where they had one.
    return unicodedata.normalize("NFC", stripped).translate(_FOLDS)

