"""`f1`: every key of the screen underneath, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown


def _key_label(key: str) -> str:
    return {"space": "space", "escape": "esc", "enter": "enter"}.get(key, key)


def keys_markdown(screen: Screen, title: str, intro: str = "") -> str:
    lines = [f"# {title}", ""]
    if intro:
        lines += [intro, ""]
    lines += ["| key | action |", "| --- | --- |"]
    seen = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or (binding.action, binding.description) in seen:
            continue
        seen.add((binding.action, binding.description))
        shown = binding.key_display or _key_label(key)
        lines.append(f"| `{shown}` | {binding.description} |")
    lines += ["", "`ctrl+p` opens the command palette: every action here is there too. `esc` closes this help."]
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def __init__(self, markdown: str):
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(self.markdown)
