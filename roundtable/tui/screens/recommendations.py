"""Recommendations for the Forum as a whole, then by track, numbered as the outcome document will
number them.

`s` cycles the status, `e` edits the text and addressee, `shift+up/down` reorders within the track
(and status), `m` merges the highlighted recommendation into another, `d` lists likely duplicates;
`ctrl+z` and `ctrl+y` undo and redo any of these (the board's undo log, store/recommendations.py).
A recommendation that absorbed others shows their texts below it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from roundtable.domain.addressees import ADDRESSEES
from roundtable.domain.models import Recommendation, Session, Track
from roundtable.domain.numbering import NumberedRecommendation, number_recommendations, numbers_by_id
from roundtable.domain.similarity import likely_duplicates
from roundtable.store import programme as programme_store
from roundtable.store import recommendations as store
from roundtable.store import undo_log
from roundtable.store.changes import PROGRAMME, RECOMMENDATIONS
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.messages import ForumChanged
from roundtable.tui.screens.duplicates import DuplicatesScreen
from roundtable.tui.screens.recommendation_editor import RecommendationEditor
from roundtable.tui.screens.track_picker import FORUM_CHOICE
from roundtable.tui.widgets.footer import Footer
from roundtable.tui.storage_guard import GuardsStorage

STATUS_STYLE = {"agreed": "bold green", "proposed": "yellow", "dropped": "dim strike"}


def recommendation_prompt(
    item: NumberedRecommendation, sessions: dict[str, Session], merging: bool = False,
    absorbed: Sequence[str] = (),
) -> Table:
    """Number, status, then the text with its addressee and origin below it (hanging indent), and
    the texts it absorbed in merges."""
    rec = item.recommendation
    body = Text()
    if merging:
        body.append("merging: pick the one to merge it into ", style="reverse")
        body.append(" ")
    body.append(rec.text, style="dim" if rec.status == "dropped" else "")
    origin = sorted({sessions[s.session_id].code for s in rec.sources if s.session_id in sessions})
    details = [f"→ {rec.addressed_to}" if rec.addressed_to else "→ addressee not set"]
    if origin:
        details.append("from " + ", ".join(origin))
    if len(rec.sources) > 1:
        details.append(f"{len(rec.sources)} sources")
    body.append("\n" + " · ".join(details), style="dim")
    for text in absorbed:
        body.append(f"\nabsorbed: {text}", style="dim italic")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=5, justify="right")
    grid.add_column(width=8)
    grid.add_column(ratio=1)
    grid.add_row(
        Text(item.number or "—", style="bold"), Text(rec.status, style=STATUS_STYLE.get(rec.status, "")), body
    )
    return grid


class RecommendationsScreen(ActsByTable, GuardsStorage, Screen):
    HELP = (
        "Recommendations for the Forum as a whole (numbered `1`, `2`, ...), then by track (`<track>.<k>`), "
        "numbered as in the outcome document: agreed ones first, then proposed ones; dropped ones are not "
        "numbered and never exported."
    )
    ACTION_PLACE = "recommendations"
    BINDINGS = bindings("recommendations")

    def __init__(self, focus_id: str | None = None):
        super().__init__()
        self.focus_id = focus_id
        self.merging: str | None = None  # the recommendation being merged into another
        self.numbers: dict[str, str] = {}
        self.recs: dict[str, Recommendation] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Numbered as in the outcome document: agreed first, then proposed; dropped ones are not exported.",
            id="recommendations-intro",
        )
        yield OptionList(id="recommendations")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Recommendations" + (f" · {self.app.actor.label}: writes track {self.app.track_code}'s only"
                                              if self.app.track_code else "")
        self.reload()
        self.query_one("#recommendations", OptionList).focus()

    def reload(self) -> None:
        app_store = self.app.store
        tracks: list[Track] = programme_store.load_tracks(app_store)
        titles = {t.code: t.title for t in tracks}
        sessions = {s.id: s for s in programme_store.load_sessions(app_store)}
        recs = store.load_recommendations(app_store)
        absorbed = store.absorbed_texts(app_store)
        self.recs = {r.id: r for r in recs}
        groups = number_recommendations([t.code for t in tracks], recs)
        self.numbers = numbers_by_id(groups)
        listing = self.query_one("#recommendations", OptionList)
        keep = self.focus_id or (listing.highlighted_option.id if listing.highlighted_option else None)
        self.focus_id = None
        options: list[Option] = []
        for group in groups:
            if group.forum_wide:
                header = Text(f"Forum  {FORUM_CHOICE}", style="bold")
            else:
                header = Text(f"{group.track_number}. {group.track_code}  {titles.get(group.track_code, '')}",
                              style="bold")
            options.append(Option(header, id=f"track:{group.track_code}", disabled=True))
            if not group.items:
                options.append(Option(Text("      no recommendation yet", style="dim italic"), disabled=True))
            for item in group.items:
                rec_id = item.recommendation.id
                options.append(Option(recommendation_prompt(item, sessions, rec_id == self.merging,
                                                            absorbed.get(rec_id, ())), id=rec_id))
        listing.set_options(options)
        ids = [o.id for o in options]
        if keep is not None and keep in ids:
            listing.highlighted = ids.index(keep)
        else:
            listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    def _selected(self) -> Recommendation | None:
        option = self.query_one("#recommendations", OptionList).highlighted_option
        if option is None or option.disabled or option.id not in self.recs:
            return None
        return self.recs[option.id]

    def write_track(self) -> str | None:
        """Where the board's keys write (tui/action_guard.py): the highlighted recommendation's track."""
        rec = self._selected()
        return rec.track_code if rec is not None else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.app.track_code:  # what the key bar offers follows the highlighted one's track
            self.refresh_bindings()

    def watched_scopes(self) -> frozenset[str]:
        return frozenset({RECOMMENDATIONS, PROGRAMME})

    def on_forum_changed(self, message: ForumChanged) -> None:
        self.reload()

    def _called(self, rec_id: str) -> str | None:
        """How the undo log calls it: its number (None, for its first words, when dropped)."""
        return self.numbers.get(rec_id)

    def action_cycle_status(self) -> None:
        rec = self._selected()
        if rec is not None:
            status = store.cycle_status(self.app.store, rec.id, self.app.now(), self._called(rec.id))
            self.reload()
            self.notify(f"{status.capitalize()}: numbered {self.numbers.get(rec.id, '— (not exported)')}.")

    def action_move(self, offset: int) -> None:
        rec = self._selected()
        if rec is None:
            return
        if not store.move(self.app.store, rec.id, offset, self.app.now(), self._called(rec.id)):
            self.notify(f"Already at the {'top' if offset < 0 else 'bottom'} of the {rec.status} ones of its track.")
        self.reload()

    def action_edit(self) -> None:
        rec = self._selected()
        if rec is None:
            return
        if self.merging is not None:
            self.action_merge()
            return
        addressees = store.addressees_in_use(self.app.store) + list(ADDRESSEES)

        def edited(change) -> None:
            if change is not None:
                store.update_recommendation(self.app.store, rec.id, change.text, change.addressed_to, self.app.now(),
                                            self._called(rec.id))
                self.reload()

        self.app.push_screen(RecommendationEditor(rec, self.numbers.get(rec.id), addressees), edited)

    def action_merge(self) -> None:
        rec = self._selected()
        if rec is None:
            return
        if self.merging is None:
            self.merging = rec.id
            self.reload()
            self.notify("Pick the recommendation to merge it into and press m (esc cancels).")
            return
        absorbed, self.merging = self.merging, None
        if absorbed == rec.id:
            self.reload()
            return
        self._merge(absorbed, rec.id)
        self.notify(f"Merged into {self.numbers.get(rec.id, 'it')}: both sources kept. e rewords it, ctrl+z undoes.")

    def _merge(self, absorbed_id: str, survivor_id: str) -> None:
        store.merge(self.app.store, absorbed_id, survivor_id, self.app.now(),
                    (self._called(absorbed_id), self._called(survivor_id)))
        self.focus_id = survivor_id
        self.reload()

    def action_duplicates(self) -> None:
        pairs = likely_duplicates(list(self.recs.values()))
        if not pairs:
            self.notify("No likely duplicates.")
            return

        def chosen(pair) -> None:
            if pair is None:
                return
            self._merge(pair.second.id, pair.first.id)
            self.notify(f"Merged into {self.numbers.get(pair.first.id, 'the first')}: both sources kept.")
            self.call_after_refresh(self.action_duplicates)

        self.app.push_screen(DuplicatesScreen(pairs, self.numbers), chosen)

    def action_undo(self) -> None:
        self._step(store.undo, "Undone", "Nothing to undo on the board.")

    def action_redo(self) -> None:
        self._step(store.redo, "Redone", "Nothing to redo on the board.")

    def _step(self, step, done: str, nothing: str) -> None:
        self.merging = None
        # A terminal limited to a track undoes its own actions (in its track), not another track's.
        own = self.app.store.terminal if self.app.track_code else None
        try:
            entry = step(self.app.store, self.app.now(), own)
        except undo_log.UndoRefused as refused:
            self.notify(str(refused), severity="warning", markup=False)
            return
        if entry is None:
            self.notify(nothing)
            return
        self.reload()
        self.notify(f"{done}: {entry.label}.", markup=False)

    def action_back(self) -> None:
        if self.merging is not None:
            self.merging = None
            self.reload()
            return
        self.app.pop_screen()
