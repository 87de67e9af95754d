"""A personal link as a QR code (segno): the modules to draw in a PDF, or lines of a terminal.

Error correction M (15 % of the code may be damaged: a badge is folded, scratched, half behind a
lanyard) and the 4-module quiet zone the standard asks for.
"""

from __future__ import annotations

from collections.abc import Iterator

import segno

QUIET_ZONE = 4


def matrix(url: str) -> list[list[bool]]:
    """The code's modules, dark = True, quiet zone included."""
    code = segno.make(url, error="m", boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


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


def terminal_lines(url: str) -> list[str]:
    """The code in half blocks, two rows of modules per line (light modules as "█", dark as " ",
    for a dark terminal: a phone's camera reads light-on-dark codes as well)."""
    modules = matrix(url)
    if len(modules) % 2:
        modules.append([False] * len(modules[0]))
    glyphs = {(False, False): "█", (True, True): " ", (False, True): "▀", (True, False): "▄"}
    return ["".join(glyphs[(top, bottom)] for top, bottom in zip(modules[y], modules[y + 1]))
            for y in range(0, len(modules), 2)]
