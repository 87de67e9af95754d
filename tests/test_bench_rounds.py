"""`make bench`'s stopping rule and its README table (benchmarks/rounds.py, readme_table.py):
the numbers are made up here, nothing is timed."""

from __future__ import annotations

import json
import random

from benchmarks.figure import Figure
from benchmarks.readme_table import END, START, main as write_table
from benchmarks.rounds import Interval, Policy, bootstrap
from benchmarks.stats import median


def ratio_of_medians(ours: list[float], theirs: list[float]):
    return lambda picked: {"ratio": median([ours[i] for i in picked]) / median([theirs[i] for i in picked])}


def test_a_clear_ratio_is_decided_early_and_a_borderline_one_runs_to_the_bound():
    rng = random.Random(1)
    theirs = [10 + rng.random() for _ in range(40)]
    policy = Policy(min_rounds=10, max_rounds=200, step=10, precision=0.001)
    clear = bootstrap(10, ratio_of_medians([t * 0.7 for t in theirs], theirs))["ratio"]
    assert clear.low <= clear.value <= clear.high
    assert clear.decided(1.0) and policy.done(10, {"ratio": (clear, 1.0)})
    noisy = [t * rng.choice((0.9, 1.1)) for t in theirs]
    borderline = bootstrap(10, ratio_of_medians(noisy, theirs))["ratio"]
    assert not borderline.decided(1.0)
    assert not policy.done(10, {"ratio": (borderline, 1.0)})
    assert policy.done(200, {"ratio": (borderline, 1.0)})  # the bound: never more than the old fixed count


def test_a_narrow_interval_stops_even_when_it_straddles_the_target():
    policy = Policy(min_rounds=10, max_rounds=200, step=10, precision=0.05)
    assert policy.done(10, {"ratio": (Interval(1.0, 0.97, 1.02), 1.0)})
    assert not policy.done(10, {"ratio": (Interval(1.0, 0.8, 1.2), 1.0)})
    assert not policy.done(9, {"ratio": (Interval(0.5, 0.49, 0.51), 1.0)})  # never before min_rounds
    assert [n for n in range(1, 60) if policy.due(n)] == [10, 20, 30, 40, 50]


def test_the_readme_table_is_written_between_its_markers_with_misses_in_bold(tmp_path):
    detail = {"ours_p50_ms": 9.0, "ours_p99_ms": 61.0, "reference_p50_ms": 10.0, "reference_p99_ms": 60.0}
    figures = [
        Figure("start-up", 1.05, "×", 1.1, "ours 1,100 ms", 1.01, 1.08, 12, "startup"),
        Figure("p99", 61.0, "ms", 50.0, "", 55.0, 70.0, 40, "pilot:large-forum:save-note:p99-ms", detail),
        Figure("p50 ratio", 0.9, "×", 1.0, "", 0.85, 0.95, 40, "pilot:large-forum:save-note:p50-ratio", detail),
        Figure("p99 ratio", 1.02, "×", 1.0, "", 0.9, 1.1, 40, "pilot:large-forum:save-note:p99-ratio", detail),
    ]
    results = tmp_path / "run.json"
    results.write_text(json.dumps({"full": True, "date": "2026-12-02 19:00 UTC", "machine": "x86_64, 2 CPUs",
                                   "wall_seconds": 1500, "figures": [f.as_dict() for f in figures]}))
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{START}\nold table\n{END}\nafter\n")
    assert write_table([str(results), "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert text.startswith("before\n") and text.endswith(f"{END}\nafter\n") and "old table" not in text
    assert "| start-up (ours 1,100 ms) | 1.05 × [1.01–1.08] (12 rounds) | ≤ 1.1 × | pass |" in text
    assert "| save note | 9.0 / **61.0** ms | 0.90 [0.85–0.95] / **1.02** [0.90–1.10] |" in text
    assert "full run" in text and "25.0 min" in text
