"""The Textual driver of a served application process: Textual's WebDriver, made sure to end.

The server starts each browser's process with `TEXTUAL_DRIVER=roundtable.serve.driver:VenueDriver`.
Textual's own WebDriver has two ways of outliving its browser, both seen at a venue:

- when the server goes away (its end of stdin closes), the input thread stops but the app runs on,
  with nobody to read its screen, forever;
- asked to quit while it is still laying out its first screen (a headless Chromium that loads the
  page and leaves at once), Textual 8.2 can loop for ever re-laying out the screen (96% CPU), and
  SIGTERM only posts one more ExitApp behind that loop: only SIGKILL ended the process.

Here the server's quit, the end of stdin and SIGTERM all ask the app to exit, and a watchdog
thread ends the process if the app has not exited by itself within `EXIT_GRACE` seconds. Everything the app shows as saved
is committed already, so ending the process loses nothing.

One message is added to the server's protocol: `{"type": "repaint"}`, sent when a browser comes
back after losing the network, redraws the whole screen (what it missed meanwhile was dropped).
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import threading
import time

from textual import messages
from textual.drivers.web_driver import WebDriver

EXIT_GRACE = 3.0


class VenueDriver(WebDriver):
    _loop: asyncio.AbstractEventLoop | None = None
    _ending = False

    def start_application_mode(self) -> None:
        super().start_application_mode()
        self._loop = asyncio.get_running_loop()
        # A plain signal handler runs between two bytecodes of the main thread, even when the event
        # loop is too busy to run the loop-level handler that WebDriver installed.
        signal.signal(signal.SIGTERM, lambda signum, frame: self._end())

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # stdin ended before the app did: the server is gone
            self._end()

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "quit":  # the browser left: exit, and be sure of it
            self._end()
            return
        if packet_type == "repaint":
            if self._loop is not None:
                self._loop.call_soon_threadsafe(functools.partial(self._app.refresh, repaint=True, layout=True))
            return
        super().on_meta(packet_type, payload)

    def _end(self) -> None:
        """Ask the app to exit; if it has not within EXIT_GRACE seconds, end the process."""
        if self._ending:
            return
        self._ending = True
        if self._loop is not None:  # call_soon_threadsafe is safe from a signal handler and a thread
            self._loop.call_soon_threadsafe(self._app.post_message, messages.ExitApp())
        threading.Thread(target=_exit_later, args=(EXIT_GRACE,), name="venue-watchdog", daemon=True).start()


def _exit_later(delay: float) -> None:
    time.sleep(delay)
    os._exit(0)
