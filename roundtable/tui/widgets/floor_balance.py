"""The floor balance: share of speaking time by category, gender and UN regional group, and the
Gini coefficient across delegations, one line per dimension so it fits beside the queue."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from roundtable.domain.durations import format_clock
from roundtable.domain.floor_balance import FloorBalance, Share

_GINI_WORDS = ((0.15, "almost equal"), (0.35, "fairly even"), (0.55, "uneven"), (1.01, "a few delegations dominate"))


def _shares(title: str, shares: list[Share]) -> Content:
    """"gender   women 25% · men 75%"; a group that has not spoken stands out in the warning colour."""
    parts = [Content.styled(f"{title:<9}", "bold")]
    for i, share in enumerate(shares):
        if i:
            parts.append(Content(" · "))
        text = f"{share.label} {share.fraction * 100:.0f}%"
        parts.append(Content.styled(text, "$text-warning") if share.seconds == 0 else Content(text))
    return Content("").join(parts)


def gini_line(balance: FloorBalance) -> str:
    if balance.delegations < 2:
        return "Gini —  (fewer than two delegations have spoken)"
    words = next(word for bound, word in _GINI_WORDS if balance.gini < bound)
    return f"Gini {balance.gini:.2f} across {balance.delegations} delegations: {words} (0 = equal, 1 = one spoke alone)"


def render_balance(balance: FloorBalance) -> Content:
    lines = [
        Content.styled(f"Floor balance · {format_clock(balance.total_seconds)} spoken", "bold"),
        _shares("category", balance.by_category),
        _shares("gender", balance.by_gender),
        _shares("region", balance.by_region),
        Content(gini_line(balance)),
    ]
    return Content("\n").join(lines)


class FloorBalanceView(Static):
    """Renders a FloorBalance; silent groups are coloured so they catch the eye."""

    balance: reactive[FloorBalance | None] = reactive(None, init=False)

    def watch_balance(self, balance: FloorBalance | None) -> None:
        if balance is not None:
            self.update(render_balance(balance))
