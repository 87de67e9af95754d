"""`p` on the session screen: the projector view of that session, full screen; `escape` or `p` returns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen

from roundtable.domain.models import Session
from roundtable.store import floor_reads
from roundtable.store.changes import PROGRAMME, ROSTER
from roundtable.tui.action_guard import ActsByTable, bindings
from roundtable.tui.messages import ForumChanged
from roundtable.tui.widgets.projector_view import ProjectorView
from roundtable.tui.storage_guard import GuardsStorage


class ProjectorScreen(ActsByTable, GuardsStorage, Screen):
    HELP = "What the hall sees. Nothing here changes the list of speakers."
    ACTION_PLACE = "projector"
    BINDINGS = bindings("projector")

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield ProjectorView(self.app.now)

    def on_mount(self) -> None:
        self.sub_title = f"{self.session.code} · projector"
        self.reload()

    def reload(self) -> None:
        state = floor_reads.floor_state(self.app.store, self.session.id, self.app.now())
        self.query_one(ProjectorView).show(self.session, state, self.app.forum.languages)

    def watched_scopes(self) -> frozenset[str]:
        return frozenset({self.session.id, ROSTER, PROGRAMME})

    def on_forum_changed(self, message: ForumChanged) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
