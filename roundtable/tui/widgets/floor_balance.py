"""The floor balance: share of speaking time by category, gender and UN regional group, and the
Gini coefficient across delegations, one line per dimension so it fits beside the queue.

The figures are `domain.statistics`'s (the document's own); only the short labels are the screen's."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from roundtable.domain.durations import format_clock
from roundtable.domain.regions import OBSERVER
from roundtable.domain.statistics import Balance, Share
from roundtable.tui.storage_guard import GuardsStorage

CATEGORY_LABELS = {
    "government": "govt",
    "international-organisation": "intl org",
    "private-sector": "private",
    "civil-society": "civil soc.",
    "academia": "academia",
    "other": "other",
}
GENDER_LABELS = {"f": "women", "m": "men", "x": "other gender", None: "not recorded"}
REGION_LABELS = {
    "african": "Africa",
    "asia-pacific": "Asia-Pacific",
    "eastern-european": "E. Europe",
    "latin-american-caribbean": "Lat. Am. & Carib.",
    "western-european-others": "WEOG",
    OBSERVER: "observers",
    None: "no group",
}
_GINI_WORDS = ((0.15, "almost equal"), (0.35, "fairly even"), (0.55, "uneven"), (1.01, "a few delegations dominate"))


def _shares(title: str, shares: list[Share], labels: dict) -> Content:
    """"gender   women 25% · men 75%"; a group that has not spoken stands out in the warning colour."""
    parts = [Content.styled(f"{title:<9}", "bold")]
    for i, share in enumerate(shares):
        if i:
            parts.append(Content(" · "))
        text = f"{labels.get(share.key, str(share.key))} {share.fraction * 100:.0f}%"
        parts.append(Content.styled(text, "$text-warning") if share.seconds == 0 else Content(text))
    return Content("").join(parts)


def gini_line(balance: Balance) -> str:
    totals = balance.totals
    if totals.delegations < 2:
        return "Gini —  (fewer than two delegations have spoken)"
    words = next(word for bound, word in _GINI_WORDS if totals.gini < bound)
    return f"Gini {totals.gini:.2f} across {totals.delegations} delegations: {words} (0 = equal, 1 = one spoke alone)"


def render_balance(balance: Balance) -> Content:
    lines = [
        Content.styled(f"Floor balance · {format_clock(balance.totals.seconds)} spoken", "bold"),
        _shares("category", balance.by_category, CATEGORY_LABELS),
        _shares("gender", balance.by_gender, GENDER_LABELS),
        _shares("region", balance.by_region, REGION_LABELS),
        Content(gini_line(balance)),
    ]
    return Content("\n").join(lines)


class FloorBalanceView(GuardsStorage, Static):
    """Renders a statistics.Balance; silent groups are coloured so they catch the eye."""

    balance: reactive[Balance | None] = reactive(None, init=False)

    def watch_balance(self, balance: Balance | None) -> None:
        if balance is not None:
            self.update(render_balance(balance), layout=False)  # its height is fixed by the stylesheet
