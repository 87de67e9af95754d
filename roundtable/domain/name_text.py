"""What a person's name may hold: no invisible or direction-control characters, and which scripts
its letters come from.

A registration list copied from a web page or a PDF brings characters nobody sees: a zero-width
space (U+200B), a byte-order mark (U+FEFF), direction marks and overrides (U+200E/F, U+202A–U+202E),
isolates (U+2066–U+2069), a soft hyphen. Each makes "Bagdat Mussin" a different string, so a second,
identical-looking person, and an override (U+202E) even shows the letters in another order.
`without_invisible` removes them (every character of Unicode's "format" category, Cf); the
readers warn with `invisible_characters`, naming each one.

One exception: the zero-width non-joiner and joiner (U+200C, U+200D) are spelling inside Persian,
Arabic and Indic names ("Mohammad‌reza" in Persian script keeps its non-joiner): they stay between
two letters of a script that joins its letters, and go everywhere else.

`mixed_scripts` finds a word whose letters come from both Latin and Cyrillic: "Glіdden" with a
Cyrillic "і" looks like "Glidden" and is not. `homoglyph_readings` gives such a word in one script.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_JOINERS = frozenset("\u200c\u200d")
# Scripts whose spelling uses the joiners between letters (Unicode's own usage notes for ZWNJ/ZWJ).
_JOINING_SCRIPTS = ("ARABIC", "SYRIAC", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL",
                    "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "MONGOLIAN", "NKO", "THAANA")
# Not in category Cf, but invisible in a name all the same.
_ALSO_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u180e")  # Hangul fillers, Mongolian vowel separator


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or ch in _ALSO_INVISIBLE


def _joining_letter(ch: str) -> bool:
    if not ch or not (ch.isalpha() or unicodedata.category(ch).startswith("M")):
        return False
    name = unicodedata.name(ch, "")
    return name.startswith(_JOINING_SCRIPTS)


def _removable(text: str, at: int) -> bool:
    ch = text[at]
    if not _invisible(ch):
        return False
    if ch in _JOINERS:
        before = text[at - 1] if at > 0 else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        return not (_joining_letter(before) and _joining_letter(after))
    return True


def invisible_characters(text: str) -> list[str]:
    """The invisible and direction-control characters `without_invisible` would remove, in order."""
    if text.isascii():
        return []
    return [text[i] for i in range(len(text)) if _removable(text, i)]


def without_invisible(text: str) -> str:
    """`text` without invisible and direction-control characters (see the module's docstring);
    spaces around them are kept as they were, runs of spaces left for the caller's own stripping."""
    if text.isascii():
        return text
    return "".join(text[i] for i in range(len(text)) if not _removable(text, i))


def describe(characters: list[str]) -> str:
    """ "2 invisible characters (U+200B ZERO WIDTH SPACE, U+202E RIGHT-TO-LEFT OVERRIDE)"."""
    distinct = list(dict.fromkeys(characters))
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}" for c in distinct)
    count = len(characters)
    return f"{count} invisible character{'s' if count != 1 else ''} ({names})"


def script_of(ch: str) -> str:
    """ "latin", "cyrillic", "other" for a letter; "" for anything else."""
    if not ch.isalpha():
        return ""
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "other"


def scripts(text: str) -> frozenset[str]:
    return frozenset(s for s in map(script_of, text) if s)


# Letters that look alike in Latin and Cyrillic (lower case; the word is folded first).
_CYRILLIC_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "һ": "h", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l",
}
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES)
_TO_CYRILLIC = str.maketrans({v: k for k, v in reversed(list(_CYRILLIC_LOOKALIKES.items())) if v.isalpha()})


@lru_cache(maxsize=1 << 14)
def mixed_scripts(word: str) -> bool:
    """True when `word` holds both Latin and Cyrillic letters ("Glіdden" with a Cyrillic і)."""
    found = scripts(word)
    return "latin" in found and "cyrillic" in found


def homoglyph_readings(word: str) -> tuple[str, ...]:
    """A mixed-script word read wholly in Latin and wholly in Cyrillic, where its letters allow it:
    "glіdden" -> ("glidden",); "мусiн" (a Latin i) -> ("мусін",). Empty for a word in one script."""
    if not mixed_scripts(word):
        return ()
    readings = []
    latin = word.translate(_TO_LATIN)
    if scripts(latin) == {"latin"}:
        readings.append(latin)
    cyrillic = word.translate(_TO_CYRILLIC)
    if scripts(cyrillic) == {"cyrillic"}:
        readings.append(cyrillic)
    return tuple(readings)


def lookalike_letters(word: str) -> str:
    """The letters of a mixed-script word that are in its minority script, e.g. "і" in "Glіdden"."""
    letters = [(script_of(c), c) for c in word if script_of(c) in ("latin", "cyrillic")]
    latin = [c for s, c in letters if s == "latin"]
    cyrillic = [c for s, c in letters if s == "cyrillic"]
    minority = cyrillic if len(cyrillic) <= len(latin) else latin
    return "".join(dict.fromkeys(minority))
