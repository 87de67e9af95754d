"""Keeping Python's garbage collector out of the moderator's keys.

A full collection walks every object the process holds; in a session screen over a large forum
(the catalogues, the roster index, Textual's caches) that is 100–300 ms, and it falls on whatever
key happens to trigger it: `make bench` measured those pauses as the p99 of every key. So:

- after the application has built its screens, what it holds is long-lived: it is collected once,
  at a moment of our choosing (a screen opening), and frozen out of later collections
  (`gc.freeze`, what the Python documentation advises for such processes);
- the automatic full collection is made rare (young objects are still collected as usual, so a
  cycle made by a key is freed soon after it);
- the full collection happens instead when the room is quiet: no key for a few seconds (`idle`).
"""

from __future__ import annotations

import gc
import time

# Young generations as usual, a little less often; the oldest almost never on its own.
THRESHOLDS = (5_000, 20, 1_000)
QUIET_SECONDS = 3.0


def tune() -> None:
    gc.set_threshold(*THRESHOLDS)


def settle() -> None:
    """Collect everything now, then keep what is alive out of future collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class QuietCollector:
    """Runs `settle` when no key has been pressed for QUIET_SECONDS, once per quiet spell."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._settled_since_input = False

    def input(self) -> None:
        self.last_input = time.monotonic()
        self._settled_since_input = False

    def tick(self) -> None:
        if not self._settled_since_input and time.monotonic() - self.last_input >= QUIET_SECONDS:
            settle()
            self._settled_since_input = True
