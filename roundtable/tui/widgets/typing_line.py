"""An Input whose letters do not lay the whole screen out again.

Textual's Input sets its `virtual_size` to the text's width on every change of its value, and
`Widget.virtual_size` is a reactive declared with `layout=True`: each letter typed then costs a
layout pass of the whole screen (every widget arranged again), which the profile of `make bench`
found to be most of a letter's time on the session screen (`python -m benchmarks.profile_keys`).
An Input of fixed size needs no layout when its
text grows: its scrolling reads `virtual_size` directly (`scroll_to_region`), and the letter is
repainted either way. So the lines typed into on the key path (the note line, the picker's line)
declare `virtual_size` again without `layout=True`. An Input with an `auto` width or height still
asks for its layout itself (Input._watch_value), so this stays right if the CSS ever makes it auto.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class TypingLine(Input):
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
