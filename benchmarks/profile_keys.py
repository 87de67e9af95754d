"""Where a key's time goes: cProfile over the Pilot harness, roundtable alone, one profile per key.

    python -m benchmarks.profile_keys [DB] [ROUNDS] [--top N] [--out DIR]

Runs `pilot_latency`'s rounds on roundtable only (no reference app in the process) and profiles
each key from the moment it is sent until the screen is composed, so a profile holds exactly what
the bench measures for that key (the harness's own polling included, a few per cent). Prints,
per key, the functions with the largest cumulative time; with `--out`, writes the .prof files
(`python -m pstats` or snakeviz reads them).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import shutil
import tempfile
from contextlib import AsyncExitStack
from pathlib import Path

from benchmarks import pilot_latency
from benchmarks.pilot_latency import KeyTimer, RoundtableDriver, _round


class ProfilingTimer(KeyTimer):
    """A KeyTimer that runs a profiler of its own for each key while the key is timed."""

    def __init__(self, app, pilot):
        super().__init__(app, pilot)
        self.profiles: dict[str, cProfile.Profile] = {}

    async def press(self, operation, key, shown, commits=False, typed=False):
        name = f"{operation}: {'letters typed' if typed else key}"
        profile = self.profiles.setdefault(name, cProfile.Profile())
        self._profile = profile
        await super().press(operation, key, shown, commits, typed)

    def started(self) -> None:
        self._profile.enable()

    def stopped(self) -> None:
        self._profile.disable()


async def _run(db: Path, rounds: int) -> ProfilingTimer:
    names, _, _ = pilot_latency._session_content(db)
    driver = RoundtableDriver(db)
    async with AsyncExitStack() as stack:
        plain = await driver.start(stack)
        timer = ProfilingTimer(plain.app, plain.pilot)
        for i in range(rounds):
            await _round(driver, timer, i, names[(i * 37) % len(names)])
    return timer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?", default="")
    parser.add_argument("rounds", nargs="?", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            db = Path(tmp) / "profiled.db"
            shutil.copy(args.db, db)
        else:
            from benchmarks import large_forum

            db = large_forum.build(Path(tmp) / "large.db")
        timer = asyncio.run(_run(db, args.rounds))
    for name, profile in timer.profiles.items():
        n = len(timer.by_key[name])
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        total = sum(t for (_, _, t, _, _) in stats.stats.values()) / n * 1000  # tottime summed: all work
        print(f"\n=== {name}: {n} presses, {total:.1f} ms profiled per press (median wall "
              f"{sorted(timer.by_key[name])[n // 2]:.1f} ms)")
        stats.sort_stats("cumulative").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines()[7:] if line.strip()))
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            profile.dump_stats(args.out / f"{name.replace(': ', '-').replace(' ', '_')}.prof")


if __name__ == "__main__":
    main()
