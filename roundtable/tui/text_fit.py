"""Text cut or wrapped to a number of terminal cells at a word, with "…" where something was left out.

A title cut in the middle of a word ("Partnerships for smart governan") reads as a typo; cut at
the word before, with an ellipsis ("Partnerships for smart…"), it reads as shortened. Widths are
terminal cells (a CJK character takes two), as the screen counts them.
"""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def _hard_cut(word: str, width: int) -> str:
    """`word` cut to `width` cells, the last one an ellipsis (a word longer than the whole room)."""
    if width <= 0:
        return ""
    out = ""
    for char in word:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + ELLIPSIS


def cut_at_word(text: str, width: int) -> str:
    """`text` on one line of at most `width` cells: whole when it fits, else the words that fit
    followed by "…" (a first word too long for the room is cut inside, with "…")."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    words = text.split(" ")
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) + 1 > width:
            break
        kept = candidate
    if not kept:
        return _hard_cut(words[0], width)
    return kept.rstrip(",;:—–-") + ELLIPSIS


def wrap_words(text: str, width: int, lines: int) -> list[str]:
    """`text` wrapped at words into at most `lines` lines of at most `width` cells; what does not
    fit ends the last line with "…" (cut at a word, as `cut_at_word`)."""
    wrapped: list[list[str]] = []  # the words of each line
    for word in text.split():
        if wrapped and cell_len(" ".join([*wrapped[-1], word])) <= width:
            wrapped[-1].append(word)
        else:
            wrapped.append([word])
    if len(wrapped) <= lines:
        return [cut_at_word(" ".join(words), width) for words in wrapped]
    kept = [" ".join(words) for words in wrapped[: lines - 1]]
    rest = " ".join(word for words in wrapped[lines - 1:] for word in words)
    return [cut_at_word(line, width) for line in kept] + [cut_at_word(rest, width)]


def narrowest(text: str, lines: int) -> int:
    """The fewest cells in which `text` wraps at words into at most `lines` lines, whole."""
    words = text.split()
    if not words:
        return 0
    width = max(cell_len(word) for word in words)
    while len(wrap_words(text, width, lines + 1)) > lines:
        width += 1
    return width
