"""Textual's footer, recomposed only when the keys it shows change.

Textual's `Footer` rebuilds all its key widgets whenever the screen's bindings may have changed,
which is on every focus change. On the session screen that is some thirty widgets mounted and
styled each time the rapporteur enters or leaves the note line (~0.1 s of a 2-core laptop), although
the keys shown are mostly the same. This footer compares what it would show first.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


def keys_shown(screen: Screen) -> tuple:
    """Everything of the screen's active bindings that the footer displays."""
    app = screen.app
    active = screen.active_bindings
    shown = tuple(
        (binding.key, app.get_key_display(binding), binding.description, binding.action, binding.group,
         enabled, tooltip)
        for _, binding, enabled, tooltip in active.values()
        if binding.show
    )
    palette = active.get(app.COMMAND_PALETTE_BINDING)
    return shown, (palette[1].key, palette[2]) if palette else None


class Footer(TextualFooter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._keys_shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = keys_shown(screen)
            if shown == self._keys_shown:
                return
            self._keys_shown = shown
        super().bindings_changed(screen)
