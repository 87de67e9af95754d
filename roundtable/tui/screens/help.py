"""`f1`: every key of the screen underneath, with what it does.

Keys are grouped by where they work: the screen's own actions first (what the footer shows), then
the keys of the list or field that has focus (cursor movement), then those that work everywhere.
Several keys bound to one action are shown together ("shift+↑ / ["). What this terminal may not
do here (the table of actions, domain/actions.py) is listed last, under whose terminal it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from roundtable.domain.actions import Action
from roundtable.tui.action_guard import ActsByTable, bindings

_KEY_NAMES = {
    "escape": "esc",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "shift+up": "shift+↑",
    "shift+down": "shift+↓",
}


def _key_label(key: str, key_display: str | None) -> str:
    return key_display or _KEY_NAMES.get(key, key)


@dataclass
class _Group:
    title: str
    rows: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (action, description) -> keys

    def add(self, action: str, description: str, key: str) -> None:
        keys = self.rows.setdefault((action, description), [])
        if key not in keys:
            keys.append(key)

    def lines(self) -> list[str]:
        if not self.rows:
            return []
        out = [f"## {self.title}", ""]
        for (_action, description), keys in self.rows.items():
            out.append(f"- {' / '.join(f'`{k}`' for k in keys)} — {description}")
        return out + [""]


def _generic(cls: type) -> set[tuple[str, str]]:
    """(action, description) of the bindings Textual itself gives every screen or app."""
    return {(b.action, b.description) for b in cls.BINDINGS if isinstance(b, Binding)}


def markdown_literal(text: str) -> str:
    """`text` with Markdown's punctuation escaped: a session code such as "[x](y)" stays text."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~])", r"\\\1", text)


def keys_markdown(screen: Screen, title: str, intro: str = "", terminal: str = "",
                  refused: Sequence[Action] = ()) -> str:
    """The help text for `screen`: its keys grouped by where they work; `terminal` says whose
    terminal this is and what it may do, above the `refused` actions' keys."""
    own, focused, everywhere = _Group("This screen"), _Group("In the list or field"), _Group("Everywhere")
    seen: set[tuple[str, str]] = set()
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not binding.description:
            continue
        ident = (binding.action, binding.description)
        if isinstance(active.node, App) or ident in _generic(Screen):
            group = everywhere
        elif isinstance(active.node, Screen):
            group = own
        else:
            group = focused
        if ident in seen and ident not in group.rows:
            continue  # the same action shown already in a group listed earlier
        seen.add(ident)
        group.add(binding.action, binding.description, _key_label(key, binding.key_display))
    lines = [f"# {markdown_literal(title)}", ""]
    if intro:
        lines += [intro, ""]
    for group in (own, everywhere, focused):
        lines += group.lines()
    if terminal:
        lines += ["## Not on this terminal", "", markdown_literal(terminal), ""]
        for row in refused:
            labels = dict.fromkeys(_key_label(key, row.key_display) for key in row.keys.split(","))
            lines.append(f"- {' / '.join(f'`{label}`' for label in labels)} — {row.description}")
        lines += [""]
    lines += ["`ctrl+p` opens the command palette: every action here is there too. `esc` closes this help."]
    return "\n".join(lines)


class HelpScreen(ActsByTable, ModalScreen[None]):
    ACTION_PLACE = "help"
    BINDINGS = bindings("help")

    def __init__(self, markdown: str):
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(self.markdown)
