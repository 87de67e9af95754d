"""Rate limits of the delegates' page: a token bucket per key (a person, an address).

A bucket holds up to `burst` taps and refills one every `every` seconds: a delegate may ask,
change their mind and withdraw in a few seconds, but not tap a hundred times a minute; an address
(a delegation's hotspot, the venue's NAT) may carry many delegates, so its bucket is larger.
Buckets full again are forgotten, so the table stays as small as the current burst of activity.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    burst: int
    every: float  # seconds per token


# A person: 8 taps at once, then one every 4 s. An address: 120 at once, then 10 a second.
# Wrong keys from one address: 10, then one every 6 s (keys cannot be guessed; this keeps the log quiet).
PERSON = Rate(8, 4.0)
ADDRESS = Rate(120, 0.1)
WRONG_KEYS = Rate(10, 6.0)


class Buckets:
    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic, limit: int = 100_000):
        self.rate = rate
        self.clock = clock
        self.limit = limit
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, as of)

    def _tokens(self, key: str, now: float) -> float:
        tokens, since = self._buckets.get(key, (self.rate.burst, now))
        return min(self.rate.burst, tokens + (now - since) / self.rate.every)

    def take(self, key: str) -> float:
        """Take one token for `key`: 0 when allowed, else the seconds until one is free."""
        now = self.clock()
        tokens = self._tokens(key, now)
        if tokens < 1:
            return (1 - tokens) * self.rate.every
        if len(self._buckets) >= self.limit:
            self._forget_full(now)
        self._buckets[key] = (tokens - 1, now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        for key in [k for k in self._buckets if self._tokens(k, now) >= self.rate.burst]:
            del self._buckets[key]
        if len(self._buckets) >= self.limit:  # a flood of distinct keys: start afresh rather than grow
            self._buckets.clear()
