"""The floor balance: share of speaking time by category and by gender, as text bars."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from roundtable.domain.durations import format_clock
from roundtable.domain.floor_balance import FloorBalance, Share

BAR_WIDTH = 8


def _bar(share: Share) -> str:
    filled = round(share.fraction * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _line(share: Share, width: int) -> str:
    return f"{share.label:<{width}} {_bar(share)} {share.fraction * 100:3.0f}% {format_clock(share.seconds):>6}"


def render_balance(balance: FloorBalance) -> str:
    shares = balance.by_category + balance.by_gender
    width = max(len(s.label) for s in shares)
    lines = [f"Floor balance · {format_clock(balance.total_seconds)} spoken"]
    lines += [_line(s, width) for s in balance.by_category]
    lines += [_line(s, width) for s in balance.by_gender]
    return "\n".join(lines)


class FloorBalanceView(Static):
    """Renders a FloorBalance; silent categories show an empty bar so they catch the eye."""

    balance: reactive[FloorBalance | None] = reactive(None, init=False)

    def watch_balance(self, balance: FloorBalance | None) -> None:
        if balance is not None:
            self.update(Content(render_balance(balance)))
