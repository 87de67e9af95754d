"""A personal link as a QR code (segno): the modules to draw in a PDF, or lines of a terminal.

Error correction M (15 % of the code may be damaged: a badge is folded, scratched, half behind a
lanyard) and the 4-module quiet zone the standard asks for.
"""

from __future__ import annotations

from collections.abc import Iterator

import segno

QUIET_ZONE = 4


def matrix(url: str, quiet_zone: int = QUIET_ZONE) -> list[list[bool]]:
    """The code's modules, dark = True, quiet zone included."""
    code = segno.make(url, error="m", boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=quiet_zone)]


def dark_runs(modules: list[list[bool]]) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules: what a PDF draws as one
    rectangle each (a few hundred instead of a thousand squares)."""
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                yield y, start, x - start
            else:
                x += 1


def terminal_lines(url: str, quiet_zone: int = QUIET_ZONE) -> list[str]:
    """The code in half blocks, two rows of modules per line, dark modules drawn: shown dark on light
    (the screen's tcss gives it black on white, as a camera expects). A terminal of 24 lines holds
    it with a quiet zone of 2."""
    modules = matrix(url, quiet_zone)
    if len(modules) % 2:
        modules.append([False] * len(modules[0]))
    glyphs = {(True, True): "█", (False, False): " ", (True, False): "▀", (False, True): "▄"}
    return ["".join(glyphs[(top, bottom)] for top, bottom in zip(modules[y], modules[y + 1]))
            for y in range(0, len(modules), 2)]
