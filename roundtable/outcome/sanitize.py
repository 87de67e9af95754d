"""Making whatever a user typed safe for XML (and so for Word), and recognising right-to-left text.

XML 1.0 forbids the C0 control characters except tab, line feed and carriage return, the
surrogate code points (a lone surrogate cannot even be encoded as UTF-8) and U+FFFE / U+FFFF.
python-docx raises on the first and lxml on the others at save time, so every text that reaches a
renderer passes through `clean()` once, in assembly. Everything printable is kept: Cyrillic,
Kazakh letters, right-to-left scripts, emoji, very long lines.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but \t \n \r; DEL and the C1 controls (legal in XML 1.0 but never meant, and not
# printable); surrogates (in a Python str they are always lone); the two non-characters XML forbids.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """`text` without the characters XML cannot hold; None becomes "". Idempotent."""
    if not text:
        return ""
    if text.isascii() and text.isprintable():  # the common case, decided in C
        return text
    return _FORBIDDEN.sub("", text)


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional letter of `text` is right-to-left (Arabic, Hebrew...).

    That is how a reader decides a paragraph's direction (Unicode bidi rule P2), so Word gets
    `w:bidi` exactly for the paragraphs that start in a right-to-left script.
    """
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
