"""What the session's attribution rule means for what is recorded, said where the rapporteur types."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from roundtable.tui.storage_guard import GuardsStorage

MESSAGES = {
    "attributed": "",
    "by-country": "By country: the outcome document attributes points to the country only"
    " (\"the representative of …\"), never to a name.",
    "chatham-house": "Chatham House Rule: speakers are recorded for the secretariat only;"
    " the outcome document will not name them or their organisations.",
    "off-record": "Off the record: nothing from this session will be exported;"
    " the document lists only its title and time.",
}


class AttributionBanner(GuardsStorage, Static):
    """Hidden for attributed sessions; one line in the rule's colour otherwise."""

    attribution: reactive[str] = reactive("attributed")

    def __init__(self, attribution: str = "attributed", **kwargs):
        super().__init__(**kwargs)
        self.set_reactive(AttributionBanner.attribution, attribution)

    def on_mount(self) -> None:
        self.watch_attribution(self.attribution)

    def watch_attribution(self, attribution: str) -> None:
        for rule in MESSAGES:
            self.set_class(rule == attribution, f"-{rule}")
        self.display = bool(MESSAGES.get(attribution))
        self.update(MESSAGES.get(attribution, ""))
