"""Which track a recommendation belongs to, asked when the session has no track of its own: the
forum as a whole first (a plenary's recommendation is usually the forum's), then each track."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from roundtable.domain.models import Track
from roundtable.domain.numbering import FORUM
from roundtable.tui.action_guard import ActsByTable, bindings


FORUM_CHOICE = "the Forum as a whole"
_FORUM_OPTION = "forum"  # an option's id ("" cannot name one); a track's is "track:<code>"


class TrackPicker(ActsByTable, ModalScreen[str | None]):
    """Returns the chosen track's code (FORUM, "", for the forum as a whole), or None on `escape`."""

    ACTION_PLACE = "track picker"
    BINDINGS = bindings("track picker")

    def __init__(self, tracks: Sequence[Track], title: str = "Recommendation for the Forum or which track?"):
        super().__init__()
        self.tracks = list(tracks)
        self.picker_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.picker_title), classes="dialog-title")
            yield OptionList(
                Option(Content(f"   {FORUM_CHOICE}"), id=_FORUM_OPTION),
                *[Option(Content(f"{n}. {t.code}  {t.title}"), id=f"track:{t.code}")
                  for n, t in enumerate(self.tracks, start=1)],
                id="track-options",
            )
            yield Label("enter chooses · esc cancels (the text stays on the note line)", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = event.option.id or ""
        self.dismiss(FORUM if option == _FORUM_OPTION else option.removeprefix("track:"))

    def action_cancel(self) -> None:
        self.dismiss(None)
