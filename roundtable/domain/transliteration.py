"""Names found in any script: "musin" finds Мусин, "Добролюбова" finds Dobrolyubova.

A moderator on a Latin keyboard types a Cyrillic or Kazakh name as it sounds, and the other way
round. Both sides are transliterated to Latin with anyascii (a maintained library, not a table of
our own), then the common spelling variants are folded: y/j/i, gh/g, kh/h, q/k, zh/j, shch/sh,
x/ks, a leading "ye"/"ie" and doubled letters. So "Aigul" meets anyascii's "Aygul" (Айгүл),
"Bagdat Mussin" meets "Baghdat Musin" (Бағдат Мусин), "Yerlan" meets "Erlan" (Ерлан).

`spelling_key` is computed once per name when the roster index is built; a query is folded the
same way, word by word.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from roundtable.domain.text_match import fold

_RULES = (
    (re.compile(r"shch|sch"), "sh"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"\b(?:ye|ie)"), "e"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled letters: Mussin, Musin
)


def spelling_key(text: str) -> str:
    """`text` in Latin letters with spelling variants folded (lower case, no accents)."""
    key = fold(anyascii(fold(text))).lower()
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key
