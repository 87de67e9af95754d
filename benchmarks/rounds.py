"""How many rounds a figure needs: repeat until it is known well enough, not a fixed count.

Each measurement is a series of rounds (a round: one of each operation, ours and the reference's
interleaved, so both see the same machine). After `min_rounds`, and then every `step` rounds, the
95% confidence interval of every figure is worked out by a paired bootstrap over the rounds (the
same rounds drawn for both apps, so a slow spell of the machine lands on both sides of a ratio).
The series stops when, for every figure, either

- the interval lies wholly on one side of the target: more rounds would not change the verdict; or
- the interval is narrow: its half-width is at most `precision` of the value (5% by default,
  a third of the ±15% the README says to expect between two runs on the same machine);

or when `max_rounds` is reached (what the old fixed count was: `make bench` never measures less
precisely than before on a figure that stays undecided and wide).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

RESAMPLES = 300


@dataclass(frozen=True)
class Interval:
    value: float
    low: float
    high: float

    def decided(self, target: float) -> bool:
        return self.high <= target or self.low > target

    def relative_half_width(self) -> float:
        return (self.high - self.low) / 2 / abs(self.value) if self.value else float("inf")


@dataclass(frozen=True)
class Policy:
    min_rounds: int
    max_rounds: int
    step: int
    precision: float = 0.05

    def done(self, rounds: int, figures: Mapping[str, tuple[Interval, float]]) -> bool:
        """`figures`: name -> (interval, target)."""
        if rounds >= self.max_rounds:
            return True
        if rounds < self.min_rounds:
            return False
        return all(iv.decided(target) or iv.relative_half_width() <= self.precision
                   for iv, target in figures.values())

    def due(self, rounds: int) -> bool:
        """Whether to look at the intervals after this many rounds."""
        return rounds >= self.max_rounds or (rounds >= self.min_rounds and (rounds - self.min_rounds) % self.step == 0)


def bootstrap(rounds: int, statistic: Callable[[list[int]], Mapping[str, float]],
              resamples: int = RESAMPLES, seed: int = 23) -> dict[str, Interval]:
    """Each figure `statistic` computes from a list of round indices, with its 95% interval from
    `resamples` draws of the rounds with replacement."""
    whole = statistic(list(range(rounds)))
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {name: [] for name in whole}
    for _ in range(resamples):
        values = statistic([rng.randrange(rounds) for _ in range(rounds)])
        for name, value in values.items():
            draws[name].append(value)
    intervals = {}
    for name, values in draws.items():
        values.sort()
        intervals[name] = Interval(whole[name], values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1])
    return intervals
