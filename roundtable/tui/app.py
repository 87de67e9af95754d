"""The roundtable application: the programme, then a screen per session, over one forum database."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
import datetime as dt

from textual import actions as textual_actions, events, work
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen

import os
import socket

from roundtable.domain import actions, clock, roles
from roundtable.domain.access import Actor
from roundtable import workspace
from roundtable.store import Store, open_store
from roundtable.store.connection import INTERACTIVE_BUSY_TIMEOUT_MS
from roundtable.store import programme as programme_store
from roundtable.store import search as search_store
from roundtable.tui.action_guard import bindings, refused_here, verdict
from roundtable.tui.database_watch import watch_database
from roundtable.tui import gc_tuning
from roundtable.tui.messages import SessionChosen
from roundtable.tui.screens.help import HelpScreen, keys_markdown
from roundtable.tui.screens.programme import ProgrammeScreen
from roundtable.tui.screens.recommendations import RecommendationsScreen
from roundtable.tui.screens.search import SearchScreen
from roundtable.tui.storage_guard import GUARDED_ERRORS, GuardsStorage, report_storage_error

class RoundtableApp(GuardsStorage, App):
    CSS_PATH = "app.tcss"
    TITLE = "roundtable"
    ACTION_PLACE = "app"
    BINDINGS = bindings("app")

    def __init__(
        self,
        store: Store,
        session_code: str | None = None,
        now: Callable[[], dt.datetime] = clock.now,
        *,
        role: str = "chair",
        track: str | None = None,
        role_locked: bool = False,
        delegates_url: str | None = None,
    ):
        """`role`, `track` and `role_locked` come from `roundtable open --role/--track` and from a
        venue key (`role_locked`: the palette may not switch the role)."""
        super().__init__()
        self.store = store
        # Writes run on the event loop: they wait for another program's write lock half a second at
        # most, then the action is refused with a notice (tui/storage_guard.py). Workers open their
        # own connection, which waits as long as the CLI's.
        store.set_busy_timeout(INTERACTIVE_BUSY_TIMEOUT_MS)
        self.now = now
        self.initial_session = session_code
        # The venue server's URL as phones reach it, for the delegates' links f2 shows (the venue
        # passes its own; a terminal: this machine's address, as `serve --venue --host 0.0.0.0`).
        self.delegates_url = delegates_url or _default_delegates_url()
        self.forum = programme_store.load_forum(store)
        # What this terminal may do (domain/access.py); its store checks every write against it.
        self.actor = Actor(role, track, venue=role_locked)
        store.actor = self.actor
        self.terminal_name = socket.gethostname()
        self._name_terminal()

    @property
    def role(self) -> str:
        return self.actor.role

    @property
    def track_code(self) -> str | None:
        """The track this terminal writes in (`open --track`, a venue key's `--rapporteur-track`)."""
        return self.actor.track

    @property
    def role_locked(self) -> bool:
        """A venue key set the role: the palette cannot switch it."""
        return self.actor.venue

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)) and hasattr(self, "_quiet"):
            self._quiet.input()  # the garbage collector waits for a quiet moment (gc_tuning.py)
        await super().on_event(event)

    def _name_terminal(self) -> None:
        """How the audit trail names this terminal: its role, host and process."""
        self.store.terminal = f"{self.actor.label} on {self.terminal_name}, pid {os.getpid()}"

    @property
    def draft_key_suffix(self) -> str:
        """Drafts are kept per terminal (role and host), so a chair's and a rapporteur's half-typed
        notes on one session never overwrite each other, and each comes back after a restart."""
        return f"{self.role}@{self.terminal_name}"

    def action_switch_role(self, role: str) -> None:
        """The palette's "Switch to …" (a laptop that does both); refused when a venue key set it."""
        self.switch_role(role)

    def switch_role(self, role: str) -> None:
        if self.role_locked or role == self.role or role not in roles.TERMINAL_ROLES:
            return
        self.actor = self.actor.with_role(role)
        self.store.actor = self.actor
        self._name_terminal()
        for screen in self.screen_stack:
            refresh = getattr(screen, "role_changed", None)
            if refresh is not None:
                refresh()
        self.notify(f"This terminal is now the {roles.describe(role)}.", markup=False)

    def on_mount(self) -> None:
        self.title = self.forum.title
        self.push_screen(
            ProgrammeScreen(self.forum, programme_store.load_tracks(self.store), programme_store.load_sessions(self.store))
        )
        if self.initial_session:
            session = programme_store.find_session(self.store, self.initial_session)
            if session is not None:
                self.open_session(session.id)
        gc_tuning.tune()
        self.call_after_refresh(gc_tuning.settle)  # the screens are built: collect once, then freeze
        self._quiet = gc_tuning.QuietCollector()
        self.set_interval(gc_tuning.QUIET_SECONDS, self._quiet.tick)
        self.database_watch = watch_database(self, self.store)

    def open_session(self, session_id: str, note_id: str | None = None) -> None:
        """Show the session's screen (the current one if it is already that session's), with the
        note `note_id` highlighted if given. The programme underneath turns to the session's day,
        so that leaving the session returns there."""
        from roundtable.tui.screens.session import SessionScreen

        screen = self.screen
        if isinstance(screen, SessionScreen) and screen.session.id == session_id:
            if note_id is not None:
                screen.highlight_note(note_id)
            return
        session = programme_store.load_session(self.store, session_id)
        if session is not None:
            for below in self.screen_stack:
                if isinstance(below, ProgrammeScreen):
                    below.show_session(session)
            screen = SessionScreen(session)
            screen.note_to_show = note_id
            self.push_screen(screen)

    async def action_quit(self) -> None:
        """Quitting with someone on the floor of the open session asks what happens to the clock."""
        from roundtable.tui.screens.session import SessionScreen

        screen = self.screen
        if isinstance(screen, SessionScreen):
            screen.leave(self.exit, leaving="Quitting roundtable")
            return
        self.exit()

    def open_recommendations(self, focus_id: str | None = None) -> None:
        if isinstance(self.screen, RecommendationsScreen):
            self.screen.focus_id = focus_id
            self.screen.reload()
            return
        self.push_screen(RecommendationsScreen(focus_id))

    def action_participants(self) -> None:
        """`f2`: the roster, to find, add, correct or merge people (screens/participants.py)."""
        from roundtable.tui.screens.participants import ParticipantsScreen

        if not isinstance(self.screen, ParticipantsScreen):
            self.push_screen(ParticipantsScreen())

    def action_recommendations(self) -> None:
        self.open_recommendations()

    def action_search(self) -> None:
        from roundtable.domain.models import Participant
        from roundtable.store import roster
        from roundtable.tui.screens.participants import ParticipantsScreen

        def jump(hit) -> None:
            if hit is None:
                return
            if isinstance(hit, Participant):
                self.push_screen(ParticipantsScreen(query=hit.name, select=hit.id))
            elif hit.kind == "note":
                self.open_session(hit.session_id, note_id=hit.id)
            else:
                self.open_recommendations(hit.id)

        store = self.store
        self.push_screen(SearchScreen(lambda text: search_store.search(store, text),
                                      lambda: roster.load_participants(store)), jump)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if verdict(self, self, action) is not None:
            return False
        if action == "recommendations" and isinstance(self.screen, RecommendationsScreen):
            return False
        return True

    async def run_action(self, action, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Every action, whatever asked for it (a key, the palette, a click on the screen), is first
        asked of the table of actions (tui/action_guard.py): one this terminal may not run is
        refused with one line, and its key goes no further."""
        destination, name, _params = action if isinstance(action, tuple) else textual_actions.parse(action)
        node = (namespaces or {}).get(destination) or (getattr(self, destination, None) if destination else None)
        node = node if isinstance(node, DOMNode) else (default_namespace or self)
        refusal = verdict(self, node, name)
        if refusal is not None:
            self.notify(refusal, severity="warning")
            return True
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except GUARDED_ERRORS as error:  # a storage error or a refusal is a notice (tui/storage_guard.py)
            report_storage_error(self, error)
            return True

    def on_session_chosen(self, message: SessionChosen) -> None:
        self.open_session(message.session_id)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        screen = self.screen
        title = f"Keys: {screen.sub_title or type(screen).__name__}"
        refused = refused_here(screen)
        terminal = self.actor.refusal() if refused else ""
        self.push_screen(HelpScreen(keys_markdown(screen, title, getattr(screen, "HELP", ""), terminal, refused)))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is plain text, whoever sends it: they quote names, titles, paths and
        error messages, which are never Textual markup (a name "[/]" would crash the toast)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """What escapes a timer or a `call_next` callback (a dialog's result) lands here, where
        Textual would end the application; a storage error only refuses the action (storage_guard.py).
        Private Textual API (no public hook): tests/test_error_boundary.py pins the routing."""
        if isinstance(error, GUARDED_ERRORS):
            report_storage_error(self, error)
            return
        super()._handle_exception(error)

    def action_export(self) -> None:
        # Not `exclusive=True`: that would cancel the export under way, whose thread would still
        # write the same file while the new one does.
        if any(worker.group == "export" and not worker.is_finished for worker in self.workers):
            self.notify("The outcome document is still being written.", timeout=3)
            return
        self.notify("Writing the outcome document…", timeout=2)
        self._export()

    @work(thread=True, group="export")
    def _export(self) -> None:
        """Assemble and write the Word file off the event loop, on a connection of its own."""
        from roundtable.outcome.export import export

        try:
            with open_store(self.store.path, create=False) as store:
                store.actor = self.actor  # a worker's connection writes no more than this terminal may
                written = export(store, workspace.export_path(store, self.forum.id, "docx"), "docx")
        except Exception as error:  # reported to the user, never swallowed
            self.call_from_thread(self.notify, f"Export failed: {error}", title="Export", severity="error")
            return
        self.call_from_thread(self._written, written, "Outcome document written")

    def action_offline_copy(self) -> None:
        self.notify("Copying the forum…", timeout=2)
        self._offline_copy()

    @work(thread=True, exclusive=True, group="offline-copy")
    def _offline_copy(self) -> None:
        """A copy of the forum to carry on without the network, merged back later (`roundtable merge`)."""
        from roundtable.domain import clock
        from roundtable.store.offline_copy import offline_copy

        moment = clock.now().strftime("%Y%m%d-%H%M%S")
        target = workspace.exports_dir(self.store) / f"{self.forum.id}-offline-{moment}.db"
        try:
            with open_store(self.store.path, create=False) as store:
                store.actor = self.actor
                written = offline_copy(store, target)
        except Exception as error:  # reported to the user, never swallowed
            self.call_from_thread(self.notify, f"Copy failed: {error}", title="Offline copy", severity="error")
            return
        self.call_from_thread(self._written, written, "Offline copy written (open it with roundtable open; "
                              "merge it back with roundtable merge)")

    def _written(self, path, title: str) -> None:
        """Tell where a file went; in a browser, deliver it as a download too (not only on the server's disk)."""
        if self.is_web:
            self.deliver_binary(path)
        self.notify(str(path), title=title, timeout=8, markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers what this terminal may do on the current screen (the table of actions:
        its keys, and the palette's own rows), besides Textual's own commands, and "Undo …" / "Redo …"
        with the name of the action they would undo or redo. Each runs through `run_action`."""
        yield from super().get_system_commands(screen)
        helps = {"offline_copy": "A copy to carry on without the network; merge it back later with `roundtable merge`",
                 "switch_role": "What this terminal may do (roundtable open --role)"}
        for row in actions.of_place("app"):
            if row.keys or verdict(self, self, row.name) is not None or row.params == (self.role,):
                continue
            yield SystemCommand(row.description, helps.get(row.name, ""),
                                lambda action=row.invocation: self.call_later(self.run_action, action))
        for method, action in (("undo_title", "undo"), ("redo_title", "redo")):
            title = getattr(screen, method, lambda: None)()
            if title and verdict(self, screen, action) is None:
                yield SystemCommand(title, f"Key: ctrl+{'z' if action == 'undo' else 'y'}",
                                    lambda action=action, node=screen: self.call_later(self.run_action, action, node))
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            if binding.action in ("undo", "redo"):
                continue  # offered above with what it would undo
            yield SystemCommand(
                binding.description,
                f"Key: {binding.key_display or key}",
                lambda action=binding.action, node=active.node: self.call_later(self.run_action, action, node),
            )

    def on_unmount(self) -> None:
        self.store.close()


def _default_delegates_url() -> str:
    from roundtable.delegates.links import NetworkError, default_public_url

    try:
        return default_public_url()
    except NetworkError:
        return "http://127.0.0.1:8000"
