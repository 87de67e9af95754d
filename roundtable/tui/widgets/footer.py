"""The key bar at the bottom of every screen: one line of text, redrawn only when its keys change.

Textual's `Footer` is a container of one widget per key, recomposed whenever the screen's bindings
may have changed, which is on every focus change. On the session screen that is some thirty widgets
mounted, styled and laid out each time the rapporteur enters or leaves the note line: 0.1–0.15 s on
a 2-core laptop, measured by `make bench` (Pilot: escape from the note line). This bar shows the same
keys (`ctrl+p palette` at the right) as a single rendered line, so a focus change costs one render.
It is keyboard-first: the keys are read, not clicked. What this terminal may not do is not
offered (the screens' `check_action` asks the table of actions, tui/action_guard.py).
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


def keys_shown(screen: Screen) -> tuple[tuple[tuple[str, str, bool], ...], tuple[str, str] | None]:
    """(key display, description, enabled) of each action the footer shows, and the palette key."""
    app = screen.app
    active = screen.active_bindings
    seen: set[str] = set()
    shown = []
    rank = getattr(screen, "key_rank", None)  # a screen may put its most used keys first (the floor's)
    for node, binding, enabled, _tooltip in active.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        # The focused widget's own keys first, then the screen's in the screen's order, then the app's.
        place = (0 if node is not screen and node is not app else 1 if node is screen else 2,
                 rank(binding.action) if rank is not None and node is screen else 0)
        shown.append((place, len(shown), (app.get_key_display(binding), binding.description, enabled)))
    shown = [item for _, _, item in sorted(shown)]
    palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
    palette_key = (app.get_key_display(palette.binding), palette.binding.description) if palette else None
    return tuple(shown), palette_key


class Footer(Widget, can_focus=False):
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """
    COMPONENT_CLASSES = {"footer--key", "footer--disabled"}
    DEFAULT_CSS += """
    Footer > .footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    Footer > .footer--disabled {
        color: $text-disabled;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._keys: tuple = ((), None)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys = keys_shown(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        disabled_style = self.get_component_rich_style("footer--disabled")
        shown, palette = self._keys
        entries = [Text.assemble((f" {key} ", key_style if enabled else disabled_style),
                                 (f"{description} ", None if enabled else disabled_style))
                   for key, description, enabled in shown]
        tail = Text.assemble("▏", (f"{palette[0]}", key_style), f" {palette[1]}") if palette else Text()
        room = self.size.width - tail.cell_len
        # Whole keys only: a key whose description would be cut ("f2 Par…") is left to f1 and the
        # palette, and "…" says there are more.
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, entry in enumerate(entries):
            last = index == len(entries) - 1
            if line.cell_len + entry.cell_len + (0 if last else 1) > room:
                line.append("…" if line.cell_len < room else "")
                break
            line.append_text(entry)
        if palette is None:
            return line
        line.truncate(max(room, 0), overflow="ellipsis")
        line.append(" " * (room - line.cell_len))
        return line + tail
