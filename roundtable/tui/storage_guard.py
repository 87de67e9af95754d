"""A storage error during a key action becomes a notice on screen; the application stays up.

The application's writes run on the event loop, in short transactions that wait at most half a
second for another program's write lock (store/connection.py, INTERACTIVE_BUSY_TIMEOUT_MS). When
the lock is not free by then (a merge, an import, a second terminal's long action) or the disk
fails, SQLite raises; the transaction was rolled back, so nothing of the action was written. What
the user must see is that, not a traceback.

Where Textual 8.2 lets us catch it. Every exception that escapes a handler reaches
`App._handle_exception`, which ends the application; and an exception that escapes a *message*
handler also ends the message loop of the node that ran it (`MessagePump._process_messages_loop`
reports it and breaks), so a screen would stop answering even if the application survived. Hence:

- `GuardsStorage._dispatch_message`, on the app and on every screen or widget whose handlers touch
  the store: every event and message handler of that node runs inside it. Key bindings are run by
  the app's own loop (`App._on_key` -> `run_action`), so the app's guard covers every key action on
  every screen, the palette's commands too.
- `RoundtableApp._handle_exception` (see app.py) for what runs outside a message: timers and
  `call_next` callbacks, such as what a dialog's result does, after which Textual carries on.

Both call `report_storage_error`, which shows the notice and has the screen re-read the forum, so
what it shows is what the database holds. A write this terminal may not make (`Refused`, from the
store's check, domain/access.py) is reported the same way, with its one line, and so is a floor
command's refusal that no screen answered itself (FloorRefused, domain/floor_outcomes.py).
"""

from __future__ import annotations

from textual.app import App
from textual.message import Message

from roundtable.domain.access import Refused
from roundtable.domain.floor_outcomes import FloorRefused
from roundtable.store import STORAGE_ERRORS, is_busy
from roundtable.tui.messages import ForumChanged

BUSY_NOTICE = "The forum is busy (another program is writing to it); your action was not saved; try again."
# What a handler may raise that refuses the action and leaves the application running.
GUARDED_ERRORS: tuple[type[Exception], ...] = (*STORAGE_ERRORS, Refused, FloorRefused)


def notice_for(error: BaseException) -> str:
    if is_busy(error):
        return BUSY_NOTICE
    return f"The forum database could not be used ({error}); your action was not saved."


def report_storage_error(app: App, error: BaseException) -> None:
    if isinstance(error, (Refused, FloorRefused)):
        app.notify(str(error), severity="warning")
    else:
        app.notify(notice_for(error), title="Not saved", severity="error", timeout=6)
    app.screen.post_message(ForumChanged())


class GuardsStorage:
    """Mixed into an App, Screen or Widget: a storage error raised by one of its handlers is
    reported (`report_storage_error`) instead of ending its message loop and the application."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except GUARDED_ERRORS as error:
            report_storage_error(self.app, error)  # type: ignore[attr-defined]
