"""The projector's clock in digits as large as its space allows, to be read from the back of a hall.

Textual's `Digits` draws every digit three lines tall whatever the room. This widget draws the
time ("2:45", "+0:12", "1:02:03") in a 5x7 dot font, each dot a square of half-block characters
(a terminal cell is about twice as tall as it is wide, so a half cell tall and one cell wide is
square), scaled to the largest whole size that fits the widget. Its size comes from the
stylesheet, never from its text: a new second redraws its lines and lays nothing out again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

# 5x7 dots per character ("#" a dot); the colon is narrower.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    ":": ("..", "..", "##", "..", "##", "..", ".."),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
    " ": ("...", "...", "...", "...", "...", "...", "..."),
}
ROWS = 7
# Two half-cell rows per line: the top dot, the bottom dot.
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def dots(text: str) -> list[str]:
    """The text as rows of dots ("#"), one dot of space between characters; None for a
    character the font lacks."""
    glyphs = [GLYPHS[char] for char in text if char in GLYPHS]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(ROWS)] if glyphs else []


def scale_for(text: str, width: int, height: int) -> int:
    """The largest whole size of a dot (cells wide, half-cells tall) at which `text` fits in
    `width` x `height` cells; 0 when it does not fit even at one."""
    rows = dots(text)
    if not rows:
        return 0
    return max(0, min(width // len(rows[0]), (2 * height) // ROWS))


def draw(text: str, width: int, height: int) -> list[str]:
    """`text` in big dots, centred in `width` x `height` cells (each line `width` long); the text
    itself, centred, when even the smallest dots do not fit."""
    scale = scale_for(text, width, height)
    if scale == 0:
        lines = [" " * width for _ in range(height)]
        if height:
            lines[height // 2] = text[:width].center(width)
        return lines
    rows = dots(text)
    dot_width, dot_height = len(rows[0]) * scale, ROWS * scale  # cells, half-cells
    left = (width - dot_width) // 2
    top = (2 * height - dot_height) // 2  # in half-cells
    if scale % 2 == 0:
        top -= top % 2  # whole cells per dot: full blocks, no ragged half-block edges

    def on(half: int, x: int) -> bool:
        row = (half - top) // scale
        return 0 <= half - top < dot_height and rows[row][x // scale] == "#"

    lines = []
    for y in range(height):
        cells = "".join(HALF_BLOCKS[on(2 * y, x), on(2 * y + 1, x)] for x in range(dot_width))
        lines.append((" " * left + cells).ljust(width))
    return lines


class BigClock(Widget):
    """Shows `value` (set with `update`) as large as the widget's region allows."""

    DEFAULT_CSS = """
    BigClock {
        height: 1fr;
        min-height: 3;
    }
    """

    def __init__(self, value: str = "", **kwargs):
        super().__init__(**kwargs)
        self._value = value
        self._drawn: tuple[tuple[str, int, int], Text] | None = None

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.refresh()

    def render(self) -> RenderResult:
        width, height = self.content_size
        key = (self._value, width, height)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, Text("\n".join(draw(self._value, width, height)), no_wrap=True, end=""))
        return self._drawn[1]
