"""A storage error or a refusal during a key becomes a notice on screen; the application, and the
screen it happened on, stay up.

The application's writes run on the event loop, in short transactions that wait at most half a
second for another program's write lock (store/connection.py, INTERACTIVE_BUSY_TIMEOUT_MS). When
the lock is not free by then (a merge, an import, a second terminal's long action) or the disk
fails, SQLite raises; the transaction was rolled back, so nothing of the action was written. A
write this terminal may not make (`Refused`, from the store's check, domain/access.py) and a floor
command's refusal that no pane answered itself (`FloorRefused`, domain/floor_outcomes.py) are the
same kind of thing. What the user must see is one line, not a traceback and not a dead screen.

One boundary, `report_storage_error`, reached from every place a handler of ours runs (Textual
8.2):

- Actions (every key binding, the palette's commands, a click on a binding): `RoundtableApp.
  run_action`, Textual's public entry point for all of them (app.py).
- Message and event handlers (`on_*`) of every screen, widget and app of ours: `GuardsStorage`
  wraps each one its class defines, when the class is made (`__init_subclass__`). No Textual API
  is involved; the handler itself returns normally, so the node's message loop goes on (an
  exception that escapes a handler ends that node's loop: `MessagePump._process_messages_loop`
  reports it and breaks, which would leave a silently dead screen). Every screen and widget of
  ours has it (through `ActsByTable`, or named), and tests/test_error_boundary.py fails on a class
  that does not.
- What runs outside a message (timers, `call_next` callbacks such as a dialog's result):
  Textual offers no public hook, only `App._handle_exception`, which `RoundtableApp` overrides;
  tests/test_error_boundary.py fails loudly if a Textual upgrade stops routing those errors there.

Each shows the notice and has the screen re-read the forum, so what it shows is what the database
holds.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from textual.app import App

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


def guarded(handler: Callable[..., Any]) -> Callable[..., Any]:
    """`handler` (a method), with a guarded error reported instead of raised."""
    if getattr(handler, "_guarded", False):
        return handler
    if inspect.iscoroutinefunction(handler):
        @functools.wraps(handler)
        async def run(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return await handler(self, *args, **kwargs)
            except GUARDED_ERRORS as error:
                report_storage_error(self.app, error)
                return None
    else:
        @functools.wraps(handler)
        def run(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return handler(self, *args, **kwargs)
            except GUARDED_ERRORS as error:
                report_storage_error(self.app, error)
                return None
    run._guarded = True  # type: ignore[attr-defined]
    return run


def handler_names(cls: type) -> list[str]:
    """The message and event handlers `cls` itself defines (by Textual's naming convention)."""
    return [name for name, value in vars(cls).items()
            if name.startswith("on_") and inspect.isfunction(value) and not getattr(value, "_textual_on", None)]


class GuardsStorage:
    """Mixed into an App, Screen or Widget of ours: a guarded error raised by one of its handlers
    (`on_*`, its subclasses' too) is reported (`report_storage_error`) instead of ending its message
    loop and the application. (A handler registered with `@on` is not wrapped: name it `on_*`.)"""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in handler_names(cls):
            setattr(cls, name, guarded(vars(cls)[name]))
