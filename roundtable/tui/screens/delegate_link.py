"""`q` on the participants screen (f2): a participant's personal link to the delegates' page, as a
QR code their phone scans from the screen, and `r` to revoke it (a lost badge, a link passed on):
the old link answers 403 from then on, its open page ends within a second, and the new link shows
here at once (print a new badge with `roundtable badges`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from roundtable.delegates.links import link_url
from roundtable.delegates.qr import terminal_lines
from roundtable.domain.models import Participant
from roundtable.store import delegate_keys
from roundtable.tui.action_guard import ActsByTable, bindings


class DelegateLinkScreen(ActsByTable, ModalScreen[None]):
    ACTION_PLACE = "delegate link"
    BINDINGS = bindings("delegate link")

    def __init__(self, person: Participant, public_url: str):
        super().__init__()
        self.person = person
        self.public_url = public_url
        self._confirming = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="link-dialog"):
            yield Label(Content(f"Personal link of {self.person.titled}"), classes="dialog-title")
            yield Static(id="link-qr")
            yield Label(id="link-url")
            yield Label(id="link-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show(delegate_keys.link_of(self.app.store, self._secret(), self.person.id, self.app.now()))

    def _secret(self) -> bytes:
        return delegate_keys.load_secret(self.app.store.path)

    def _show(self, link: delegate_keys.Link, revoked: bool = False) -> None:
        hint = "r revokes this link (r again to confirm) · esc closes"
        if link.key is None:
            self.query_one("#link-qr", Static).update("")
            self.query_one("#link-url", Label).update(Content("This link was made on another laptop: it cannot be "
                                                              "shown here. r revokes it and makes one here."))
        else:
            url = link_url(self.public_url, link.key)
            self.query_one("#link-qr", Static).update("\n".join(terminal_lines(url, quiet_zone=2)))
            self.query_one("#link-url", Label).update(Content(url))
        if revoked:
            hint = "Revoked: the old link answers 403; this is the new one · esc closes"
        self.query_one("#link-hint", Label).update(Content(hint))

    def action_revoke(self) -> None:
        if not self._confirming:
            self._confirming = True
            self.query_one("#link-hint", Label).update(Content("Revoke this link? r again revokes it · esc keeps it"))
            return
        self._confirming = False
        link = delegate_keys.revoke(self.app.store, self._secret(), self.person.id, self.app.now())
        self._show(link, revoked=True)
        self.notify(f"{self.person.name}'s link revoked; a new one is shown.", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
